/**
 * The trigger scanner: for each active journey, the triggers since its cursor become runs (respecting the entry
 * rule and the holdout), runs meeting an exit criterion end, and runs waiting for an event that arrived are made
 * due. The window starts a margin before the cursor, because on PostgreSQL a transaction that committed late may
 * hold transitions or events older than the cursor; run ids derived from the trigger make the overlap harmless.
 */
import type { Clock } from '../../clock.ts';
import { indexSegments, readSavedSegments } from '../../segments/saved/saved-segment.ts';
import type { SqlValue, SqlExecutor, Store } from '../../store/store.ts';
import { isHeldOut } from '../deterministic-hash.ts';
import { isInGlobalHoldout, readGlobalHoldoutPercent } from '../global-holdout.ts';
import type { JourneyDefinitions, LoadedJourney } from '../engine/journey-definitions.ts';
import { findJourney, listJourneys } from '../journey-store.ts';
import { selectEntries, type EntryCandidate } from './entry-rules.ts';
import { applyExitCriteria, wakeEventWaits } from './exit-and-wake.ts';
import { findTriggerCandidates, type ScanWindow } from './trigger-candidates.ts';

/** How far before its cursor a scan looks again (late commits on PostgreSQL). */
export const SCAN_MARGIN_MS = 120_000;

export interface ScanResult {
  started: number;
  heldOut: number;
  exited: number;
  converted: number;
  woken: number;
}

export async function scanJourneyTriggers(options: {
  store: Store;
  clock: Clock;
  definitions: JourneyDefinitions;
}): Promise<ScanResult> {
  const total: ScanResult = { started: 0, heldOut: 0, exited: 0, converted: 0, woken: 0 };
  for (const journey of await listJourneys(options.store)) {
    if (journey.status !== 'active') continue;
    const result = await options.store.transaction((tx) => scanJourney(tx, journey.id, options));
    total.started += result.started;
    total.heldOut += result.heldOut;
    total.exited += result.exited;
    total.converted += result.converted;
    total.woken += result.woken;
  }
  return total;
}

async function scanJourney(
  tx: SqlExecutor,
  journeyId: string,
  options: { clock: Clock; definitions: JourneyDefinitions },
): Promise<ScanResult> {
  // Takes the journey's row lock on PostgreSQL: two scanners of one journey run one after the other.
  await tx.execute('update journeys set trigger_cursor = trigger_cursor where id = $1', [journeyId]);
  const journey = await findJourney(tx, journeyId);
  if (journey?.status !== 'active') return { started: 0, heldOut: 0, exited: 0, converted: 0, woken: 0 };
  const now = options.clock.now();
  const window: ScanWindow = { from: new Date(journey.triggerCursor.getTime() - SCAN_MARGIN_MS), to: now };
  const current = await options.definitions.get(tx, journey.id, journey.currentVersion);
  const { trigger } = current.definition;
  const lookup = indexSegments(await readSavedSegments(tx));
  const segmentId =
    trigger.type === 'segment_entered' || trigger.type === 'segment_exited'
      ? lookup(trigger.segment)?.id
      : undefined;
  const candidates = await findTriggerCandidates(tx, { journeyId: journey.id, trigger, window, segmentId });
  const entries = await chooseEntries(tx, current, candidates);
  const heldOut = await insertRuns(tx, current, entries, now);
  const exits = await applyExitCriteria(tx, { journey: current, window, now, triggerSegmentId: segmentId });
  const woken = await wakeEventWaits(tx, {
    journeyId: journey.id,
    definitions: options.definitions,
    window,
    now,
  });
  await tx.execute('update journeys set trigger_cursor = $2 where id = $1 and trigger_cursor < $2', [
    journey.id,
    now,
  ]);
  return { started: entries.length - heldOut, heldOut, ...exits, woken };
}

async function chooseEntries(
  tx: SqlExecutor,
  journey: LoadedJourney,
  candidates: readonly EntryCandidate[],
): Promise<EntryCandidate[]> {
  if (candidates.length === 0) return [];
  const profileIds = [...new Set(candidates.map((candidate) => candidate.profileId))];
  const previous = await tx.query<{ profile_id: string; last_started: Date }>(
    `select profile_id, max(started_at) as last_started from journey_runs
      where journey_id = $1 and profile_id in (select unnest($2::varchar[])) group by profile_id`,
    [journey.journeyId, profileIds],
  );
  const existing = await tx.query<{ id: string }>(
    'select id from journey_runs where id in (select unnest($1::varchar[]))',
    [candidates.map((candidate) => candidate.runId)],
  );
  return selectEntries({
    candidates,
    rule: journey.definition.entry,
    lastStartByProfile: new Map(previous.map((row) => [row.profile_id, row.last_started])),
    existingRunIds: new Set(existing.map((row) => row.id)),
  });
}

/** Inserts the runs (held-out ones already ended as `holdout`); returns how many were held out. */
async function insertRuns(
  tx: SqlExecutor,
  journey: LoadedJourney,
  entries: readonly EntryCandidate[],
  now: Date,
): Promise<number> {
  if (entries.length === 0) return 0;
  let heldOut = 0;
  const globalPercent = await readGlobalHoldoutPercent(tx);
  const rows = entries.map((entry): SqlValue[] => {
    const isControl =
      isInGlobalHoldout(entry.profileId, globalPercent) ||
      isHeldOut(journey.journeyId, entry.profileId, journey.definition.holdoutPercent);
    if (isControl) heldOut += 1;
    return [
      entry.runId,
      journey.journeyId,
      journey.version,
      entry.profileId,
      journey.definition.start,
      isControl ? 'holdout' : 'active',
      isControl ? null : now,
      JSON.stringify({ visits: {}, splits: {}, resumes: 0, source: entry.source }),
      null,
      entry.at,
      now,
    ];
  });
  await tx.insertRows(
    'journey_runs',
    [
      'id',
      'journey_id',
      'version',
      'profile_id',
      'node_id',
      'status',
      'due_at',
      'state',
      'waiting_since',
      'started_at',
      'updated_at',
    ],
    rows,
    { ignoreConflicts: true },
  );
  return heldOut;
}
