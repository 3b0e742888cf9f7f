import type { Command } from 'commander';
import { generateMessages, writeDatasetFiles, type GenerateOptions } from '../../generate/index.ts';
import { ingestRawMessages } from '../../ingest/ingest-raw-messages.ts';
import { printJson, withStore } from '../context.ts';
import { createProgress } from '../progress.ts';

interface GenerateFlags {
  customers: string;
  days: string;
  seed: string;
  endDate?: string;
  activity: string;
  out?: string;
  json?: boolean;
}

function toGenerateOptions(flags: GenerateFlags): GenerateOptions {
  return {
    customers: Number(flags.customers),
    days: Number(flags.days),
    seed: Number(flags.seed),
    activity: Number(flags.activity),
    ...(flags.endDate ? { endDate: flags.endDate } : {}),
  };
}

export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description(
      'Generate a realistic synthetic e-commerce data set (seeded) into the store, or to files with --out',
    )
    .option('--customers <n>', 'number of customers', '1000')
    .option('--days <n>', 'days of history', '365')
    .option('--seed <n>', 'random seed (same seed, same data)', '42')
    .option('--end-date <date>', 'history ends before this date (default: today, UTC midnight)')
    .option('--activity <x>', 'scale purchase and visit rates', '1')
    .option('--out <dir>', 'write messages.jsonl, profiles.csv and ground-truth.csv instead of ingesting')
    .option('--json', 'print the summary as JSON')
    .action(async (flags: GenerateFlags, command: Command) => {
      const options = toGenerateOptions(flags);
      if (flags.out) {
        const written = await writeDatasetFiles({ ...options, dir: flags.out });
        if (flags.json) return printJson(written);
        process.stdout.write(
          `Wrote ${written.messages.toLocaleString('en-US')} messages for ${written.customers.toLocaleString('en-US')} customers to ${flags.out}\n`,
        );
        return;
      }
      const progress = createProgress('Ingesting');
      const totals = await withStore(command, (store) =>
        ingestRawMessages({
          store,
          batches: generateMessages(options),
          onProgress: (done) => progress.update(done.messages),
        }),
      );
      progress.finish();
      if (flags.json) return printJson(totals);
      process.stdout.write(
        `Generated ${totals.messages.toLocaleString('en-US')} messages: ${totals.stored.toLocaleString('en-US')} stored, ` +
          `${totals.duplicates.toLocaleString('en-US')} already there, ${totals.profilesCreated.toLocaleString('en-US')} new profiles.\n`,
      );
    });
}
