/** The lead-scoring rule set (one per store, table `lead_scoring`): save a new version, read it back. */
import { z } from 'zod';
import { SegmintError } from '../errors.ts';
import { leadScoringSchema, type LeadScoring } from '../schema/lead-score.ts';
import { parseOrThrow } from '../schema/parse-or-throw.ts';
import type { SqlExecutor, Store } from '../store/store.ts';

/** The one row's id: the store holds a single rule set. */
const SCORING_ID = 'lead_score';

export interface SavedLeadScoring {
  definition: LeadScoring;
  version: number;
  updatedAt: Date;
  /** When scores were last recomputed with this version; null: not yet. */
  recomputedAt: Date | null;
}

const scoringRowSchema = z.object({
  definition: z.unknown(),
  version: z.coerce.number(),
  updated_at: z.date(),
  recomputed_at: z.date().nullable(),
});

export async function findLeadScoring(executor: SqlExecutor): Promise<SavedLeadScoring | undefined> {
  const rows = await executor.query(
    'select definition, version, updated_at, recomputed_at from lead_scoring where id = $1',
    [SCORING_ID],
  );
  if (rows[0] === undefined) return undefined;
  const row = scoringRowSchema.parse(rows[0]);
  const json: unknown = typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition;
  return {
    definition: parseOrThrow(leadScoringSchema, json, 'lead scoring'),
    version: row.version,
    updatedAt: row.updated_at,
    recomputedAt: row.recomputed_at,
  };
}

export async function requireLeadScoring(executor: SqlExecutor): Promise<SavedLeadScoring> {
  const scoring = await findLeadScoring(executor);
  if (!scoring) {
    throw new SegmintError(
      'not_found',
      'No lead-scoring rules are set. Set them with `segmint scoring set rules.json|.yaml` ' +
        '(e.g. { "rules": [{ "event": "Demo Requested", "points": 20 }], "halfLifeDays": 30 }).',
    );
  }
  return scoring;
}

/** Saves the rules as a new version; scores follow on the next recompute (`recomputeLeadScores`). */
export async function setLeadScoring(store: Store, input: unknown, now: Date): Promise<SavedLeadScoring> {
  const definition = parseOrThrow(leadScoringSchema, input, 'lead scoring');
  return store.transaction(async (tx) => {
    const current = await findLeadScoring(tx);
    if (current) {
      await tx.execute(
        'update lead_scoring set definition = $2, version = version + 1, updated_at = $3, recomputed_at = null where id = $1',
        [SCORING_ID, JSON.stringify(definition), now],
      );
    } else {
      await tx.execute(
        'insert into lead_scoring (id, definition, version, updated_at, recomputed_at) values ($1, $2, 1, $3, null)',
        [SCORING_ID, JSON.stringify(definition), now],
      );
    }
    return requireLeadScoring(tx);
  });
}

/** Records that scores now reflect the saved rules as of `at` (checked against the version read). */
export async function markLeadScoresRecomputed(
  executor: SqlExecutor,
  version: number,
  at: Date,
): Promise<void> {
  await executor.execute('update lead_scoring set recomputed_at = $3 where id = $1 and version = $2', [
    SCORING_ID,
    version,
    at,
  ]);
}
