import { z } from 'zod';

/**
 * A fitted feature encoder is plain data: everything learnt from the training rows (medians, means, standard
 * deviations, kept levels) is stored here, so a model saved as JSON encodes new rows exactly as it did in training.
 */

export const numericColumnEncodingSchema = z.object({
  type: z.literal('numeric'),
  column: z.string(),
  /** Training median, used for blank or unreadable cells. */
  median: z.number(),
  mean: z.number(),
  std: z.number().positive(),
  /** Adds a 0/1 "was missing" feature (only when some, not all, training rows were blank). */
  missingIndicator: z.boolean(),
});

export const booleanColumnEncodingSchema = z.object({
  type: z.literal('boolean'),
  column: z.string(),
  /** The more common training value, used for blank cells. */
  imputeAs: z.boolean(),
  missingIndicator: z.boolean(),
});

export const categoricalColumnEncodingSchema = z.object({
  type: z.literal('categorical'),
  column: z.string(),
  /** One 0/1 feature per level; any other level (rare in training, or never seen) encodes as all zeros. */
  levels: z.array(z.string()).min(1),
});

export const columnEncodingSchema = z.discriminatedUnion('type', [
  numericColumnEncodingSchema,
  booleanColumnEncodingSchema,
  categoricalColumnEncodingSchema,
]);
export type ColumnEncoding = z.infer<typeof columnEncodingSchema>;
export type NumericColumnEncoding = z.infer<typeof numericColumnEncodingSchema>;
export type BooleanColumnEncoding = z.infer<typeof booleanColumnEncodingSchema>;
export type CategoricalColumnEncoding = z.infer<typeof categoricalColumnEncodingSchema>;

export const featureEncoderSchema = z.object({
  columns: z.array(columnEncodingSchema),
});
export type FeatureEncoder = z.infer<typeof featureEncoderSchema>;

/** Why a raw column contributes no feature; listed in the training report. */
export interface SkippedColumn {
  column: string;
  reason: string;
}

/** The names of the encoded features, in matrix column order. */
export function listFeatureNames({ encoder }: { encoder: FeatureEncoder }): string[] {
  return encoder.columns.flatMap((encoding): string[] => {
    switch (encoding.type) {
      case 'numeric':
      case 'boolean':
        return encoding.missingIndicator
          ? [encoding.column, `${encoding.column} (missing)`]
          : [encoding.column];
      case 'categorical':
        return encoding.levels.map((level) => `${encoding.column} = ${level}`);
      default: {
        const exhaustive: never = encoding;
        return exhaustive;
      }
    }
  });
}
