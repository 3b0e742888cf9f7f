/**
 * Which columns of which tables can hold a person's data, found in the live schema (information_schema on both
 * engines) rather than from a hand list, so tables added by later features are covered the day they appear.
 *
 * Naming convention (documented in README.md; new tables must follow it):
 * - a column named `profile_id` or ending in `_profile_id` holds a profile id (`from_profile_id`, …);
 * - a column named, or ending in `_`, `user_id`, `anonymous_id`, `email`, `email_address`, `recipient` or `address`
 *   holds an identifier of the person (suppressions by address, captured emails by recipient, …);
 * - any other text or JSON column may mention an identifier inside other data (another profile's event naming the
 *   person, an audit entry): erasure redacts those mentions instead of deleting the row.
 */
import type { SqlExecutor } from '../store/store.ts';

export interface TableColumns {
  table: string;
  /** Columns holding a profile id or another identifier of the person (their rows are the person's). */
  identifierColumns: string[];
  /** Text columns (redacted in place). */
  textColumns: string[];
  /** JSON columns (redacted in place, as JSON text). */
  jsonColumns: string[];
}

/** Bookkeeping of the privacy feature itself: it holds hashes only, and erasure must not touch it. */
export const PRIVACY_OWN_TABLES: ReadonlySet<string> = new Set([
  'privacy_secrets',
  'erasure_suppressions',
  'privacy_requests',
  'schema_migrations',
]);

const IDENTIFIER_COLUMN = /(^|_)(profile_id|user_id|anonymous_id|email|email_address|recipient|address)$/;
const TEXT_TYPES = new Set(['varchar', 'character varying', 'text']);
const JSON_TYPES = new Set(['json', 'jsonb']);

export function isIdentifierColumn(column: string): boolean {
  return IDENTIFIER_COLUMN.test(column);
}

/** Every base table of the store's schema (except the privacy bookkeeping) with its classified columns. */
export async function listPersonColumns(executor: SqlExecutor): Promise<TableColumns[]> {
  const rows = await executor.query<{ table_name: string; column_name: string; data_type: string }>(
    `select c.table_name, c.column_name, c.data_type
       from information_schema.columns c
       join information_schema.tables t
         on t.table_catalog = c.table_catalog and t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema() and c.table_catalog = current_database()
        and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, TableColumns>();
  for (const row of rows) {
    if (PRIVACY_OWN_TABLES.has(row.table_name)) continue;
    let table = tables.get(row.table_name);
    if (!table) {
      table = { table: row.table_name, identifierColumns: [], textColumns: [], jsonColumns: [] };
      tables.set(row.table_name, table);
    }
    const type = row.data_type.toLowerCase();
    if (isIdentifierColumn(row.column_name) && TEXT_TYPES.has(type))
      table.identifierColumns.push(row.column_name);
    if (TEXT_TYPES.has(type)) table.textColumns.push(row.column_name);
    if (JSON_TYPES.has(type)) table.jsonColumns.push(row.column_name);
  }
  return [...tables.values()];
}

/** Table and column names come from information_schema; they are quoted anyway (`"order"`, mixed case). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
