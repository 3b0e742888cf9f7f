/**
 * CLV benchmark: BG/NBD and Gamma-Gamma maximum-likelihood fits on CDNOW (2,357 customers) and BG/NBD on a
 * million customers simulated from the model with known parameters (does the fit recover them?), plus prediction
 * throughput. Side by side: the same likelihood minimised by Nelder–Mead alone (derivative-free, the way many
 * libraries fit these models), against the analytic-gradient BFGS the fits use.
 */
import { readFileSync } from 'node:fs';
import { bgNbdLogLikelihood } from '../src/analytics/clv/bg-nbd/log-likelihood.ts';
import { packHistories } from '../src/analytics/clv/bg-nbd/pack-histories.ts';
import {
  customerLifetimeValue,
  fitBgNbd,
  fitGammaGamma,
  predictBgNbd,
  probabilityAlive,
  simulateBgNbdCustomers,
  summarizeTransactions,
  type BgNbdParameters,
  type PurchaseHistory,
  type Transaction,
} from '../src/analytics/clv/index.ts';
import { minimizeNelderMead } from '../src/analytics/clv/optimize/minimize-nelder-mead.ts';
import { sharedDataFile } from '../src/test-support/shared-data.ts';
import { median, timeRepeated, type Benchmark } from './benchmark.ts';

const TRUE_PARAMETERS: BgNbdParameters = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

function readCdnow(path: string): Transaction[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [, id = '', date = '', , amount = ''] = line.trim().split(/\s+/);
      return {
        customerId: id,
        date: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`,
        amount: Number(amount),
      };
    });
}

/** Nelder–Mead alone on the mean negative log-likelihood in log-parameters; returns evaluations and log L. */
function fitWithNelderMeadOnly(summaries: readonly PurchaseHistory[]): {
  evaluations: number;
  logLikelihood: number;
} {
  const histories = packHistories(summaries);
  const objective = (point: Float64Array): number =>
    -bgNbdLogLikelihood(
      [Math.exp(point[0]!), Math.exp(point[1]!), Math.exp(point[2]!), Math.exp(point[3]!)],
      histories,
    ) / histories.customerCount;
  const result = minimizeNelderMead({ objective, start: [0, Math.log(10), 0, 0], maxIterations: 20_000 });
  return { evaluations: result.evaluations, logLikelihood: -result.value * histories.customerCount };
}

const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 0)} ms`;
const rate = (count: number, milliseconds: number): string =>
  `${Math.round(count / (milliseconds / 1000)).toLocaleString('en-US')} customers/s`;

const benchmark: Benchmark = async ({ quick, log }) => {
  const lines: string[] = [];
  const cdnowPath = sharedDataFile('cdnow', 'CDNOW_sample.txt');
  if (cdnowPath === undefined) {
    lines.push('CDNOW sample not present: the CDNOW part was skipped.');
  } else {
    const transactions = readCdnow(cdnowPath);
    const summarizeTimes = await timeRepeated(quick ? 3 : 10, () =>
      summarizeTransactions({ transactions, calibrationEnd: '1997-09-30', timeUnit: 'week' }),
    );
    const { customers } = summarizeTransactions({
      transactions,
      calibrationEnd: '1997-09-30',
      timeUnit: 'week',
    });
    const repetitions = quick ? 5 : 30;
    await timeRepeated(3, () => fitBgNbd({ summaries: customers })); // warm-up
    const bgNbdTimes = await timeRepeated(repetitions, () => fitBgNbd({ summaries: customers }));
    const fit = fitBgNbd({ summaries: customers });
    const ggTimes = await timeRepeated(repetitions, () => fitGammaGamma({ summaries: customers }));
    const gg = fitGammaGamma({ summaries: customers });
    const nelderMeadTimes = await timeRepeated(quick ? 2 : 5, () => fitWithNelderMeadOnly(customers));
    const nelderMead = fitWithNelderMeadOnly(customers);
    log(`CDNOW BG/NBD median ${ms(median(bgNbdTimes))}`);
    lines.push(
      `### CDNOW sample (${customers.length.toLocaleString('en-US')} customers, ${transactions.length.toLocaleString('en-US')} transactions, weeks)`,
      '',
      '| step | median | notes |',
      '|---|---|---|',
      `| summarise transactions | ${ms(median(summarizeTimes))} | |`,
      `| fit BG/NBD (BFGS, analytic gradient, + standard errors) | ${ms(median(bgNbdTimes))} | target < 50 ms; ${fit.iterations} iterations, ${fit.evaluations} evaluations; r = ${fit.r.toFixed(4)}, α = ${fit.alpha.toFixed(3)}, a = ${fit.a.toFixed(4)}, b = ${fit.b.toFixed(3)}, log L = ${fit.logLikelihood.toFixed(2)} |`,
      `| same likelihood, Nelder–Mead only | ${ms(median(nelderMeadTimes))} | ${nelderMead.evaluations} evaluations, log L = ${nelderMead.logLikelihood.toFixed(2)}; ${(median(nelderMeadTimes) / median(bgNbdTimes)).toFixed(1)}× the BFGS fit |`,
      `| fit Gamma-Gamma (946 repeat buyers) | ${ms(median(ggTimes))} | p = ${gg.p.toFixed(3)}, q = ${gg.q.toFixed(3)}, γ = ${gg.gamma.toFixed(2)} |`,
      '',
    );
  }

  const count = quick ? 100_000 : 1_000_000;
  const simulateStarted = performance.now();
  const simulated = simulateBgNbdCustomers({
    parameters: TRUE_PARAMETERS,
    customers: count,
    seed: 1,
    ageRange: { min: 26, max: 39 },
  });
  const simulateTime = performance.now() - simulateStarted;
  const largeTimes = await timeRepeated(quick ? 1 : 3, () => fitBgNbd({ summaries: simulated }));
  const large = fitBgNbd({ summaries: simulated });
  log(`${count} simulated: fit median ${ms(median(largeTimes))}`);
  const recovery = (['r', 'alpha', 'a', 'b'] as const).map((name) => {
    const error = large.standardErrors?.[name] ?? Number.NaN;
    return `| ${name} | ${TRUE_PARAMETERS[name]} | ${large[name].toFixed(4)} | ${error.toFixed(4)} | ${((large[name] - TRUE_PARAMETERS[name]) / error).toFixed(2)} |`;
  });

  const predictTimes = await timeRepeated(quick ? 1 : 3, () =>
    predictBgNbd({ parameters: large, customers: simulated, periods: 13 }),
  );
  const aliveTimes = await timeRepeated(quick ? 1 : 3, () =>
    probabilityAlive({ parameters: large, customers: simulated }),
  );
  const clvCustomers = simulated.slice(0, count / 10).map((customer) => ({ ...customer, monetaryValue: 30 }));
  const clvTimes = await timeRepeated(quick ? 1 : 3, () =>
    customerLifetimeValue({
      bgNbd: large,
      gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 },
      customers: clvCustomers,
      timeUnit: 'week',
    }),
  );
  lines.push(
    `### ${count.toLocaleString('en-US')} customers simulated from BG/NBD (T uniform in 26–39 weeks)`,
    '',
    '| step | median | notes |',
    '|---|---|---|',
    `| simulate | ${ms(simulateTime)} | one run |`,
    `| fit BG/NBD | ${ms(median(largeTimes))} | ${large.iterations} iterations, converged: ${large.converged} |`,
    `| predict expected purchases, 13 weeks | ${ms(median(predictTimes))} | ${rate(count, median(predictTimes))} |`,
    `| P(alive) | ${ms(median(aliveTimes))} | ${rate(count, median(aliveTimes))} |`,
    `| CLV, 12 monthly steps (${clvCustomers.length.toLocaleString('en-US')} customers) | ${ms(median(clvTimes))} | ${rate(clvCustomers.length, median(clvTimes))} |`,
    '',
    'Recovery of the true parameters:',
    '',
    '| parameter | true | estimate | standard error | (estimate − true) / SE |',
    '|---|---|---|---|---|',
    ...recovery,
  );
  return { title: 'CLV: BG/NBD and Gamma-Gamma', markdown: lines.join('\n') };
};

export default benchmark;
