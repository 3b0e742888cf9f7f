/**
 * Whole HTTP requests for the API fuzz tests: which endpoint, which content type, which credentials, and a body
 * that is a fuzzed message or batch, random JSON, broken JSON, invalid UTF-8, deep nesting or an oversized batch.
 * Tests and benchmarks only.
 */
import fc from 'fast-check';
import { MESSAGE_TYPES } from '../schema/messages.ts';
import {
  anyText,
  deepNesting,
  fuzzedMessage,
  hostileValue,
  storableJsonObject,
  storableText,
  toRequestText,
} from './fuzz-inputs.ts';

export type Credentials = 'valid' | 'missing' | 'unknown' | 'garbage' | 'inBody';

export type RequestBody =
  /** Serialised with `toRequestText`; with `inBody` credentials the write key is added to it when it is an object. */
  { kind: 'json'; value: unknown } | { kind: 'text'; text: string } | { kind: 'bytes'; bytes: Uint8Array };

export interface FuzzRequest {
  path: string;
  contentType: string | undefined;
  credentials: Credentials;
  /** A malformed Authorization header, used with `garbage` credentials. */
  garbageAuthorization: string;
  body: RequestBody;
}

const contentType = fc.oneof(
  { arbitrary: fc.constant('application/json'), weight: 12 },
  { arbitrary: fc.constant('text/plain'), weight: 3 },
  {
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      undefined,
    ),
    weight: 3,
  },
);

const credentials = fc.oneof(
  { arbitrary: fc.constant<Credentials>('valid'), weight: 12 },
  { arbitrary: fc.constantFrom<Credentials>('missing', 'unknown', 'garbage', 'inBody'), weight: 4 },
);

const garbageAuthorization = fc.constantFrom(
  'Basic !!!!',
  'Basic',
  `Basic ${Buffer.from(':').toString('base64')}`,
  `Basic ${Buffer.from('\u0000:').toString('base64')}`,
  `Basic ${Buffer.from("' or 1=1 --:").toString('base64')}`,
  'Bearer sk_not_a_key',
  'Digest username="x"',
);

const validJsonText = fuzzedMessage.map((message) => toRequestText(message));

/** JSON text cut short, or with junk spliced in. */
const brokenJsonText = fc
  .tuple(validJsonText, fc.nat(), fc.constantFrom('', ',', '}', '"', '\\', 'NaN', '\u0000', '/*', '\ud800'))
  .map(([text, at, junk]) => {
    const position = text.length === 0 ? 0 : at % text.length;
    return junk === '' ? text.slice(0, position) : text.slice(0, position) + junk + text.slice(position);
  });

/** UTF-8 with invalid sequences: stray continuation bytes, overlong forms, encoded surrogates, truncated forms. */
const invalidUtf8 = fc
  .tuple(
    validJsonText,
    fc.nat(),
    fc.constantFrom(
      [0x80],
      [0xff, 0xfe],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
    ),
  )
  .map(([text, at, sequence]) => {
    const bytes = Buffer.from(text, 'utf8');
    const position = bytes.length === 0 ? 0 : at % bytes.length;
    return new Uint8Array(
      Buffer.concat([bytes.subarray(0, position), Buffer.from(sequence), bytes.subarray(position)]),
    );
  });

const batchValue = fc.record(
  {
    batch: fc.oneof(
      { arbitrary: fc.array(fuzzedMessage, { minLength: 0, maxLength: 6 }), weight: 8 },
      { arbitrary: hostileValue, weight: 1 },
    ),
    sentAt: fc.oneof(
      fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
      hostileValue,
    ),
    context: fc.oneof(storableJsonObject, hostileValue),
  },
  { requiredKeys: ['batch'] },
);

/** More than 500 KB of small messages: refused as a whole, by the batch limit or by the body limit. */
/** A message of ~130 bytes: 4,000 of them pass the 500 KB batch limit, 8,000 Fastify's 1 MB body limit. */
const paddedMessage = { type: 'track', userId: 'u', event: 'e', properties: { pad: 'p'.repeat(64) } };
const oversizedBatch = fc
  .integer({ min: 4_000, max: 12_000 })
  .map((count) => ({ batch: Array.from({ length: count }, () => paddedMessage) }));

const singlePath = fc.oneof(
  { arbitrary: fc.constantFrom(...MESSAGE_TYPES).map((type) => `/v1/${type}`), weight: 10 },
  {
    arbitrary: fc.constantFrom('/v1/Track', '/v1/batch/', '/v1/import', '/v1/../api/profiles', '/v1/%00'),
    weight: 1,
  },
);

const body: fc.Arbitrary<{ path: string; body: RequestBody }> = fc.oneof(
  {
    arbitrary: fc.record({
      path: singlePath,
      body: fuzzedMessage.map((value) => ({ kind: 'json' as const, value })),
    }),
    weight: 10,
  },
  {
    arbitrary: fc.record({
      path: fc.constant('/v1/batch'),
      body: batchValue.map((value) => ({ kind: 'json' as const, value })),
    }),
    weight: 10,
  },
  {
    arbitrary: fc.record({
      path: singlePath,
      body: fc.oneof(hostileValue, deepNesting, anyText).map((value) => ({ kind: 'json' as const, value })),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      path: singlePath,
      body: fc.json({ maxDepth: 3 }).map((text) => ({ kind: 'text' as const, text })),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      path: singlePath,
      body: brokenJsonText.map((text) => ({ kind: 'text' as const, text })),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      path: fc.constantFrom('/v1/track', '/v1/batch'),
      body: invalidUtf8.map((bytes) => ({ kind: 'bytes' as const, bytes })),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      path: fc.constant('/v1/batch'),
      body: oversizedBatch.map((value) => ({ kind: 'json' as const, value })),
    }),
    weight: 1,
  },
);

export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc
  .record({ target: body, contentType, credentials, garbageAuthorization })
  .map(({ target, ...rest }) => ({ ...rest, path: target.path, body: target.body }));

/** Percent-encodes any JavaScript string; an unpaired surrogate becomes its 3-byte form, which is not UTF-8. */
export function percentEncode(text: string): string {
  let encoded = '';
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    encoded +=
      code >= 0xd800 && code <= 0xdfff
        ? [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
            .map((byte) => `%${byte.toString(16).toUpperCase()}`)
            .join('')
        : encodeURIComponent(character);
  }
  return encoded;
}

/**
 * What a profile lookup or search is asked for: `text` is what the server should decode, `encoded` what goes into
 * the URL. Broken percent-encoding has no text.
 */
export const profileQuery: fc.Arbitrary<{ text: string | undefined; encoded: string }> = fc.oneof(
  {
    arbitrary: fc
      .oneof(
        anyText.filter((text) => text.length < 5_000),
        storableText,
      )
      .map((text) => ({ text, encoded: percentEncode(text) })),
    weight: 10,
  },
  {
    arbitrary: fc
      .constantFrom('%', '%zz', '%ED%A0%80', '%C0%AF', '%FF', '%E2%82')
      .map((encoded) => ({ text: undefined, encoded })),
    weight: 1,
  },
);
