/**
 * The profile behind a website/app visitor, by user id or anonymous id (through `identities`), with the data its
 * content is rendered from and, when the slot has saved-segment blocks, the saved segments it is in: all read by
 * one statement (`visitor-profile-query.ts` explains its shape).
 */
import type { SqlExecutor } from '../../store/store.ts';
import { parseJsonColumn } from '../json-column.ts';
import { visitorProfileQuery, type VisitorKey, type VisitorProfileRow } from './visitor-profile-query.ts';

export interface Visitor {
  userId?: string | undefined;
  anonymousId?: string | undefined;
}

export interface VisitorProfile {
  id: string;
  userId: string | null;
  traits: Record<string, unknown>;
  computed: Record<string, unknown>;
  /** Ids of the saved segments the profile is in; empty unless `withSegments` was asked for. */
  segmentIds: ReadonlySet<string>;
}

function asRecord(value: unknown): Record<string, unknown> {
  const parsed = parseJsonColumn(value);
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
}

/** The visitor's keys in the order they win: a known user id over the device's anonymous id, as in identity resolution. */
function keysOf(visitor: Visitor): VisitorKey[] {
  const keys: VisitorKey[] = [];
  if (visitor.userId) keys.push({ kind: 'user_id', value: visitor.userId });
  if (visitor.anonymousId) keys.push({ kind: 'anonymous_id', value: visitor.anonymousId });
  return keys;
}

/** The visitor's profile; undefined for someone Segmint has not seen (they get the default block). */
export async function findVisitorProfile(
  executor: SqlExecutor,
  visitor: Visitor,
  options: { withSegments?: boolean } = {},
): Promise<VisitorProfile | undefined> {
  const keys = keysOf(visitor);
  if (keys.length === 0) return undefined;
  const withSegments = options.withSegments === true;
  const query = visitorProfileQuery({ dialect: executor.dialect, keys, withSegments });
  const rows = await executor.query<VisitorProfileRow>(query.sql, query.params);
  // On DuckDB a branch matches the value under any kind (see the query): only the exact key counts.
  const winner = keys
    .map((key) => rows.find((row) => row.kind === key.kind && row.value === key.value))
    .find((row) => row !== undefined);
  if (!winner) return undefined;
  const segmentIds = new Set<string>();
  for (const row of rows) {
    if (row.id === winner.id && typeof row.segment_id === 'string') segmentIds.add(row.segment_id);
  }
  return {
    id: winner.id,
    userId: winner.user_id,
    traits: asRecord(winner.traits),
    computed: asRecord(winner.computed),
    segmentIds,
  };
}
