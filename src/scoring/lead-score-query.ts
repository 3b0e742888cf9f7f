/**
 * Lead scores as one SQL statement over `events`: per rule, the decayed points of every matching event summed per
 * profile and capped; then the rules summed per profile and rounded to cents. Every value is a parameter.
 *
 *   score = Σ_rules clamp(Σ_matching events points · 2^(−age_days / halfLifeDays), −maxPoints, maxPoints)
 *
 * Events after `now` do not count (scores "as of" a time are reproducible).
 */
import type { LeadScoreRule, LeadScoring } from '../schema/lead-score.ts';
import type { SqlValue, SqlExecutor } from '../store/store.ts';

export interface LeadScoreQuery {
  /** Rows `(profile_id, score)` for the profiles with at least one matching event. */
  sql: string;
  params: SqlValue[];
}

const SECONDS_PER_DAY = 86_400;

function ruleSql(
  executor: SqlExecutor,
  rule: LeadScoreRule,
  bind: (value: SqlValue) => string,
  scope: string,
): string {
  const { dialect } = executor;
  const conditions = [`occurred_at <= $1`, `type = ${bind(rule.type)}`];
  if (rule.event !== undefined)
    conditions.push(`${rule.type === 'track' ? 'event' : 'name'} = ${bind(rule.event)}`);
  for (const [key, value] of Object.entries(rule.where)) {
    conditions.push(`${dialect.jsonText('properties', [key])} = ${bind(String(value))}`);
  }
  if (scope) conditions.push(scope);
  const epoch = 'cast(extract(epoch from occurred_at) as double precision)';
  const points = `sum(cast(${bind(rule.points)} as double precision) * exp(cast($3 as double precision) * (${epoch} - cast($2 as double precision))))`;
  const capped =
    rule.maxPoints === undefined
      ? 'points'
      : `least(greatest(points, -cast(${bind(rule.maxPoints)} as double precision)), cast(${bind(rule.maxPoints)} as double precision))`;
  return `select profile_id, ${capped} as points
            from (select profile_id, ${points} as points from events
                   where ${conditions.join(' and ')} group by profile_id) per_rule`;
}

export function buildLeadScoreQuery(
  executor: SqlExecutor,
  scoring: LeadScoring,
  options: { now: Date; profileIds?: readonly string[] | undefined },
): LeadScoreQuery {
  // $2 and $3 are numbers: exp($3 · (t − $2)) is the decay factor of an event at epoch second t.
  const rate = scoring.halfLifeDays === undefined ? 0 : Math.LN2 / (scoring.halfLifeDays * SECONDS_PER_DAY);
  const params: SqlValue[] = [options.now, options.now.getTime() / 1000, rate];
  const bind = (value: SqlValue) => {
    params.push(value);
    return `$${params.length}`;
  };
  const scope = options.profileIds
    ? `profile_id in (select unnest(${bind([...options.profileIds])}::varchar[]))`
    : '';
  const rules = scoring.rules.map((rule) => ruleSql(executor, rule, bind, scope));
  return {
    sql: `select profile_id, floor(sum(points) * 100 + 0.5) / 100 as score
            from (${rules.join('\n union all\n')}) scored group by profile_id`,
    params,
  };
}
