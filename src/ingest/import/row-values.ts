import type { Refused } from '../cleanse/cleaned.ts';
import type { JsonValue } from '../../schema/json.ts';
import type { RowIssue } from './source-row.ts';

/**
 * A cell as a cleaner takes it: trimmed text or a JSON number; `undefined` for an empty cell or JSON null.
 * Booleans, objects and arrays (from JSONL) are handed on as JSON text, which role cleaners then refuse.
 */
export function cellOf(value: JsonValue | undefined): string | number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  const text = typeof value === 'string' ? value.trim() : JSON.stringify(value);
  return text === '' ? undefined : text;
}

/** A cleaner's refusal, placed in its column: `invalid email 'foo@' in Email`. */
export function columnIssue(refused: Refused, column: string): RowIssue {
  return { kind: `${refused.kind} in ${column}`, reason: `${refused.reason} in ${column}` };
}

/** The reason for a row without a required value is the column's name: `missing CustomerID`. */
export function missingIssue(...columns: string[]): RowIssue {
  const reason = `missing ${columns.join(' and ')}`;
  return { kind: reason, reason };
}
