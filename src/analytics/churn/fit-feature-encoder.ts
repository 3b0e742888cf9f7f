import type { EncoderOptions } from './churn-options-schema.ts';
import type { DetectedColumn } from './detect-column-kinds.ts';
import type {
  BooleanColumnEncoding,
  CategoricalColumnEncoding,
  ColumnEncoding,
  FeatureEncoder,
  NumericColumnEncoding,
  SkippedColumn,
} from './feature-encoder-schema.ts';
import { readBoolean, readCategory, readNumber } from './feature-values.ts';
import type { FeatureRecord, FeatureValue } from './feature-values.ts';

type Fitted<T> = { encoding: T } | { skipped: string };

/**
 * Learns the encoding of each detected column from training rows only; cross-validation refits it on every
 * training fold, so held-out rows never influence medians, scales or kept levels. A column that would yield only
 * constant features is skipped, with the reason, instead of adding a column the model cannot use.
 */
export function fitFeatureEncoder({
  records,
  columns,
  maxLevels,
  minLevelCount,
}: {
  records: readonly FeatureRecord[];
  columns: readonly DetectedColumn[];
} & Pick<EncoderOptions, 'maxLevels' | 'minLevelCount'>): {
  encoder: FeatureEncoder;
  skipped: SkippedColumn[];
} {
  const encodings: ColumnEncoding[] = [];
  const skipped: SkippedColumn[] = [];
  for (const { column, kind } of columns) {
    const values = records.map((record) => record[column]);
    const fitted: Fitted<ColumnEncoding> =
      kind === 'numeric'
        ? fitNumeric(column, values)
        : kind === 'boolean'
          ? fitBoolean(column, values)
          : fitCategorical(column, values, { maxLevels, minLevelCount });
    if ('encoding' in fitted) encodings.push(fitted.encoding);
    else skipped.push({ column, reason: fitted.skipped });
  }
  return { encoder: { columns: encodings }, skipped };
}

function fitNumeric(column: string, values: readonly FeatureValue[]): Fitted<NumericColumnEncoding> {
  const present = values.map(readNumber).filter((value) => value !== undefined);
  if (present.length === 0) return { skipped: 'no value is a number' };
  const mean = present.reduce((sum, value) => sum + value, 0) / present.length;
  const variance = present.reduce((sum, value) => sum + (value - mean) ** 2, 0) / present.length;
  // A relative floor: a column whose values differ only by rounding noise is as good as constant.
  if (variance <= (Number.EPSILON * Math.max(1, Math.abs(mean))) ** 2)
    return { skipped: 'the value never changes' };
  const missing = values.length - present.length;
  return {
    encoding: {
      type: 'numeric',
      column,
      median: median(present),
      mean,
      std: Math.sqrt(variance),
      missingIndicator: missing > 0,
    },
  };
}

function fitBoolean(column: string, values: readonly FeatureValue[]): Fitted<BooleanColumnEncoding> {
  let trues = 0;
  let falses = 0;
  for (const value of values) {
    const flag = readBoolean(value);
    if (flag === true) trues++;
    else if (flag === false) falses++;
  }
  if (trues === 0 || falses === 0) return { skipped: 'the value never changes' };
  return {
    encoding: {
      type: 'boolean',
      column,
      imputeAs: trues >= falses,
      missingIndicator: trues + falses < values.length,
    },
  };
}

function fitCategorical(
  column: string,
  values: readonly FeatureValue[],
  { maxLevels, minLevelCount }: Pick<EncoderOptions, 'maxLevels' | 'minLevelCount'>,
): Fitted<CategoricalColumnEncoding> {
  const counts = new Map<string, number>();
  for (const value of values) {
    const level = readCategory(value);
    counts.set(level, (counts.get(level) ?? 0) + 1);
  }
  if (counts.size < 2) return { skipped: 'the value never changes' };
  // Most frequent first; ties by name so that the same data always gives the same columns.
  const levels = [...counts]
    .filter(([, count]) => count >= minLevelCount)
    .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, maxLevels)
    .map(([level]) => level);
  if (levels.length === 0) {
    return { skipped: `no value occurs in ${minLevelCount} or more rows (an identifier?)` };
  }
  return { encoding: { type: 'categorical', column, levels } };
}

function median(values: readonly number[]): number {
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
