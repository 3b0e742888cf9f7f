/**
 * Pausing, resuming and archiving. A paused journey starts no runs and executes no steps; on resume, triggers that
 * happened while it was paused are skipped (its trigger cursor moves to now), so a long pause does not release a
 * flood of stale entries. Archiving is final: live runs end as `cancelled`.
 */
import { SegmintError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { requireJourney, type Journey, type JourneyStatus } from './journey-store.ts';

export type JourneyStatusAction = 'pause' | 'resume' | 'archive';

const TARGET_STATUS: Record<JourneyStatusAction, JourneyStatus> = {
  pause: 'paused',
  resume: 'active',
  archive: 'archived',
};

export async function changeJourneyStatus(
  store: Store,
  idOrName: string,
  action: JourneyStatusAction,
  options: { now: Date },
): Promise<Journey> {
  const { now } = options;
  const id = await store.transaction(async (tx) => {
    const journey = await requireJourney(tx, idOrName);
    if (journey.status === 'archived') {
      throw new SegmintError('conflict', `Journey "${journey.name}" is archived; it cannot be ${action}d.`);
    }
    const status = TARGET_STATUS[action];
    // Repeating an action changes nothing (a second resume must not skip entries).
    if (journey.status === status) return journey.id;
    if (action === 'resume') {
      await tx.execute(
        `update journeys set status = $2, trigger_cursor = $3, updated_at = $3 where id = $1`,
        [journey.id, status, now],
      );
    } else {
      await tx.execute('update journeys set status = $2, updated_at = $3 where id = $1', [
        journey.id,
        status,
        now,
      ]);
    }
    if (action === 'archive') {
      await tx.execute(
        `update journey_runs set status = 'cancelled', due_at = null, updated_at = $2
          where journey_id = $1 and status in ('active', 'waiting')`,
        [journey.id, now],
      );
    }
    return journey.id;
  });
  return requireJourney(store, id);
}
