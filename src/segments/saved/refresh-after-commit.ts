/**
 * The real-time hook: after the group committer has committed a batch, the computed traits of the profiles it
 * touched are recomputed and then those profiles are re-evaluated against every real-time segment (in that order,
 * so a segment on a computed trait sees the new value). It runs after the requests were acknowledged, so a slow refresh never delays
 * ingestion responses; a failed refresh is reported by the committer and repaired by the next full refresh.
 */
import type { CommitResult } from '../../ingest/commit-messages.ts';
import type { Store } from '../../store/store.ts';
import { refreshComputedTraitsForProfiles } from '../traits/refresh-computed-traits.ts';
import { refreshTouchedProfiles } from './refresh-membership.ts';

export function refreshSegmentsAfterCommit(
  store: Store,
  clock: () => Date = () => new Date(),
): (result: CommitResult) => Promise<void> {
  return async (result) => {
    const now = clock();
    await refreshComputedTraitsForProfiles(store, result.touchedProfileIds, { now });
    await refreshTouchedProfiles(store, result.touchedProfileIds, { now });
  };
}
