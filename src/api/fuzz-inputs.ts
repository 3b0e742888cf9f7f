/**
 * Hostile input for the API fuzz tests and the soak run (fast-check arbitraries; used by tests and benchmarks
 * only). Everything a client can get wrong, or try on purpose: SQL and template injection in every field, wrong
 * types, huge strings, deep nesting, NUL and unpaired surrogates, malformed JSON, invalid UTF-8, odd content
 * types and write keys.
 */
import fc from 'fast-check';
import { MESSAGE_TYPES } from '../schema/messages.ts';

/** Injection attempts that are legal text: stored verbatim, never interpreted. */
export const INJECTION_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE events; --",
  '"; DELETE FROM profiles; --',
  "1); insert into sources values ('x','x','x',now()); --",
  "$1'::jsonb || '",
  '$$ language sql $$',
  '%',
  '_',
  '\\',
  '%_\\%',
  "' union select message_id, null from events --",
  'pg_sleep(10)',
  "'; attach 'evil.db' as evil; --",
  "copy events to '/tmp/x.csv'",
  '{{7*7}}',
  '${7*7}',
  '<%= 7*7 %>',
  '{% raw %}{{ profile.email }}{% endraw %}',
  "{{ 'x' | append: 'y' }}",
  '#{7*7}',
  "{{constructor.constructor('return process')()}}",
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'null',
  'undefined',
  'NaN',
  '-0',
  '1e999',
  '\ufeff',
  '\u202eevil',
  '😀👩‍👩‍👧‍👦',
  '\r\n\t',
  ' ',
];

/** Text that cannot be stored as sent: NUL and unpaired surrogates, alone or inside other text. */
export const UNSTORABLE_STRINGS = ['\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\udc00y', '\ud83d'];

/** Any legal text: injections, arbitrary Unicode, and both glued together. */
export const storableText = fc.oneof(
  fc.constantFrom(...INJECTION_STRINGS),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc
    .tuple(fc.string({ maxLength: 5 }), fc.constantFrom(...INJECTION_STRINGS), fc.string({ maxLength: 5 }))
    .map((parts) => parts.join('')),
);

/** Around the 32 KB message limit mostly, now and then beyond the 500 KB batch and 1 MB body limits. */
const hugeText = fc
  .oneof(
    { arbitrary: fc.integer({ min: 1_000, max: 40_000 }), weight: 6 },
    { arbitrary: fc.integer({ min: 400_000, max: 1_100_000 }), weight: 1 },
  )
  .map((length) => 'x'.repeat(length));

/** Text of every kind, including what must be refused. */
export const anyText = fc.oneof(
  { arbitrary: storableText, weight: 20 },
  { arbitrary: fc.constantFrom(...UNSTORABLE_STRINGS), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 2 },
  { arbitrary: hugeText, weight: 1 },
);

/**
 * Deep nesting is spliced into the JSON text (`toRequestText`), not built as objects: the test's own
 * JSON.stringify would overflow the stack on 10,000 levels before the server ever saw them.
 */
const DEEP_MARK = 'deep-nesting-mark';
export const deepNesting = fc
  .tuple(fc.constantFrom(65, 200, 3_000, 10_000, 60_000), fc.constantFrom('array', 'object'))
  .map(([depth, kind]) => `${DEEP_MARK}:${depth}:${kind}`);

/** JSON text of `value`, with every deep-nesting mark replaced by that many levels of arrays or objects. */
export function toRequestText(value: unknown): string {
  const text = JSON.stringify(value) ?? '';
  return text.replace(
    new RegExp(`"${DEEP_MARK}:(\\d+):(array|object)"`, 'g'),
    (_mark, depth: string, kind: string) => {
      const [open, close] = kind === 'array' ? ['[', ']'] : ['{"a":', '}'];
      return `${open.repeat(Number(depth))}1${close.repeat(Number(depth))}`;
    },
  );
}

/** Free-form JSON (properties, traits, context) with legal text in keys and values, a few levels deep. */
export const storableJsonObject = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    storableText,
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(storableText, tie('value'), { maxKeys: 4 }),
  ),
  object: fc.dictionary(storableText, tie('value'), { maxKeys: 5 }),
})).object;

/** A value of the wrong type, or of the right type with hostile content. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  anyText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  deepNesting,
  fc.array(anyText, { maxLength: 3 }),
  fc.dictionary(anyText, fc.oneof(anyText, fc.integer(), deepNesting), { maxKeys: 3 }),
  fc.anything({ maxDepth: 2 }),
);

const validId = fc.oneof(
  storableText.filter((text) => text.trim().length > 0 && text.trim().length <= 512),
  fc.integer(),
);
const validDate = fc
  .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((date) => date.toISOString());
const oddDate = fc.constantFrom(
  '2025-13-45',
  'yesterday',
  '',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
);

/** Mostly the right thing, sometimes something hostile. */
function mostly<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary: valid, weight: 12 }, { arbitrary: hostileValue, weight: 1 });
}

/** A Segment message in which any field may be missing, mistyped or hostile. */
export const fuzzedMessage = fc.record(
  {
    type: fc.oneof(
      { arbitrary: fc.constantFrom(...MESSAGE_TYPES), weight: 8 },
      { arbitrary: hostileValue, weight: 1 },
    ),
    messageId: mostly(validId),
    userId: mostly(validId),
    anonymousId: mostly(validId),
    event: mostly(storableText),
    name: mostly(storableText),
    category: mostly(storableText),
    groupId: mostly(validId),
    previousId: mostly(validId),
    timestamp: mostly(fc.oneof(validDate, oddDate)),
    sentAt: mostly(validDate),
    originalTimestamp: mostly(validDate),
    properties: mostly(storableJsonObject),
    traits: mostly(storableJsonObject),
    context: mostly(storableJsonObject),
    integrations: mostly(fc.constant({ All: true })),
  },
  { requiredKeys: [] },
);

const validName = storableText.filter((text) => text.length <= 256);

/** A message that is valid by construction, whatever hostile-but-legal text it carries: it must be accepted. */
export const validMessage = fc
  .record({
    type: fc.constantFrom(...MESSAGE_TYPES),
    messageId: fc.uuid(),
    userId: validId,
    anonymousId: fc.option(validId, { nil: undefined }),
    event: storableText.filter((text) => text.trim().length >= 1 && text.trim().length <= 256),
    name: validName,
    category: validName,
    groupId: validId,
    previousId: validId,
    timestamp: validDate,
    properties: storableJsonObject,
    traits: storableJsonObject,
    context: storableJsonObject,
  })
  .map(({ type, event, name, category, groupId, previousId, properties, traits, ...common }) => {
    switch (type) {
      case 'track':
        return { type, ...common, event, properties };
      case 'page':
      case 'screen':
        return { type, ...common, name, category, properties };
      case 'identify':
        return { type, ...common, traits };
      case 'group':
        return { type, ...common, groupId, traits };
      case 'alias':
        return { type, ...common, previousId };
      default:
        return type satisfies never;
    }
  });

export type ValidMessage = typeof validMessage extends fc.Arbitrary<infer T> ? T : never;
