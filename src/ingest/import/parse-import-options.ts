import type { z } from 'zod';
import { SegmintError } from '../../errors.ts';

/** Validates import options at the boundary; a bad flag is an `invalid_input` error naming the option. */
export function parseImportOptions<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || 'options',
    message: issue.message,
  }));
  const summary = details.map((detail) => `${detail.path}: ${detail.message}`).join('; ');
  throw new SegmintError('invalid_input', `invalid import options: ${summary}`, details);
}
