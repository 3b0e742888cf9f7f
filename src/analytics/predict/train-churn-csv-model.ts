/**
 * `segmint churn train --csv FILE …`: trains on a labelled CSV (one row per customer, e.g. Telco's export) and
 * keeps the model in the store as `churn-csv`. Its features are the CSV's columns, not the store's, so it never
 * replaces the `churn` model that scores profiles; `scoreChurn` can apply it to rows of the same layout.
 */
import { basename } from 'node:path';
import type { Store } from '../../store/store.ts';
import type { CsvTrainingInput } from '../churn/churn-options-schema.ts';
import type { ChurnReport } from '../churn/churn-report-schema.ts';
import { trainChurnFromCsv } from '../churn/train-churn-from-csv.ts';
import { CSV_CHURN_MODEL_NAME } from './churn-store-options.ts';
import { saveModel } from './model-registry.ts';

export interface CsvChurnTraining {
  model: { name: string; version: number; trainedAt: Date };
  report: ChurnReport;
}

export async function trainChurnModelFromCsv(
  store: Store,
  input: CsvTrainingInput,
): Promise<CsvChurnTraining> {
  const { model, report } = await trainChurnFromCsv(input);
  const trainedAt = new Date();
  const stored = await store.transaction((tx) =>
    saveModel(tx, {
      name: CSV_CHURN_MODEL_NAME,
      kind: model.predictor.type,
      params: { source: basename(input.file), model },
      metrics: report,
      trainedAt,
    }),
  );
  return { model: { name: stored.name, version: stored.version, trainedAt }, report };
}
