/**
 * `segmint clv predict`: applies the latest stored `clv` model to every customer's purchase history up to `asOf`
 * and writes, in one transaction, the computed traits
 * - `p_alive`: probability that the customer is still active (BG/NBD);
 * - `expected_purchases_90d`: expected purchase days in the next 90 days (BG/NBD);
 * - `expected_avg_spend`: expected amount per purchase (Gamma-Gamma; needs a spend model);
 * - `clv`: discounted expected revenue over `horizon` months (both models; needs a spend model).
 * Values are rounded to 6 significant digits. Customers without a purchase on or before `asOf` get none of them.
 */
import { SegmintError } from '../../errors.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import type { Store } from '../../store/store.ts';
import { predictBgNbd, probabilityAlive } from '../clv/bg-nbd/predict.ts';
import { customerLifetimeValue } from '../clv/customer-lifetime-value.ts';
import { expectedAverageSpend } from '../clv/gamma-gamma/expected-average-spend.ts';
import {
  CLV_MODEL_NAME,
  clvModelParamsSchema,
  predictClvOptionsSchema,
  type ClvModelParams,
  type PredictClvOptions,
} from './clv-options.ts';
import { isoDay, lastEventTime } from './data-span.ts';
import { loadPurchaseHistories, type ProfilePurchaseHistory } from './load-purchase-histories.ts';
import { loadModelParams } from './model-registry.ts';
import { summarizeDistribution, type Distribution } from './summarize-distribution.ts';
import { writeComputedScores } from './write-computed-scores.ts';

export const CLV_TRAITS = ['p_alive', 'expected_purchases_90d', 'expected_avg_spend', 'clv'] as const;
export type ClvTrait = (typeof CLV_TRAITS)[number];

export interface ClvPrediction {
  model: { version: number; trainedAt: Date; calibrationEnd: string };
  asOf: string;
  horizonMonths: number;
  discountRate: number;
  customers: number;
  /** The computed traits written (`clv` and `expected_avg_spend` need a spend model). */
  traits: ClvTrait[];
  distributions: Partial<Record<ClvTrait, Distribution | null>>;
}

const DAYS_PER_UNIT = { day: 1, week: 7 } as const;

const roundScore = (value: number): number => Number(value.toPrecision(6));

function predictTraits(
  params: ClvModelParams,
  histories: readonly ProfilePurchaseHistory[],
  options: { horizon: number; discountRate: number },
): Partial<Record<ClvTrait, number[]>> {
  const parameters = params.bgNbd;
  const predicted: Partial<Record<ClvTrait, number[]>> = {
    p_alive: probabilityAlive({ parameters, customers: histories }),
    expected_purchases_90d: predictBgNbd({
      parameters,
      customers: histories,
      periods: 90 / DAYS_PER_UNIT[params.timeUnit],
    }),
  };
  const spend = params.gammaGamma;
  if (spend && spend.q > 1) {
    predicted.expected_avg_spend = expectedAverageSpend({ parameters: spend, customers: histories });
    predicted.clv = customerLifetimeValue({
      bgNbd: parameters,
      gammaGamma: spend,
      customers: histories,
      timeUnit: params.timeUnit,
      horizon: options.horizon,
      step: 'month',
      discountRate: options.discountRate,
    });
  }
  return predicted;
}

export async function predictClvFromStore(
  store: Store,
  input: PredictClvOptions = {},
): Promise<ClvPrediction> {
  const options = parseOrThrow(predictClvOptionsSchema, input, 'options');
  const { model, params } = await loadModelParams({
    executor: store,
    name: CLV_MODEL_NAME,
    schema: clvModelParamsSchema,
    hint: 'Fit one first: `segmint clv fit`.',
  });
  const lastPurchase = await lastEventTime(store, params.event);
  const asOf = options.asOf ? isoDay(options.asOf) : lastPurchase ? isoDay(lastPurchase) : undefined;
  if (!asOf)
    throw new SegmintError('invalid_input', `No '${params.event}' events in the store to predict from.`);
  const histories = await loadPurchaseHistories(store, {
    ...params,
    calibrationEnd: asOf,
    observationEnd: asOf,
  });
  const predicted = predictTraits(params, histories, options);
  const traits = CLV_TRAITS.filter((trait) => predicted[trait] !== undefined);
  await store.transaction((tx) =>
    writeComputedScores(tx, {
      keys: traits,
      clearKeys: CLV_TRAITS,
      profiles: histories.map((history, row) => ({
        profileId: history.profileId,
        values: traits.map((trait) => roundScore(predicted[trait]?.[row] ?? Number.NaN)),
      })),
    }),
  );
  const distributions: Partial<Record<ClvTrait, Distribution | null>> = {};
  for (const trait of traits) distributions[trait] = summarizeDistribution(predicted[trait] ?? []);
  return {
    model: { version: model.version, trainedAt: model.trainedAt, calibrationEnd: params.calibrationEnd },
    asOf,
    horizonMonths: options.horizon,
    discountRate: options.discountRate,
    customers: histories.length,
    traits,
    distributions,
  };
}
