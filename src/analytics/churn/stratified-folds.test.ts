import { describe, expect, it } from 'vitest';
import { SegmintError } from '../../errors.ts';
import { stratifiedFolds } from './stratified-folds.ts';

// 103 rows, 31 churners scattered through them.
const labels = Uint8Array.from({ length: 103 }, (_, row) => (row % 10 < 3 ? 1 : 0));
const churners = labels.reduce((sum, label) => sum + label, 0);

describe('stratifiedFolds', () => {
  const folds = stratifiedFolds({ labels, folds: 5, seed: 7 });

  it('holds out every row exactly once, and trains each fold on all the other rows', () => {
    const heldOut = folds.flatMap(({ test }) => Array.from(test)).sort((a, b) => a - b);
    expect(heldOut).toEqual(Array.from({ length: labels.length }, (_, row) => row));
    for (const { train, test } of folds) {
      const testRows = new Set(test);
      expect(Array.from(train).some((row) => testRows.has(row))).toBe(false);
      expect(train.length + test.length).toBe(labels.length);
    }
  });

  it('gives every fold the same number of churners, within one', () => {
    const perFold = folds.map(({ test }) => Array.from(test).filter((row) => labels[row] === 1).length);
    expect(Math.max(...perFold) - Math.min(...perFold)).toBeLessThanOrEqual(1);
    expect(perFold.reduce((sum, count) => sum + count, 0)).toBe(churners);
  });

  it('makes folds whose sizes differ by at most one', () => {
    const sizes = folds.map(({ test }) => test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('is the same for the same seed and different for another seed', () => {
    const again = stratifiedFolds({ labels, folds: 5, seed: 7 });
    const other = stratifiedFolds({ labels, folds: 5, seed: 8 });
    expect(again.map(({ test }) => Array.from(test))).toEqual(folds.map(({ test }) => Array.from(test)));
    expect(other.map(({ test }) => Array.from(test))).not.toEqual(folds.map(({ test }) => Array.from(test)));
  });

  it('refuses more folds than the rarer outcome has rows', () => {
    const fewChurners = Uint8Array.from([1, 1, 0, 0, 0, 0, 0, 0]);
    expect(() => stratifiedFolds({ labels: fewChurners, folds: 3, seed: 1 })).toThrow(SegmintError);
    expect(() => stratifiedFolds({ labels: fewChurners, folds: 1, seed: 1 })).toThrow(/at least 2 folds/);
  });
});
