/**
 * Text that both engines store exactly as it was sent. Two kinds of JavaScript string are not:
 * - a NUL character (U+0000): PostgreSQL refuses it in `text` and `jsonb` (the request failed with a 500);
 * - an unpaired UTF-16 surrogate (JSON.parse turns `"\ud800"` into one): the drivers write it as U+FFFD, so two
 *   different ids could become the same stored id (a message silently "deduplicated" away, an identity that no
 *   longer matches itself on the next request), and PostgreSQL's `jsonb` rejects the escape outright.
 * Such text is rejected at the boundary with a 400 that says why.
 */

// With the `u` flag a surrogate range matches only surrogates that are not half of a pair.
const UNPAIRED_SURROGATE = /[\uD800-\uDFFF]/u;

export const UNSTORABLE_TEXT_MESSAGE =
  'must be valid Unicode text: NUL characters (\\u0000) and unpaired surrogates (\\ud800–\\udfff) cannot be stored';

/** No unpaired surrogate (NUL allowed: for text DuckDB stores and PostgreSQL refuses later with its own error). */
export function hasNoUnpairedSurrogate(text: string): boolean {
  return !UNPAIRED_SURROGATE.test(text);
}

export const UNPAIRED_SURROGATE_MESSAGE =
  'must be valid Unicode text: unpaired surrogates (\\ud800–\\udfff) cannot be stored';

export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !UNPAIRED_SURROGATE.test(text);
}
