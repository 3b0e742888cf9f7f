/** Journeys: definitions as data, a durable interpreter, and its worker. Design: ./README.md. */
export { validateJourney, requireValidJourney, type JourneyValidation } from './validate-journey.ts';
export {
  findJourney,
  listJourneys,
  loadJourneyVersion,
  requireJourney,
  saveJourney,
  type Journey,
  type JourneyStatus,
  type SavedJourney,
} from './journey-store.ts';
export { changeJourneyStatus, type JourneyStatusAction } from './journey-status.ts';
export { reportJourney, type JourneyReport, type NodeCounts } from './journey-report.ts';
export { readJourneyFile } from './read-journey-file.ts';
export {
  runJourneyPass,
  startJourneyWorker,
  type JourneyPassOptions,
  type JourneyPassResult,
} from './journey-worker.ts';
export { scanJourneyTriggers, type ScanResult } from './entry/scan-triggers.ts';
export { runJourneyBatch } from './engine/run-batch.ts';
export { JourneyDefinitions } from './engine/journey-definitions.ts';
export {
  globalHoldoutPercentSchema,
  isInGlobalHoldout,
  readGlobalHoldoutPercent,
  setGlobalHoldoutPercent,
} from './global-holdout.ts';
