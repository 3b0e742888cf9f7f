/** Lead scoring: rules on events → `profiles.computed.lead_score` (see scoring-pass.ts for when it runs). */
export { buildLeadScoreQuery } from './lead-score-query.ts';
export {
  findLeadScoring,
  requireLeadScoring,
  setLeadScoring,
  type SavedLeadScoring,
} from './lead-scoring-store.ts';
export { listTopLeadScores, type LeadScoreEntry } from './top-lead-scores.ts';
export { recomputeLeadScores, type LeadScoreRecompute } from './recompute-lead-scores.ts';
export { recomputeAndRefreshSegments, runScoringPass, type ScoringPassResult } from './scoring-pass.ts';
export { startScoringWorker } from './scoring-worker.ts';
