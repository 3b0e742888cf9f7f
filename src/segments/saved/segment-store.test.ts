import { describe, expect, it } from 'vitest';
import { SegmintError } from '../../errors.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { refreshSegment } from './refresh-membership.ts';
import { createSegment, deleteSegment, getSegment, listSegments } from './segment-store.ts';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { normalized } from '../../test-support/messages.ts';

const NOW = new Date('2025-03-15T12:00:00Z');

/** The error `work` fails with (the test fails when it does not). */
async function failureOf(work: Promise<unknown>): Promise<SegmintError> {
  const error: unknown = await work.then(
    () => new Error('expected a failure'),
    (reason: unknown) => reason,
  );
  if (!(error instanceof SegmintError)) throw error;
  return error;
}

describeEachEngine('saved segments', (getStore, engine) => {
  it('saves a segment given as text with its canonical text and real-time by default', async () => {
    const saved = await createSegment(
      getStore(),
      { name: 'gold adults', text: "plan = 'gold'  and  age >= 18" },
      { now: NOW },
    );
    expect(saved).toMatchObject({
      name: 'gold adults',
      text: 'plan = "gold" and age >= 18',
      realtime: true,
      version: 1,
      createdAt: NOW,
    });
    expect(saved.id).toMatch(/^seg_/);
    expect(saved.definition.condition.type).toBe('and');
  });

  it('saves a segment given as a JSON definition, with dotted field names', async () => {
    const saved = await createSegment(getStore(), {
      name: 'champions',
      realtime: false,
      definition: {
        schemaVersion: 1,
        condition: { type: 'trait', field: 'rfm.segment', predicate: { op: 'eq', value: 'champions' } },
      },
    });
    expect(saved).toMatchObject({ text: 'rfm.segment = "champions"', realtime: false });
  });

  it('points at the column of a mistake in the text', async () => {
    const error = await failureOf(createSegment(getStore(), { name: 'broken', text: 'country = and x' }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('col 11');
  });

  it('wants exactly one of text and definition', async () => {
    const error = await failureOf(createSegment(getStore(), { name: 'neither' }));
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain('either as text or as a definition');
  });

  it('refuses a name that is already taken', async () => {
    await createSegment(getStore(), { name: 'taken', text: 'age > 1' });
    const error = await failureOf(createSegment(getStore(), { name: 'taken', text: 'age > 2' }));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('segmint segments delete "taken"');
  });

  it('refuses references to missing segments and to itself', async () => {
    const missing = await failureOf(createSegment(getStore(), { name: 'x', text: 'segment "nowhere"' }));
    expect(missing.code).toBe('invalid_input');
    expect(missing.message).toContain('"nowhere"');
    const loop = await failureOf(createSegment(getStore(), { name: 'self', text: 'not segment "self"' }));
    expect(loop.code).toBe('invalid_input');
    expect(loop.message).toContain('"self" → "self"');
    expect((await listSegments(getStore())).map((segment) => segment.name)).not.toContain('self');
  });

  it(`compiles for the store's engine when saving (${engine})`, async () => {
    // PostgreSQL text cannot hold U+0000; DuckDB can.
    const saving = createSegment(getStore(), { name: 'nul', text: 'nickname = "a\\u0000b"' });
    if (engine === 'postgres') expect((await failureOf(saving)).code).toBe('unsupported');
    else expect((await saving).name).toBe('nul');
  });

  it('lists segments by name with their member counts', async () => {
    await getStore().transaction((tx) =>
      commitMessages(tx, [normalized({ type: 'identify', userId: 'u1', traits: { age: 40 } })]),
    );
    await createSegment(getStore(), { name: 'adults', text: 'age >= 18' });
    await refreshSegment(getStore(), 'adults', { now: NOW });
    const list = await listSegments(getStore());
    expect(list.map((segment) => segment.name)).toEqual([...list.map((segment) => segment.name)].sort());
    expect(list.find((segment) => segment.name === 'adults')?.members).toBe(1);
    expect((await getSegment(getStore(), 'adults')).members).toBe(1);
  });

  it('refuses to delete a segment another one refers to, and deletes it once nothing does', async () => {
    const base = await createSegment(getStore(), { name: 'base', text: 'age > 10' });
    await createSegment(getStore(), { name: 'derived', text: `segment "base" and age < 90` });
    const refused = await failureOf(deleteSegment(getStore(), 'base'));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toContain('"derived" refers to it');
    await deleteSegment(getStore(), 'derived');
    await refreshSegment(getStore(), 'base', { now: NOW });
    expect((await deleteSegment(getStore(), base.id)).name).toBe('base');
    expect((await failureOf(getSegment(getStore(), 'base'))).code).toBe('not_found');
    const [left] = await getStore().query<{ members: number }>(
      'select count(*) as members from segment_members where segment_id = $1',
      [base.id],
    );
    expect(Number(left?.members)).toBe(0);
  });
});

describe('failureOf', () => {
  it('fails the test when the work succeeds', async () => {
    await expect(failureOf(Promise.resolve(1))).rejects.toThrow('expected a failure');
  });
});
