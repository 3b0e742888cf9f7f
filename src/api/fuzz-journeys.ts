/**
 * Fuzzing the journey validator and save path (tests and the soak only): the five example journeys, mutated —
 * values replaced by hostile ones (wrong types, injection text, deep nesting, unpaired surrogates), keys dropped,
 * nodes duplicated or pointed at each other — sent to `POST /api/journeys/validate` and `POST /api/journeys`.
 * Never a 5xx; validate answers `{ ok, problems }`; a refused save writes nothing; an accepted one adds one version.
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { parse as parseYaml } from 'yaml';
import { createTemplate } from '../templates/template-store.ts';
import { createSegment } from '../segments/saved/segment-store.ts';
import { hostileValue } from './fuzz-inputs.ts';
import type { FuzzTarget } from './fuzz-target.ts';

const examplesDir = join(import.meta.dirname, '../../examples/journeys');
const EXAMPLES: unknown[] = readdirSync(examplesDir)
  .filter((file) => file.endsWith('.yaml'))
  .sort()
  .map((file) => parseYaml(readFileSync(join(examplesDir, file), 'utf8')) as unknown);

/** The templates and segments the examples name, so unmutated examples are valid. */
export async function seedJourneyFuzzTarget(target: FuzzTarget): Promise<void> {
  for (const name of ['welcome', 'abandoned-cart', 'win-back', 'cross-sell', 'birthday']) {
    await createTemplate(target.store, {
      name,
      channel: 'email',
      subject: 'Hi',
      format: 'html',
      body: '<p>Hi</p>',
    });
  }
  for (const name of ['at-risk', 'cart-abandoners', 'recent-buyers']) {
    await createSegment(target.store, { name, text: 'plan = "x"' });
  }
}

type Json = unknown;

/** Every path to a value inside a JSON document. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value))
    return [prefix, ...value.flatMap((item, index) => paths(item, [...prefix, index]))];
  if (value !== null && typeof value === 'object') {
    return [prefix, ...Object.entries(value).flatMap(([key, item]) => paths(item, [...prefix, key]))];
  }
  return [prefix];
}

function setAt(document: Json, path: (string | number)[], replacement: Json | undefined): Json {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(document) && typeof head === 'number') {
    const copy = [...document];
    if (replacement === undefined && rest.length === 0) copy.splice(head, 1);
    else copy[head] = setAt(copy[head], rest, replacement);
    return copy;
  }
  if (document !== null && typeof document === 'object' && typeof head === 'string') {
    const copy: Record<string, Json> = { ...(document as Record<string, Json>) };
    if (replacement === undefined && rest.length === 0) delete copy[head];
    else copy[head] = setAt(copy[head], rest, replacement);
    return copy;
  }
  return document;
}

const mutation = fc.record({
  pick: fc.nat(),
  kind: fc.constantFrom('replace', 'drop', 'point-next', 'duplicate-node'),
  value: hostileValue,
  target: fc.nat(),
});

export const fuzzedJourney: fc.Arbitrary<Json> = fc.oneof(
  { arbitrary: fc.constantFrom(...EXAMPLES), weight: 1 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom(...EXAMPLES), fc.array(mutation, { minLength: 1, maxLength: 4 }))
      .map(([example, mutations]) =>
        mutations.reduce((document, change) => {
          const all = paths(document);
          const path = all[change.pick % all.length] ?? [];
          const maybeNodes =
            document !== null && typeof document === 'object'
              ? (document as { nodes?: unknown }).nodes
              : undefined;
          const nodes: { id?: unknown }[] = Array.isArray(maybeNodes) ? maybeNodes : [];
          const otherId = nodes[change.target % Math.max(1, nodes.length)]?.id ?? 'nowhere';
          switch (change.kind) {
            case 'replace':
              return setAt(document, path, change.value);
            case 'drop':
              return setAt(document, path, undefined);
            case 'point-next':
              // Loops and dangling edges: every node's `next` may point anywhere.
              return setAt(document, ['nodes', change.pick % Math.max(1, nodes.length), 'next'], otherId);
            default:
              return setAt(
                document,
                ['nodes', nodes.length],
                nodes[change.target % Math.max(1, nodes.length)] ?? {},
              );
          }
        }, example),
      ),
    weight: 8,
  },
  { arbitrary: hostileValue, weight: 1 },
);

function checkAnswer(response: LightMyRequestResponse, where: string): number {
  if (response.statusCode >= 500)
    throw new Error(`${where}: ${response.statusCode} ${response.body.slice(0, 300)}`);
  if (response.statusCode >= 400) {
    const body = response.json() as { error?: unknown; message?: unknown };
    if (typeof body.error !== 'string' || typeof body.message !== 'string') {
      throw new Error(
        `${where}: a ${response.statusCode} without { error, message }: ${response.body.slice(0, 300)}`,
      );
    }
  }
  return response.statusCode;
}

async function countVersions(target: FuzzTarget): Promise<number> {
  const [row] = await target.store.query<{ n: number }>('select count(*) as n from journey_versions');
  return Number(row?.n ?? 0);
}

export async function checkJourneyDefinition(target: FuzzTarget, definition: Json): Promise<number> {
  const headers = { authorization: `Bearer ${target.adminKey}` };
  const payload = JSON.stringify(definition ?? null);
  const json = { ...headers, 'content-type': 'application/json' };
  const validated = await target.app.inject({
    method: 'POST',
    url: '/api/journeys/validate',
    headers: json,
    payload,
  });
  if (checkAnswer(validated, 'validate') === 200) {
    const body = validated.json() as { ok?: unknown; problems?: unknown };
    if (
      body.ok !== true &&
      !(body.ok === false && Array.isArray(body.problems) && body.problems.length > 0)
    ) {
      throw new Error(`validate answered neither ok nor problems: ${validated.body.slice(0, 300)}`);
    }
  }
  const before = await countVersions(target);
  const saved = await target.app.inject({ method: 'POST', url: '/api/journeys', headers: json, payload });
  const status = checkAnswer(saved, 'save');
  const after = await countVersions(target);
  if (status >= 400 && after !== before)
    throw new Error(`a refused journey wrote a version: ${payload.slice(0, 300)}`);
  if (status < 400 && after !== before + 1)
    throw new Error(`an accepted journey did not add one version: ${payload.slice(0, 300)}`);
  return status;
}
