import { describe, expect, it } from 'vitest';
import { SegmintError } from '../../../errors.ts';
import { Random } from '../../../random.ts';
import { integrate } from '../test-support/integrate.ts';
import { expectedAverageSpend } from './expected-average-spend.ts';
import { fitGammaGamma } from './fit-gamma-gamma.ts';
import { gammaGammaLogLikelihood } from './log-likelihood.ts';

function logDensity(parameters: readonly number[], frequency: number, monetaryValue: number): number {
  return gammaGammaLogLikelihood(parameters, {
    frequency: Float64Array.of(frequency),
    monetaryValue: Float64Array.of(monetaryValue),
  });
}

/** Customers whose purchases are Gamma(p, ν) with ν ~ Gamma(q, γ), as the model assumes. */
function simulateSpend(p: number, q: number, gamma: number, customers: number, seed: number) {
  const random = new Random(seed);
  return Array.from({ length: customers }, () => {
    const frequency = 1 + Math.floor(random.next() * 8);
    const rate = random.gamma(q, 1 / gamma);
    let total = 0;
    for (let purchase = 0; purchase < frequency; purchase++) total += random.gamma(p, 1 / rate);
    return { frequency, monetaryValue: total / frequency };
  });
}

describe('gammaGammaLogLikelihood', () => {
  it('equals hand computations', () => {
    // p = q = γ = 1, x = 1, m̄ = 1: Γ(2)/(Γ(1)Γ(1)) · 1 · 1⁰ · 1¹ / 2² = 1/4.
    expect(logDensity([1, 1, 1], 1, 1)).toBeCloseTo(Math.log(1 / 4), 14);
    // p = 1, q = 2, γ = 1, x = 2, m̄ = 3: Γ(4)/(Γ(2)Γ(2)) · 1² · 3¹ · 2² / 7⁴ = 72/2401.
    expect(logDensity([1, 2, 1], 2, 3)).toBeCloseTo(Math.log(72 / 2401), 14);
  });

  it('is a probability density of the mean spend: it integrates to 1', () => {
    for (const frequency of [1, 4]) {
      // m̄ = u / (1 − u) maps (0, 1) onto (0, ∞).
      const total = integrate(
        (u) =>
          u <= 0 || u >= 1 ? 0 : Math.exp(logDensity([2.5, 3, 4], frequency, u / (1 - u))) / (1 - u) ** 2,
        0,
        1,
      );
      expect(total).toBeCloseTo(1, 8);
    }
  });

  it('has the gradient of its own finite differences', () => {
    const buyers = { frequency: Float64Array.of(1, 3, 12), monetaryValue: Float64Array.of(20, 35.5, 18) };
    const parameters = [6.25, 3.74, 15.44];
    const gradient = new Float64Array(3);
    gammaGammaLogLikelihood(parameters, buyers, gradient);
    parameters.forEach((value, index) => {
      const step = 1e-6 * value;
      const at = (delta: number) =>
        gammaGammaLogLikelihood(
          parameters.map((v, i) => (i === index ? v + delta : v)),
          buyers,
        );
      expect(gradient[index]).toBeCloseTo((at(step) - at(-step)) / (2 * step), 5);
    });
  });
});

describe('fitGammaGamma', () => {
  it('recovers the parameters of 5,000 simulated repeat buyers within 4 standard errors', () => {
    const truth = { p: 4, q: 5, gamma: 30 };
    const fit = fitGammaGamma({ summaries: simulateSpend(truth.p, truth.q, truth.gamma, 5_000, 11) });
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(5_000);
    for (const name of ['p', 'q', 'gamma'] as const) {
      const error = fit.standardErrors?.[name] ?? Number.NaN;
      expect(Math.abs(fit[name] - truth[name])).toBeLessThan(4 * error);
    }
    // Spend was drawn independently of frequency.
    expect(Math.abs(fit.frequencySpendCorrelation)).toBeLessThan(0.05);
  });

  it('fits on repeat buyers only', () => {
    const buyers = simulateSpend(4, 5, 30, 300, 5);
    const withOneTimers = [...buyers, { frequency: 0, monetaryValue: 0 }, { frequency: 0, monetaryValue: 0 }];
    const fit = fitGammaGamma({ summaries: withOneTimers });
    expect(fit.customers).toBe(300);
    expect(fit.logLikelihood).toBeCloseTo(fitGammaGamma({ summaries: buyers }).logLikelihood, 8);
  });

  it('refuses repeat buyers without a positive spend, and data with fewer than two repeat buyers', () => {
    expect(() =>
      fitGammaGamma({
        summaries: [
          { frequency: 2, monetaryValue: -5 },
          { frequency: 1, monetaryValue: 3 },
        ],
      }),
    ).toThrow(/positive mean spend/);
    expect(() =>
      fitGammaGamma({
        summaries: [
          { frequency: 2, monetaryValue: 5 },
          { frequency: 0, monetaryValue: 0 },
        ],
      }),
    ).toThrow(SegmintError);
  });
});

describe('expectedAverageSpend', () => {
  const parameters = { p: 6.25, q: 3.74, gamma: 15.44 };

  it('shrinks a customer’s mean spend toward the population mean pγ/(q−1)', () => {
    const [oneTimer, twoRepeats, manyRepeats] = expectedAverageSpend({
      parameters,
      customers: [
        { frequency: 0, monetaryValue: 0 },
        { frequency: 2, monetaryValue: 22.345 },
        { frequency: 200, monetaryValue: 22.345 },
      ],
    });
    const populationMean = (6.25 * 15.44) / 2.74;
    expect(oneTimer).toBeCloseTo(populationMean, 12);
    // mpmath: 6.25 · (15.44 + 2 · 22.345) / (6.25 · 2 + 2.74)
    expect(twoRepeats).toBeCloseTo(24.6596128608924, 12);
    expect(manyRepeats! - 22.345).toBeLessThan(twoRepeats! - 22.345);
    expect(manyRepeats).toBeGreaterThan(22.345);
  });

  it('refuses q ≤ 1, where the population mean spend is infinite', () => {
    const call = () => expectedAverageSpend({ parameters: { ...parameters, q: 0.9 }, customers: [] });
    expect(call).toThrow(SegmintError);
    expect(call).toThrow(/infinite/);
  });
});
