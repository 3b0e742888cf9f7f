import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { openTestStore } from '../test-support/engines.ts';
import { startContentWorker } from './content-worker.ts';
import { readFeedEntries } from './feeds/read-feed.ts';
import { saveContentItem } from './items/content-item-store.ts';

describe('content publisher background worker', () => {
  it('publishes a due item on its own and stops cleanly', async () => {
    const store = await openTestStore('duckdb');
    try {
      const clock = new ManualClock('2025-05-01T12:00:00Z');
      await saveContentItem(
        store,
        {
          name: 'launch',
          title: 'Launch',
          body: '<p>Now</p>',
          targets: [{ type: 'feed', feed: 'news' }],
          schedule: { type: 'once', at: '2025-05-01T12:00:00Z' },
        },
        clock.now(),
      );
      // The worker reports each publication through its log: wait for that line, not for a time.
      let published: (line: string) => void = () => {};
      const logged = new Promise<string>((resolve) => {
        published = (line) => {
          if (line.startsWith('content: published')) resolve(line);
        };
      });
      const worker = startContentWorker(
        { store, clock, publicUrl: 'http://localhost', log: (line) => published(line) },
        { intervalMs: 1 },
      );
      expect(await logged).toBe('content: published launch:2025-05-01T12:00:00.000Z');
      await worker.stop();
      expect((await readFeedEntries(store, 'news')).map((entry) => entry.title)).toEqual(['Launch']);
    } finally {
      await store.close();
    }
  });
});
