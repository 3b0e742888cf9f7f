/**
 * The real-time hook: after the group committer has committed a batch, the profiles it touched are re-evaluated
 * against every real-time segment. It runs after the requests were acknowledged, so a slow refresh never delays
 * ingestion responses; a failed refresh is reported by the committer and repaired by the next full refresh.
 */
import type { CommitResult } from '../../ingest/commit-messages.ts';
import type { Store } from '../../store/store.ts';
import { refreshTouchedProfiles } from './refresh-membership.ts';

export function refreshSegmentsAfterCommit(
  store: Store,
  clock: () => Date = () => new Date(),
): (result: CommitResult) => Promise<void> {
  return async (result) => {
    await refreshTouchedProfiles(store, result.touchedProfileIds, { now: clock() });
  };
}
