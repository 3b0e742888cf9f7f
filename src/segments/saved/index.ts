/** Saved segments: definitions in the store, materialised membership and entered/exited transitions. */
export {
  findSavedSegment,
  readSavedSegments,
  requireSavedSegment,
  segmentNameSchema,
  type SavedSegment,
} from './saved-segment.ts';
export {
  createSegment,
  createSegmentInputSchema,
  deleteSegment,
  getSegment,
  listSegments,
  type CreateSegmentInput,
  type SegmentSummary,
} from './segment-store.ts';
export {
  orderByDependencies,
  refreshAllSegments,
  refreshSegment,
  refreshTouchedProfiles,
  type RefreshOptions,
  type SegmentRefreshResult,
} from './refresh-membership.ts';
export {
  listSegmentMembers,
  listSegmentTransitions,
  previewSegment,
  type SegmentMember,
  type SegmentPreview,
  type SegmentTransition,
} from './segment-queries.ts';
export { refreshSegmentsAfterCommit } from './refresh-after-commit.ts';
export { parseRefreshInterval, startScheduledRefresh, type ScheduledRefresh } from './scheduled-refresh.ts';
