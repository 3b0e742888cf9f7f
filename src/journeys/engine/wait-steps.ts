/**
 * The waiting nodes. Arriving at one records a step that says until when the run waits; when the run is due again
 * (or, for an event wait, woken by a matching event) a resume step records which way it went on.
 */
import { parseDurationMs, type JourneyNode } from '../../schema/journey.ts';
import { compileEventFilter } from '../../segments/compile/compile-events.ts';
import { SqlParameters } from '../../segments/compile/sql-parameters.ts';
import type { SqlExecutor } from '../../store/store.ts';
import { readProfileTraits } from './profile-traits.ts';
import type { PendingStep, StepContext } from './step-context.ts';
import { dateTraitPlusOffset, isValidTimeZone, nextTimeOfDay, traitAt } from './wait-times.ts';
import type { StepOutcome } from './working-run.ts';

type WaitNode = Extract<JourneyNode, { type: 'delay' | 'wait_until' | 'wait_for_event' }>;
type EventWaitNode = Extract<JourneyNode, { type: 'wait_for_event' }>;
type Outcomes = Map<string, StepOutcome>;

export async function arriveAtWait(
  context: StepContext,
  node: WaitNode,
  steps: readonly PendingStep[],
): Promise<Outcomes> {
  const { now } = context;
  const outcomes: Outcomes = new Map();
  if (node.type === 'delay') {
    const until = new Date(now.getTime() + (parseDurationMs(node.duration) ?? 0)).toISOString();
    for (const { run } of steps) outcomes.set(run.id, { output: { until }, move: { kind: 'wait', until } });
  } else if (node.type === 'wait_for_event') {
    const until = new Date(now.getTime() + (parseDurationMs(node.timeout) ?? 0)).toISOString();
    const since = now.toISOString();
    for (const { run } of steps) {
      outcomes.set(run.id, {
        output: { until, event: node.event },
        move: { kind: 'wait', until, since },
        statePatch: { waitDeadline: until },
      });
    }
  } else {
    const traits = await readProfileTraits(
      context.tx,
      steps.map(({ run }) => run.profileId),
    );
    for (const { run } of steps) {
      const profileTraits = traits.get(run.profileId);
      const until = waitUntilTime(node, profileTraits, now);
      outcomes.set(
        run.id,
        until === undefined || until <= now
          ? {
              output: { passed: true, reason: until ? 'time already past' : 'no date' },
              move: { kind: 'goto', nodeId: node.next ?? null },
            }
          : { output: { until: until.toISOString() }, move: { kind: 'wait', until: until.toISOString() } },
      );
    }
  }
  return outcomes;
}

function waitUntilTime(
  node: Extract<WaitNode, { type: 'wait_until' }>,
  traits: unknown,
  now: Date,
): Date | undefined {
  const { until } = node;
  if (until.type === 'time_of_day') {
    const zone = traitAt(traits, 'timezone');
    return nextTimeOfDay(now, until.time, isValidTimeZone(zone) ? zone : until.defaultTimezone);
  }
  return dateTraitPlusOffset(traitAt(traits, until.trait), until.offset);
}

/** A due waiting run goes on: after a delay or wait-until to `next`; after an event wait by what happened. */
export async function resumeWait(
  context: StepContext,
  node: WaitNode,
  steps: readonly PendingStep[],
): Promise<Outcomes> {
  const outcomes: Outcomes = new Map();
  if (node.type !== 'wait_for_event') {
    for (const { run } of steps)
      outcomes.set(run.id, { output: { resumed: true }, move: { kind: 'goto', nodeId: node.next ?? null } });
    return outcomes;
  }
  const matched = await runsWithAwaitedEvent(context.tx, node, steps);
  for (const { run } of steps) {
    const deadline = run.state.waitDeadline ?? context.now.toISOString();
    if (matched.has(run.id)) {
      outcomes.set(run.id, { output: { event: true }, move: { kind: 'goto', nodeId: node.next ?? null } });
    } else if (new Date(deadline) <= context.now) {
      outcomes.set(run.id, {
        output: { timedOut: true },
        move: { kind: 'goto', nodeId: node.timeoutNext ?? null },
      });
    } else {
      // Woken early by an event that did not match the filters: keep waiting.
      outcomes.set(run.id, {
        output: { event: false },
        move: { kind: 'wait', until: deadline, since: run.waitingSince?.toISOString() },
      });
    }
  }
  return outcomes;
}

/** The runs (of these) whose profile performed the awaited event since it started waiting. */
async function runsWithAwaitedEvent(
  tx: SqlExecutor,
  node: EventWaitNode,
  steps: readonly PendingStep[],
): Promise<Set<string>> {
  const params = new SqlParameters(tx.dialect, 1);
  const filter = compileAwaitedEvents(tx, params, node);
  const rows = await tx.query<{ id: string }>(
    `select r.id from journey_runs r
      where r.id in (select unnest($1::varchar[]))
        and exists (select 1 from events e where e.profile_id = r.profile_id and e.received_at >= r.waiting_since and ${filter})`,
    [steps.map(({ run }) => run.id), ...params.values],
  );
  return new Set(rows.map((row) => row.id));
}

/** The SQL test (on alias `e`) for an awaited or trigger event with its property filters. */
export function compileAwaitedEvents(
  tx: SqlExecutor,
  params: SqlParameters,
  match: { event: string; where: EventWaitNode['where'] },
): string {
  return compileEventFilter(
    {
      dialect: tx.dialect,
      params,
      now: new Date(0),
      eventsRelation: () => 'events',
      resolveSegmentId: (nameOrId) => nameOrId,
    },
    { event: { type: 'track', event: match.event }, where: match.where, window: null },
    'event',
  );
}
