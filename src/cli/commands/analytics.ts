import type { Command } from 'commander';
import { clusterStoredProfiles } from '../../analytics/clustering/cluster-stored-profiles.ts';
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
    .option('--positive-only', 'ignore returns and free lines (amount ≤ 0), the usual retail cleaning')
    .option('--json', 'print JSON (summary and snapshot)')
    .option('--csv', 'print one CSV line per customer instead of the summary')
    .action(
      async (
        options: {
          asOf?: string;
          event: string;
          amountProperty: string;
          orderProperty?: string;
          positiveOnly?: boolean;
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
            positiveAmountsOnly: options.positiveOnly ?? false,
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

export function registerClusterCommand(program: Command): void {
  program
    .command('cluster')
    .description(
      'k-means on numeric traits/computed traits (standardised); stores computed.cluster on profiles',
    )
    .requiredOption(
      '--features <names>',
      'comma-separated traits or computed traits, e.g. annual_income,rfm.monetary',
    )
    .option('--k <k>', "number of clusters, or 'auto' (silhouette, elbow shown)", 'auto')
    .option('--seed <n>', 'random seed', '0')
    .option('--json', 'print JSON')
    .action(
      async (options: { features: string; k: string; seed: string; json?: boolean }, command: Command) => {
        const result = await withStore(command, (store) =>
          clusterStoredProfiles(store, {
            features: options.features.split(','),
            k: options.k,
            seed: options.seed,
          }),
        );
        if (options.json) {
          return printJson({
            k: result.k,
            profiles: result.profiles,
            skipped: result.skipped,
            silhouette: result.silhouette,
            selection: result.selection,
            clusters: result.clusters,
          });
        }
        process.stdout.write(
          `${result.k} clusters over ${result.profiles} profiles (${result.skipped} skipped: a feature missing)` +
            `${result.silhouette === null ? '' : `, silhouette ${result.silhouette.toFixed(2)}`}\n`,
        );
        if (result.selection) {
          process.stdout.write(`${result.selection.reason}\n\n`);
          printTable(
            result.selection.candidates.map((candidate) => ({
              k: candidate.k,
              inertia: round(candidate.inertia, 1),
              silhouette: candidate.silhouette === null ? '' : round(candidate.silhouette, 3),
            })),
            ['k', 'inertia', 'silhouette'],
          );
        }
        process.stdout.write('\n');
        printTable(
          result.clusters.map((cluster) => ({
            cluster: cluster.cluster,
            size: cluster.size,
            share: `${(cluster.share * 100).toFixed(1)}%`,
            ...Object.fromEntries(
              cluster.features.map((feature) => [feature.name, round(feature.centroid, 2)]),
            ),
            description: cluster.description,
          })),
          ['cluster', 'size', 'share', ...options.features.split(','), 'description'],
        );
      },
    );
}
