import type { ChurnModel } from './churn-model-schema.ts';
import { churnModelSchema } from './churn-model-schema.ts';
import type { FeatureRecord } from './feature-values.ts';
import { isBlank } from './feature-values.ts';
import { predictChurnProbabilities } from './fit-churn-predictor.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';

export interface ChurnScore {
  /** The row's value in the model's id column, when the model has one and the row a value. */
  id?: string;
  probability: number;
  /** probability ≥ the model's threshold. */
  isAtRisk: boolean;
}

/** Scores customers with a trained model; rows need the feature columns only (label and id are optional). */
export function scoreChurn({
  model,
  records,
}: {
  model: ChurnModel;
  records: readonly FeatureRecord[];
}): ChurnScore[] {
  const { predictor, encoder, idColumn, threshold } = model;
  const probabilities = predictChurnProbabilities({ encoder, ...predictor, records });
  return records.map((record, row) => {
    const probability = probabilities[row] ?? 0;
    const id = idColumn === undefined ? undefined : record[idColumn];
    return {
      ...(id === undefined || isBlank(id) ? {} : { id: id instanceof Date ? id.toISOString() : String(id) }),
      probability,
      isAtRisk: probability >= threshold,
    };
  });
}

/** Validates a stored model (for example `JSON.parse` of a saved file) before scoring with it. */
export function parseChurnModel({ json }: { json: unknown }): ChurnModel {
  return parseOrThrow(churnModelSchema, json, 'churn model');
}
