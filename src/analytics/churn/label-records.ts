import { SegmintError } from '../../errors.ts';
import { isBlank } from './feature-values.ts';
import type { FeatureRecord } from './feature-values.ts';

export interface LabelledRecords {
  /** The rows with a label, in input order. */
  records: FeatureRecord[];
  /** 1 = churned, 0 = stayed, aligned with `records`. */
  labels: Uint8Array;
  /** Rows left out because their label was blank. */
  blankLabels: number;
}

/**
 * Reads the outcome of each row: the `positive` value means churned, any other non-blank value means stayed, a blank
 * label drops the row. Values compare as trimmed text, so `positive: true` matches a boolean true and a "true" cell
 * alike. A label column without both outcomes is an error that names the values it did find (a typo in `positive`
 * such as "yes" for "Yes" is the usual cause).
 */
export function labelRecords({
  records,
  labelColumn,
  positive,
}: {
  records: readonly FeatureRecord[];
  labelColumn: string;
  positive: string | number | boolean;
}): LabelledRecords {
  const positiveText = String(positive).trim();
  const kept: FeatureRecord[] = [];
  const labels: number[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    const value = record[labelColumn];
    if (isBlank(value)) continue;
    const text = value instanceof Date ? value.toISOString() : String(value).trim();
    seen.set(text, (seen.get(text) ?? 0) + 1);
    kept.push(record);
    labels.push(text === positiveText ? 1 : 0);
  }
  const positives = labels.reduce((sum, label) => sum + label, 0);
  if (positives === 0 || positives === labels.length) {
    const found = [...seen].slice(0, 10).map(([value, count]) => `"${value}" (${count})`);
    throw new SegmintError(
      'invalid_input',
      `The label column "${labelColumn}" must hold both outcomes: ${positives} of ${labels.length} labelled rows equal the positive value "${positiveText}". Values found: ${found.join(', ') || 'none'}.`,
      [{ path: `col ${labelColumn}`, message: 'needs churned and retained rows' }],
    );
  }
  return { records: kept, labels: Uint8Array.from(labels), blankLabels: records.length - kept.length };
}
