/**
 * Free-form JSON (Segment `properties`, `traits`, `context`).
 *
 * Validated by an explicit work list instead of a recursive schema: a recursive zod schema overflowed the call
 * stack on a document nested ~3,000 levels deep (a 6 KB request), which surfaced as a 500. Nesting is bounded
 * too, so that what is accepted can also be serialised and stored: PostgreSQL's recursive `jsonb` parser fails
 * on objects nested ~2,000 levels deep.
 */
import { z } from 'zod';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from './storable-text.ts';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Levels of nesting allowed in one free-form value (real properties and traits use a handful). */
export const MAX_JSON_DEPTH = 64;

export interface JsonProblem {
  /** Where, relative to the value checked: `['items', 3, 'price']`. */
  path: (string | number)[];
  message: string;
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** The first reason `value` is not storable JSON, or undefined when it is. The value itself is level 1. */
export function findJsonProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonProblem | undefined {
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value: current, path } = next;
    if (typeof current === 'string') {
      if (!isStorableText(current)) return { path, message: UNSTORABLE_TEXT_MESSAGE };
    } else if (typeof current === 'number') {
      if (!Number.isFinite(current)) return { path, message: 'must be a finite number' };
    } else if (typeof current === 'boolean' || current === null) {
      continue;
    } else if (typeof current === 'object' && (Array.isArray(current) || isPlainObject(current))) {
      if (path.length + 1 > maxDepth) return { path, message: `nests more than ${maxDepth} levels deep` };
      if (Array.isArray(current)) {
        current.forEach((item: unknown, index) => pending.push({ value: item, path: [...path, index] }));
      } else {
        for (const [key, item] of Object.entries(current)) {
          if (!isStorableText(key))
            return { path: [...path, key], message: `key ${UNSTORABLE_TEXT_MESSAGE}` };
          pending.push({ value: item, path: [...path, key] });
        }
      }
    } else {
      return { path, message: 'must be a JSON value (string, number, boolean, null, array or object)' };
    }
  }
  return undefined;
}

/** True when arrays and objects in `value` nest deeper than `maxDepth` (any leaf values; no recursion). */
export function isNestedDeeperThan(value: unknown, maxDepth: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth > maxDepth) return true;
    for (const item of Object.values(next.value)) pending.push({ value: item, depth: next.depth + 1 });
  }
  return false;
}

function reportJsonProblem(value: unknown, ctx: z.RefinementCtx): void {
  const problem = findJsonProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
}

export const jsonValueSchema = z.custom<JsonValue>().superRefine(reportJsonProblem);

/** A free-form JSON object (Segment `properties`, `traits`, `context`). */
export const jsonObjectSchema = z.custom<JsonObject>().superRefine((value, ctx) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const received = Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value;
    ctx.addIssue({ code: 'custom', message: `must be a JSON object, received ${received}` });
    return;
  }
  reportJsonProblem(value, ctx);
});
