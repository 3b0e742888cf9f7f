import { z } from 'zod';
import { SegmintError } from '../../errors.ts';
import { MAX_K, kMeansSettingsSchema, parseClusteringOptions, startsFor } from './clustering-options.ts';
import type { KMeansSettings } from './clustering-options.ts';
import { assertValidFeatureMatrix } from './feature-matrix.ts';
import type { FeatureMatrix } from './feature-matrix.ts';
import { iterateInWorkspace } from './iterate-lloyd.ts';
import { createChunkExecutor } from './kmeans-executor.ts';
import type { ExecutorOptions } from './kmeans-executor.ts';
import { createSeededRandom } from './seeded-random.ts';
import { seedInWorkspace } from './seed-kmeans-plus-plus.ts';
import { computeFeatureScaling } from './standardize.ts';

export interface FitKMeansOptions extends FeatureMatrix {
  k: number;
  /** Starts from different seedings; the lowest inertia wins. Default: 10 up to 100,000 rows, else 3. */
  nInit?: number;
  maxIter?: number;
  /** Relative tolerance on the sum of squared centre shifts (× mean feature variance), as in scikit-learn. */
  tol?: number;
  seed?: number;
  /**
   * Threads for the passes over all rows, the calling one included. Default: os.availableParallelism() from 200,000
   * rows on, else 1, and 1 while other programs keep half of the cores busy (see `defaultThreads`). The result is the
   * same bit for bit for any thread count.
   */
  threads?: number;
}

export interface KMeansFit {
  readonly k: number;
  readonly columns: number;
  /** k × columns, row-major, in the units of the data given. */
  readonly centroids: Float64Array;
  /** Cluster index (0 … k − 1) of every row. */
  readonly labels: Int32Array;
  /** Sum of squared distances of the rows to their centroid. */
  readonly inertia: number;
  /** Iterations of the winning start. */
  readonly iterations: number;
  /** False when the winning start stopped at maxIter before converging. */
  readonly converged: boolean;
}

export type KMeansOutcome =
  | { readonly kind: 'fitted'; readonly fit: KMeansFit }
  | { readonly kind: 'too-few-distinct-rows'; readonly distinctRows: number };

/**
 * k-means on `data` as given (standardise first when features have different units: see standardize.ts):
 * greedy k-means++ seeding, Lloyd iterations with Hamerly bounds, best of `nInit` starts. Deterministic for a seed.
 * Throws an `invalid_input` SegmintError for bad options, NaN/infinite values, or fewer distinct rows than k.
 */
export function fitKMeans(options: FitKMeansOptions): KMeansFit {
  const { data, rows, columns, ...userOptions } = options;
  const { k, ...settings } = parseClusteringOptions(
    kMeansSettingsSchema.extend({ k: z.int().min(1).max(MAX_K) }),
    userOptions,
    'k-means options',
  );
  const matrix = { data, rows, columns };
  assertValidFeatureMatrix(matrix);
  if (k > rows) {
    throw new SegmintError(
      'invalid_input',
      `k = ${k} clusters need at least ${k} rows, but there are ${rows}.`,
    );
  }
  const outcome = runKMeans({ matrix, k, settings, tolerance: absoluteTolerance(matrix, settings.tol) });
  if (outcome.kind === 'too-few-distinct-rows') {
    throw new SegmintError(
      'invalid_input',
      `k = ${k} clusters need at least ${k} distinct rows, but the data has only ${outcome.distinctRows}. ` +
        `Choose k ≤ ${outcome.distinctRows}.`,
    );
  }
  return outcome.fit;
}

/** scikit-learn's tolerance: `tol` times the mean of the features' variances. */
export function absoluteTolerance(matrix: FeatureMatrix, tol: number): number {
  const { stds } = computeFeatureScaling(matrix);
  let varianceSum = 0;
  for (const std of stds) varianceSum += std * std;
  return (tol * varianceSum) / stds.length;
}

/** The k-means core for inputs already validated (finite data, 1 ≤ k ≤ rows). Start `s` uses random stream `s`. */
export function runKMeans(options: {
  matrix: FeatureMatrix;
  k: number;
  settings: KMeansSettings;
  tolerance: number;
  /** For tests: executor knobs (chunk size, waiting for workers, another worker entry). */
  executor?: Pick<ExecutorOptions, 'chunkRows' | 'waitForWorkersMs' | 'workerEntry'>;
}): KMeansOutcome {
  const { matrix, k, settings, tolerance } = options;
  let best: KMeansFit | undefined;
  const starts = startsFor(settings, matrix.rows);
  // One executor (and its worker threads, if any) for all starts; always stopped, also on error.
  const executor = createChunkExecutor({ matrix, k, threads: settings.threads, ...options.executor });
  try {
    for (let start = 0; start < starts; start++) {
      const seeded = seedInWorkspace(executor, createSeededRandom(settings.seed, start));
      // The distinct-row count does not depend on the random draws, so the first start already knows.
      if (seeded.kind === 'too-few-distinct-rows') return seeded;
      const outcome = iterateInWorkspace(executor, settings.maxIter, tolerance);
      if (best === undefined || outcome.inertia < best.inertia) {
        best = {
          k,
          columns: matrix.columns,
          centroids: outcome.centres,
          labels: outcome.labels,
          inertia: outcome.inertia,
          iterations: outcome.iterations,
          converged: outcome.converged,
        };
      }
    }
  } finally {
    executor.close();
  }
  if (best === undefined) throw new Error('runKMeans needs nInit ≥ 1'); // unreachable: the schema requires it
  return { kind: 'fitted', fit: best };
}
