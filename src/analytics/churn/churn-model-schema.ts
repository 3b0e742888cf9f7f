import { z } from 'zod';
import { featureEncoderSchema, listFeatureNames } from './feature-encoder-schema.ts';

/**
 * A trained churn model as stored JSON: the fitted encoder, the predictor and the chosen threshold. Everything a
 * later `scoreChurn` needs is here, and parsing checks that the coefficients line up with the encoder's features.
 */

export const CHURN_MODEL_FORMAT = 'segmint.churn-model';

export const logisticPredictorSchema = z.object({
  type: z.literal('logistic-regression'),
  intercept: z.number(),
  /** One per encoded feature, in `featureNames` order. */
  coefficients: z.array(z.number()),
  l2: z.number().min(0),
});
export type LogisticPredictor = z.infer<typeof logisticPredictorSchema>;

export const churnModelSchema = z
  .object({
    format: z.literal(CHURN_MODEL_FORMAT),
    version: z.literal(1),
    label: z.object({ column: z.string(), positive: z.union([z.string(), z.number(), z.boolean()]) }),
    idColumn: z.string().optional(),
    encoder: featureEncoderSchema,
    featureNames: z.array(z.string()),
    predictor: z.discriminatedUnion('type', [logisticPredictorSchema]),
    /** Customers whose churn probability is at or above this are flagged as at risk. */
    threshold: z.number().min(0).max(1),
  })
  .superRefine((model, ctx) => {
    const expected = listFeatureNames({ encoder: model.encoder });
    if (
      expected.length !== model.featureNames.length ||
      expected.some((name, i) => name !== model.featureNames[i])
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['featureNames'],
        message: 'must be the features the encoder produces',
      });
    }
    if (model.predictor.coefficients.length !== expected.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['predictor', 'coefficients'],
        message: `must hold one coefficient per feature (${expected.length})`,
      });
    }
  });
export type ChurnModel = z.infer<typeof churnModelSchema>;
