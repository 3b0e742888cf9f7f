/**
 * Incremental lift of a journey against its holdout (control) group: the share of profiles that converted within
 * the attribution window after entering, and their revenue, for runs that received the journey vs runs held out
 * (journey_runs.status = 'holdout'), with the two-proportion test and its confidence interval.
 */
import { compareProportions, type ProportionComparison } from '../analytics/experiments/index.ts';
import type { SqlExecutor } from '../store/store.ts';
import type { AttributionOptions } from './report-options.ts';

export interface ArmOutcome {
  profiles: number;
  converted: number;
  revenue: number;
  conversionRate: number | null;
  revenuePerProfile: number | null;
}

export interface HoldoutLift {
  treated: ArmOutcome;
  holdout: ArmOutcome;
  /** Null without holdout runs. */
  comparison: ProportionComparison | null;
  /** (treated rate − holdout rate) × treated profiles. */
  incrementalConversions: number | null;
  /** (treated revenue per profile − holdout revenue per profile) × treated profiles. */
  incrementalRevenue: number | null;
}

export async function journeyHoldoutLift(
  executor: SqlExecutor,
  journeyId: string,
  attribution: AttributionOptions,
): Promise<HoldoutLift> {
  const { dialect } = executor;
  const revenue = ['revenue', 'amount', 'total']
    .map((key) => dialect.tryCastDouble(dialect.jsonText('e.properties', [key])))
    .join(', ');
  // One row per (arm, profile): a profile counts once per arm even if it entered several times.
  const rows = await executor.query<{ arm: string; profiles: number; converted: number; revenue: number }>(
    `with entries as (
       select case when r.status = 'holdout' then 'holdout' else 'treated' end as arm, r.profile_id,
              min(r.started_at) as started_at
         from journey_runs r where r.journey_id = $1 group by 1, r.profile_id),
     outcomes as (
       select x.arm, x.profile_id, count(e.message_id) as orders, coalesce(sum(coalesce(${revenue}, 0)), 0) as revenue
         from entries x
         left join events e on e.profile_id = x.profile_id and e.type = 'track'
               and e.event in (select unnest($2::varchar[]))
               and e.occurred_at >= x.started_at and e.occurred_at < x.started_at + ${dialect.daysInterval('$3')}
        group by x.arm, x.profile_id)
     select arm, count(*) as profiles, sum(case when orders > 0 then 1 else 0 end) as converted,
            sum(revenue) as revenue
       from outcomes group by arm`,
    [journeyId, attribution.conversionEvents, attribution.windowDays],
  );
  const arm = (name: string): ArmOutcome => {
    const row = rows.find((candidate) => candidate.arm === name);
    const profiles = Number(row?.profiles ?? 0);
    const converted = Number(row?.converted ?? 0);
    const total = Number(row?.revenue ?? 0);
    return {
      profiles,
      converted,
      revenue: total,
      conversionRate: profiles > 0 ? converted / profiles : null,
      revenuePerProfile: profiles > 0 ? total / profiles : null,
    };
  };
  const treated = arm('treated');
  const holdout = arm('holdout');
  if (holdout.profiles === 0 || treated.profiles === 0) {
    return { treated, holdout, comparison: null, incrementalConversions: null, incrementalRevenue: null };
  }
  const comparison = compareProportions(
    { conversions: holdout.converted, trials: holdout.profiles },
    { conversions: treated.converted, trials: treated.profiles },
  );
  return {
    treated,
    holdout,
    comparison,
    incrementalConversions: comparison.absoluteLift * treated.profiles,
    incrementalRevenue:
      ((treated.revenuePerProfile ?? 0) - (holdout.revenuePerProfile ?? 0)) * treated.profiles,
  };
}
