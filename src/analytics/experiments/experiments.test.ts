import { describe, expect, it } from 'vitest';
import { compareProportions } from './compare-proportions.ts';
import { normalCdf, normalQuantile } from './normal-distribution.ts';
import { probabilityToBeat } from './probability-to-beat.ts';

describe('the standard normal distribution', () => {
  it.each([
    [0, 0.5],
    [1.959963984540054, 0.975],
    [-1, 0.15865525393145707],
    [3, 0.9986501019683699],
    [-8, 6.22096057427178e-16],
  ])('Φ(%d) = %d', (z, expected) => {
    expect(normalCdf(z)).toBeCloseTo(expected, 14);
    if (expected > 1e-10) expect(Math.abs(normalCdf(z) - expected) / expected).toBeLessThan(1e-12);
  });

  it('inverts the CDF', () => {
    for (const p of [1e-10, 0.001, 0.025, 0.3, 0.5, 0.9, 0.975, 0.999999]) {
      expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 13);
    }
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
  });
});

/** P(B > A) by integrating f_B(x)·F_A(x) on a fine grid: an independent check of the exact sum. */
function integratedProbability(a: [number, number], b: [number, number]): number {
  const steps = 200_000;
  const density = ([alpha, beta]: [number, number], x: number) =>
    x <= 0 || x >= 1 ? 0 : Math.exp((alpha - 1) * Math.log(x) + (beta - 1) * Math.log(1 - x));
  let cumulativeA = 0;
  let totalA = 0;
  let totalB = 0;
  let joint = 0;
  const h = 1 / steps;
  for (let i = 0; i < steps; i++) {
    const x = (i + 0.5) * h;
    const fa = density(a, x);
    const fb = density(b, x);
    cumulativeA += fa * h;
    totalA += fa * h;
    totalB += fb * h;
    joint += fb * (cumulativeA - (fa * h) / 2) * h;
  }
  return joint / (totalA * totalB);
}

describe('probability to beat control', () => {
  it('equals a numerical integration of the two Beta posteriors', () => {
    const exact = probabilityToBeat({ conversions: 20, trials: 100 }, { conversions: 30, trials: 100 });
    expect(exact).toBeCloseTo(integratedProbability([21, 81], [31, 71]), 5);
    expect(exact).toBeGreaterThan(0.9);
  });

  it('is symmetric and one half for identical arms', () => {
    const a = { conversions: 37, trials: 400 };
    const b = { conversions: 52, trials: 410 };
    expect(probabilityToBeat(a, b) + probabilityToBeat(b, a)).toBeCloseTo(1, 10);
    expect(probabilityToBeat(a, a)).toBeCloseTo(0.5, 10);
  });

  it('switches to the normal approximation smoothly for very large arms', () => {
    const control = { conversions: 199_000, trials: 1_000_000 };
    const justBelow = probabilityToBeat(control, { conversions: 199_999, trials: 1_000_000 });
    const justAbove = probabilityToBeat(control, { conversions: 200_001, trials: 1_000_000 });
    expect(Math.abs(justAbove - justBelow)).toBeLessThan(0.01);
  });
});

describe('compareProportions', () => {
  it('matches the textbook two-proportion z-test', () => {
    const result = compareProportions({ conversions: 200, trials: 1000 }, { conversions: 250, trials: 1000 });
    const pooled = 450 / 2000;
    const z = 0.05 / Math.sqrt(pooled * (1 - pooled) * (2 / 1000));
    expect(result.z).toBeCloseTo(z, 12);
    expect(result.z).toBeCloseTo(2.6774, 4);
    expect(result.pValue).toBeCloseTo(2 * (1 - normalCdf(z)), 12);
    expect(result.pValue).toBeCloseTo(0.00742, 4);
    expect(result.significant).toBe(true);
    expect(result.relativeLift).toBeCloseTo(0.25, 12);
    const half = 1.959963984540054 * Math.sqrt((0.2 * 0.8) / 1000 + (0.25 * 0.75) / 1000);
    expect(result.confidenceInterval[0]).toBeCloseTo(0.05 - half, 12);
    expect(result.confidenceInterval[1]).toBeCloseTo(0.05 + half, 12);
    // Significant, yet a difference this size needs a few more recipients for 80% power: said, not hidden.
    expect(result.requiredSamplePerArm).toBe(1091);
    expect(result.warnings).toEqual([
      '1,091 recipients per arm are needed to detect a difference this size with 80% power',
    ]);
  });

  it('warns when the sample is too small and then never calls it significant', () => {
    const result = compareProportions({ conversions: 1, trials: 20 }, { conversions: 9, trials: 20 });
    expect(result.pValue).toBeLessThan(0.05);
    expect(result.significant).toBe(false);
    expect(result.warnings).toEqual(
      expect.arrayContaining([expect.stringContaining('control has 20 recipients (fewer than 100)')]),
    );
  });

  it('says how many recipients a small difference needs', () => {
    const result = compareProportions({ conversions: 100, trials: 1000 }, { conversions: 110, trials: 1000 });
    expect(result.significant).toBe(false);
    expect(result.requiredSamplePerArm).toBeGreaterThan(10_000);
    expect(result.warnings.join()).toMatch(/recipients per arm are needed/);
  });

  it('refuses impossible counts', () => {
    expect(() => compareProportions({ conversions: 5, trials: 3 }, { conversions: 0, trials: 1 })).toThrow(
      /0 ≤ conversions ≤ trials/,
    );
  });
});
