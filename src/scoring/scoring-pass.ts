/**
 * One scheduled pass of lead scoring: when the saved rules are due (never computed, changed, or older than
 * `recomputeEveryMinutes`), every score is recomputed as of now, then the real-time segments are re-evaluated for
 * the profiles whose score changed, so `lead_score >= 50` gains and loses members (and triggers journeys) without
 * waiting for the hourly full segment refresh.
 *
 * Why a schedule and not after each ingested batch: with decay a score changes while no event arrives (a lead
 * cools down), so a time-driven recompute is needed anyway; one set-wise statement over the matching events per
 * pass is cheaper than recomputing after every batch, and ingestion stays untouched. Scores lag events by at most
 * one interval; `segmint scoring recompute` (or the API) recomputes at once.
 */
import { refreshTouchedProfiles } from '../segments/saved/refresh-membership.ts';
import type { Store } from '../store/store.ts';
import { findLeadScoring } from './lead-scoring-store.ts';
import { recomputeLeadScores } from './recompute-lead-scores.ts';

const MINUTE_MS = 60_000;

export interface ScoringPassResult {
  recomputed: boolean;
  changedProfiles: number;
  /** Segment entries/exits caused by the changed scores. */
  segmentTransitions: number;
}

export async function runScoringPass(store: Store, now: Date): Promise<ScoringPassResult> {
  const scoring = await findLeadScoring(store);
  const isDue =
    scoring !== undefined &&
    (scoring.recomputedAt === null ||
      now.getTime() - scoring.recomputedAt.getTime() >= scoring.definition.recomputeEveryMinutes * MINUTE_MS);
  if (!isDue) return { recomputed: false, changedProfiles: 0, segmentTransitions: 0 };
  return recomputeAndRefreshSegments(store, now);
}

/** Recomputes every score now and re-evaluates real-time segments for the profiles that changed. */
export async function recomputeAndRefreshSegments(store: Store, now: Date): Promise<ScoringPassResult> {
  const { changedProfileIds } = await recomputeLeadScores(store, { now });
  const refreshed = await refreshTouchedProfiles(store, changedProfileIds, { now });
  return {
    recomputed: true,
    changedProfiles: changedProfileIds.length,
    segmentTransitions: refreshed.reduce((sum, result) => sum + result.entered + result.exited, 0),
  };
}
