import type { JsonValue } from '../../schema/json.ts';
import { cleanText } from './clean-text.ts';

/**
 * A plain decimal as a number: no sign other than minus, no leading zeros, at most 15 digits. Everything else
 * stays text on purpose — `01234` is a ZIP code, `+4420…` a phone number, `12345678901234567890` an id that a
 * double would round.
 */
const PLAIN_DECIMAL = /^-?(0|[1-9]\d*)(\.\d+)?$/;
const MAX_EXACT_DIGITS = 15;

/**
 * Cleans a value of a column that has no special role, before it becomes a trait or property: text is trimmed and
 * plain decimals become numbers (`"2.55"` → 2.55, `"17850.0"` → 17850), an empty cell becomes no value
 * (`undefined`, the key is left out). JSON values from JSONL files keep their type; their strings are cleaned
 * the same way.
 */
export function cleanFieldValue(raw: JsonValue | undefined): JsonValue | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') return raw;
  const text = cleanText(raw);
  if (text === undefined) return undefined;
  const digits = text.replace(/[-.]/g, '').length;
  return PLAIN_DECIMAL.test(text) && digits <= MAX_EXACT_DIGITS ? Number(text) : text;
}
