import { describe, expect, it } from 'vitest';
import { SegmintError } from '../../../errors.ts';
import { logBeta, logGamma } from '../math/gamma-functions.ts';
import { integrate } from '../test-support/integrate.ts';
import { bgNbdLogLikelihood, type BgNbdVector } from './log-likelihood.ts';
import { packHistories } from './pack-histories.ts';

const PUBLISHED: BgNbdVector = [0.243, 4.414, 0.793, 2.426];

function logLikelihoodOf(vector: BgNbdVector, frequency: number, recency: number, T: number): number {
  return bgNbdLogLikelihood(vector, packHistories([{ frequency, recency, T }]));
}

/**
 * The individual-level BG/NBD likelihood integrated over λ ~ Gamma(r, α) and p ~ Beta(a, b) numerically:
 *   L = E[(1−p)^x] E[λ^x e^(−λT)] + 𝟙(x>0) E[p (1−p)^(x−1)] E[λ^x e^(−λ t_x)]
 * (each term factorises because λ and p are independent).
 */
function integratedLikelihood([r, alpha, a, b]: BgNbdVector, x: number, recency: number, T: number): number {
  const gammaExpectation = (f: (lambda: number) => number): number =>
    integrate(
      (l) => f(l) * Math.exp(r * Math.log(alpha) + (r - 1) * Math.log(l) - alpha * l - logGamma(r)),
      0,
      60,
    );
  const betaExpectation = (f: (p: number) => number): number =>
    integrate((p) => f(p) * Math.exp((a - 1) * Math.log(p) + (b - 1) * Math.log1p(-p) - logBeta(a, b)), 0, 1);
  const alive =
    betaExpectation((p) => Math.pow(1 - p, x)) * gammaExpectation((l) => Math.pow(l, x) * Math.exp(-l * T));
  if (x === 0) return alive;
  const dropped =
    betaExpectation((p) => p * Math.pow(1 - p, x - 1)) *
    gammaExpectation((l) => Math.pow(l, x) * Math.exp(-l * recency));
  return alive + dropped;
}

describe('bgNbdLogLikelihood', () => {
  it('equals a hand computation with r = α = a = b = 1', () => {
    // x = 2, t_x = 1, T = 3: B(1,3)/B(1,1) · Γ(3)/4³ + B(2,2)/B(1,1) · Γ(3)/2³ = 1/3 · 1/32 + 1/6 · 1/4 = 5/96.
    expect(logLikelihoodOf([1, 1, 1, 1], 2, 1, 3)).toBeCloseTo(Math.log(5 / 96), 14);
    // x = 0, T = 1: Γ(1) · 1 / 2¹ = 1/2.
    expect(logLikelihoodOf([1, 1, 1, 1], 0, 0, 1)).toBeCloseTo(Math.log(1 / 2), 14);
  });

  it('matches the likelihood integrated numerically over λ and p', () => {
    const vector: BgNbdVector = [2, 3, 2, 3];
    for (const [x, recency, T] of [
      [0, 0, 5],
      [1, 2, 5],
      [4, 3.5, 6],
    ] as const) {
      expect(logLikelihoodOf(vector, x, recency, T)).toBeCloseTo(
        Math.log(integratedLikelihood(vector, x, recency, T)),
        10,
      );
    }
  });

  // Reference values from mpmath (30 digits) with the published CDNOW estimates.
  it.each([
    [2, 213 / 7, 272 / 7, -9.458473557488498],
    [1, 12 / 7, 272 / 7, -4.469760929574855],
    [0, 0, 272 / 7, -0.5546972319626023],
    [3, 0, 50, -7.217348390041146],
    [150, 300, 365, -267.4458683160645],
    [500, 20, 1000, 996.6029755042528],
  ])('matches mpmath for x = %d, t_x = %d, T = %d (including very large x)', (x, recency, T, expected) => {
    expect(logLikelihoodOf(PUBLISHED, x, recency, T)).toBeCloseTo(expected, 9);
  });

  it('sums over customers, counting merged rows by their weight', () => {
    const histories = [
      { frequency: 2, recency: 213 / 7, T: 272 / 7 },
      { frequency: 0, recency: 0, T: 272 / 7 },
      { frequency: 0, recency: 0, T: 272 / 7 },
    ];
    const expected = -9.458473557488498 + 2 * -0.5546972319626023;
    expect(bgNbdLogLikelihood(PUBLISHED, packHistories(histories))).toBeCloseTo(expected, 10);
  });

  it('has the gradient of its own finite differences', () => {
    const histories = packHistories([
      { frequency: 0, recency: 0, T: 30 },
      { frequency: 1, recency: 2, T: 30 },
      { frequency: 7, recency: 25, T: 35 },
      { frequency: 40, recency: 31, T: 32 },
    ]);
    const gradient = new Float64Array(4);
    bgNbdLogLikelihood(PUBLISHED, histories, gradient);
    PUBLISHED.forEach((value, index) => {
      const step = 1e-6 * value;
      const shifted = (delta: number): BgNbdVector => {
        const values = PUBLISHED.map((parameter, position) =>
          position === index ? parameter + delta : parameter,
        );
        return [values[0]!, values[1]!, values[2]!, values[3]!];
      };
      const numeric =
        (bgNbdLogLikelihood(shifted(step), histories) - bgNbdLogLikelihood(shifted(-step), histories)) /
        (2 * step);
      expect(gradient[index]).toBeCloseTo(numeric, 5);
    });
  });

  it('is −Infinity outside the parameter space', () => {
    expect(logLikelihoodOf([0.5, -1, 1, 1], 1, 1, 2)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('packHistories', () => {
  it('merges identical rows, and one-time buyers that differ only in recency', () => {
    const packed = packHistories([
      { frequency: 0, recency: 0, T: 10 },
      { frequency: 0, recency: 3, T: 10 },
      { frequency: 2, recency: 4, T: 10 },
      { frequency: 2, recency: 4, T: 10 },
      { frequency: 2, recency: 5, T: 10 },
    ]);
    expect([...packed.weight]).toEqual([2, 2, 1]);
    expect(packed.customerCount).toBe(5);
    expect(packed.maxFrequency).toBe(2);
  });

  it('names the bad rows in a typed error', () => {
    const bad = () =>
      packHistories([
        { frequency: 1, recency: 2, T: 3 },
        { frequency: 1.5, recency: 2, T: 3 },
        { frequency: 1, recency: 4, T: 3 },
      ]);
    expect(bad).toThrow(SegmintError);
    try {
      bad();
    } catch (error) {
      if (!(error instanceof SegmintError)) throw error;
      expect(error.code).toBe('invalid_input');
      expect(error.details.map((detail) => detail.path)).toEqual([
        'summaries[1].frequency',
        'summaries[2].recency',
      ]);
    }
  });
});
