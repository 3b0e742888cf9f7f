/**
 * k-means: Segmint's TypeScript k-means against scikit-learn's KMeans (run by Debian's /usr/bin/python3, see
 * bench/python/kmeans_sklearn.py) on the same seeded Gaussian blobs, passed as a Float64 little-endian file. Both
 * run greedy k-means++ and Lloyd with the same k, n_init, max_iter and tol. sklearn runs as shipped (OpenMP threads
 * on every core) and, for the per-core comparison, limited to one thread; Segmint runs as shipped too: worker
 * threads on every core (os.availableParallelism()), started by the first fit of the process (the warm-up) and
 * reused by the later ones, as scikit-learn's OpenMP threads are, except while other programs keep half of the
 * cores busy, when the default is the calling thread alone (`defaultThreads`); the table says how many threads the
 * fits used, and the load average is reported, since this machine is shared.
 *
 * The fits are interleaved (repetition r: sklearn as shipped, sklearn on one thread, Segmint, all with seed r) after
 * one untimed warm-up of each, so that load from other processes on a shared machine hits all sides alike.
 *
 * `--quick`: 100,000 points instead of 1,000,000.
 */
import { spawn } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import type { FeatureMatrix } from '../src/analytics/clustering/feature-matrix.ts';
import { fitKMeans } from '../src/analytics/clustering/fit-kmeans.ts';
import { defaultThreads } from '../src/analytics/clustering/kmeans-executor.ts';
import { generateBlobs } from '../src/analytics/clustering/generate-blobs.ts';
import { median } from './benchmark.ts';
import type { Benchmark } from './benchmark.ts';

const PYTHON = '/usr/bin/python3';
const HELPER = join(import.meta.dirname, 'python', 'kmeans_sklearn.py');
const COLUMNS = 5;
const BLOBS = 8;
const SETTINGS = { k: 8, nInit: 3, maxIter: 300, tol: 1e-4 };
const REPETITIONS = 5;
const WARM_UP_SEED = 10_000;

const runSchema = z.object({ ms: z.number(), inertia: z.number(), iterations: z.int() });
type Run = z.infer<typeof runSchema>;
const helloSchema = z.object({ sklearn: z.string(), numpy: z.string(), threads: z.int(), rows: z.int() });

interface DataSet {
  name: string;
  spread: number;
}

const DATA_SETS: DataSet[] = [
  { name: 'overlapping blobs (spread 2.5)', spread: 2.5 },
  { name: 'well-separated blobs (spread 1)', spread: 1 },
];

/** A running kmeans_sklearn.py: one fit per request, answered in order. */
interface SklearnProcess {
  hello: z.infer<typeof helloSchema>;
  fit(seed: number, threads: 'shipped' | 1): Promise<Run>;
  close(): void;
}

async function startSklearn(dataFile: string): Promise<SklearnProcess> {
  const args = [
    HELPER,
    ...['--data', dataFile, '--columns', String(COLUMNS), '--k', String(SETTINGS.k)],
    ...[
      '--n-init',
      String(SETTINGS.nInit),
      '--max-iter',
      String(SETTINGS.maxIter),
      '--tol',
      String(SETTINGS.tol),
    ],
  ];
  const child = spawn(PYTHON, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async (): Promise<unknown> => {
    const line = await lines.next();
    if (line.done === true) throw new Error(`${HELPER} ended early (exit code ${child.exitCode})`);
    return JSON.parse(line.value);
  };
  const hello = helloSchema.parse(await nextLine());
  return {
    hello,
    fit: async (seed, threads) => {
      child.stdin.write(`fit ${seed} ${threads}\n`);
      return runSchema.parse(await nextLine());
    },
    close: () => child.stdin.end(),
  };
}

/** A fit as shipped; the thread count is the default's (`defaultThreads`), recorded for the table. */
function fitSegmint(matrix: FeatureMatrix, seed: number): Run & { threads: number } {
  const threads = defaultThreads(matrix.rows);
  const started = performance.now();
  const fit = fitKMeans({ ...matrix, ...SETTINGS, seed, threads });
  return { ms: performance.now() - started, inertia: fit.inertia, iterations: fit.iterations, threads };
}

function summarise(runs: readonly Run[]) {
  return {
    medianMs: median(runs.map((run) => run.ms)),
    medianInertia: median(runs.map((run) => run.inertia)),
    bestInertia: Math.min(...runs.map((run) => run.inertia)),
    medianIterations: median(runs.map((run) => run.iterations)),
  };
}

const benchmark: Benchmark = async ({ quick, workDir, log }) => {
  const rows = quick ? 100_000 : 1_000_000;
  const sections: string[] = [];
  let versions = '';
  for (const [index, dataSet] of DATA_SETS.entries()) {
    const { matrix } = generateBlobs({
      rows,
      columns: COLUMNS,
      blobs: BLOBS,
      spread: dataSet.spread,
      seed: 2024 + index,
    });
    const dataFile = join(workDir, `blobs-${index}.f64`);
    writeFileSync(
      dataFile,
      new Uint8Array(matrix.data.buffer, matrix.data.byteOffset, matrix.data.byteLength),
    );
    const sklearn = await startSklearn(dataFile);
    versions = `scikit-learn ${sklearn.hello.sklearn} (numpy ${sklearn.hello.numpy})`;
    const runs = { shipped: [] as Run[], single: [] as Run[], segmint: [] as (Run & { threads: number })[] };
    const loadBefore = formatLoad();
    try {
      log(`${dataSet.name}: warm-up …`);
      await sklearn.fit(WARM_UP_SEED, 'shipped');
      await sklearn.fit(WARM_UP_SEED, 1);
      fitSegmint(matrix, WARM_UP_SEED);
      for (let seed = 0; seed < REPETITIONS; seed++) {
        runs.shipped.push(await sklearn.fit(seed, 'shipped'));
        runs.single.push(await sklearn.fit(seed, 1));
        runs.segmint.push(fitSegmint(matrix, seed));
        log(
          `seed ${seed}: sklearn ${formatMs(runs.shipped.at(-1)?.ms)} (${sklearn.hello.threads} threads), ` +
            `${formatMs(runs.single.at(-1)?.ms)} (1 thread); Segmint ${formatMs(runs.segmint.at(-1)?.ms)} ` +
            `(${formatThreadCounts(runs.segmint.slice(-1))}, load ${formatLoad()})`,
        );
      }
    } finally {
      sklearn.close();
    }
    sections.push(
      `### ${dataSet.name}\n\n${formatTable(sklearn.hello.threads, runs)}\n\n` +
        `1-minute load average ${loadBefore} before, ${formatLoad()} after (${availableParallelism()} cores).`,
    );
  }

  const markdown = [
    `${rows.toLocaleString('en-US')} points × ${COLUMNS} features, ${BLOBS} seeded Gaussian blobs (centres uniform ` +
      `in [−10, 10]⁵), k = ${SETTINGS.k}, n_init = ${SETTINGS.nInit}, max_iter = ${SETTINGS.maxIter}, ` +
      `tol = ${SETTINGS.tol}; greedy k-means++ and Lloyd on both sides; ${versions}. Median of ${REPETITIONS} fits ` +
      `(seeds 0–${REPETITIONS - 1}), interleaved, after one warm-up fit each. Different seeds reach different local ` +
      'optima, so inertias are compared as medians (and best) over the same seeds.',
    ...sections,
  ].join('\n\n');
  return {
    title: `k-means (${quick ? 'quick, ' : ''}${rows.toLocaleString('en-US')} × ${COLUMNS})`,
    markdown,
  };
};

function formatTable(
  shippedThreads: number,
  runs: { shipped: Run[]; single: Run[]; segmint: (Run & { threads: number })[] },
): string {
  const ours = summarise(runs.segmint);
  const row = (label: string, result: ReturnType<typeof summarise>) =>
    `| ${label} | ${formatMs(result.medianMs)} | ${formatInertia(result.medianInertia)} | ` +
    `${formatInertia(result.bestInertia)} | ${result.medianIterations} | ` +
    `${(ours.medianMs / result.medianMs).toFixed(2)} | ${(ours.medianInertia / result.medianInertia).toFixed(5)} |`;
  return [
    '| implementation | median time | median inertia | best inertia | median iterations | time ratio (Segmint / row) | inertia ratio (Segmint / row) |',
    '|---|---:|---:|---:|---:|---:|---:|',
    row(`scikit-learn, ${shippedThreads} threads (as shipped)`, summarise(runs.shipped)),
    row('scikit-learn, 1 thread', summarise(runs.single)),
    row(`Segmint (TypeScript, as shipped: ${formatThreadCounts(runs.segmint)})`, ours),
  ].join('\n');
}

/** "2 threads" or "2 threads in 3 fits, 1 thread in 2 fits" (the default drops to 1 thread on a busy machine). */
function formatThreadCounts(runs: readonly { threads: number }[]): string {
  const fitsByThreads = new Map<number, number>();
  for (const { threads } of runs) fitsByThreads.set(threads, (fitsByThreads.get(threads) ?? 0) + 1);
  const counts = [...fitsByThreads].sort(([left], [right]) => right - left);
  if (counts.length === 1) return `${counts[0]?.[0]} thread${counts[0]?.[0] === 1 ? '' : 's'}`;
  return counts
    .map(([threads, fits]) => `${threads} thread${threads === 1 ? '' : 's'} in ${fits} fits`)
    .join(', ');
}

function formatLoad(): string {
  return (loadavg()[0] ?? 0).toFixed(1);
}

function formatMs(milliseconds: number | undefined): string {
  if (milliseconds === undefined) return '–';
  return milliseconds >= 1000 ? `${(milliseconds / 1000).toFixed(2)} s` : `${milliseconds.toFixed(0)} ms`;
}

function formatInertia(inertia: number): string {
  return inertia.toLocaleString('en-US', { maximumFractionDigits: 0 });
}

export default benchmark;
