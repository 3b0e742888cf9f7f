/**
 * Fuzzing the public endpoints beyond the tracking API (tests and the soak only): email tracking links
 * (`/t/o`, `/t/c`, `/t/u`), the preference centre (`/preferences`, `/preferences/confirm`), in-app content
 * (`/v1/content/:slot`) and feeds (`/feeds/:file`), with any path segment, query, body and headers. Random tokens
 * never verify, so the oracle is: never a 5xx, and nothing is written anywhere (row counts of every table that
 * these endpoints can write are unchanged).
 */
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { anyText, INJECTION_STRINGS } from './fuzz-inputs.ts';
import type { FuzzTarget } from './fuzz-target.ts';

const ROUTES = [
  { method: 'GET', path: '/t/o/:x' },
  { method: 'GET', path: '/t/c/:x' },
  { method: 'GET', path: '/t/u/:x' },
  { method: 'POST', path: '/t/u/:x' },
  { method: 'GET', path: '/preferences/:x' },
  { method: 'POST', path: '/preferences/:x' },
  { method: 'GET', path: '/preferences/confirm/:x' },
  { method: 'POST', path: '/preferences/confirm/:x' },
  { method: 'GET', path: '/v1/content/:x' },
  { method: 'GET', path: '/feeds/:x' },
] as const;

const segment = fc.oneof(
  fc.constantFrom(...INJECTION_STRINGS, 'a.b.c', 'x.gif', '..', '%2e%2e%2f', '%', '%zz', 'A'.repeat(5000)),
  anyText,
  fc.base64String({ maxLength: 200 }).map((text) => text.replaceAll('/', '_').replaceAll('+', '-')),
);

export interface PublicFuzzRequest {
  route: (typeof ROUTES)[number];
  segment: string;
  query: string;
  body: string;
  contentType: string;
  userAgent: string;
}

export const fuzzedPublicRequest: fc.Arbitrary<PublicFuzzRequest> = fc.record({
  route: fc.constantFrom(...ROUTES),
  segment,
  query: fc.oneof(
    fc.constant(''),
    fc.dictionary(anyText, anyText, { maxKeys: 4 }).map((entries) => new URLSearchParams(entries).toString()),
    fc.constantFrom('userId=u1', 'anonymousId=a&writeKey=nope', 'List-Unsubscribe=One-Click', '%zz=%'),
  ),
  body: fc.oneof(
    fc.constant(''),
    anyText,
    fc.constantFrom('List-Unsubscribe=One-Click', '{"topics":{"x":true}}'),
  ),
  contentType: fc.constantFrom(
    'application/x-www-form-urlencoded',
    'application/json',
    'text/plain',
    'multipart/form-data',
  ),
  userAgent: fc.oneof(anyText, fc.constant('GoogleImageProxy')),
});

const WRITTEN_TABLES = [
  'events',
  'profiles',
  'identities',
  'suppressions',
  'consent_records',
  'subscriptions',
  'messages',
];

async function rowCounts(target: FuzzTarget): Promise<string> {
  const counts = await target.store.query<Record<string, number>>(
    `select ${WRITTEN_TABLES.map((table) => `(select count(*) from ${table}) as ${table}`).join(', ')}`,
  );
  return JSON.stringify(counts[0]);
}

export async function checkPublicRequest(target: FuzzTarget, request: PublicFuzzRequest): Promise<number> {
  const before = await rowCounts(target);
  // A URL carries bytes: unpaired surrogates cannot be percent-encoded, a client would send U+FFFD.
  const wellFormed = request.segment.replace(/[\uD800-\uDFFF]/gu, '\uFFFD');
  const path = request.route.path.replace(':x', encodeURIComponent(wellFormed));
  let response: LightMyRequestResponse;
  try {
    response = await target.app.inject({
      method: request.route.method,
      url: request.query ? `${path}?${request.query}` : path,
      headers: { 'content-type': request.contentType, 'user-agent': request.userAgent },
      ...(request.route.method === 'POST' ? { payload: request.body } : {}),
    });
  } catch (error) {
    // light-my-request refuses some header values itself (a client could not send them either).
    if (error instanceof TypeError && /header/i.test(error.message)) return 400;
    throw error;
  }
  if (response.statusCode >= 500) {
    throw new Error(`${request.route.method} ${path}: ${response.statusCode} ${response.body.slice(0, 300)}`);
  }
  const after = await rowCounts(target);
  if (after !== before)
    throw new Error(`${request.route.method} ${path} wrote something: ${before} → ${after}`);
  return response.statusCode;
}
