/**
 * Claiming due runs. On PostgreSQL the rows are locked `FOR UPDATE SKIP LOCKED` for the rest of the batch's
 * transaction, so several workers take disjoint batches and never execute a step of the same run at once. DuckDB
 * has one writer (the server's worker), so a plain select suffices there.
 */
import { z } from 'zod';
import type { SqlExecutor } from '../../store/store.ts';
import { readRunState } from '../run-state.ts';
import type { WorkingRun } from './working-run.ts';

const claimedRowSchema = z.object({
  id: z.string(),
  journey_id: z.string(),
  version: z.coerce.number(),
  profile_id: z.string(),
  node_id: z.string(),
  status: z.enum(['active', 'waiting']),
  due_at: z.date(),
  state: z.unknown(),
  waiting_since: z.date().nullable(),
});

export async function claimDueRuns(
  tx: SqlExecutor,
  options: { now: Date; limit: number },
): Promise<WorkingRun[]> {
  const locking = tx.dialect.name === 'postgres' ? ' for update skip locked' : '';
  const rows = await tx.query(
    `select id, journey_id, version, profile_id, node_id, status, due_at, state, waiting_since
       from journey_runs
      where status in ('active', 'waiting') and due_at <= $1
        and journey_id in (select id from journeys where status = 'active')
      order by due_at
      limit $2${locking}`,
    [options.now, options.limit],
  );
  return rows.map((row) => {
    const parsed = claimedRowSchema.parse(row);
    return {
      id: parsed.id,
      journeyId: parsed.journey_id,
      version: parsed.version,
      profileId: parsed.profile_id,
      nodeId: parsed.node_id,
      status: parsed.status,
      dueAt: parsed.due_at,
      state: readRunState(parsed.state),
      waitingSince: parsed.waiting_since,
      changed: false,
    };
  });
}
