import type { Command } from 'commander';
import { csvTrainingOptionsSchema } from '../../analytics/churn/churn-options-schema.ts';
import type { ChurnReport } from '../../analytics/churn/churn-report-schema.ts';
import {
  scoreChurnFromStoreOptionsSchema,
  trainChurnFromStoreOptionsSchema,
} from '../../analytics/predict/churn-store-options.ts';
import type { StoreChurnScores } from '../../analytics/predict/score-churn-from-store.ts';
import { scoreChurnFromStore } from '../../analytics/predict/score-churn-from-store.ts';
import { trainChurnModelFromCsv } from '../../analytics/predict/train-churn-csv-model.ts';
import { trainChurnFromStore } from '../../analytics/predict/train-churn-from-store.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { printJson, printTable, withStore } from '../context.ts';

interface TrainFlags {
  csv?: string;
  labelColumn?: string;
  positive?: string;
  idColumn?: string;
  delimiter: string;
  cutoff?: string;
  horizonDays: string;
  event: string;
  amountProperty: string;
  trait: string[];
  l2: string;
  json?: boolean;
}

const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

function printReport(title: string, report: ChurnReport): void {
  process.stdout.write(
    `${title}\n${report.rows.toLocaleString('en-US')} labelled rows, ${percent(report.positiveShare)} churned, ` +
      `${report.featureCount} features.\n`,
  );
  const { validation, threshold } = report;
  switch (validation.type) {
    case 'time-split':
      process.stdout.write(
        `Held-out ROC-AUC ${validation.holdoutAuc.toFixed(4)} on ${validation.holdoutRows.toLocaleString('en-US')} ` +
          `customers after ${validation.cutoff.slice(0, 10)} (trained on ${validation.trainRows.toLocaleString('en-US')}).\n`,
      );
      break;
    case 'cross-validation':
      process.stdout.write(
        `${validation.folds}-fold cross-validated ROC-AUC ${validation.aucMean.toFixed(4)} ± ${validation.aucStd.toFixed(4)} ` +
          `(pooled ${validation.pooledAuc.toFixed(4)}).\n`,
      );
      break;
    case 'none':
      process.stdout.write('No validation.\n');
      break;
    default: {
      const unexpected: never = validation;
      throw new Error(`unknown validation ${JSON.stringify(unexpected)}`);
    }
  }
  process.stdout.write(
    `At risk when p ≥ ${threshold.threshold.toFixed(3)} (${threshold.strategy.type}, on ${threshold.chosenOn} ` +
      `predictions): precision ${percent(threshold.precision)}, recall ${percent(threshold.recall)}, ` +
      `F1 ${threshold.f1.toFixed(3)}, ${percent(threshold.flaggedShare)} flagged.\n\nTop features:\n`,
  );
  printTable(
    report.topFeatures.map((feature) => ({
      feature: feature.feature,
      'per std dev': feature.standardisedCoefficient.toFixed(3),
      effect: feature.effect,
    })),
    ['feature', 'per std dev', 'effect'],
  );
}

function printScores(scores: StoreChurnScores): void {
  const distribution = scores.distribution;
  process.stdout.write(
    `Wrote churn_risk for ${scores.customers.toLocaleString('en-US')} customers as of ` +
      `${scores.asOf.toISOString().slice(0, 10)} (model v${scores.model.version}): ` +
      `${scores.atRisk.toLocaleString('en-US')} at or above the threshold ${scores.threshold.toFixed(3)}.\n`,
  );
  if (distribution) {
    process.stdout.write(
      `churn_risk mean ${distribution.mean.toFixed(3)}, p10 ${distribution.p10.toFixed(3)}, median ` +
        `${distribution.median.toFixed(3)}, p90 ${distribution.p90.toFixed(3)}\n`,
    );
  }
}

async function trainFromCsv(flags: TrainFlags & { csv: string }, command: Command): Promise<void> {
  const options = parseOrThrow(
    csvTrainingOptionsSchema,
    {
      file: flags.csv,
      labelColumn: flags.labelColumn,
      positive: flags.positive,
      idColumn: flags.idColumn,
      delimiter: flags.delimiter,
      l2: Number(flags.l2),
    },
    'options',
  );
  const training = await withStore(command, (store) => trainChurnModelFromCsv(store, options));
  if (flags.json) return printJson(training);
  printReport(
    `Churn model '${training.model.name}' v${training.model.version} trained on ${flags.csv}.`,
    training.report,
  );
}

async function trainFromStore(flags: TrainFlags, command: Command): Promise<void> {
  const options = parseOrThrow(
    trainChurnFromStoreOptionsSchema,
    {
      cutoff: flags.cutoff,
      horizonDays: flags.horizonDays,
      event: flags.event,
      amountProperty: flags.amountProperty,
      traits: flags.trait,
      l2: flags.l2,
    },
    'options',
  );
  const training = await withStore(command, (store) => trainChurnFromStore(store, options));
  if (flags.json) return printJson(training);
  const { params } = training;
  printReport(
    `Churn model v${training.model.version}: no '${params.features.event}' within ${params.horizonDays} days = churned; ` +
      `trained as of ${params.trainSnapshot.slice(0, 10)}, tested as of ${params.holdoutSnapshot.slice(0, 10)}.`,
    training.report,
  );
  process.stdout.write('\nRun `segmint churn score` to write churn_risk onto profiles.\n');
}

export function registerChurnCommands(program: Command): void {
  const churn = program.command('churn').description('Churn prediction: train a model, score profiles');

  churn
    .command('train')
    .description('Train on the store (time-based holdout), or on a labelled CSV with --csv')
    .option('--csv <file>', 'train on a labelled CSV (one row per customer) instead of the store')
    .option('--label-column <name>', 'CSV: the column holding the outcome')
    .option('--positive <value>', 'CSV: the label value meaning churned')
    .option('--id-column <name>', 'CSV: the customer id column (never a feature)')
    .option('--delimiter <char>', 'CSV: field separator', ',')
    .option('--cutoff <date>', 'store: holdout snapshot (default: the horizon before the end of the data)')
    .option('--horizon-days <n>', 'store: no purchase in this many days = churned', '90')
    .option('--event <name>', 'store: purchase event', 'purchase')
    .option('--amount-property <name>', 'store: event property holding the amount', 'amount')
    .option(
      '--trait <name>',
      'store: a profile trait to use as a feature (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--l2 <penalty>', 'L2 penalty on the coefficients', '1')
    .option('--json', 'print JSON')
    .action(async (flags: TrainFlags, command: Command) => {
      if (flags.csv !== undefined) return trainFromCsv({ ...flags, csv: flags.csv }, command);
      return trainFromStore(flags, command);
    });

  churn
    .command('score')
    .description('Write churn_risk (probability) onto every customer from the latest model')
    .option('--as-of <date>', 'features as of this time (default: the day after the last event)')
    .option('--json', 'print JSON')
    .action(async (flags: { asOf?: string; json?: boolean }, command: Command) => {
      const options = parseOrThrow(scoreChurnFromStoreOptionsSchema, { asOf: flags.asOf }, 'options');
      const scores = await withStore(command, (store) => scoreChurnFromStore(store, options));
      if (flags.json) return printJson(scores);
      printScores(scores);
    });
}
