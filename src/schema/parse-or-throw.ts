import type { z } from 'zod';
import { SegmintError } from '../errors.ts';

/** Validates input at the API boundary; a failure is a 400 naming each bad field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new SegmintError(
    'invalid_input',
    `Invalid ${where}: ${details.map((detail) => `${detail.path}: ${detail.message}`).join('; ')}`,
    details,
  );
}
