/**
 * The triggers of a journey within a scan window: segment transitions (by `occurred_at`), track events (by
 * `received_at`, the time the store got them, which only moves forward) and anniversaries of a date trait (by UTC
 * day). Each candidate carries a source key from which its run id is derived.
 */
import type { JourneyTrigger } from '../../schema/journey.ts';
import { SqlParameters } from '../../segments/compile/sql-parameters.ts';
import type { SqlExecutor } from '../../store/store.ts';
import { runIdFor } from '../deterministic-hash.ts';
import { compileAwaitedEvents } from '../engine/wait-steps.ts';
import type { EntryCandidate } from './entry-rules.ts';

export interface ScanWindow {
  /** Exclusive. */
  from: Date;
  /** Inclusive. */
  to: Date;
}

const DAY_MS = 86_400_000;
/** After a long stop, anniversaries of at most this many past days are caught up. */
const MAX_ANNIVERSARY_DAYS = 7;

export async function findTriggerCandidates(
  tx: SqlExecutor,
  input: { journeyId: string; trigger: JourneyTrigger; window: ScanWindow; segmentId: string | undefined },
): Promise<EntryCandidate[]> {
  const { journeyId, trigger, window } = input;
  const candidate = (source: string, profileId: string, at: Date): EntryCandidate => ({
    source,
    runId: runIdFor(journeyId, source),
    profileId,
    at,
  });
  switch (trigger.type) {
    case 'segment_entered':
    case 'segment_exited': {
      if (input.segmentId === undefined) return [];
      const rows = await tx.query<{ id: string; profile_id: string; occurred_at: Date }>(
        `select id, profile_id, occurred_at from segment_transitions
          where segment_id = $1 and kind = $2 and occurred_at > $3 and occurred_at <= $4`,
        [input.segmentId, trigger.type === 'segment_entered' ? 'entered' : 'exited', window.from, window.to],
      );
      return rows.map((row) => candidate(`transition:${row.id}`, row.profile_id, row.occurred_at));
    }
    case 'event': {
      const params = new SqlParameters(tx.dialect, 2);
      const filter = compileAwaitedEvents(tx, params, trigger);
      const rows = await tx.query<{ message_id: string; profile_id: string; received_at: Date }>(
        `select e.message_id, e.profile_id, e.received_at from events e
          where e.received_at > $1 and e.received_at <= $2 and ${filter}`,
        [window.from, window.to, ...params.values],
      );
      return rows.map((row) => candidate(`event:${row.message_id}`, row.profile_id, row.received_at));
    }
    case 'date_anniversary':
      return findAnniversaries(tx, trigger, window, candidate);
    default: {
      const unknown: never = trigger;
      throw new Error(`unknown trigger ${JSON.stringify(unknown)}`);
    }
  }
}

/** Each UTC day after `from`'s day up to `to`'s day: profiles whose date trait has that month and day ahead. */
async function findAnniversaries(
  tx: SqlExecutor,
  trigger: Extract<JourneyTrigger, { type: 'date_anniversary' }>,
  window: ScanWindow,
  candidate: (source: string, profileId: string, at: Date) => EntryCandidate,
): Promise<EntryCandidate[]> {
  const lastDay = Math.floor(window.to.getTime() / DAY_MS);
  const firstDay = Math.max(
    Math.floor(window.from.getTime() / DAY_MS) + 1,
    lastDay - MAX_ANNIVERSARY_DAYS + 1,
  );
  const date = tx.dialect.tryCastTimestamp(tx.dialect.jsonText('p.traits', trigger.trait.split('.')));
  const found: EntryCandidate[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    const target = new Date((day + trigger.daysBefore) * DAY_MS);
    const month = target.getUTCMonth() + 1;
    const dayOfMonth = target.getUTCDate();
    // 29 February birthdays are celebrated on 28 February in years without one.
    const isLeapDayMissing =
      month === 2 &&
      dayOfMonth === 28 &&
      new Date(Date.UTC(target.getUTCFullYear(), 1, 29)).getUTCMonth() !== 1;
    const rows = await tx.query<{ id: string }>(
      `select p.id from profiles p
        where extract(month from ${date}) = $1
          and (extract(day from ${date}) = $2 or ($3 and extract(day from ${date}) = 29))`,
      [month, dayOfMonth, isLeapDayMissing],
    );
    const anniversary = target.toISOString().slice(0, 10);
    const at = new Date(day * DAY_MS);
    for (const row of rows) found.push(candidate(`anniversary:${row.id}:${anniversary}`, row.id, at));
  }
  return found;
}
