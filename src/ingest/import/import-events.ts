import { checkRequiredOptions, planColumns, type ColumnPlan } from './column-plan.ts';
import { describeImportFile } from './import-file.ts';
import { importEventsOptionsSchema, type ImportEventsOptionsInput } from './import-options.ts';
import type { ImportContext } from './import-profiles.ts';
import type { ImportSummary } from './import-summary.ts';
import { mapEventRow } from './map-event-row.ts';
import { parseImportOptions } from './parse-import-options.ts';
import { runImport } from './run-import.ts';

/**
 * `segmint import events FILE`: each row becomes a `track` — the event name from `event` or `eventColumn`, the
 * user from `idColumn` / `anonymousIdColumn`, the time from `timestampColumn`, `amount` from `amountColumn` or
 * price × quantity, every other column a cleaned property.
 */
export async function importEvents(
  request: ImportEventsOptionsInput & ImportContext,
): Promise<ImportSummary> {
  const { store, onProgress, ...input } = request;
  const options = parseImportOptions(importEventsOptionsSchema, input);
  const file = await describeImportFile(options.file, options);
  // A JSONL file may hold ready Segment messages that need no column flags; a CSV file never does.
  if (file.format === 'csv') checkRequiredOptions('events', options);
  let plan: ColumnPlan | undefined;
  return runImport({
    kind: 'events',
    store,
    file,
    conversion: {
      acceptsSegmentMessages: file.format === 'jsonl',
      planFor: (columns) => (plan ??= planColumns('events', columns, options, file.format === 'csv')),
      mapRow: mapEventRow,
      mapping: { timestampFormat: options.timestampFormat, defaultCountry: options.defaultCountry },
    },
    strict: options.strict,
    batchSize: options.batchSize,
    reportLimit: options.reportLimit,
    onProgress,
  });
}
