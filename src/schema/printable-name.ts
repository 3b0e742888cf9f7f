/**
 * A name people type and read back (templates, saved segments, campaigns): it appears in URLs, CLI arguments and
 * definitions, so it is trimmed, not empty, bounded, and free of control characters.
 */
import { z } from 'zod';

export function printableNameSchema(maxLength: number) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(maxLength, `must be at most ${maxLength} characters`)
    .refine(
      (name) => [...name].every((char) => char >= ' ' && char !== '\u007f'),
      'must not contain control characters',
    );
}
