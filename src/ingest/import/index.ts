/** Streaming CSV/JSONL imports (`segmint import profiles|events FILE`). See README.md in this folder. */
export { importProfiles, type ImportContext } from './import-profiles.ts';
export { importEvents } from './import-events.ts';
export {
  importProfilesOptionsSchema,
  importEventsOptionsSchema,
  IMPORT_FORMATS,
  type ImportFormat,
  type ImportProfilesOptionsInput,
  type ImportEventsOptionsInput,
} from './import-options.ts';
export { importSummarySchema, formatImportSummary, type ImportSummary } from './import-summary.ts';
export type { ImportProgress } from './run-import.ts';
export { createProgressBar, type ProgressBar } from './progress-bar.ts';
