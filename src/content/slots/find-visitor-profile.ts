/**
 * The profile behind a website/app visitor, by user id or anonymous id (through `identities`), with the data its
 * content is rendered from. Each statement is shaped for a point look-up on both engines: DuckDB only uses an ART
 * index when the indexed column is the sole filter (hence `where value = $1`, the kind checked here, and the
 * identities_value_idx of migration 009), PostgreSQL uses the (kind, value) primary key.
 */
import type { SqlExecutor } from '../../store/store.ts';
import { parseJsonColumn } from '../json-column.ts';

export interface Visitor {
  userId?: string | undefined;
  anonymousId?: string | undefined;
}

export interface VisitorProfile {
  id: string;
  userId: string | null;
  traits: Record<string, unknown>;
  computed: Record<string, unknown>;
}

function asRecord(value: unknown): Record<string, unknown> {
  const parsed = parseJsonColumn(value);
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : {};
}

async function profileIdOf(executor: SqlExecutor, kind: string, value: string): Promise<string | undefined> {
  const rows =
    executor.dialect.name === 'duckdb'
      ? await executor.query<{ kind: string; profile_id: string }>(
          'select kind, profile_id from identities where value = $1',
          [value],
        )
      : await executor.query<{ kind: string; profile_id: string }>(
          'select kind, profile_id from identities where kind = $1 and value = $2',
          [kind, value],
        );
  return rows.find((row) => row.kind === kind)?.profile_id;
}

/** The visitor's profile; undefined for someone Segmint has not seen (they get the default block). */
export async function findVisitorProfile(
  executor: SqlExecutor,
  visitor: Visitor,
): Promise<VisitorProfile | undefined> {
  // A known user id wins over the device's anonymous id, as in identity resolution.
  const profileId =
    (visitor.userId ? await profileIdOf(executor, 'user_id', visitor.userId) : undefined) ??
    (visitor.anonymousId ? await profileIdOf(executor, 'anonymous_id', visitor.anonymousId) : undefined);
  if (!profileId) return undefined;
  const [row] = await executor.query<{
    id: string;
    user_id: string | null;
    traits: unknown;
    computed: unknown;
  }>('select id, user_id, traits, computed from profiles where id = $1', [profileId]);
  if (!row) return undefined;
  return { id: row.id, userId: row.user_id, traits: asRecord(row.traits), computed: asRecord(row.computed) };
}
