/**
 * Removes mentions of a person from rows that are not theirs (another profile's event naming them, an audit entry,
 * a rendered message quoting their address): the mention becomes `[erased]`, the row stays.
 *
 * Distinctive identifiers (email addresses, ids of 16 characters or more such as profile UUIDs) are replaced
 * wherever they occur, case-insensitively. Short ids ("42", "bob") would match unrelated text, so they are replaced
 * only where they are the whole value: a text column equal to them, or a JSON string value equal to them.
 */
import type { SqlExecutor, SqlValue } from '../store/store.ts';
import { quoteIdentifier, type TableColumns } from './person-columns.ts';

export const ERASED_MARK = '[erased]';

const MIN_DISTINCTIVE_LENGTH = 16;

export function isDistinctive(identifier: string): boolean {
  return identifier.includes('@') || identifier.length >= MIN_DISTINCTIVE_LENGTH;
}

/** Escapes a literal for a regular expression that both RE2 (DuckDB) and PostgreSQL AREs read the same way. */
function escapeRegex(literal: string): string {
  return literal.replace(/[\\^$.|?*+()[\]{}-]/g, (character) => `\\${character}`);
}

/** Placeholders for one statement's parameters. */
class Parameters {
  readonly values: SqlValue[] = [];

  add(value: SqlValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The condition under which one column mentions an identifier, and its redacted value. */
function redactColumn(
  executor: SqlExecutor,
  column: string,
  isJson: boolean,
  identifiers: readonly string[],
  params: Parameters,
): { condition: string; value: string } | null {
  const distinctive = identifiers.filter(isDistinctive);
  // In JSON text a string is written escaped; short ids are matched as a whole quoted string value.
  const asWritten = (identifier: string) => (isJson ? JSON.stringify(identifier).slice(1, -1) : identifier);
  const exact = identifiers.filter((identifier) => !isDistinctive(identifier));
  const text = isJson ? `cast(${quoteIdentifier(column)} as varchar)` : quoteIdentifier(column);
  const conditions: string[] = [];
  let value = text;
  if (distinctive.length > 0) {
    const pattern = params.add(distinctive.map((identifier) => escapeRegex(asWritten(identifier))).join('|'));
    value = `regexp_replace(${value}, ${pattern}, ${params.add(ERASED_MARK)}, 'gi')`;
    for (const identifier of distinctive)
      conditions.push(`strpos(lower(${text}), ${params.add(asWritten(identifier).toLowerCase())}) > 0`);
  }
  if (exact.length > 0 && isJson) {
    for (const identifier of exact) {
      const quoted = params.add(JSON.stringify(identifier));
      value = `replace(${value}, ${quoted}, ${params.add(JSON.stringify(ERASED_MARK))})`;
      conditions.push(`strpos(${text}, ${quoted}) > 0`);
    }
  }
  if (exact.length > 0 && !isJson) {
    const list = params.add(exact);
    value = `case when ${text} in (select unnest(${list}::varchar[])) then ${params.add(ERASED_MARK)} else ${value} end`;
    conditions.push(`${text} in (select unnest(${list}::varchar[]))`);
  }
  if (conditions.length === 0) return null;
  const condition = `(${conditions.join(' or ')})`;
  const redacted = isJson ? `cast(${value} as ${executor.dialect.jsonType})` : value;
  return { condition, value: `case when ${condition} then ${redacted} else ${quoteIdentifier(column)} end` };
}

const SEPARATOR = '\u001f';

/**
 * A cheap first pass over all of a row's text and JSON joined into one string (values between unit separators):
 * does any row mention an identifier the way the UPDATE would redact it? Usually not (the person's own rows are gone
 * by now), and then the table's UPDATE, whose many expressions cost more to plan and to evaluate, is skipped.
 */
async function mayMention(
  executor: SqlExecutor,
  table: TableColumns,
  identifiers: readonly string[],
): Promise<boolean> {
  const texts = [
    ...table.textColumns.map(quoteIdentifier),
    ...table.jsonColumns.map((column) => `cast(${quoteIdentifier(column)} as varchar)`),
  ];
  const params = new Parameters();
  // Typed: PostgreSQL cannot infer a parameter's type inside concat().
  const separator = `cast(${params.add(SEPARATOR)} as varchar)`;
  const conditions = identifiers.flatMap((identifier) => {
    const escaped = JSON.stringify(identifier);
    if (!isDistinctive(identifier))
      return [
        `strpos(haystack, ${params.add(`${SEPARATOR}${identifier}${SEPARATOR}`)}) > 0`,
        `strpos(haystack, ${params.add(escaped)}) > 0`,
      ];
    return [...new Set([identifier, escaped.slice(1, -1)])].map(
      (needle) => `strpos(lower(haystack), ${params.add(needle.toLowerCase())}) > 0`,
    );
  });
  if (conditions.length === 0) return false;
  const rows = await executor.query(
    `select 1 as found
       from (select concat(${separator}, concat_ws(${separator}, ${texts.join(', ')}), ${separator}) as haystack
               from ${quoteIdentifier(table.table)}) t
      where ${conditions.join(' or ')}
      limit 1`,
    params.values,
  );
  return rows.length > 0;
}

/**
 * One UPDATE per table covering all its text and JSON columns, so each table is scanned once (a statement per
 * column scanned the events table a dozen times). Returns the rows changed per table.
 */
export async function redactMentions(
  executor: SqlExecutor,
  tables: readonly TableColumns[],
  identifiers: readonly string[],
): Promise<Record<string, number>> {
  const changed: Record<string, number> = {};
  for (const table of tables) {
    const params = new Parameters();
    const columns = [
      ...table.textColumns.map((column) => ({ column, isJson: false })),
      ...table.jsonColumns.map((column) => ({ column, isJson: true })),
    ].flatMap(({ column, isJson }) => {
      const redaction = redactColumn(executor, column, isJson, identifiers, params);
      return redaction ? [{ column, ...redaction }] : [];
    });
    if (columns.length === 0 || !(await mayMention(executor, table, identifiers))) continue;
    const rows = await executor.execute(
      `update ${quoteIdentifier(table.table)}
          set ${columns.map(({ column, value }) => `${quoteIdentifier(column)} = ${value}`).join(', ')}
        where ${columns.map(({ condition }) => condition).join(' or ')}`,
      params.values,
    );
    if (rows > 0) changed[table.table] = rows;
  }
  return changed;
}
