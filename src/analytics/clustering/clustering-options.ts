import { z } from 'zod';
import { SegmintError } from '../../errors.ts';

/**
 * Options a user can set (CLI `segmint cluster`, the API): one schema each, shared by every caller. Integers may
 * arrive as strings from the command line, so they accept digit strings too.
 */

/** Upper limit of k: beyond it "segments" stop being something a marketer can read. */
export const MAX_K = 50;

function integerOption(min: number, max: number) {
  return z
    .union([
      z.number(),
      z
        .string()
        .trim()
        .regex(/^-?\d+$/, 'must be an integer')
        .transform(Number),
    ])
    .pipe(z.int().min(min).max(max));
}

function numberOption(min: number, max: number) {
  return z
    .union([
      z.number(),
      z
        .string()
        .trim()
        .regex(/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i, 'must be a number')
        .transform(Number),
    ])
    .pipe(z.number().min(min).max(max));
}

/** More threads than this only add start-up cost on any machine Segmint targets. */
export const MAX_THREADS = 64;

/**
 * Defaults: scikit-learn's max_iter and tol. nInit, when not given, depends on the data size (see `startsFor`).
 */
export const kMeansSettingsSchema = z.object({
  nInit: integerOption(1, 100).optional(),
  maxIter: integerOption(1, 10_000).default(300),
  /** Relative to the mean feature variance, as in scikit-learn. */
  tol: numberOption(0, 1).default(1e-4),
  seed: integerOption(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER).default(0),
  /** Threads for the passes over all rows (the calling one included); results do not depend on it. */
  threads: integerOption(1, MAX_THREADS).optional(),
});
export type KMeansSettings = z.output<typeof kMeansSettingsSchema>;

/** Above this many rows the default number of starts drops from 10 to 3. */
export const MANY_ROWS = 100_000;

/**
 * The number of k-means starts: `nInit` when given, else scikit-learn's classic 10 for up to 100,000 rows, where
 * starts are cheap and a poor local optimum is likeliest to matter (on 200 rows, 3 starts can miss the best k = 10
 * solution by 10 %), and 3 above that, where greedy k-means++ on many points rarely lands far from the best and each
 * start costs seconds.
 */
export function startsFor(settings: KMeansSettings, rows: number): number {
  return settings.nInit ?? (rows <= MANY_ROWS ? 10 : 3);
}

export const kSearchSchema = z
  .object({
    kMin: integerOption(2, MAX_K).default(2),
    kMax: integerOption(2, MAX_K).default(10),
    /** Points on which silhouettes are computed (an O(n²) measure). */
    sampleSize: integerOption(10, 20_000).default(2_000),
  })
  .refine((search) => search.kMin <= search.kMax, { message: 'kMin must not exceed kMax', path: ['kMin'] });
export type KSearch = z.output<typeof kSearchSchema>;

export const kChoiceSchema = z.union([z.literal('auto'), integerOption(1, MAX_K)]);

/** Everything `segmint cluster` and the API accept. */
export const clusterRequestSchema = z
  .object({
    features: z
      .array(z.string().trim().min(1, 'must name a feature'))
      .min(1, 'name at least one feature')
      .refine((names) => new Set(names).size === names.length, 'must not repeat a feature'),
    k: kChoiceSchema.default('auto'),
  })
  .and(kMeansSettingsSchema)
  .and(kSearchSchema);
export type ClusterRequest = z.output<typeof clusterRequestSchema>;

/** Parses user options with `schema`, turning zod's issues into an `invalid_input` SegmintError. */
export function parseClusteringOptions<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  what: string,
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(options)',
    message: issue.message,
  }));
  const first = details[0];
  throw new SegmintError('invalid_input', `Invalid ${what}: ${first?.path} ${first?.message}.`, details);
}
