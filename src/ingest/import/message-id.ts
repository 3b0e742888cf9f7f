import { createHash } from 'node:crypto';
import type { JsonValue } from '../../schema/json.ts';

export const DERIVED_ID_PREFIX = 'import-';

/**
 * The message id of a row without one: a SHA-256 of the cleaned message as JSON, so the same row imported again
 * gets the same id and is stored once. Cleaning happens first, so `17850.0` and ` 17850` rows are the same row.
 * The `import-` prefix keeps these ids apart from ids sent by SDKs.
 *
 * `text` must be the same for the same content: `canonicalJson` for objects from outside; the importer's own
 * messages are built in a fixed key order (see `cleanRowFields`), so plain JSON.stringify is canonical for them
 * and spares a copy of every row.
 */
export function deriveMessageId(text: string): string {
  return `${DERIVED_ID_PREFIX}${createHash('sha256').update(text).digest('hex').slice(0, 40)}`;
}

/** JSON with object keys in sorted order at every depth, so equal values always have equal text. */
export function canonicalJson(value: JsonValue): string {
  // Copying into key-sorted objects and letting the native serialiser run is faster than building the text by hand.
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: JsonValue): JsonValue {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(sortKeys);
  // fromEntries defines own properties, so even a key named `__proto__` is kept.
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .flatMap((key) => {
        const item = value[key];
        return item === undefined ? [] : [[key, sortKeys(item)]];
      }),
  );
}
