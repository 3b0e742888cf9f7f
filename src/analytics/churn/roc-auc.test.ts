import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SegmintError } from '../../errors.ts';
import { rocAuc } from './roc-auc.ts';

const labelsOf = (values: number[]) => Uint8Array.from(values);

/** The definition: share of (churner, non-churner) pairs ranked correctly, ties counting one half. */
function pairwiseAuc(scores: number[], labels: number[]): number {
  let credit = 0;
  let pairs = 0;
  scores.forEach((positiveScore, i) => {
    if (labels[i] !== 1) return;
    scores.forEach((negativeScore, j) => {
      if (labels[j] !== 0) return;
      pairs++;
      credit += positiveScore > negativeScore ? 1 : positiveScore === negativeScore ? 0.5 : 0;
    });
  });
  return credit / pairs;
}

describe('rocAuc', () => {
  it('is 1 when every churner scores above every non-churner', () => {
    expect(rocAuc({ scores: [0.1, 0.2, 0.8, 0.9], labels: labelsOf([0, 0, 1, 1]) })).toBe(1);
  });

  it('is 0 when the ranking is exactly reversed', () => {
    expect(rocAuc({ scores: [0.9, 0.8, 0.2, 0.1], labels: labelsOf([0, 0, 1, 1]) })).toBe(0);
  });

  it('is 0.5 when all scores are tied', () => {
    expect(rocAuc({ scores: [0.3, 0.3, 0.3, 0.3, 0.3], labels: labelsOf([1, 0, 0, 1, 0]) })).toBe(0.5);
  });

  it('gives a tied churner/non-churner pair half credit', () => {
    // Churners 0.8 and 0.5, non-churners 0.5 and 0.2: pairs score 1 + 1 + ½ + 1 = 3.5 of 4.
    expect(rocAuc({ scores: [0.8, 0.5, 0.5, 0.2], labels: labelsOf([1, 1, 0, 0]) })).toBe(0.875);
  });

  it('counts ties within the same class as no information', () => {
    // Tied churners change nothing: 0.7, 0.7 against 0.1 are both correct pairs.
    expect(rocAuc({ scores: [0.7, 0.7, 0.1], labels: labelsOf([1, 1, 0]) })).toBe(1);
  });

  it('equals the pairwise definition on any scores, ties included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean()), { minLength: 2, maxLength: 60 }),
        (rows) => {
          const labels = rows.map(([, churned]) => (churned ? 1 : 0));
          fc.pre(labels.includes(1) && labels.includes(0));
          const scores = rows.map(([score]) => score / 5);
          expect(rocAuc({ scores, labels: labelsOf(labels) })).toBeCloseTo(pairwiseAuc(scores, labels), 12);
        },
      ),
    );
  });

  it('refuses rows of a single outcome, where the AUC is undefined', () => {
    expect(() => rocAuc({ scores: [0.2, 0.4], labels: labelsOf([1, 1]) })).toThrow(SegmintError);
  });

  it('refuses scores and labels of different lengths', () => {
    expect(() => rocAuc({ scores: [0.2], labels: labelsOf([1, 0]) })).toThrow(/one score per label/);
  });
});
