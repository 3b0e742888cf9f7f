/**
 * Set-wise updates of live runs from what happened in a scan window: exit criteria (the profile left the trigger
 * segment, or performed the conversion event after its run started) end runs; a matching event wakes runs waiting
 * for it (they become due now and the worker's resume step checks the event again and moves them on).
 */
import { SqlParameters } from '../../segments/compile/sql-parameters.ts';
import type { SqlExecutor } from '../../store/store.ts';
import type { JourneyDefinitions, LoadedJourney } from '../engine/journey-definitions.ts';
import { compileAwaitedEvents } from '../engine/wait-steps.ts';
import type { ScanWindow } from './trigger-candidates.ts';

export async function applyExitCriteria(
  tx: SqlExecutor,
  input: { journey: LoadedJourney; window: ScanWindow; now: Date; triggerSegmentId: string | undefined },
): Promise<{ exited: number; converted: number }> {
  const { journey, window, now } = input;
  const { exit } = journey.definition;
  let exited = 0;
  let converted = 0;
  if (exit.leavesTriggerSegment && input.triggerSegmentId !== undefined) {
    exited = await tx.execute(
      `update journey_runs set status = 'exited', due_at = null, waiting_since = null, updated_at = $1
        where journey_id = $2 and status in ('active', 'waiting')
          and exists (select 1 from segment_transitions t
                       where t.segment_id = $3 and t.kind = 'exited' and t.profile_id = journey_runs.profile_id
                         and t.occurred_at > $4 and t.occurred_at <= $5 and t.occurred_at >= journey_runs.started_at)`,
      [now, journey.journeyId, input.triggerSegmentId, window.from, window.to],
    );
  }
  if (exit.conversion) {
    const params = new SqlParameters(tx.dialect, 4);
    const filter = compileAwaitedEvents(tx, params, exit.conversion);
    converted = await tx.execute(
      `update journey_runs set status = 'converted', due_at = null, waiting_since = null, updated_at = $1
        where journey_id = $2 and status in ('active', 'waiting')
          and exists (select 1 from events e
                       where e.profile_id = journey_runs.profile_id and e.received_at > $3 and e.received_at <= $4
                         and e.received_at > journey_runs.started_at and ${filter})`,
      [now, journey.journeyId, window.from, window.to, ...params.values],
    );
  }
  return { exited, converted };
}

/** Makes runs waiting at an event wait due when their event arrived in the window (every live version). */
export async function wakeEventWaits(
  tx: SqlExecutor,
  input: { journeyId: string; definitions: JourneyDefinitions; window: ScanWindow; now: Date },
): Promise<number> {
  const versions = await tx.query<{ version: number }>(
    `select distinct version from journey_runs where journey_id = $1 and status = 'waiting'`,
    [input.journeyId],
  );
  let woken = 0;
  for (const { version } of versions) {
    const journey = await input.definitions.get(tx, input.journeyId, Number(version));
    for (const node of journey.definition.nodes) {
      if (node.type !== 'wait_for_event') continue;
      const params = new SqlParameters(tx.dialect, 6);
      const filter = compileAwaitedEvents(tx, params, node);
      woken += await tx.execute(
        `update journey_runs set due_at = $1
          where journey_id = $2 and version = $3 and node_id = $4 and status = 'waiting' and due_at > $1
            and exists (select 1 from events e
                         where e.profile_id = journey_runs.profile_id and e.received_at > $5 and e.received_at <= $6
                           and e.received_at >= journey_runs.waiting_since and ${filter})`,
        [
          input.now,
          input.journeyId,
          Number(version),
          node.id,
          input.window.from,
          input.window.to,
          ...params.values,
        ],
      );
    }
  }
  return woken;
}
