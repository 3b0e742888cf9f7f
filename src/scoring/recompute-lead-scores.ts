/**
 * Writes lead scores into `profiles.computed.lead_score`. Every profile gets a score (0 without matching events),
 * so `lead_score < 10` finds cold leads too; only profiles whose score changed are written, and their ids come
 * back so real-time segments can be re-evaluated for exactly those (see scoring-pass.ts).
 */
import { LEAD_SCORE_TRAIT } from '../schema/lead-score.ts';
import type { Store } from '../store/store.ts';
import { buildLeadScoreQuery } from './lead-score-query.ts';
import { markLeadScoresRecomputed, requireLeadScoring } from './lead-scoring-store.ts';

export interface LeadScoreRecompute {
  version: number;
  asOf: Date;
  /** Profiles whose score changed, by id. */
  changedProfileIds: string[];
}

export async function recomputeLeadScores(
  store: Store,
  options: { now: Date; profileIds?: readonly string[] | undefined },
): Promise<LeadScoreRecompute> {
  return store.transaction(async (tx) => {
    const scoring = await requireLeadScoring(tx);
    const { dialect } = tx;
    const query = buildLeadScoreQuery(tx, scoring.definition, options);
    const next = query.params.length + 1;
    const scope = options.profileIds ? ` and p.id in (select unnest($${next}::varchar[]))` : '';
    const params = options.profileIds ? [...query.params, [...options.profileIds]] : query.params;
    const current = dialect.tryCastDouble(dialect.jsonText('p.computed', [LEAD_SCORE_TRAIT]));
    const changes = `select p.id as profile_id, coalesce(s.score, 0) as score
                       from profiles p left join (${query.sql}) s on s.profile_id = p.id
                      where ${current} is distinct from coalesce(s.score, 0)${scope}`;
    const changed = await tx.query<{ profile_id: string }>(
      `update profiles set computed = ${dialect.jsonWithKey('computed', LEAD_SCORE_TRAIT, 'c.score')}
         from (${changes}) c where profiles.id = c.profile_id returning profiles.id as profile_id`,
      params,
    );
    if (!options.profileIds) await markLeadScoresRecomputed(tx, scoring.version, options.now);
    return {
      version: scoring.version,
      asOf: options.now,
      changedProfileIds: changed.map((row) => row.profile_id).sort(),
    };
  });
}
