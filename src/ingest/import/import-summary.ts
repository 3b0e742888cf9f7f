/**
 * The result of an import, printed by the CLI (`--json` prints it as is). Every row read is counted exactly once:
 * rowsRead = imported + rejected.count + duplicates.inFile + duplicates.alreadyStored.
 */
import { z } from 'zod';
import { IMPORT_FORMATS } from './import-options.ts';

const countSchema = z.number().int().nonnegative();

export const issueReportSchema = z.object({
  count: countSchema,
  /** Rows per kind of problem (`missing CustomerID`, `invalid email in Email`), most frequent first. */
  byReason: z.record(z.string(), countSchema),
  /** The first few, with the row number (1 = the first record after the header). */
  first: z.array(z.object({ row: z.number().int().positive(), reason: z.string() })),
});

export const importSummarySchema = z.object({
  kind: z.enum(['profiles', 'events']),
  file: z.string(),
  format: z.enum(IMPORT_FORMATS),
  rowsRead: countSchema,
  /** Messages stored by this import. */
  imported: countSchema,
  /** Rows skipped because they could not be cleaned or validated. */
  rejected: issueReportSchema,
  /** Values kept as written because they could not be normalised (phone numbers, countries). */
  warnings: issueReportSchema,
  duplicates: z.object({
    /** Rows whose message id appeared earlier in the same file. */
    inFile: countSchema,
    /** Rows whose message id was already in the store (an earlier import, or the API). */
    alreadyStored: countSchema,
  }),
  profilesCreated: countSchema,
  profilesMerged: countSchema,
  elapsedMs: z.number().nonnegative(),
  rowsPerSecond: z.number().nonnegative(),
});

export type ImportSummary = z.infer<typeof importSummarySchema>;

const number = new Intl.NumberFormat('en-US');

/** The summary as people read it on a terminal. */
export function formatImportSummary(summary: ImportSummary): string {
  const lines = [
    `Imported ${summary.kind} from ${summary.file} (${summary.format}) in ${(summary.elapsedMs / 1000).toFixed(1)} s ` +
      `(${number.format(Math.round(summary.rowsPerSecond))} rows/s)`,
    `  rows read        ${number.format(summary.rowsRead)}`,
    `  imported         ${number.format(summary.imported)}`,
    `  rejected         ${number.format(summary.rejected.count)}`,
    ...Object.entries(summary.rejected.byReason).map(
      ([reason, count]) => `    ${number.format(count)} × ${reason}`,
    ),
    `  duplicates       ${number.format(summary.duplicates.inFile + summary.duplicates.alreadyStored)} ` +
      `(${number.format(summary.duplicates.inFile)} repeated in the file, ` +
      `${number.format(summary.duplicates.alreadyStored)} already stored)`,
    `  profiles         ${number.format(summary.profilesCreated)} created, ${number.format(summary.profilesMerged)} merged`,
  ];
  if (summary.warnings.count > 0) {
    lines.push(`  warnings         ${number.format(summary.warnings.count)} (values kept as written)`);
    lines.push(
      ...Object.entries(summary.warnings.byReason).map(
        ([reason, count]) => `    ${number.format(count)} × ${reason}`,
      ),
    );
  }
  const examples = [...summary.rejected.first, ...summary.warnings.first];
  if (examples.length > 0) {
    lines.push('  first problems:');
    lines.push(
      ...examples.sort((a, b) => a.row - b.row).map(({ row, reason }) => `    row ${row}: ${reason}`),
    );
  }
  return lines.join('\n');
}
