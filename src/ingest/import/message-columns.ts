/**
 * Reads the columns that feed the message itself — ids, message id, timestamp — shared by profile and event rows.
 */
import { cleanId } from '../cleanse/clean-number.ts';
import { cleanTimestamp } from '../cleanse/clean-timestamp.ts';
import type { TimestampFormat } from '../cleanse/timestamp-format.ts';
import type { JsonObject } from '../../schema/json.ts';
import type { ColumnPlan } from './column-plan.ts';
import { cellOf, columnIssue, missingIssue } from './row-values.ts';
import type { RowIssue } from './source-row.ts';

export type ColumnValue<T> = { ok: true; value: T | undefined } | { ok: false; issue: RowIssue };

/** An id column's cleaned value; `undefined` when there is no such column or the cell is empty. */
export function readId(row: JsonObject, column: string | undefined): ColumnValue<string> {
  const cell = column === undefined ? undefined : cellOf(row[column]);
  if (column === undefined || cell === undefined) return { ok: true, value: undefined };
  const id = cleanId(cell);
  return id.ok ? { ok: true, value: id.value } : { ok: false, issue: columnIssue(id, column) };
}

/** A column that, once given, must be filled in every row: an empty cell rejects the row (`missing InvoiceDate`). */
export function readRequiredText(row: JsonObject, column: string): ColumnValue<string> {
  const cell = cellOf(row[column]);
  return cell === undefined ? { ok: false, issue: missingIssue(column) } : { ok: true, value: String(cell) };
}

/** The message id from `--message-id-column`; required in every row when the column is given. */
export function readMessageId(row: JsonObject, plan: ColumnPlan): ColumnValue<string> {
  const column = plan.columnOf.messageId;
  if (column === undefined) return { ok: true, value: undefined };
  const id = readId(row, column);
  return id.ok && id.value === undefined ? { ok: false, issue: missingIssue(column) } : id;
}

/** The event time as ISO text from `--timestamp-column`; required in every row when the column is given. */
export function readTimestamp(
  row: JsonObject,
  plan: ColumnPlan,
  format: TimestampFormat,
): ColumnValue<string> {
  const column = plan.columnOf.timestamp;
  if (column === undefined) return { ok: true, value: undefined };
  const text = readRequiredText(row, column);
  if (!text.ok || text.value === undefined) return text;
  if (lastTimestamp.format === format && lastTimestamp.text === text.value)
    return { ok: true, value: lastTimestamp.iso };
  const timestamp = cleanTimestamp(text.value, format);
  if (!timestamp.ok) return { ok: false, issue: columnIssue(timestamp, column) };
  lastTimestamp = { format, text: text.value, iso: timestamp.value.toISOString() };
  return { ok: true, value: lastTimestamp.iso };
}

/** Rows of one order or session share their timestamp, so the last one parsed is usually the next one asked for. */
let lastTimestamp: { format: TimestampFormat | undefined; text: string; iso: string } = {
  format: undefined,
  text: '',
  iso: '',
};
