import { listFeatureNames } from './feature-encoder-schema.ts';
import type { ColumnEncoding, FeatureEncoder } from './feature-encoder-schema.ts';
import { readBoolean, readCategory, readNumber } from './feature-values.ts';
import type { FeatureRecord } from './feature-values.ts';

/** Rows × features, row-major: feature j of row i is `data[i * columns + j]`. */
export interface FeatureMatrix {
  data: Float64Array;
  rows: number;
  columns: number;
  featureNames: string[];
}

/**
 * Turns records into model features with a fitted encoder: numbers become z-scores (blank → training median),
 * yes/no become 1/0 (blank → the more common value), categories become one 0/1 column per kept level. Values the
 * encoder has never seen are not errors: an unknown level is all zeros, an unreadable number counts as missing.
 */
export function encodeFeatures({
  encoder,
  records,
}: {
  encoder: FeatureEncoder;
  records: readonly FeatureRecord[];
}): FeatureMatrix {
  const featureNames = listFeatureNames({ encoder });
  const columns = featureNames.length;
  const data = new Float64Array(records.length * columns);
  const levelIndexes = encoder.columns.map((encoding) =>
    encoding.type === 'categorical'
      ? new Map(encoding.levels.map((level, index) => [level, index]))
      : undefined,
  );
  records.forEach((record, row) => {
    let offset = row * columns;
    encoder.columns.forEach((encoding, index) => {
      offset += writeColumn({ encoding, record, data, offset, levelIndex: levelIndexes[index] });
    });
  });
  return { data, rows: records.length, columns, featureNames };
}

/** Writes one raw column's features at `offset` and returns how many it wrote. */
function writeColumn({
  encoding,
  record,
  data,
  offset,
  levelIndex,
}: {
  encoding: ColumnEncoding;
  record: FeatureRecord;
  data: Float64Array;
  offset: number;
  levelIndex: ReadonlyMap<string, number> | undefined;
}): number {
  const value = record[encoding.column];
  switch (encoding.type) {
    case 'numeric': {
      const number = readNumber(value);
      data[offset] = ((number ?? encoding.median) - encoding.mean) / encoding.std;
      if (encoding.missingIndicator) data[offset + 1] = number === undefined ? 1 : 0;
      return encoding.missingIndicator ? 2 : 1;
    }
    case 'boolean': {
      const flag = readBoolean(value);
      data[offset] = (flag ?? encoding.imputeAs) ? 1 : 0;
      if (encoding.missingIndicator) data[offset + 1] = flag === undefined ? 1 : 0;
      return encoding.missingIndicator ? 2 : 1;
    }
    case 'categorical': {
      const level = levelIndex?.get(readCategory(value));
      if (level !== undefined) data[offset + level] = 1;
      return encoding.levels.length;
    }
    default: {
      const exhaustive: never = encoding;
      return exhaustive;
    }
  }
}
