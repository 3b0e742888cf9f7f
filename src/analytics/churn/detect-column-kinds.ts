import type { ColumnKind } from './churn-options-schema.ts';
import type { SkippedColumn } from './feature-encoder-schema.ts';
import { isBlank, isMissingMarker, readBoolean, readNumber } from './feature-values.ts';
import type { FeatureRecord, FeatureValue } from './feature-values.ts';

export interface DetectedColumn {
  column: string;
  kind: ColumnKind;
}

/**
 * Decides how each feature column is read, from its values alone (never the label, so detecting on all rows leaks
 * nothing into cross-validation). A column is yes/no when every present value is a boolean or a yes/no word,
 * numeric when every present value is a number, left out when every present value is a date, and categorical
 * otherwise. Placeholders such as "NA" count as missing for these tests, so "12, NA, 7" is numeric with a blank.
 */
export function detectColumnKinds({
  records,
  excludeColumns,
  columnKinds,
}: {
  records: readonly FeatureRecord[];
  /** Label, id, time and ignored columns. */
  excludeColumns: ReadonlySet<string>;
  /** Kinds chosen by the user, which win over detection. */
  columnKinds: Readonly<Record<string, ColumnKind>>;
}): { columns: DetectedColumn[]; skipped: SkippedColumn[] } {
  const columns: DetectedColumn[] = [];
  const skipped: SkippedColumn[] = [];
  for (const column of listColumns(records)) {
    if (excludeColumns.has(column)) continue;
    const values = records.map((record) => record[column]);
    const forced = columnKinds[column];
    const present = values.filter((value) => !isMissingMarker(value));
    if (values.every(isBlank)) {
      skipped.push({ column, reason: 'every value is blank' });
    } else if (forced !== undefined) {
      columns.push({ column, kind: forced });
    } else if (present.length === 0) {
      skipped.push({ column, reason: 'every value is blank or a placeholder such as "NA"' });
    } else if (present.every((value) => readBoolean(value) !== undefined)) {
      columns.push({ column, kind: 'boolean' });
    } else if (present.every((value) => readNumber(value) !== undefined)) {
      columns.push({ column, kind: 'numeric' });
    } else if (present.every(isDateLike)) {
      skipped.push({
        column,
        reason: 'dates are not features: derive a number such as days since the date instead',
      });
    } else {
      columns.push({ column, kind: 'categorical' });
    }
  }
  return { columns, skipped };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A Date, or text in ISO-8601 form such as 2011-06-01 or 2011-06-01T08:26:00Z. */
function isDateLike(value: FeatureValue): boolean {
  return value instanceof Date || (typeof value === 'string' && ISO_DATE.test(value.trim()));
}

/** Every column that appears in any record, in first-seen order (records from the store may omit null fields). */
function listColumns(records: readonly FeatureRecord[]): string[] {
  const seen = new Set<string>();
  for (const record of records) for (const column of Object.keys(record)) seen.add(column);
  return [...seen];
}
