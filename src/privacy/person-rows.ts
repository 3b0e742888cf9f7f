/**
 * The rows that belong to a person: in every table, those whose identifier columns (person-columns.ts) hold one of
 * the person's identifiers, plus their `profiles` rows by id. Export reads them; erasure deletes them.
 */
import type { SqlExecutor, SqlValue } from '../store/store.ts';
import { identifiersOf, type Person } from './find-person.ts';
import { quoteIdentifier, type TableColumns } from './person-columns.ts';

/** `where` for the person's rows of one table, with `$1` = identifiers and `$2` = emails; null: none possible. */
function personRowsWhere(table: TableColumns): string | null {
  const columns = table.table === 'profiles' ? ['id', ...table.identifierColumns] : table.identifierColumns;
  if (columns.length === 0) return null;
  // Emails compare case-insensitively: a suppression list may keep the address as it was typed.
  return columns
    .map(
      (column) =>
        `${quoteIdentifier(column)} in (select unnest($1::varchar[])) or lower(${quoteIdentifier(column)}) in (select unnest($2::varchar[]))`,
    )
    .join(' or ');
}

function personParams(person: Person): SqlValue[] {
  return [identifiersOf(person), person.emails.map((email) => email.toLowerCase())];
}

export async function selectPersonRows(
  executor: SqlExecutor,
  table: TableColumns,
  person: Person,
): Promise<Record<string, unknown>[]> {
  const where = personRowsWhere(table);
  if (!where) return [];
  return executor.query(`select * from ${quoteIdentifier(table.table)} where ${where}`, personParams(person));
}

export async function deletePersonRows(
  executor: SqlExecutor,
  table: TableColumns,
  person: Person,
): Promise<number> {
  const where = personRowsWhere(table);
  if (!where) return 0;
  return executor.execute(`delete from ${quoteIdentifier(table.table)} where ${where}`, personParams(person));
}
