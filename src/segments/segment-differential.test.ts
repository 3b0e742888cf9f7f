/**
 * Random definitions over random profiles and events give identical members on DuckDB, PostgreSQL and the
 * reference evaluator. A failure prints the data, the definition and the seed to replay it.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { segmentDefinitionSchema } from '../schema/segment.ts';
import type { Store } from '../store/store.ts';
import { openTestStore } from '../test-support/engines.ts';
import { compileSegment, type CompiledSegmentQuery } from './compile/compile-segment.ts';
import { referenceDataArbitrary } from './testing/data-arbitraries.ts';
import { segmentDefinitionArbitrary } from './testing/definition-arbitraries.ts';
import { evaluateSegment } from './testing/evaluate-segment.ts';
import { replaceReferenceData } from './testing/load-reference-data.ts';
import { differentialVocabulary } from './testing/vocabularies.ts';

const now = new Date('2025-03-15T12:00:00.000Z');
const hasPostgres = inject('postgresUrl') !== '';
if (!hasPostgres)
  console.warn('SKIPPED: the PostgreSQL side of the segment differential test — no PostgreSQL server.');

async function membersOf(store: Store, query: CompiledSegmentQuery): Promise<string[]> {
  const rows = await store.query<{ profile_id: string }>(query.sql, query.params);
  return rows.map((row) => row.profile_id).sort();
}

describe('segment definitions on DuckDB, PostgreSQL and the reference evaluator', () => {
  const stores: Store[] = [];

  beforeAll(async () => {
    stores.push(await openTestStore('duckdb'));
    if (hasPostgres) stores.push(await openTestStore('postgres'));
  });

  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
  });

  it('name the same members for random definitions and data', async () => {
    const definitions = fc.array(segmentDefinitionArbitrary(differentialVocabulary(now), { maxDepth: 3 }), {
      minLength: 4,
      maxLength: 4,
    });
    // Which profiles an ingested batch touched, for the re-evaluation of just those.
    const touchedMask = fc.array(fc.boolean(), { minLength: 10, maxLength: 10 });
    await fc.assert(
      fc.asyncProperty(
        referenceDataArbitrary(now),
        definitions,
        touchedMask,
        async (data, generated, isTouched) => {
          for (const store of stores) await replaceReferenceData(store, data);
          const touched = data.profiles.map((profile) => profile.id).filter((_, index) => isTouched[index]);
          for (const definition of generated.map((raw) => segmentDefinitionSchema.parse(raw))) {
            const expected = evaluateSegment(definition, data, { now });
            const expectedTouched = expected.filter((id) => touched.includes(id));
            for (const store of stores) {
              const members = await membersOf(
                store,
                compileSegment(definition, { dialect: store.dialect, now }),
              );
              expect({ engine: store.engine, members }).toEqual({ engine: store.engine, members: expected });
              const scoped = compileSegment(definition, { dialect: store.dialect, now, profileIds: touched });
              const touchedMembers = await membersOf(store, scoped);
              expect({ engine: store.engine, touchedMembers }).toEqual({
                engine: store.engine,
                touchedMembers: expectedTouched,
              });
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
