import { describe, expect, it } from 'vitest';
import { SegmintError } from '../../errors.ts';
import { chooseThreshold, sweepThresholds } from './choose-threshold.ts';
import { metricsAtThreshold } from './threshold-metrics.ts';

// Five churners (1) and five stayers (0), sorted by score.
const scores = [0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1];
const labels = Uint8Array.from([1, 1, 0, 1, 0, 1, 0, 0, 1, 0]);

describe('sweepThresholds', () => {
  it('gives, for each distinct score, the same metrics as evaluating that threshold directly', () => {
    const tiedScores = [0.9, 0.9, 0.5, 0.5, 0.5, 0.1];
    const tiedLabels = Uint8Array.from([1, 0, 1, 1, 0, 0]);
    const sweep = sweepThresholds({ scores: tiedScores, labels: tiedLabels });
    expect(sweep.map((metrics) => metrics.threshold)).toEqual([0.9, 0.5, 0.1]);
    for (const metrics of sweep) {
      expect(metrics).toEqual(
        metricsAtThreshold({ scores: tiedScores, labels: tiedLabels, threshold: metrics.threshold }),
      );
    }
  });
});

describe('chooseThreshold', () => {
  it('maximises F1', () => {
    // Flagging down to 0.5 catches 4 of 5 churners with 2 false alarms: F1 = 8/11, the best available.
    const chosen = chooseThreshold({ scores, labels, strategy: { type: 'max-f1' } });
    expect(chosen.threshold).toBe(0.5);
    expect(chosen.f1).toBeCloseTo(8 / 11, 12);
    for (const threshold of scores) {
      expect(metricsAtThreshold({ scores, labels, threshold }).f1).toBeLessThanOrEqual(chosen.f1);
    }
  });

  it('takes the highest threshold that reaches the required recall', () => {
    const chosen = chooseThreshold({ scores, labels, strategy: { type: 'min-recall', recall: 0.6 } });
    expect(chosen.threshold).toBe(0.7);
    expect(chosen.recall).toBe(0.6);
  });

  it('takes the lowest threshold whose flagged rows are precise enough, to find the most churners', () => {
    const chosen = chooseThreshold({ scores, labels, strategy: { type: 'min-precision', precision: 2 / 3 } });
    // At 0.5: 4 churners among 6 flagged (precision 2/3); every lower threshold is less precise.
    expect(chosen.threshold).toBe(0.5);
    expect(chosen.recall).toBe(0.8);
  });

  it('flags no more than the given share of customers for a fixed-budget campaign', () => {
    const chosen = chooseThreshold({ scores, labels, strategy: { type: 'top-share', share: 0.35 } });
    expect(chosen.threshold).toBe(0.8);
    expect(chosen.flaggedShare).toBe(0.3);
  });

  it('evaluates a fixed threshold as given', () => {
    const chosen = chooseThreshold({ scores, labels, strategy: { type: 'fixed', value: 0.65 } });
    expect(chosen).toMatchObject({ threshold: 0.65, truePositives: 3, falsePositives: 1 });
  });

  it('fails with a typed error when no threshold meets the requirement', () => {
    // The top-scored row stayed, so every threshold flags at least one false alarm.
    const scoresWithFalseAlarmOnTop = [0.9, 0.1];
    const outcomes = Uint8Array.from([0, 1]);
    const strategy = { type: 'min-precision', precision: 1 } as const;
    expect(() => chooseThreshold({ scores: scoresWithFalseAlarmOnTop, labels: outcomes, strategy })).toThrow(
      SegmintError,
    );
  });
});
