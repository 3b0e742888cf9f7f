import { SegmintError } from '../../errors.ts';
import { isBlank } from './feature-values.ts';
import type { FeatureRecord, FeatureValue } from './feature-values.ts';

export interface TimeSplit {
  /** Rows observed at or before the cut-off, ascending. */
  train: Int32Array;
  /** Rows observed after the cut-off, ascending. */
  holdout: Int32Array;
}

/**
 * A backtest split: fit on customers observed up to the cut-off and evaluate on customers observed after it, whose
 * outcomes lie later still. This is how the model will be used (trained on the past, scoring the future), so it
 * catches drift that a random split hides. Each row's observation date is in `timeColumn` (a Date, an ISO-8601
 * string or epoch milliseconds); a row without one is an error, because silently dropping it would bias both sides.
 */
export function splitByTime({
  records,
  timeColumn,
  cutoff,
}: {
  records: readonly FeatureRecord[];
  timeColumn: string;
  cutoff: Date;
}): TimeSplit {
  const cutoffTime = cutoff.getTime();
  const train: number[] = [];
  const holdout: number[] = [];
  records.forEach((record, row) => {
    const time = readTime(record[timeColumn]);
    if (time === undefined) {
      throw new SegmintError(
        'invalid_input',
        `Row ${row + 1} has no valid observation date in "${timeColumn}".`,
        [{ path: `row ${row + 1}`, message: `"${timeColumn}" must be a date` }],
      );
    }
    (time <= cutoffTime ? train : holdout).push(row);
  });
  return { train: Int32Array.from(train), holdout: Int32Array.from(holdout) };
}

function readTime(value: FeatureValue): number | undefined {
  if (isBlank(value) || typeof value === 'boolean') return undefined;
  const time =
    value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(String(value));
  return Number.isFinite(time) ? time : undefined;
}
