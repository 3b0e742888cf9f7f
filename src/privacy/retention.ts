/**
 * Retention: raw events older than a policy's number of days are deleted, per event name (`Product Viewed`) or per
 * call type (`page`). What was computed from them stays: computed traits, RFM, models and segment membership are
 * materialised in their own columns and tables, and are only recomputed when their owners refresh them.
 */
import { SegmintError } from '../errors.ts';
import { parseOrThrow } from '../schema/parse-or-throw.ts';
import { retentionPolicySchema, type RetentionPolicy } from '../schema/privacy.ts';
import type { SqlExecutor, Store } from '../store/store.ts';

const DAY_MS = 24 * 3600 * 1000;

export async function setRetentionPolicy(
  executor: SqlExecutor,
  input: { scope?: string; name: string; days: number | string },
  now: Date,
): Promise<RetentionPolicy> {
  const policy = parseOrThrow(retentionPolicySchema, input, 'retention policy');
  await executor.execute('delete from retention_policies where scope = $1 and name = $2', [
    policy.scope,
    policy.name,
  ]);
  await executor.execute(
    'insert into retention_policies (scope, name, days, updated_at) values ($1, $2, $3, $4)',
    [policy.scope, policy.name, policy.days, now],
  );
  return policy;
}

export async function removeRetentionPolicy(
  executor: SqlExecutor,
  input: { scope: 'event' | 'type'; name: string },
): Promise<void> {
  const removed = await executor.execute('delete from retention_policies where scope = $1 and name = $2', [
    input.scope,
    input.name,
  ]);
  if (removed === 0)
    throw new SegmintError(
      'not_found',
      `No retention policy for ${input.scope} '${input.name}'. List them with 'segmint retention show'.`,
    );
}

export async function listRetentionPolicies(executor: SqlExecutor): Promise<RetentionPolicy[]> {
  const rows = await executor.query<{ scope: 'event' | 'type'; name: string; days: number }>(
    'select scope, name, days from retention_policies order by scope, name',
  );
  return rows.map((row) => ({ scope: row.scope, name: row.name, days: Number(row.days) }));
}

export interface RetentionResult {
  /** Events deleted per policy, keyed `event:Product Viewed` or `type:page`. */
  deleted: Record<string, number>;
}

/** Deletes raw events older than each policy allows, in one transaction. */
export async function applyRetention(store: Store, options: { now: Date }): Promise<RetentionResult> {
  return store.transaction(async (tx) => {
    const deleted: Record<string, number> = {};
    for (const policy of await listRetentionPolicies(tx)) {
      const cutoff = new Date(options.now.getTime() - policy.days * DAY_MS);
      const column = policy.scope === 'event' ? 'event' : 'type';
      deleted[`${policy.scope}:${policy.name}`] = await tx.execute(
        `delete from events where ${column} = $1 and occurred_at < $2`,
        [policy.name, cutoff],
      );
    }
    return { deleted };
  });
}
