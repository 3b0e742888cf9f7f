/**
 * The generator's options, validated at the boundary (the CLI passes its flags straight through). Defaults:
 * one year of activity ending at today's UTC midnight, seed 42, a 300-product catalog, prices in USD.
 */
import { z } from 'zod';
import { SegmintError } from '../errors.ts';
import { DAY_MS } from './seasonality.ts';

const endDateSchema = z.union([z.date(), z.string()]).transform((value, ctx) => {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    ctx.addIssue({ code: 'custom', message: 'must be an ISO-8601 date or date-time' });
    return z.NEVER;
  }
  return date;
});

export const generateOptionsSchema = z.object({
  /** How many customers. */
  customers: z.int().min(1),
  /** Customer numbers start after this many (generate ranges apart: 1–1000, then `customerOffset: 1000`). */
  customerOffset: z.int().min(0).default(0),
  /** Days of activity, ending at `endDate`. */
  days: z.int().min(1).max(3650).default(365),
  seed: z.int().default(42),
  /** End of the window (excluded). Default: today's UTC midnight. */
  endDate: endDateSchema.optional(),
  /** Multiplies purchase and visit rates and email open probabilities (1 ≈ 30 messages per customer a year). */
  activity: z.number().positive().max(100).default(1),
  /** Products in the catalog. */
  products: z.int().min(40).max(2000).default(300),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD')
    .default('USD'),
  /**
   * Messages per yielded batch, roughly: a batch always holds whole customers. Small batches die young in the
   * garbage collector; 500 generates about twice as fast as 5000 (consumers regroup for their transactions).
   */
  batchSize: z.int().min(1).default(500),
});

export type GenerateOptions = z.input<typeof generateOptionsSchema>;

export interface ResolvedGenerateOptions extends Omit<z.output<typeof generateOptionsSchema>, 'endDate'> {
  endDate: Date;
  startDate: Date;
}

export function todayUtcMidnight(now: Date = new Date()): Date {
  return new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
}

/** Turns zod issues into the typed invalid-input error every interface maps to a 400 / exit code 2. */
export function invalidOptionsError(what: string, error: z.ZodError): SegmintError {
  const details = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(options)',
    message: issue.message,
  }));
  const summary = details.map((detail) => `${detail.path}: ${detail.message}`).join('; ');
  return new SegmintError('invalid_input', `Invalid ${what}: ${summary}`, details);
}

export function resolveGenerateOptions(input: GenerateOptions): ResolvedGenerateOptions {
  const parsed = generateOptionsSchema.safeParse(input);
  if (!parsed.success) throw invalidOptionsError('generator options', parsed.error);
  const endDate = parsed.data.endDate ?? todayUtcMidnight();
  return { ...parsed.data, endDate, startDate: new Date(endDate.getTime() - parsed.data.days * DAY_MS) };
}
