import type { Store } from '../../store/store.ts';
import { checkRequiredOptions, planColumns, type ColumnPlan } from './column-plan.ts';
import { describeImportFile } from './import-file.ts';
import { importProfilesOptionsSchema, type ImportProfilesOptionsInput } from './import-options.ts';
import type { ImportSummary } from './import-summary.ts';
import { mapProfileRow } from './map-profile-row.ts';
import { parseImportOptions } from './parse-import-options.ts';
import { runImport, type ImportProgress } from './run-import.ts';

export interface ImportContext {
  store: Store;
  /** Called after every batch; `createProgressBar` turns it into a bar on a terminal. */
  onProgress?: ((progress: ImportProgress) => void) | undefined;
}

/**
 * `segmint import profiles FILE`: each row becomes an `identify` — the user id from `idColumn`, the email column
 * (given or detected) cleaned into the `email` trait, every other column a cleaned trait.
 */
export async function importProfiles(
  request: ImportProfilesOptionsInput & ImportContext,
): Promise<ImportSummary> {
  const { store, onProgress, ...input } = request;
  const options = parseImportOptions(importProfilesOptionsSchema, input);
  const file = await describeImportFile(options.file, options);
  // A JSONL file may hold ready Segment messages that need no column flags; a CSV file never does.
  if (file.format === 'csv') checkRequiredOptions('profiles', options);
  let plan: ColumnPlan | undefined;
  return runImport({
    kind: 'profiles',
    store,
    file,
    conversion: {
      acceptsSegmentMessages: file.format === 'jsonl',
      planFor: (columns) => (plan ??= planColumns('profiles', columns, options, file.format === 'csv')),
      mapRow: mapProfileRow,
      mapping: { timestampFormat: options.timestampFormat, defaultCountry: options.defaultCountry },
    },
    strict: options.strict,
    batchSize: options.batchSize,
    reportLimit: options.reportLimit,
    onProgress,
  });
}
