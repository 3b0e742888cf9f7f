/**
 * Fuzzing the segment and computed-trait text (tests and the soak only): any text — mutations of valid segment
 * texts, SQL and template injection, unbalanced quotes and parentheses, deep nesting, huge or unpaired-surrogate
 * strings — sent to the preview and create endpoints gets a 2xx or a 4xx with `{ error, message }`, never a 5xx;
 * a refused create writes nothing; an accepted text prints back to a text that parses to the same definition.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import type { LightMyRequestResponse } from 'fastify';
import { segmentDefinitionArbitrary } from '../segments/testing/definition-arbitraries.ts';
import { wildVocabulary } from '../segments/testing/vocabularies.ts';
import { segmentTextOptions } from '../segments/saved/segment-text-options.ts';
import { parseSegmentText } from '../segments/text/parse-segment.ts';
import { printSegmentText } from '../segments/text/print-segment.ts';
import { INJECTION_STRINGS, UNSTORABLE_STRINGS, anyText } from './fuzz-inputs.ts';
import type { FuzzTarget } from './fuzz-target.ts';

const validText = segmentDefinitionArbitrary(wildVocabulary).map((definition) =>
  printSegmentText(definition),
);

/** A valid text with a few characters inserted, deleted or replaced: most land just past the grammar's edge. */
const mutatedText = fc
  .tuple(
    validText,
    fc.array(
      fc.record({
        at: fc.nat(),
        remove: fc.integer({ min: 0, max: 3 }),
        insert: fc.oneof(
          fc.constantFrom('(', ')', '"', "'", '`', ',', '.', ' and ', ' or ', ' not ', '\\', '>=', '\n', ''),
          fc.constantFrom(...INJECTION_STRINGS, ...UNSTORABLE_STRINGS),
          fc.string({ maxLength: 4 }),
        ),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([text, edits]) =>
    edits.reduce((current, edit) => {
      const at = current.length === 0 ? 0 : edit.at % current.length;
      return current.slice(0, at) + edit.insert + current.slice(at + edit.remove);
    }, text),
  );

export const fuzzedSegmentText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: mutatedText, weight: 5 },
  { arbitrary: validText, weight: 2 },
  { arbitrary: anyText, weight: 2 },
  fc.integer({ min: 1, max: 5000 }).map((depth) => `${'('.repeat(depth)}age > 1${')'.repeat(depth)}`),
  fc
    .integer({ min: 1, max: 3000 })
    .map((count) => Array.from({ length: count }, () => 'age > 1').join(' and ')),
  fc.constantFrom(...INJECTION_STRINGS).map((text) => `name = "${text}" or ${text}`),
  fc.string({ minLength: 20_000, maxLength: 30_000 }),
);

function checkAnswer(response: LightMyRequestResponse, where: string): number {
  if (response.statusCode >= 500)
    throw new Error(`${where}: ${response.statusCode} ${response.body.slice(0, 300)}`);
  if (response.statusCode >= 400) {
    const body: unknown = response.json();
    if (
      typeof body !== 'object' ||
      body === null ||
      typeof (body as { error?: unknown }).error !== 'string' ||
      typeof (body as { message?: unknown }).message !== 'string'
    ) {
      throw new Error(
        `${where}: a ${response.statusCode} without { error, message }: ${response.body.slice(0, 300)}`,
      );
    }
  }
  return response.statusCode;
}

async function countSegments(target: FuzzTarget): Promise<number> {
  const [row] = await target.store.query<{ n: number }>('select count(*) as n from segments');
  return Number(row?.n ?? 0);
}

let createdNames = 0;

/** Preview, then create; checks the oracle above and returns the create's status. */
export async function checkSegmentText(target: FuzzTarget, text: string): Promise<number> {
  const headers = { authorization: `Bearer ${target.adminKey}` };
  const preview = await target.app.inject({
    method: 'POST',
    url: '/api/segments/preview',
    headers,
    payload: { text, sampleSize: 1 },
  });
  checkAnswer(preview, 'preview');
  const before = await countSegments(target);
  const name = `fuzz ${++createdNames}`;
  const created = await target.app.inject({
    method: 'POST',
    url: '/api/segments',
    headers,
    payload: { name, text },
  });
  const status = checkAnswer(created, 'create');
  const after = await countSegments(target);
  if (status >= 400 && after !== before)
    throw new Error(`a refused segment changed the segments table: ${text}`);
  if (status < 400) {
    if (after !== before + 1) throw new Error(`an accepted segment did not add exactly one row: ${text}`);
    // What was saved prints back to a text that parses to the same definition.
    const options = await segmentTextOptions(target.store);
    const saved = parseSegmentText(text, options);
    if (!isDeepStrictEqual(parseSegmentText(printSegmentText(saved, options), options), saved)) {
      throw new Error(`print/parse round trip changed the definition of: ${text}`);
    }
    await target.app.inject({ method: 'DELETE', url: `/api/segments/${encodeURIComponent(name)}`, headers });
  }
  return status;
}

/** The computed-trait expression preview with the same oracle. */
export async function checkComputedTraitText(target: FuzzTarget, text: string): Promise<number> {
  const response = await target.app.inject({
    method: 'POST',
    url: '/api/traits/preview',
    headers: { authorization: `Bearer ${target.adminKey}` },
    payload: { text },
  });
  return checkAnswer(response, 'traits preview');
}

export const fuzzedTraitText: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('count', 'sum', 'mode', 'last_at', 'first', 'max', 'median', ''),
      fc.oneof(anyText, fc.constantFrom('purchase.amount', 'purchase', 'page view "x".path', '')),
      fc.oneof(
        fc.constant(''),
        fc.constantFrom(', 90d', ', last 3 days', ', between 2024-01-01 and 2023-01-01'),
        anyText,
      ),
    )
    .map(([fn, inside, window]) => `${fn}(${inside}${window})`),
  anyText,
);
