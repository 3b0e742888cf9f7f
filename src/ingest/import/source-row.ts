import type { JsonObject } from '../../schema/json.ts';

/**
 * Why a row is rejected or a value is only kept with a warning. `kind` groups rows in the summary and never holds
 * a cell's value (`invalid email in Email`); `reason` is the sentence shown for one row
 * (`invalid email 'foo@' in Email`).
 */
export interface RowIssue {
  kind: string;
  reason: string;
}

/**
 * One record of an import file. `row` counts records from 1: the header and blank lines are not rows, so in a CSV
 * without multi-line fields row N is on line N + 1.
 */
export type SourceRow = { row: number; fields: JsonObject } | { row: number; issue: RowIssue };

/** Rows in batches, and how far into the file the reader is (for progress). */
export interface RowBatches {
  batches: AsyncIterable<SourceRow[]>;
  bytesRead(): number;
}
