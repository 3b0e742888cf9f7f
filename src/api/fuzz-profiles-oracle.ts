/**
 * The oracle of the profile API fuzz tests (tests and benchmarks only). Profiles are seeded with ids that hold
 * quotes, SQL, LIKE wildcards and backslashes; then any text looked up or searched for must give exactly the
 * profiles whose id or identities contain it literally — never a 5xx, never a write, never a wildcard match.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { percentEncode, profileQuery } from './fuzz-requests.ts';
import { countRows, expectClientError, FuzzViolation, jsonOf, type FuzzTarget } from './fuzz-target.ts';

export const SEEDED_USER_IDS = [
  'ada',
  'a%b',
  'under_score',
  'back\\slash',
  "o'brien",
  "x'; drop table profiles; --",
  '{{7*7}}',
  'Mixed.Case',
  '100%_sure',
  'plain',
];

/** Lookups and searches that should find something: seeded ids, parts of them, other case, spaces around. */
export const profileQueryWithHits = fc.oneof(
  profileQuery,
  fc
    .tuple(
      fc.constantFrom(...SEEDED_USER_IDS, 'person3@example.com', 'anon-7', '%', '_', '\\', "'"),
      fc.constantFrom('', ' ', '\t'),
      fc.boolean(),
    )
    .map(([text, padding, upper]) => {
      const padded = `${padding}${upper ? text.toUpperCase() : text}${padding}`;
      return { text: padded, encoded: percentEncode(padded) };
    }),
);

export interface SeededProfiles {
  /** Profile id → its id and identity values (user id, anonymous id, email). */
  namesById: Map<string, string[]>;
}

export async function seedProfiles(target: FuzzTarget): Promise<SeededProfiles> {
  const batch = SEEDED_USER_IDS.map((userId, index) => ({
    type: 'identify',
    messageId: `seed-${index}`,
    userId,
    anonymousId: `anon-${index}`,
    traits: { email: `person${index}@example.com` },
  }));
  const response = await target.app.inject({
    method: 'POST',
    url: '/v1/batch',
    headers: { authorization: `Basic ${Buffer.from(`${target.writeKey}:`).toString('base64')}` },
    payload: { batch },
  });
  if (response.statusCode !== 200) throw new Error(`seeding failed: ${response.body}`);
  const rows = await target.store.query<{ id: string; value: string | null }>(
    'select p.id, i.value from profiles p left join identities i on i.profile_id = p.id',
  );
  const namesById = new Map<string, string[]>();
  for (const row of rows) {
    const names = namesById.get(row.id) ?? [row.id];
    if (row.value !== null) names.push(row.value);
    namesById.set(row.id, names);
  }
  return { namesById };
}

function get(target: FuzzTarget, url: string) {
  return target.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${target.adminKey}` } });
}

/** Text the server decodes back exactly as meant (no unpaired surrogates in it). */
function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDFFF]/u.test(text);
}

/** GET /api/profiles/:id — a profile owning the text as id or identity, a 404, or a 400 for unstorable text. */
export async function checkProfileLookup(
  target: FuzzTarget,
  seeded: SeededProfiles,
  query: { text: string | undefined; encoded: string },
): Promise<number> {
  const what = `GET /api/profiles/${query.encoded.slice(0, 80)}`;
  const before = await countRows(target.store);
  const response = await get(target, `/api/profiles/${query.encoded}`);
  if (!isDeepStrictEqual(before, await countRows(target.store)))
    throw new FuzzViolation(`${what}: a read wrote rows`);
  if (response.statusCode !== 200) {
    expectClientError(response, what);
    const wanted = query.text?.trim();
    const exists = [...seeded.namesById.values()].some((names) =>
      names.some((name) => wanted !== undefined && (name === wanted || name === wanted.toLowerCase())),
    );
    const isAscii = wanted !== undefined && /^[\x20-\x7e]*$/.test(wanted);
    if (response.statusCode === 404 && exists && isAscii)
      throw new FuzzViolation(`${what}: 404 for an existing id`);
    return response.statusCode;
  }
  const body = jsonOf(response, what);
  const names = typeof body.id === 'string' ? seeded.namesById.get(body.id) : undefined;
  const wanted = query.text?.trim() ?? '';
  if (!names) throw new FuzzViolation(`${what}: 200 with a profile that was never seeded`);
  if (!names.some((name) => name === wanted || name.toLowerCase() === wanted.toLowerCase())) {
    throw new FuzzViolation(
      `${what}: 200 with profile ${String(body.id)}, which has no id ${JSON.stringify(wanted)}`,
    );
  }
  return 200;
}

/** GET /api/profiles?search= — exactly the profiles whose id or an identity contains the text, as a literal. */
export async function checkProfileSearch(
  target: FuzzTarget,
  seeded: SeededProfiles,
  query: { text: string | undefined; encoded: string },
): Promise<number> {
  const what = `GET /api/profiles?search=${query.encoded.slice(0, 80)}`;
  const before = await countRows(target.store);
  const response = await get(target, `/api/profiles?search=${query.encoded}`);
  if (!isDeepStrictEqual(before, await countRows(target.store)))
    throw new FuzzViolation(`${what}: a read wrote rows`);
  const isExact = query.text !== undefined && isWellFormed(query.text);
  const needle = query.text?.trim();
  const shouldReject = needle !== undefined && (needle.length > 200 || needle.includes('\u0000'));
  if (response.statusCode !== 200) {
    expectClientError(response, what);
    if (isExact && !shouldReject)
      throw new FuzzViolation(`${what}: ${response.statusCode} for a valid search`);
    return response.statusCode;
  }
  if (isExact && shouldReject) throw new FuzzViolation(`${what}: 200 for a search that must be refused`);
  const body = jsonOf(response, what);
  const returned = Array.isArray(body.profiles)
    ? body.profiles.map((profile: unknown) =>
        typeof profile === 'object' && profile !== null && 'id' in profile ? String(profile.id) : '?',
      )
    : [];
  if (!isExact || needle === undefined) return 200;
  const lowered = needle.toLowerCase();
  const expected = [...seeded.namesById.entries()]
    .filter(([, names]) => lowered === '' || names.some((name) => name.toLowerCase().includes(lowered)))
    .map(([id]) => id);
  if (body.total !== expected.length || !isDeepStrictEqual([...returned].sort(), [...expected].sort())) {
    throw new FuzzViolation(
      `${what}: found ${JSON.stringify(returned)} (total ${String(body.total)}) instead of ${JSON.stringify(expected)}`,
    );
  }
  return 200;
}
