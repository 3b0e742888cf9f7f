/**
 * Materialised membership. Refreshing a segment runs its compiled query, compares the result with the stored
 * members and, in one transaction, adds the new members, removes the old ones and appends exactly one `entered` or
 * `exited` transition per change (none when nothing changed). With `profileIds`, only those profiles are
 * re-evaluated (real-time refresh after an ingested batch); members outside that set are left alone.
 */
import { randomUUID } from 'node:crypto';
import type { SqlExecutor, SqlValue, Store } from '../../store/store.ts';
import { compileSegment } from '../compile/compile-segment.ts';
import { listSegmentReferences, type SegmentLookup } from '../segment-references.ts';
import { indexSegments, readSavedSegments, requireSavedSegment, type SavedSegment } from './saved-segment.ts';

export interface RefreshOptions {
  /** The evaluation time (windows, relative dates) and the time of the transitions. */
  now?: Date;
}

export interface SegmentRefreshResult {
  segment: string;
  /** Members after a full refresh; null after re-evaluating only some profiles. */
  members: number | null;
  entered: number;
  exited: number;
}

interface RefreshScope {
  now: Date;
  profileIds?: readonly string[];
  /** Temp tables holding the touched profiles and their events (see `compileSegment`'s `scopedRelations`). */
  scopedRelations?: { profiles: string; events: string };
  /** Finds the segments a definition refers to. */
  lookup: SegmentLookup;
}

async function refreshInTransaction(
  tx: SqlExecutor,
  segment: SavedSegment,
  scope: RefreshScope,
): Promise<SegmentRefreshResult> {
  // Locks the segment's row on PostgreSQL, so two refreshes of one segment cannot both add the same member.
  await tx.execute('update segments set version = version where id = $1', [segment.id]);
  const { lookup } = scope;
  const query = compileSegment(segment.definition, {
    dialect: tx.dialect,
    now: scope.now,
    resolveSegmentId: (nameOrId) => lookup(nameOrId)?.id,
    ...(scope.profileIds ? { profileIds: scope.profileIds } : {}),
    ...(scope.scopedRelations ? { scopedRelations: scope.scopedRelations } : {}),
  });
  const matching = new Set(
    (await tx.query<{ profile_id: string }>(query.sql, query.params)).map((row) => row.profile_id),
  );
  const currentParams: SqlValue[] = [segment.id];
  let currentSql = 'select profile_id from segment_members where segment_id = $1';
  if (scope.profileIds) {
    currentSql += ' and profile_id in (select unnest($2::varchar[]))';
    currentParams.push([...scope.profileIds]);
  }
  const current = new Set(
    (await tx.query<{ profile_id: string }>(currentSql, currentParams)).map((row) => row.profile_id),
  );
  const entered = [...matching].filter((id) => !current.has(id)).sort();
  const exited = [...current].filter((id) => !matching.has(id)).sort();
  if (exited.length > 0) {
    await tx.execute(
      'delete from segment_members where segment_id = $1 and profile_id in (select unnest($2::varchar[]))',
      [segment.id, exited],
    );
  }
  if (entered.length > 0) {
    await tx.insertRows(
      'segment_members',
      ['segment_id', 'profile_id', 'entered_at'],
      entered.map((profileId) => [segment.id, profileId, scope.now]),
    );
  }
  const transitions = [
    ...entered.map((profileId) => [randomUUID(), segment.id, profileId, 'entered', scope.now] as const),
    ...exited.map((profileId) => [randomUUID(), segment.id, profileId, 'exited', scope.now] as const),
  ];
  if (transitions.length > 0) {
    await tx.insertRows(
      'segment_transitions',
      ['id', 'segment_id', 'profile_id', 'kind', 'occurred_at'],
      transitions,
    );
  }
  return {
    segment: segment.name,
    members: scope.profileIds ? null : matching.size,
    entered: entered.length,
    exited: exited.length,
  };
}

/** Recomputes one segment's members for every profile. */
export async function refreshSegment(
  store: Store,
  nameOrId: string,
  options: RefreshOptions = {},
): Promise<SegmentRefreshResult> {
  const now = options.now ?? new Date();
  return store.transaction(async (tx) => {
    const segment = await requireSavedSegment(tx, nameOrId);
    return refreshInTransaction(tx, segment, { now, lookup: indexSegments(await readSavedSegments(tx)) });
  });
}

/** Segments ordered so that each comes after the segments it refers to (saved segments have no loops). */
export function orderByDependencies(segments: readonly SavedSegment[]): SavedSegment[] {
  const lookup = indexSegments(segments);
  const ordered: SavedSegment[] = [];
  const placed = new Set<string>();
  const place = (segment: SavedSegment, depth: number): void => {
    if (placed.has(segment.id) || depth > segments.length) return;
    for (const reference of listSegmentReferences(segment.definition.condition)) {
      const target = lookup(reference);
      const dependency = target && segments.find((candidate) => candidate.id === target.id);
      if (dependency) place(dependency, depth + 1);
    }
    placed.add(segment.id);
    ordered.push(segment);
  };
  for (const segment of segments) place(segment, 0);
  return ordered;
}

/** Recomputes every segment, each in its own transaction, dependencies first. */
export async function refreshAllSegments(
  store: Store,
  options: RefreshOptions = {},
): Promise<SegmentRefreshResult[]> {
  const now = options.now ?? new Date();
  const results: SegmentRefreshResult[] = [];
  const segments = await readSavedSegments(store);
  const lookup = indexSegments(segments);
  for (const segment of orderByDependencies(segments)) {
    results.push(await store.transaction((tx) => refreshInTransaction(tx, segment, { now, lookup })));
  }
  return results;
}

/**
 * Re-evaluates just these profiles against every real-time segment, dependencies first, in one transaction (the
 * hook after each ingested batch). Segments that are not real-time wait for their next full refresh.
 */
export async function refreshTouchedProfiles(
  store: Store,
  profileIds: readonly string[],
  options: RefreshOptions = {},
): Promise<SegmentRefreshResult[]> {
  if (profileIds.length === 0) return [];
  const now = options.now ?? new Date();
  return store.transaction(async (tx) => {
    const results: SegmentRefreshResult[] = [];
    const segments = await readSavedSegments(tx);
    const lookup = indexSegments(segments);
    const realtime = orderByDependencies(segments).filter((segment) => segment.realtime);
    if (realtime.length === 0) return results;
    // One pass over profiles and events for the whole batch, shared by every segment (each would scan otherwise).
    const scopedRelations = { profiles: 'segmint_touched_profiles', events: 'segmint_touched_events' };
    const ids = [[...profileIds]];
    await tx.execute(`drop table if exists ${scopedRelations.profiles}`);
    await tx.execute(`drop table if exists ${scopedRelations.events}`);
    await tx.execute(
      `create temp table ${scopedRelations.profiles} as
         select id, traits, computed from profiles where id in (select unnest($1::varchar[]))`,
      ids,
    );
    await tx.execute(
      `create temp table ${scopedRelations.events} as
         select profile_id, type, event, name, occurred_at, properties from events
          where profile_id in (select unnest($1::varchar[]))`,
      ids,
    );
    for (const segment of realtime) {
      results.push(await refreshInTransaction(tx, segment, { now, profileIds, lookup, scopedRelations }));
    }
    await tx.execute(`drop table ${scopedRelations.profiles}`);
    await tx.execute(`drop table ${scopedRelations.events}`);
    return results;
  });
}
