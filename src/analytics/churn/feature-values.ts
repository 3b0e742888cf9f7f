/**
 * How raw cell values read as numbers, booleans and categories. Column detection and encoding share these rules,
 * so a value that made a column numeric at training time parses the same way when the model scores new rows.
 */

/** One cell of a feature record: strings from a CSV, typed values from the store. */
export type FeatureValue = string | number | boolean | Date | null | undefined;

/** A row of features (and possibly the label, the id and a time column) keyed by column name. */
export type FeatureRecord = Readonly<Record<string, FeatureValue>>;

const TRUE_WORDS = new Set(['yes', 'true', 'y', 't']);
const FALSE_WORDS = new Set(['no', 'false', 'n', 'f']);
/**
 * Placeholders that mean "no value" in numeric and yes/no columns. Categorical columns keep them as levels:
 * "NA" is Namibia in a country column.
 */
const MISSING_WORDS = new Set(['na', 'n/a', 'nan', 'null', '?', '-']);

/** Blank cells are missing everywhere: absent, null, NaN, or a string of only whitespace (Telco's TotalCharges). */
export function isBlank(value: FeatureValue): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isNaN(value);
  if (typeof value === 'string') return value.trim() === '';
  return false;
}

/** A blank cell or a placeholder such as "NA": missing in a numeric or yes/no column. */
export function isMissingMarker(value: FeatureValue): boolean {
  return isBlank(value) || (typeof value === 'string' && MISSING_WORDS.has(value.trim().toLowerCase()));
}

/** A finite number, or undefined when the cell is missing or not numeric. */
export function readNumber(value: FeatureValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  const parsed = Number(text);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** true/false for booleans and the words yes/no, true/false, y/n, t/f (any case); undefined otherwise. */
export function readBoolean(value: FeatureValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

/** Blank cells share one level, so that "missing" can carry information of its own. */
export const MISSING_LEVEL = '(missing)';

export function readCategory(value: FeatureValue): string {
  if (isBlank(value)) return MISSING_LEVEL;
  if (value instanceof Date) return value.toISOString();
  return String(value).trim();
}
