/**
 * `segmint churn train`: a churn model from the store's own history, validated the way it will be used. Two
 * snapshots `horizonDays` apart: the model is fitted on customers as of `cutoff − horizon` (labelled by whether
 * they bought before the cut-off) and measured on customers as of the cut-off (labelled by the following
 * horizon), a backtest that catches drift a random split would hide. The stored model is then refitted on both
 * snapshots, with the threshold chosen on the holdout predictions.
 */
import { SegmintError } from '../../errors.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import type { Store } from '../../store/store.ts';
import type { ChurnReport } from '../churn/churn-report-schema.ts';
import type { FeatureRecord } from '../churn/feature-values.ts';
import { trainChurnModel } from '../churn/train-churn-model.ts';
import { buildChurnFeatures, type ChurnFeatureRow } from './build-churn-features.ts';
import {
  CHURN_MODEL_NAME,
  trainChurnFromStoreOptionsSchema,
  type ChurnStoreModelParams,
  type TrainChurnFromStoreOptions,
} from './churn-store-options.ts';
import { addDays, startOfUtcDay, lastEventTime } from './data-span.ts';
import { saveModel } from './model-registry.ts';

export interface StoreChurnTraining {
  model: { name: string; version: number; trainedAt: Date };
  params: ChurnStoreModelParams;
  report: ChurnReport;
}

const LABEL = 'churned';
const ID = 'profile_id';
const SNAPSHOT = 'snapshot';

function asRecords(rows: readonly ChurnFeatureRow[], snapshot: Date): FeatureRecord[] {
  return rows.map((row) => ({
    ...row.features,
    [ID]: row.profileId,
    [SNAPSHOT]: snapshot,
    [LABEL]: row.churned,
  }));
}

/** The holdout snapshot, checked so that its labels only look at days the store has data for. */
async function resolveCutoff(store: Store, cutoff: Date | undefined, horizonDays: number): Promise<Date> {
  const last = await lastEventTime(store);
  if (!last) throw new SegmintError('invalid_input', 'The store has no events: nothing to learn churn from.');
  const dataEnd = addDays(startOfUtcDay(last), 1);
  const chosen = cutoff ?? addDays(dataEnd, -horizonDays);
  if (addDays(chosen, horizonDays).getTime() > dataEnd.getTime()) {
    throw new SegmintError(
      'invalid_input',
      `The cut-off ${chosen.toISOString().slice(0, 10)} plus the ${horizonDays}-day horizon runs past the data (last event ${last.toISOString()}): churn labels would be incomplete. Choose a cut-off on or before ${addDays(dataEnd, -horizonDays).toISOString().slice(0, 10)}.`,
    );
  }
  return chosen;
}

export async function trainChurnFromStore(
  store: Store,
  input: TrainChurnFromStoreOptions = {},
): Promise<StoreChurnTraining> {
  const { cutoff, horizonDays, l2, threshold, topFeatures, ...settings } = parseOrThrow(
    trainChurnFromStoreOptionsSchema,
    input,
    'options',
  );
  const holdoutSnapshot = await resolveCutoff(store, cutoff, horizonDays);
  const trainSnapshot = addDays(holdoutSnapshot, -horizonDays);
  const trainRows = await buildChurnFeatures(store, { settings, snapshot: trainSnapshot, horizonDays });
  const holdoutRows = await buildChurnFeatures(store, { settings, snapshot: holdoutSnapshot, horizonDays });
  if (trainRows.length === 0) {
    throw new SegmintError(
      'invalid_input',
      `No customer bought '${settings.event}' before ${trainSnapshot.toISOString().slice(0, 10)} (the training snapshot, cut-off − horizon). Use a later --cutoff or a shorter --horizon-days.`,
    );
  }
  const { model, report } = trainChurnModel({
    records: [...asRecords(trainRows, trainSnapshot), ...asRecords(holdoutRows, holdoutSnapshot)],
    labelColumn: LABEL,
    positive: true,
    idColumn: ID,
    validation: { type: 'time-split', timeColumn: SNAPSHOT, cutoff: trainSnapshot },
    l2,
    threshold,
    topFeatures,
  });
  const params: ChurnStoreModelParams = {
    features: settings,
    horizonDays,
    trainSnapshot: trainSnapshot.toISOString(),
    holdoutSnapshot: holdoutSnapshot.toISOString(),
    model,
  };
  const trainedAt = new Date();
  const stored = await store.transaction((tx) =>
    saveModel(tx, { name: CHURN_MODEL_NAME, kind: model.predictor.type, params, metrics: report, trainedAt }),
  );
  return { model: { name: stored.name, version: stored.version, trainedAt }, params, report };
}
