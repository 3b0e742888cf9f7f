/**
 * Acceptance test on the CDNOW sample (Fader & Hardie): 2,357 customers of the 1997 Q1 cohort, calibration
 * through 1997-09-30, holdout to 1998-06-30, in weeks. The published estimates are those of Fader, Hardie & Lee
 * (2005) for BG/NBD and of Fader & Hardie (2013, "The Gamma-Gamma Model of Monetary Value") for Gamma-Gamma.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportSkippedSharedData, sharedDataFile } from '../../test-support/shared-data.ts';
import {
  compareHoldout,
  customerLifetimeValue,
  fitBgNbd,
  fitGammaGamma,
  summarizeTransactions,
  type CustomerSummary,
  type HoldoutHistory,
  type Transaction,
} from './index.ts';
import { readCdnowSample } from '../../test-support/cdnow.ts';

const samplePath = sharedDataFile('cdnow', 'CDNOW_sample.txt');
if (samplePath === undefined)
  reportSkippedSharedData('CDNOW CLV acceptance test', 'cdnow', 'CDNOW_sample.txt');

function readTransactions(path: string): Transaction[] {
  return readCdnowSample(path).map(({ customerId, day, amount }) => ({ customerId, date: day, amount }));
}

/** A comma-separated file without quoting, as rows keyed by header. */
function readCsv(...parts: string[]): Record<string, string>[] {
  const path = sharedDataFile(...parts);
  if (path === undefined) throw new Error(`missing ${parts.join('/')}`);
  const [header = '', ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const names = header.split(',');
  return lines.map((line) =>
    Object.fromEntries(line.split(',').map((value, index) => [names[index] ?? '', value])),
  );
}

const significant = (value: number): string => value.toPrecision(3);

describe.runIf(samplePath)('CLV on the CDNOW sample', () => {
  const summary = summarizeTransactions({
    transactions: readTransactions(samplePath ?? ''),
    calibrationEnd: '1997-09-30',
    observationEnd: '1998-06-30',
    timeUnit: 'week',
  });
  const customers = new Map(summary.customers.map((customer) => [customer.customerId, customer]));
  const customer = (id: string): CustomerSummary => {
    const found = customers.get(id);
    if (found === undefined) throw new Error(`customer ${id} missing from the summary`);
    return found;
  };
  const holdoutHistories: HoldoutHistory[] = summary.customers.map((c) => ({
    frequency: c.frequency,
    recency: c.recency,
    T: c.T,
    frequencyHoldout: c.frequencyHoldout ?? Number.NaN,
    durationHoldout: c.durationHoldout ?? Number.NaN,
  }));

  it("summarises every customer as lifetimes' cdnow_customers_summary files do", () => {
    expect(summary.customers).toHaveLength(2357);
    const lifetimes = readCsv('cdnow', 'cdnow_customers_summary.csv');
    const withSpend = readCsv('cdnow', 'cdnow_customers_summary_with_transactions.csv');
    expect(lifetimes).toHaveLength(2357);
    lifetimes.forEach((row, index) => {
      const ours = customer(row.ID ?? '');
      expect(ours.frequency).toBe(Number(row.frequency));
      // The files round to 2 decimals.
      expect(Math.abs(ours.recency - Number(row.recency))).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs(ours.T - Number(row.T))).toBeLessThanOrEqual(0.005 + 1e-9);
      expect(Math.abs(ours.monetaryValue - Number(withSpend[index]?.zbar))).toBeLessThanOrEqual(0.005 + 1e-9);
    });
  });

  it('matches the full-precision calibration/holdout summary, including holdout purchases', () => {
    const rows = readCsv('cdnow', 'cdnow_sample_cal_holdout_summary.csv');
    for (const row of rows) {
      const ours = customer(row.cust ?? '');
      expect(ours.firstPurchase).toBe(row.first_purchase);
      expect(ours.frequency).toBe(Number(row.x));
      expect(ours.recency).toBeCloseTo(Number(row.t_x), 5);
      expect(ours.T).toBeCloseTo(Number(row.T_cal), 5);
      expect(ours.frequencyHoldout).toBe(Number(row.x_star));
      // m_x is rounded to 4 decimals.
      expect(Math.abs(ours.monetaryValue - Number(row.m_x))).toBeLessThanOrEqual(0.00005 + 1e-9);
      expect(ours.durationHoldout).toBe(39);
    }
    const total = (pick: (c: CustomerSummary) => number) =>
      summary.customers.reduce((sum, c) => sum + pick(c), 0);
    expect(total((c) => c.frequency)).toBe(2457);
    expect(total((c) => c.frequencyHoldout ?? 0)).toBe(1882);
  });

  it('fits BG/NBD to the published estimates r = 0.243, α = 4.414, a = 0.793, b = 2.426, log L = −9582.4', () => {
    const fit = fitBgNbd({ summaries: summary.customers });
    expect(fit.converged).toBe(true);
    expect([fit.r, fit.alpha, fit.a, fit.b].map(significant)).toEqual(['0.243', '4.41', '0.793', '2.43']);
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 1);
    // The closer estimates of CLVTools' correctness test (r = 0.2425945, α = 4.4136019, a = 0.7929199, b = 2.4258881).
    expect(fit.r).toBeCloseTo(0.2425945, 5);
    expect(fit.alpha).toBeCloseTo(4.4136019, 4);
    expect(fit.a).toBeCloseTo(0.7929199, 4);
    expect(fit.b).toBeCloseTo(2.4258881, 3);
    // An independent fit with scipy (Nelder–Mead + BFGS, Hessian by finite differences) gives the same optimum,
    // r = 0.24259453, α = 4.41360246, a = 0.79292208, b = 2.42590683, and these standard errors.
    const errors = fit.standardErrors;
    expect([errors?.r, errors?.alpha, errors?.a, errors?.b].map((value) => significant(value ?? 0))).toEqual([
      '0.0126',
      '0.378',
      '0.186',
      '0.705',
    ]);
  });

  it('fits Gamma-Gamma on the 946 repeat buyers to p = 6.25, q = 3.74, γ = 15.44', () => {
    const fit = fitGammaGamma({ summaries: summary.customers });
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(946);
    expect([fit.p, fit.q, fit.gamma].map(significant)).toEqual(['6.25', '3.74', '15.4']);
    expect(fit.gamma).toBeCloseTo(15.44, 2);
    // CLVTools' correctness test: log L = −4055.9177.
    expect(fit.logLikelihood).toBeCloseTo(-4055.9177, 3);
  });

  it('compares holdout purchases by calibration frequency: the actual means are the published ones', () => {
    const comparison = compareHoldout({
      parameters: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
      customers: holdoutHistories,
    });
    expect(comparison.buckets.map((bucket) => bucket.customers)).toEqual([
      1411, 439, 214, 100, 62, 38, 29, 64,
    ]);
    expect(comparison.buckets.map((bucket) => Number(bucket.actualMean.toFixed(4)))).toEqual([
      0.2367, 0.697, 1.3925, 1.56, 2.5323, 2.9474, 3.8621, 6.3594,
    ]);
    // Conditional expectations at the published estimates, computed independently with mpmath.
    const reference = [
      0.2254508792, 0.5231761322, 1.044169721, 1.520292682, 2.163874725, 2.653831653, 3.503990646,
      6.157071741,
    ];
    comparison.buckets.forEach((bucket, index) =>
      expect(bucket.predictedMean).toBeCloseTo(reference[index]!, 5),
    );
    expect(comparison.actualRepeatPurchases).toBe(1882);
    expect(comparison.predictedRepeatPurchases).toBeCloseTo(1653.9412571, 2);
  });

  it('values customers over 12 months at 1 % a month as an independent computation does', () => {
    const values = customerLifetimeValue({
      bgNbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
      gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 },
      customers: ['1', '2', '3', '1001'].map(customer),
      timeUnit: 'week',
    });
    // mpmath, from the 6-decimal recency and T of the derived summary file.
    const reference = [36.3077448665284, 4.64392376210434, 8.37494626378378, 9.38705211009355];
    values.forEach((value, index) => expect(value).toBeCloseTo(reference[index]!, 4));
  });
});
