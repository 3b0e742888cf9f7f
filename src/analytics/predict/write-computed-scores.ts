/**
 * Writes model outputs computed in TypeScript onto `profiles.computed` as plain numbers (`computed.clv`,
 * `computed.churn_risk`, …), where segments read them (`churn_risk > 0.7`). Every profile first loses the keys, so
 * a profile the model no longer scores does not keep a stale value; then the new values are written in chunks of
 * list parameters. Call it inside one transaction so readers see either the old scores or the new ones.
 */
import type { SqlExecutor } from '../../store/store.ts';

export interface ScoredProfile {
  profileId: string;
  /** One finite number per key, in `keys` order. */
  values: readonly number[];
}

/** Rows per UPDATE: large enough to amortise the statement, small enough to keep parameters modest. */
const CHUNK_SIZE = 50_000;

export async function writeComputedScores(
  tx: SqlExecutor,
  options: {
    keys: readonly string[];
    profiles: readonly ScoredProfile[];
    /** Keys removed from every profile first (default: `keys`); a superset when a model may write fewer keys. */
    clearKeys?: readonly string[];
  },
): Promise<void> {
  const { dialect } = tx;
  const { keys, profiles, clearKeys = keys } = options;
  if (clearKeys.length > 0) await clearScores(tx, clearKeys);
  if (keys.length === 0) return;

  const written = keys.reduce(
    (column, key, index) => dialect.jsonWithKey(column, key, `scores.value_${index}`),
    'computed',
  );
  const columns = keys
    .map((_, index) => `unnest($${index + 2}::double precision[]) as value_${index}`)
    .join(', ');
  for (let start = 0; start < profiles.length; start += CHUNK_SIZE) {
    const chunk = profiles.slice(start, start + CHUNK_SIZE);
    await tx.execute(
      `update profiles set computed = ${written}
         from (select unnest($1::varchar[]) as profile_id, ${columns}) scores
        where profiles.id = scores.profile_id`,
      [
        chunk.map((profile) => profile.profileId),
        ...keys.map((_, index) => chunk.map((profile) => valueAt(profile, index))),
      ],
    );
  }
}

async function clearScores(tx: SqlExecutor, keys: readonly string[]): Promise<void> {
  const { dialect } = tx;
  const hasAnyKey = keys.map((key) => `${dialect.jsonText('computed', [key])} is not null`).join(' or ');
  const cleared = keys.reduce((column, key) => dialect.jsonWithoutKey(column, key), 'computed');
  await tx.execute(`update profiles set computed = ${cleared} where ${hasAnyKey}`);
}

function valueAt(profile: ScoredProfile, index: number): number {
  const value = profile.values[index];
  if (value === undefined || !Number.isFinite(value)) {
    // A NaN would be written as invalid JSON on one engine and null on the other: refuse it here.
    throw new Error(
      `score ${index} of profile ${profile.profileId} is not a finite number: ${String(value)}`,
    );
  }
  return value;
}
