import { describe, expect, it } from 'vitest';
import { labelFeature } from './label-feature.ts';

describe('labelFeature', () => {
  it.each([
    ['annual_income', 'annual income'],
    ['Annual_Income(k$)', 'annual income'],
    ['Spending Score (1-100)', 'spending score'],
    ['daysSinceLastOrder', 'days since last order'],
    ['order-count', 'order count'],
    ['avgOrderValueEUR', 'avg order value EUR'],
    ['RFM_score', 'RFM score'],
    ['age', 'age'],
    ['traits.annual_income', 'annual income'],
    ['computed.rfm.monetary', 'rfm monetary'],
    ['rfm.recency_days', 'rfm recency days'],
    ['(weird)', '(weird)'],
  ])('%s → "%s"', (name, label) => {
    expect(labelFeature(name)).toBe(label);
  });
});
