import type { FeatureRecord } from './feature-values.ts';

/** The records at the given row indices, in that order. */
export function selectRecords(records: readonly FeatureRecord[], rows: Int32Array): FeatureRecord[] {
  return Array.from(rows, (row) => records[row] ?? {});
}

/** The labels at the given row indices, in that order. */
export function selectLabels(labels: Uint8Array, rows: Int32Array): Uint8Array {
  return Uint8Array.from(rows, (row) => labels[row] ?? 0);
}
