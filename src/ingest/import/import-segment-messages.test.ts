import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../test-support/engines.ts';
import { importEvents } from './import-events.ts';

const folder = mkdtempSync(join(tmpdir(), 'segmint-import-messages-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** An export of Segment messages: used as they are, whatever flags the command has. */
const MESSAGES = join(folder, 'export.jsonl');
writeFileSync(
  MESSAGES,
  [
    {
      type: 'page',
      anonymousId: 'anon-1',
      name: 'Home',
      timestamp: '2024-05-01T10:00:00Z',
      messageId: 'm-1',
    },
    {
      type: 'identify',
      anonymousId: 'anon-1',
      userId: 'u1',
      traits: { email: 'u1@example.com' },
      timestamp: '2024-05-01T10:01:00Z',
    },
    {
      type: 'track',
      userId: 'u1',
      event: 'Order Completed',
      properties: { revenue: 30 },
      timestamp: '2024-05-01T10:02:00Z',
    },
    { type: 'track', userId: 'u1', properties: {}, timestamp: '2024-05-01T10:03:00Z' },
    {
      type: 'track',
      userId: 'u1',
      event: 'Exported',
      originalTimestamp: '2024-05-01T09:59:00Z',
      sentAt: '2024-05-01T10:00:00Z',
      receivedAt: '2024-05-01T10:05:00Z',
    },
    {
      type: 'track',
      userId: 'u1',
      event: 'Order Completed',
      properties: { revenue: 30 },
      timestamp: '2024-05-01T10:02:00Z',
    },
  ]
    .map((message) => JSON.stringify(message))
    .join('\n'),
);

describeEachEngine('importing Segment messages from JSONL', (getStore) => {
  beforeEach(async () => {
    for (const table of ['events', 'identities', 'profiles', 'profile_merges'])
      await getStore().execute(`delete from ${table}`);
  });

  it('stores them as they are and merges the anonymous page view into the identified profile', async () => {
    const store = getStore();
    const summary = await importEvents({ store, file: MESSAGES });
    expect(summary).toMatchObject({
      rowsRead: 6,
      imported: 4,
      rejected: { count: 1, first: [{ row: 4, reason: expect.stringMatching(/^invalid event: /) }] },
      duplicates: { inFile: 1, alreadyStored: 0 },
    });
    const events = await store.query<{
      message_id: string;
      type: string;
      profile_id: string;
      occurred_at: Date;
    }>('select message_id, type, profile_id, occurred_at from events order by occurred_at');
    expect(events.map((event) => event.type)).toEqual(['page', 'identify', 'track', 'track']);
    expect(new Set(events.map((event) => event.profile_id)).size).toBe(1);
    expect(events[0]?.message_id).toBe('m-1');
    expect(events[1]?.message_id).toMatch(/^import-[0-9a-f]{40}$/);
    // Clock skew is corrected with the export's own receivedAt: 10:05 − (10:00 − 09:59) = 10:04.
    expect(events[3]?.occurred_at.toISOString()).toBe('2024-05-01T10:04:00.000Z');
  });

  it('adds nothing when imported again', async () => {
    const store = getStore();
    await importEvents({ store, file: MESSAGES });
    const again = await importEvents({ store, file: MESSAGES });
    expect(again).toMatchObject({ imported: 0, duplicates: { inFile: 1, alreadyStored: 4 } });
  });
});
