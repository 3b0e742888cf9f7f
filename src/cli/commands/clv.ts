import type { Command } from 'commander';
import { fitClvOptionsSchema, predictClvOptionsSchema } from '../../analytics/predict/clv-options.ts';
import type { ClvFitReport } from '../../analytics/predict/fit-clv-from-store.ts';
import { fitClvFromStore } from '../../analytics/predict/fit-clv-from-store.ts';
import type { ClvPrediction } from '../../analytics/predict/predict-clv-from-store.ts';
import { predictClvFromStore } from '../../analytics/predict/predict-clv-from-store.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { printJson, printTable, withStore } from '../context.ts';

const format = (value: number | undefined, digits = 4): string =>
  value === undefined || !Number.isFinite(value)
    ? ''
    : Number(value.toPrecision(digits)).toLocaleString('en-US');

function printFit(report: ClvFitReport): void {
  const { params, bgNbd, gammaGamma } = report;
  process.stdout.write(
    `CLV model v${report.model.version}: ${report.customers.toLocaleString('en-US')} customers ` +
      `(${report.repeatBuyers.toLocaleString('en-US')} repeat buyers), '${params.event}' through ` +
      `${params.calibrationEnd}, in ${params.timeUnit}s.\n\n`,
  );
  const parameter = (model: string, name: string, estimate: number, error: number | undefined) => ({
    model,
    parameter: name,
    estimate: format(estimate),
    'std error': format(error, 2),
  });
  printTable(
    [
      parameter('BG/NBD', 'r', bgNbd.r, bgNbd.standardErrors?.r),
      parameter('BG/NBD', 'alpha', bgNbd.alpha, bgNbd.standardErrors?.alpha),
      parameter('BG/NBD', 'a', bgNbd.a, bgNbd.standardErrors?.a),
      parameter('BG/NBD', 'b', bgNbd.b, bgNbd.standardErrors?.b),
      ...(gammaGamma
        ? [
            parameter('Gamma-Gamma', 'p', gammaGamma.p, gammaGamma.standardErrors?.p),
            parameter('Gamma-Gamma', 'q', gammaGamma.q, gammaGamma.standardErrors?.q),
            parameter('Gamma-Gamma', 'gamma', gammaGamma.gamma, gammaGamma.standardErrors?.gamma),
          ]
        : []),
    ],
    ['model', 'parameter', 'estimate', 'std error'],
  );
  process.stdout.write('\n');
  for (const [name, fit] of [
    ['BG/NBD', bgNbd],
    ['Gamma-Gamma', gammaGamma],
  ] as const) {
    if (!fit) continue;
    process.stdout.write(
      `${name}: log-likelihood ${fit.logLikelihood.toFixed(2)} on ${fit.customers.toLocaleString('en-US')} customers, ` +
        `${fit.converged ? 'converged' : `NOT converged (${fit.reason})`} in ${fit.iterations} iterations ` +
        `(${fit.method}, gradient ${fit.gradientNorm.toExponential(1)})\n`,
    );
  }
  if (gammaGamma) {
    process.stdout.write(
      `Gamma-Gamma frequency–spend correlation: ${gammaGamma.frequencySpendCorrelation.toFixed(3)}\n`,
    );
  }
  for (const warning of report.warnings) process.stdout.write(`Warning: ${warning}\n`);
  const { holdout } = report;
  if (!holdout) return;
  process.stdout.write(
    `\nHoldout ${holdout.from} → ${holdout.to}: ${holdout.actualRepeatPurchases.toLocaleString('en-US')} repeat ` +
      `purchases, predicted ${holdout.predictedRepeatPurchases.toFixed(1)} ` +
      `(${(holdout.relativeError * 100).toFixed(1)} %)\n\n`,
  );
  printTable(
    holdout.buckets.map((bucket) => ({
      'calibration purchases': bucket.label,
      customers: bucket.customers,
      'actual mean': bucket.actualMean.toFixed(3),
      'predicted mean': bucket.predictedMean.toFixed(3),
    })),
    ['calibration purchases', 'customers', 'actual mean', 'predicted mean'],
  );
}

function printPrediction(prediction: ClvPrediction): void {
  process.stdout.write(
    `Wrote ${prediction.traits.join(', ')} for ${prediction.customers.toLocaleString('en-US')} customers ` +
      `(model v${prediction.model.version}, history to ${prediction.asOf}, CLV over ${prediction.horizonMonths} ` +
      `months at ${(prediction.discountRate * 100).toFixed(2)} %/month).\n\n`,
  );
  printTable(
    prediction.traits.map((trait) => {
      const distribution = prediction.distributions[trait];
      return {
        trait,
        mean: format(distribution?.mean),
        p10: format(distribution?.p10),
        median: format(distribution?.median),
        p90: format(distribution?.p90),
        max: format(distribution?.max),
        total: trait === 'clv' ? format(distribution?.sum, 8) : '',
      };
    }),
    ['trait', 'mean', 'p10', 'median', 'p90', 'max', 'total'],
  );
}

export function registerClvCommands(program: Command): void {
  const clv = program
    .command('clv')
    .description('Customer lifetime value: BG/NBD + Gamma-Gamma fitted on the purchases in the store');

  clv
    .command('fit')
    .description(
      'Fit the models, store them (models table) and print parameters, fit and holdout diagnostics',
    )
    .option('--calibration-end <date>', 'last day of the fitting period; later purchases are the holdout')
    .option('--time-unit <unit>', 'day | week', 'week')
    .option('--event <name>', 'purchase event', 'purchase')
    .option('--amount-property <name>', 'event property holding the amount', 'amount')
    .option('--json', 'print JSON')
    .action(
      async (
        flags: {
          calibrationEnd?: string;
          timeUnit: string;
          event: string;
          amountProperty: string;
          json?: boolean;
        },
        command: Command,
      ) => {
        const { json, ...rest } = flags;
        // Flags are strings; the schema validates them first, so a bad --time-unit fails before the store opens.
        const options = parseOrThrow(fitClvOptionsSchema, rest, 'options');
        const report = await withStore(command, (store) => fitClvFromStore(store, options));
        if (json) return printJson(report);
        printFit(report);
      },
    );

  clv
    .command('predict')
    .description('Write clv, p_alive, expected_purchases_90d and expected_avg_spend onto profiles (computed)')
    .option('--horizon <months>', 'CLV horizon in months', '12')
    .option('--discount-rate <rate>', 'discount rate per month (0.01 = 1 %)', '0.01')
    .option('--as-of <date>', 'last day of purchase history (default: the day of the last purchase)')
    .option('--json', 'print JSON')
    .action(
      async (
        flags: { horizon: string; discountRate: string; asOf?: string; json?: boolean },
        command: Command,
      ) => {
        const { json, ...rest } = flags;
        const options = parseOrThrow(predictClvOptionsSchema, rest, 'options');
        const prediction = await withStore(command, (store) => predictClvFromStore(store, options));
        if (json) return printJson(prediction);
        printPrediction(prediction);
      },
    );
}
