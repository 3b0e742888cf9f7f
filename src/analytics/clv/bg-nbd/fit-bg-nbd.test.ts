import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { SegmintError } from '../../../errors.ts';
import { simulateBgNbdCustomers } from '../simulate/simulate-bg-nbd.ts';
import { fitBgNbd } from './fit-bg-nbd.ts';
import { bgNbdLogLikelihood, fromBgNbdVector, toBgNbdVector } from './log-likelihood.ts';
import { packHistories } from './pack-histories.ts';

const TRUE_PARAMETERS = { r: 0.5, alpha: 6, a: 0.7, b: 3 };
const simulated = simulateBgNbdCustomers({
  parameters: TRUE_PARAMETERS,
  customers: 20_000,
  seed: 2024,
  ageRange: { min: 20, max: 52 },
});

describe('fitBgNbd', () => {
  it('recovers the parameters of 20,000 customers simulated from the model, within 4 standard errors', () => {
    const fit = fitBgNbd({ summaries: simulated });
    expect(fit.converged).toBe(true);
    expect(fit.method).toBe('bfgs');
    expect(fit.customers).toBe(20_000);
    expect(fit.standardErrors).not.toBeNull();
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      const error = fit.standardErrors?.[name] ?? Number.NaN;
      expect(error).toBeGreaterThan(0);
      expect(error).toBeLessThan(0.2 * TRUE_PARAMETERS[name]);
      expect(Math.abs(fit[name] - TRUE_PARAMETERS[name])).toBeLessThan(4 * error);
    }
  });

  it('ends at a maximum: the log-likelihood is lower a small step away in every direction', () => {
    const summaries = simulated.slice(0, 2_000);
    const fit = fitBgNbd({ summaries });
    const histories = packHistories(summaries);
    const vector = toBgNbdVector(fit);
    expect(bgNbdLogLikelihood(vector, histories)).toBeCloseTo(fit.logLikelihood, 9);
    vector.forEach((value, index) => {
      for (const factor of [0.999, 1.001]) {
        const nearby = toBgNbdVector(
          fromBgNbdVector(vector.map((v, i) => (i === index ? value * factor : v))),
        );
        expect(bgNbdLogLikelihood(nearby, histories)).toBeLessThan(fit.logLikelihood);
      }
    });
  });

  it('reaches the same optimum from a distant start', () => {
    const summaries = simulated.slice(0, 2_000);
    const fromDefault = fitBgNbd({ summaries });
    const fromFar = fitBgNbd({ summaries, initialParameters: { r: 20, alpha: 0.05, a: 30, b: 0.01 } });
    expect(fromFar.converged).toBe(true);
    expect(fromFar.logLikelihood).toBeCloseTo(fromDefault.logLikelihood, 6);
    expect(fromFar.r).toBeCloseTo(fromDefault.r, 4);
  });

  it('says when it stopped before converging', () => {
    const fit = fitBgNbd({ summaries: simulated.slice(0, 2_000), maxIterations: 2 });
    expect(fit.converged).toBe(false);
    expect(fit.reason).toMatch(/no convergence|precision/);
  });

  it('refuses data without any repeat purchase', () => {
    const summaries = [
      { frequency: 0, recency: 0, T: 10 },
      { frequency: 0, recency: 0, T: 12 },
    ];
    expect(() => fitBgNbd({ summaries })).toThrow(SegmintError);
    expect(() => fitBgNbd({ summaries })).toThrow(/repeat purchase/);
  });

  it('validates its options', () => {
    expect(() => fitBgNbd({ summaries: simulated, gradientTolerance: -1 })).toThrow(ZodError);
    expect(() => fitBgNbd({ summaries: [{ frequency: -1, recency: 0, T: 1 }] })).toThrow(SegmintError);
  });
});
