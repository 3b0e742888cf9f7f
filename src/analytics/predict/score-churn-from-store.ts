/**
 * `segmint churn score`: the latest stored `churn` model applied to every customer's features as of now (the
 * start of the day after the last event, or `asOf`), written as `computed.churn_risk` (the probability, 6
 * significant digits) in one transaction. Profiles without a purchase lose any earlier score.
 */
import { SegmintError } from '../../errors.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import type { Store } from '../../store/store.ts';
import { scoreChurn } from '../churn/score-churn.ts';
import { buildChurnFeatures } from './build-churn-features.ts';
import {
  CHURN_MODEL_NAME,
  churnStoreModelParamsSchema,
  scoreChurnFromStoreOptionsSchema,
  type ScoreChurnFromStoreOptions,
} from './churn-store-options.ts';
import { addDays, lastEventTime, startOfUtcDay } from './data-span.ts';
import { loadModelParams } from './model-registry.ts';
import { summarizeDistribution, type Distribution } from './summarize-distribution.ts';
import { writeComputedScores } from './write-computed-scores.ts';

export const CHURN_RISK_TRAIT = 'churn_risk';

export interface StoreChurnScores {
  model: { version: number; trainedAt: Date };
  asOf: Date;
  customers: number;
  /** The model's threshold, and how many customers are at or above it. */
  threshold: number;
  atRisk: number;
  distribution: Distribution | null;
}

export async function scoreChurnFromStore(
  store: Store,
  input: ScoreChurnFromStoreOptions = {},
): Promise<StoreChurnScores> {
  const options = parseOrThrow(scoreChurnFromStoreOptionsSchema, input, 'options');
  const { model, params } = await loadModelParams({
    executor: store,
    name: CHURN_MODEL_NAME,
    schema: churnStoreModelParamsSchema,
    hint: 'Train one first: `segmint churn train`.',
  });
  const last = await lastEventTime(store);
  const asOf = options.asOf ?? (last ? addDays(startOfUtcDay(last), 1) : undefined);
  if (!asOf) throw new SegmintError('invalid_input', 'The store has no events: nobody to score.');
  const rows = await buildChurnFeatures(store, { settings: params.features, snapshot: asOf });
  const scores = scoreChurn({ model: params.model, records: rows.map((row) => row.features) });
  const probabilities = scores.map((score) => score.probability);
  await store.transaction((tx) =>
    writeComputedScores(tx, {
      keys: [CHURN_RISK_TRAIT],
      profiles: rows.map((row, index) => ({
        profileId: row.profileId,
        values: [Number((probabilities[index] ?? Number.NaN).toPrecision(6))],
      })),
    }),
  );
  return {
    model: { version: model.version, trainedAt: model.trainedAt },
    asOf,
    customers: rows.length,
    threshold: params.model.threshold,
    atRisk: scores.filter((score) => score.isAtRisk).length,
    distribution: summarizeDistribution(probabilities),
  };
}
