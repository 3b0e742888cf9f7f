/**
 * Text as it comes out of a file: surrounding white space removed, and an empty cell treated as no value at all,
 * so `""` and `"  "` never become traits or ids.
 */
export function cleanText(raw: string): string | undefined {
  const trimmed = raw.trim();
  return trimmed === '' ? undefined : trimmed;
}
