/**
 * `segmint import profiles|events FILE`: streaming CSV/JSONL imports. Flags map one to one onto the import
 * options schema (kebab-case → camelCase), which validates them.
 */
import type { Command } from 'commander';
import {
  createProgressBar,
  formatImportSummary,
  importEvents,
  importProfiles,
} from '../../ingest/import/index.ts';
import { printJson, withStore } from '../context.ts';

function addCommonOptions(command: Command): Command {
  return command
    .option('--format <format>', 'csv | jsonl (default: from the file extension)')
    .option('--delimiter <char>', 'CSV delimiter', undefined)
    .option('--id-column <name>', 'column holding the customer id (userId)')
    .option('--message-id-column <name>', 'column holding a unique row id (default: a hash of the row)')
    .option('--email-column <name>', 'email column (default: detected by name)')
    .option('--phone-column <name>', 'phone column, normalised to E.164 (default: detected by name)')
    .option('--country-column <name>', 'country column, normalised to ISO 3166 alpha-2 (default: detected)')
    .option('--default-country <code>', 'region for phone numbers without a country')
    .option('--timestamp-column <name>', 'column holding the time of the row')
    .option('--timestamp-format <format>', "iso (default), unix, unix-ms or a pattern like 'M/D/YYYY H:mm'")
    .option('--columns <renames>', "rename keys: 'Old Name:new_name,Other:other'")
    .option('--strict', 'abort the whole import (nothing written) if any row is rejected')
    .option('--batch-size <n>', 'rows per commit')
    .option('--json', 'print the summary as JSON');
}

type Flags = Record<string, string | boolean | undefined>;

/**
 * The flags as import options. They are strings from the command line; `importProfiles`/`importEvents` parse them
 * with their zod schema (coercing numbers, checking enums), so the type assertion at the call sites only hands
 * unvalidated input to the validator.
 */
function importOptions(file: string, flags: Flags): Record<string, unknown> {
  const { json: _json, ...options } = flags;
  return Object.fromEntries(Object.entries({ file, ...options }).filter(([, value]) => value !== undefined));
}

export function registerImportCommands(program: Command): void {
  const group = program.command('import').description('Import customers or events from CSV or JSONL files');

  addCommonOptions(
    group
      .command('profiles <file>')
      .description('Each row becomes an identify call: one profile per id, other columns become traits'),
  ).action(async (file: string, flags: Flags, command: Command) => {
    const progress = createProgressBar(process.stderr);
    const summary = await withStore(command, (store) =>
      importProfiles({
        store,
        ...importOptions(file, flags),
        onProgress: (done) => progress.update(done),
      } as Parameters<typeof importProfiles>[0]),
    );
    progress.finish();
    if (flags.json) return printJson(summary);
    process.stdout.write(`${formatImportSummary(summary)}\n`);
  });

  addCommonOptions(
    group
      .command('events <file>')
      .description('Each row becomes a track call (or a Segment message, for JSONL with a type)'),
  )
    .option('--event <name>', 'event name for every row, e.g. purchase')
    .option('--event-column <name>', 'column holding the event name')
    .option('--anonymous-id-column <name>', 'column holding an anonymous id')
    .option('--amount-column <name>', 'column holding the amount')
    .option('--price-column <name>', 'unit price column (amount = price × quantity)')
    .option('--quantity-column <name>', 'quantity column')
    .action(async (file: string, flags: Flags, command: Command) => {
      const progress = createProgressBar(process.stderr);
      const summary = await withStore(command, (store) =>
        importEvents({
          store,
          ...importOptions(file, flags),
          onProgress: (done) => progress.update(done),
        } as Parameters<typeof importEvents>[0]),
      );
      progress.finish();
      if (flags.json) return printJson(summary);
      process.stdout.write(`${formatImportSummary(summary)}\n`);
    });
}
