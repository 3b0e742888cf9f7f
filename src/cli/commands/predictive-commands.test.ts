import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segmint } from '../../test-support/run-cli.ts';

describe('segmint clv, churn and recommend on a generated shop', () => {
  let dir: string;
  let db: string;
  const run = (...args: string[]) => segmint('--db', db, ...args);
  const json = async (...args: string[]) => {
    const result = await run(...args, '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return JSON.parse(result.stdout);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'segmint-predictive-cli-'));
    db = join(dir, 'store.duckdb');
    const generated = await run(
      ...['generate', '--customers', '400', '--days', '400', '--end-date', '2025-01-01', '--seed', '7'],
    );
    expect(generated.code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe('segmint clv', () => {
    it('fit prints the parameters, log-likelihood, convergence and the holdout comparison', async () => {
      const { code, stdout } = await run('clv', 'fit', '--calibration-end', '2024-09-30');
      expect(code).toBe(0);
      expect(stdout).toMatch(
        /CLV model v1: [\d,]+ customers \([\d,]+ repeat buyers\), 'purchase' through 2024-09-30, in weeks/,
      );
      expect(stdout).toMatch(/BG\/NBD\s+alpha\s+[\d.]+/);
      expect(stdout).toMatch(/Gamma-Gamma\s+gamma\s+[\d.]+/);
      expect(stdout).toMatch(/BG\/NBD: log-likelihood -[\d.]+ on [\d,]+ customers, converged/);
      expect(stdout).toMatch(/Holdout 2024-09-30 → 2024-12-31: [\d,]+ repeat purchases, predicted [\d.]+/);
    });

    it('fit --json returns the stored model with its diagnostics; a bad time unit exits 2', async () => {
      const report = await json('clv', 'fit', '--time-unit', 'day');
      expect(report.model.version).toBe(2);
      expect(report.params.timeUnit).toBe('day');
      expect(report.bgNbd.converged).toBe(true);
      const bad = await run('clv', 'fit', '--time-unit', 'month');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/options\.timeUnit/);
    });

    it('predict writes clv, p_alive, expected purchases and spend onto profiles and summarises them', async () => {
      const prediction = await json('clv', 'predict', '--horizon', '6');
      expect(prediction.horizonMonths).toBe(6);
      expect(prediction.traits).toEqual(['p_alive', 'expected_purchases_90d', 'expected_avg_spend', 'clv']);
      const text = await run('clv', 'predict');
      expect(text.stdout).toMatch(
        /^Wrote p_alive, expected_purchases_90d, expected_avg_spend, clv for [\d,]+ customers/,
      );
      expect(text.stdout).toMatch(/\nclv\s+[\d.,]+/);
      const profile = await json('profiles', 'show', 'user-000003');
      expect(Object.keys(profile.computed)).toEqual(
        expect.arrayContaining(['clv', 'p_alive', 'expected_purchases_90d', 'expected_avg_spend']),
      );
    });
  });

  describe('segmint churn', () => {
    it('train reports the held-out AUC, precision/recall at the threshold and the top features', async () => {
      const { code, stdout } = await run('churn', 'train', '--horizon-days', '90', '--trait', 'plan');
      expect(code).toBe(0);
      expect(stdout).toMatch(/Held-out ROC-AUC 0\.\d{4} on [\d,]+ customers/);
      expect(stdout).toMatch(/precision [\d.]+ %, recall [\d.]+ %/);
      expect(stdout).toMatch(/Top features:\nfeature\s+per std dev\s+effect\n\w+/);
    });

    it('score writes churn_risk onto every customer', async () => {
      const scores = await json('churn', 'score');
      expect(scores.customers).toBeGreaterThan(100);
      const profile = await json('profiles', 'show', 'user-000003');
      expect(profile.computed.churn_risk).toBeGreaterThanOrEqual(0);
      expect(profile.computed.churn_risk).toBeLessThanOrEqual(1);
    });

    it('train --csv learns from a labelled file and keeps the model apart from the store model', async () => {
      const file = join(dir, 'labelled.csv');
      const rows = Array.from({ length: 120 }, (_, index) => {
        const months = (index * 7) % 60;
        const churned = months < 20 !== (index % 10 === 0) ? 'Yes' : 'No';
        return `c${index},${months},${index % 3 === 0 ? 'monthly' : 'yearly'},${churned}`;
      });
      writeFileSync(file, ['customerID,tenure,contract,Churn', ...rows].join('\n'));
      const training = await json(
        ...['churn', 'train', '--csv', file, '--label-column', 'Churn', '--positive', 'Yes'],
        ...['--id-column', 'customerID'],
      );
      expect(training.model.name).toBe('churn-csv');
      expect(training.report.validation.type).toBe('cross-validation');
      expect(training.report.validation.aucMean).toBeGreaterThan(0.7);
      const missingLabel = await run('churn', 'train', '--csv', file);
      expect(missingLabel.code).toBe(2);
      expect(missingLabel.stderr).toMatch(/labelColumn/);
    });
  });

  describe('segmint recommend', () => {
    it('asks for a build first, then recommends items the profile has not bought', async () => {
      const before = await run('recommend', '--profile', 'user-000003');
      expect(before.code).toBe(4);
      expect(before.stderr).toMatch(/segmint recommend build/);

      const build = await run('recommend', 'build', '--min-co-buyers', '2');
      expect(build.stdout).toMatch(
        /^Built recommendations v1 in [\d.]+ s: [\d,]+ items bought by [\d,]+ profiles/,
      );

      const result = await json('recommend', '--profile', 'user-000003', '--n', '4');
      expect(result.userId).toBe('user-000003');
      expect(result.items).toHaveLength(4);
      expect(result.items.map((item: { position: number }) => item.position)).toEqual([1, 2, 3, 4]);
      const text = await run('recommend', '--profile', 'user-000003');
      expect(text.stdout).toMatch(/position\s+itemId\s+reason\s+score\n1\s+prod-\d+\s+(similar|popular)/);
    });

    it('build --json returns the build, and a missing --profile or unknown profile is explained', async () => {
      const build = await json('recommend', 'build', '--similarity', 'lift', '--min-co-buyers', '3');
      expect(build).toMatchObject({ version: 2, settings: { similarity: 'lift', minCoBuyers: 3 } });
      const missing = await run('recommend');
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/--profile ID/);
      const unknown = await run('recommend', '--profile', 'nobody@nowhere');
      expect(unknown.code).toBe(4);
    });
  });
});
