import { describe, expect, it } from 'vitest';
import { SegmintError } from '../../errors.ts';
import { CHURN_MODEL_FORMAT } from './churn-model-schema.ts';
import type { ChurnModel } from './churn-model-schema.ts';
import { parseChurnModel, scoreChurn } from './score-churn.ts';

/** A hand-written model: log-odds = -1 + 2·z(tenure) + 1.5·[plan = monthly]. */
const model: ChurnModel = {
  format: CHURN_MODEL_FORMAT,
  version: 1,
  label: { column: 'churned', positive: 'yes' },
  idColumn: 'id',
  encoder: {
    columns: [
      { type: 'numeric', column: 'tenure', median: 10, mean: 12, std: 4, missingIndicator: false },
      { type: 'categorical', column: 'plan', levels: ['monthly'] },
    ],
  },
  featureNames: ['tenure', 'plan = monthly'],
  predictor: { type: 'logistic-regression', intercept: -1, coefficients: [2, 1.5], l2: 1 },
  threshold: 0.5,
};
const logistic = (z: number) => 1 / (1 + Math.exp(-z));

describe('scoreChurn', () => {
  it('returns each customer id with its churn probability and whether it is at risk', () => {
    const scores = scoreChurn({
      model,
      records: [
        { id: 'a', tenure: '16', plan: 'monthly' },
        { id: 'b', tenure: 12, plan: 'yearly' },
      ],
    });
    expect(scores[0]?.id).toBe('a');
    expect(scores[0]?.probability).toBeCloseTo(logistic(-1 + 2 + 1.5), 12);
    expect(scores[0]?.isAtRisk).toBe(true);
    expect(scores[1]?.probability).toBeCloseTo(logistic(-1), 12);
    expect(scores[1]?.isAtRisk).toBe(false);
  });

  it('scores rows with blanks and unseen levels instead of failing', () => {
    const [score] = scoreChurn({ model, records: [{ tenure: '', plan: 'weekly' }] });
    // Blank tenure → median 10 → z = -0.5; unseen plan → no plan feature.
    expect(score?.probability).toBeCloseTo(logistic(-1 - 1), 12);
    expect(score?.id).toBeUndefined();
  });
});

describe('parseChurnModel', () => {
  it('accepts a stored model', () => {
    expect(parseChurnModel({ json: JSON.parse(JSON.stringify(model)) })).toEqual(model);
  });

  it('rejects a model whose coefficients do not match its features', () => {
    const broken = { ...model, predictor: { ...model.predictor, coefficients: [2] } };
    expect(() => parseChurnModel({ json: broken })).toThrow(SegmintError);
    expect(() => parseChurnModel({ json: broken })).toThrow(/predictor\.coefficients/);
  });

  it('rejects a file that is not a churn model', () => {
    expect(() => parseChurnModel({ json: { format: 'something else' } })).toThrow(/Invalid churn model/);
  });
});
