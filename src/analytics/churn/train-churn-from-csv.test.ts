import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SegmintError } from '../../errors.ts';
import { reportSkippedSharedData, sharedDataFile } from '../../test-support/shared-data.ts';
import { simulateCustomers } from './simulate-customers.ts';
import { trainChurnFromCsv } from './train-churn-from-csv.ts';

const directory = mkdtempSync(join(tmpdir(), 'segmint-churn-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function writeCsv(name: string, rows: Record<string, unknown>[]): string {
  const header = Object.keys(rows[0] ?? {});
  const lines = rows.map((row) =>
    header.map((column) => JSON.stringify(String(row[column] ?? ''))).join(','),
  );
  const file = join(directory, name);
  writeFileSync(file, [header.join(','), ...lines].join('\n'));
  return file;
}

describe('trainChurnFromCsv', () => {
  it('reads a labelled CSV, detects the columns and trains', async () => {
    const file = writeCsv('customers.csv', simulateCustomers({ count: 400, seed: 5 }));
    const { model, report } = await trainChurnFromCsv({
      file,
      labelColumn: 'churned',
      positive: 'Yes',
      idColumn: 'customerId',
      validation: { type: 'cross-validation', folds: 3, seed: 1 },
    });
    expect(report.rows).toBe(400);
    expect(report.columns.find(({ column }) => column === 'totalCharges')?.kind).toBe('numeric');
    expect(report.validation).toMatchObject({ type: 'cross-validation', folds: 3 });
    expect(model.idColumn).toBe('customerId');
  });

  it('says which file is missing', async () => {
    const missing = trainChurnFromCsv({
      file: join(directory, 'nope.csv'),
      labelColumn: 'Churn',
      positive: 'Yes',
    });
    await expect(missing).rejects.toThrow(SegmintError);
    await expect(missing).rejects.toThrow(/nope\.csv/);
  });

  it('fails instead of waiting when the path is a folder', async () => {
    await expect(
      trainChurnFromCsv({ file: directory, labelColumn: 'Churn', positive: 'Yes' }),
    ).rejects.toThrow(SegmintError);
  });

  it('rejects a file that is not valid CSV', async () => {
    const file = join(directory, 'ragged.csv');
    writeFileSync(file, 'a,b,Churn\n1,2,Yes\n1,2\n');
    await expect(trainChurnFromCsv({ file, labelColumn: 'Churn', positive: 'Yes' })).rejects.toThrow(
      /not valid CSV/,
    );
  });
});

const telco = sharedDataFile('telco_churn', 'Telco-Customer-Churn.csv');
if (!telco) reportSkippedSharedData('Telco churn acceptance test', 'telco_churn', 'Telco-Customer-Churn.csv');

describe.runIf(telco)('acceptance: IBM Telco customer churn (7,043 customers)', () => {
  it('reaches a 5-fold cross-validated ROC-AUC of at least 0.84', async () => {
    const { model, report } = await trainChurnFromCsv({
      file: telco ?? '',
      labelColumn: 'Churn',
      positive: 'Yes',
      idColumn: 'customerID',
    });
    if (report.validation.type !== 'cross-validation') throw new Error('expected cross-validation');
    const { aucPerFold, aucMean, pooledAuc } = report.validation;
    console.info(
      `Telco 5-fold ROC-AUC: mean ${aucMean.toFixed(4)}, pooled ${pooledAuc.toFixed(4)}, per fold ${aucPerFold.map((auc) => auc.toFixed(4)).join(', ')}`,
    );
    expect(aucMean).toBeGreaterThanOrEqual(0.84);
    expect(report).toMatchObject({ rows: 7043, positives: 1869, blankLabels: 0 });
    // TotalCharges is blank for 11 customers: still numeric, with a missing indicator.
    expect(report.columns).toContainEqual({ column: 'TotalCharges', kind: 'numeric' });
    expect(model.featureNames).toContain('TotalCharges (missing)');
    expect(model.featureNames).not.toContain('customerID');
    expect(report.fit.converged).toBe(true);
    // The well-known drivers: short tenure and month-to-month contracts raise churn.
    const effectOf = (feature: string) =>
      report.topFeatures.find((ranked) => ranked.feature === feature)?.effect;
    expect(effectOf('tenure')).toBe('lowers churn risk');
    expect(effectOf('Contract = Month-to-month')).toBe('raises churn risk');
  });
});
