import { describe, expect, it } from 'vitest';
import { metricsAtThreshold } from './threshold-metrics.ts';

describe('metricsAtThreshold', () => {
  // Five churners (1) and five stayers (0), sorted by score.
  const scores = [0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1];
  const labels = Uint8Array.from([1, 1, 0, 1, 0, 1, 0, 0, 1, 0]);

  it('flags rows at or above the threshold and counts the confusion matrix', () => {
    const metrics = metricsAtThreshold({ scores, labels, threshold: 0.7 });
    expect(metrics).toMatchObject({
      truePositives: 3,
      falsePositives: 1,
      trueNegatives: 4,
      falseNegatives: 2,
    });
    expect(metrics.precision).toBe(3 / 4);
    expect(metrics.recall).toBe(3 / 5);
    expect(metrics.f1).toBeCloseTo((2 * 0.75 * 0.6) / (0.75 + 0.6), 12);
    expect(metrics.accuracy).toBe(7 / 10);
    expect(metrics.flaggedShare).toBe(4 / 10);
  });

  it('reports precision 0 rather than NaN when nothing is flagged', () => {
    const metrics = metricsAtThreshold({ scores, labels, threshold: 0.99 });
    expect(metrics).toMatchObject({ truePositives: 0, falsePositives: 0, precision: 0, recall: 0, f1: 0 });
  });

  it('reaches recall 1 when every row is flagged', () => {
    const metrics = metricsAtThreshold({ scores, labels, threshold: 0 });
    expect(metrics.recall).toBe(1);
    expect(metrics.precision).toBe(0.5);
  });
});
