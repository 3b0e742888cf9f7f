import { afterEach, describe, expect, it, vi } from 'vitest';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { normalized } from '../../test-support/messages.ts';
import { parseRefreshInterval, startScheduledRefresh } from './scheduled-refresh.ts';
import { listSegmentTransitions } from './segment-queries.ts';
import { createSegment } from './segment-store.ts';

describe('parseRefreshInterval', () => {
  it('reads seconds, minutes, hours and days, and "off"', () => {
    expect(parseRefreshInterval('30s')).toBe(30_000);
    expect(parseRefreshInterval('15m')).toBe(900_000);
    expect(parseRefreshInterval('1h')).toBe(3_600_000);
    expect(parseRefreshInterval(' 2D ')).toBe(172_800_000);
    expect(parseRefreshInterval('off')).toBeNull();
    expect(parseRefreshInterval('0')).toBeNull();
  });

  it('rejects anything else with a message showing the accepted forms', () => {
    for (const bad of ['', '10', '1w', '-1h', '0m', '1.5h']) {
      expect(() => parseRefreshInterval(bad)).toThrow(/like 30s, 15m, 1h or 1d/);
    }
  });
});

describeEachEngine('scheduled segment refresh', (getStore) => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('recomputes time-relative segments on each tick with the time of the tick', async () => {
    const store = getStore();
    await store.transaction((tx) =>
      commitMessages(tx, [
        normalized({ type: 'track', userId: 'ann', event: 'purchase', timestamp: '2025-03-10T00:00:00Z' }),
      ]),
    );
    await createSegment(store, { name: 'lapsed', text: 'did not perform purchase in last 30 days' });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const ticks = [new Date('2025-03-15T00:00:00Z'), new Date('2025-05-01T00:00:00Z')];
    let tick = 0;
    const log: string[] = [];
    const schedule = startScheduledRefresh({
      store,
      intervalMs: 3_600_000,
      log: (line) => log.push(line),
      clock: () => ticks[Math.min(tick, ticks.length - 1)] ?? new Date(0),
    });

    vi.advanceTimersByTime(3_599_999);
    expect(log).toEqual([]); // not before the interval has passed
    vi.advanceTimersByTime(1);
    await vi.waitFor(() => expect(log).toHaveLength(1), { timeout: 30_000 });
    expect(log[0]).toBe('Scheduled refresh: 0 computed traits, 1 segments refreshed, 0 entered, 0 exited.');

    tick = 1; // six weeks later ann has lapsed
    vi.advanceTimersByTime(3_600_000);
    await vi.waitFor(() => expect(log).toHaveLength(2), { timeout: 30_000 });
    await schedule.stop();
    expect(log[1]).toBe('Scheduled refresh: 0 computed traits, 1 segments refreshed, 1 entered, 0 exited.');
    expect(await listSegmentTransitions(store, 'lapsed')).toMatchObject([
      { kind: 'entered', occurredAt: ticks[1] },
    ]);

    vi.advanceTimersByTime(10 * 3_600_000);
    expect(log).toHaveLength(2); // stopped: no more runs
  });
});
