import type { Command } from 'commander';
import { cohortOptionsSchema, computeCohorts } from '../../analytics/cohorts/compute-cohorts.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { computeRfm, summarizeRfm } from '../../analytics/rfm/compute-rfm.ts';
import { printJson, printTable, withStore } from '../context.ts';

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

export function registerAnalyticsCommands(program: Command): void {
  program
    .command('rfm')
    .description(
      'Compute RFM scores and named segments, store them on profiles (computed.rfm), print a summary',
    )
    .option('--as-of <date>', 'snapshot date (default: the day after the last purchase)')
    .option('--event <name>', 'conversion event', 'purchase')
    .option('--amount-property <name>', 'event property holding the amount', 'amount')
    .option('--order-property <name>', 'event property identifying an order (frequency = distinct orders)')
    .option('--json', 'print JSON (summary and snapshot)')
    .option('--csv', 'print one CSV line per customer instead of the summary')
    .action(
      async (
        options: {
          asOf?: string;
          event: string;
          amountProperty: string;
          orderProperty?: string;
          json?: boolean;
          csv?: boolean;
        },
        command: Command,
      ) => {
        const result = await withStore(command, (store) =>
          computeRfm(store, {
            asOf: options.asOf,
            event: options.event,
            amountProperty: options.amountProperty,
            orderProperty: options.orderProperty,
          }),
        );
        if (options.csv) {
          process.stdout.write('profile_id,recency_days,frequency,monetary,r,f,m,segment\n');
          for (const row of result.rows) {
            process.stdout.write(
              `${row.profileId},${row.recencyDays},${row.frequency},${round(row.monetary, 2)},${row.r},${row.f},${row.m},"${row.segment}"\n`,
            );
          }
          return;
        }
        const summary = summarizeRfm(result.rows);
        if (options.json)
          return printJson({ asOf: result.asOf, customers: result.rows.length, segments: summary });
        if (!result.asOf) {
          process.stdout.write(`No '${options.event}' events: nothing to score.\n`);
          return;
        }
        process.stdout.write(
          `RFM as of ${result.asOf.toISOString().slice(0, 10)} for ${result.rows.length} customers\n\n`,
        );
        printTable(
          summary.map((group) => ({
            segment: group.segment,
            customers: group.customers,
            share: `${(group.share * 100).toFixed(1)}%`,
            'recency (days)': round(group.meanRecencyDays),
            frequency: round(group.meanFrequency, 2),
            monetary: round(group.meanMonetary, 2),
          })),
          ['segment', 'customers', 'share', 'recency (days)', 'frequency', 'monetary'],
        );
      },
    );

  program
    .command('cohorts')
    .description('Retention matrix by first-purchase (or first-seen) month')
    .option('--event <name>', 'activity event', 'purchase')
    .option('--by <kind>', 'first-purchase | first-seen', 'first-purchase')
    .option('--since <date>', 'only cohorts starting on or after this date')
    .option('--periods <n>', 'months to show', '12')
    .option('--json', 'print JSON')
    .action(
      async (
        options: { event: string; by: string; since?: string; periods: string; json?: boolean },
        command: Command,
      ) => {
        // The CLI passes strings; the schema validates and converts them (a bad --by is a clear error).
        const cohortOptions = parseOrThrow(
          cohortOptionsSchema,
          { event: options.event, by: options.by, since: options.since, maxPeriods: options.periods },
          'options',
        );
        const cohorts = await withStore(command, (store) => computeCohorts(store, cohortOptions));
        if (options.json) return printJson(cohorts);
        const periods = Math.max(0, ...cohorts.map((cohort) => cohort.retention.length));
        const columns = ['cohort', 'size', ...Array.from({ length: periods }, (_, index) => `m${index}`)];
        printTable(
          cohorts.map((cohort) => ({
            cohort: cohort.cohort,
            size: cohort.size,
            ...Object.fromEntries(
              cohort.retention.map((share, index) => [`m${index}`, `${Math.round(share * 100)}%`]),
            ),
          })),
          columns,
        );
      },
    );
}
