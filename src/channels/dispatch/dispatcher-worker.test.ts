import { expect, it, vi } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { startDispatcherWorker } from './dispatcher-worker.ts';
import { givenProfile, givenQueuedMessage } from './outbox-test-data.ts';

describeEachEngine('dispatcher background worker', (getStore) => {
  it('sends due messages through the capture transport and stops cleanly', async () => {
    const store = getStore();
    const clock = new ManualClock('2025-03-01T10:00:00Z');
    const profileId = await givenProfile(store, 'worker-user', { email: 'worker@example.com' });
    await givenQueuedMessage(store, {
      id: 'worker:1',
      profileId,
      data: { subject: 'Hi', text: 'Hi there', html: '<p>Hi there</p>' },
      createdAt: clock.now(),
    });
    const lines: string[] = [];
    const worker = startDispatcherWorker(
      { store, clock, publicUrl: 'http://127.0.0.1:9', log: (line) => lines.push(line) },
      { pollIntervalMs: 20 },
    );
    try {
      await vi.waitFor(
        async () => {
          const rows = await store.query("select status from messages where id = 'worker:1'");
          expect(rows).toEqual([{ status: 'sent' }]);
        },
        { timeout: 10_000, interval: 20 },
      );
    } finally {
      await worker.stop();
    }
    const captured = await store.query<{ recipient: string; html: string }>(
      'select recipient, html from captured_emails',
    );
    expect(captured).toHaveLength(1);
    expect(captured[0]?.recipient).toBe('worker@example.com');
    expect(captured[0]?.html).toContain('http://127.0.0.1:9/t/o/');
    expect(lines.some((line) => line.startsWith('dispatch: 1 sent'))).toBe(true);
  });
});
