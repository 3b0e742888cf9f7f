/**
 * The overview reads every event of the last 24 months, which takes seconds at tens of millions of events, and it
 * is the dashboard's landing page. So its answer is reused while no event has arrived (a count and the latest
 * receive time say so in one cheap scan), and for at most a minute while events keep arriving: the numbers are then
 * up to a minute old, which a KPI page can afford. Concurrent requests share one computation.
 */
import type { Clock } from '../../clock.ts';
import type { Overview } from '../../schema/dashboard.ts';
import type { Store } from '../../store/store.ts';
import { readOverview } from './dashboard-queries.ts';

export const OVERVIEW_MAX_AGE_MS = 60_000;

export function createCachedOverview(store: Store, clock: Clock): () => Promise<Overview> {
  let cached: { fingerprint: string; computedAt: number; overview: Promise<Overview> } | undefined;
  return async () => {
    const [events] = await store.query<{ n: number; last: Date | null }>(
      'select count(*) as n, max(received_at) as last from events',
    );
    const fingerprint = `${Number(events?.n ?? 0)}:${events?.last?.toISOString() ?? ''}`;
    const now = clock.now().getTime();
    if (cached && (cached.fingerprint === fingerprint || now - cached.computedAt < OVERVIEW_MAX_AGE_MS)) {
      return cached.overview;
    }
    const overview = readOverview(store);
    const entry = { fingerprint, computedAt: now, overview };
    cached = entry;
    // A failed computation is not kept: the next request tries again.
    overview.catch(() => {
      if (cached === entry) cached = undefined;
    });
    return overview;
  };
}
