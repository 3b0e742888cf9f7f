import { describe, expect, it } from 'vitest';
import { SegmintError } from '../../errors.ts';
import { absoluteTolerance, fitKMeans, runKMeans } from './fit-kmeans.ts';
import type { KMeansOutcome } from './fit-kmeans.ts';
import { generateBlobs } from './generate-blobs.ts';
import type { FeatureMatrix } from './feature-matrix.ts';
import { createChunkExecutor } from './kmeans-executor.ts';
import { ChunkTask } from './kmeans-chunk-tasks.ts';
import { kMeansSettingsSchema } from './clustering-options.ts';
import { iterateInWorkspace } from './iterate-lloyd.ts';
import { seedInWorkspace } from './seed-kmeans-plus-plus.ts';
import { createSeededRandom } from './seeded-random.ts';

// Small data cut into many small chunks, so that two threads really share the rounds.
const CHUNK_ROWS = 64;
const WAIT_FOR_WORKERS_MS = 60_000;

function fitWith(matrix: FeatureMatrix, k: number, seed: number, threads: number, extra = {}): KMeansOutcome {
  return runKMeans({
    matrix,
    k,
    settings: kMeansSettingsSchema.parse({ nInit: 2, seed, threads }),
    tolerance: absoluteTolerance(matrix, 1e-4),
    executor: { chunkRows: CHUNK_ROWS, waitForWorkersMs: WAIT_FOR_WORKERS_MS, ...extra },
  });
}

/** One start (seeding + Lloyd) on `threads` threads, and how many chunks the worker ran. */
function startOn(matrix: FeatureMatrix, k: number, seed: number, threads: number) {
  const executor = createChunkExecutor({
    matrix,
    k,
    threads,
    chunkRows: CHUNK_ROWS,
    waitForWorkersMs: WAIT_FOR_WORKERS_MS,
  });
  try {
    const seeded = seedInWorkspace(executor, createSeededRandom(seed));
    if (seeded.kind !== 'seeded') throw new Error('expected a seeding');
    const outcome = iterateInWorkspace(executor, 300, absoluteTolerance(matrix, 1e-4));
    return { outcome, workerChunks: executor.stats().workerChunks };
  } finally {
    executor.close();
  }
}

function fitted(outcome: KMeansOutcome) {
  if (outcome.kind !== 'fitted') throw new Error(`expected a fit, got ${outcome.kind}`);
  return outcome.fit;
}

describe('k-means on worker threads', () => {
  const overlapping = generateBlobs({ rows: 4_000, columns: 5, blobs: 6, spread: 2.5, seed: 21 });
  const wide = generateBlobs({ rows: 3_000, columns: 10, blobs: 4, spread: 2, seed: 5 });

  it('gives the same labels, centres and inertia bit for bit on 1 and 2 threads', () => {
    let workerChunks = 0;
    for (const [matrix, k] of [
      [overlapping.matrix, 6],
      [wide.matrix, 4],
    ] as const) {
      for (const seed of [0, 7]) {
        const single = startOn(matrix, k, seed, 1);
        const double = startOn(matrix, k, seed, 2);
        workerChunks += double.workerChunks;
        expect(Object.is(double.outcome.inertia, single.outcome.inertia)).toBe(true);
        expect(double.outcome.iterations).toBe(single.outcome.iterations);
        expect(Array.from(double.outcome.labels)).toEqual(Array.from(single.outcome.labels));
        expect(Array.from(double.outcome.centres)).toEqual(Array.from(single.outcome.centres));
      }
    }
    // The comparison means something only if the worker computed part of the chunks.
    expect(workerChunks).toBeGreaterThan(0);
    // And the public entry point agrees.
    const viaFit = fitted(fitWith(overlapping.matrix, 6, 7, 2));
    expect(viaFit.inertia).toBe(fitted(fitWith(overlapping.matrix, 6, 7, 1)).inertia);
  });

  it('gives the same result when a fit reuses the shared buffers of the fit before it', () => {
    // Same shape, other values: the second 2-thread fit takes over the first one's buffers (shared-buffer-cache.ts).
    const other = generateBlobs({ rows: 4_000, columns: 5, blobs: 3, spread: 1, seed: 22 });
    startOn(overlapping.matrix, 6, 4, 2);
    const reused = startOn(other.matrix, 6, 4, 2);
    const fresh = startOn(other.matrix, 6, 4, 1);
    expect(Object.is(reused.outcome.inertia, fresh.outcome.inertia)).toBe(true);
    expect(Array.from(reused.outcome.labels)).toEqual(Array.from(fresh.outcome.labels));
    expect(Array.from(reused.outcome.centres)).toEqual(Array.from(fresh.outcome.centres));
  });

  it('really shares the chunks of a round with a worker thread', () => {
    const executor = createChunkExecutor({
      matrix: overlapping.matrix,
      k: 6,
      threads: 2,
      chunkRows: CHUNK_ROWS,
      waitForWorkersMs: WAIT_FOR_WORKERS_MS,
    });
    try {
      expect(executor.stats().readyWorkers).toBe(1);
      executor.workspace.centres.fill(0);
      // Rounds until the worker claims chunks of one: a loaded machine (CI runs test files side by side on two
      // cores) can keep the worker off a core for many short rounds, so the bound is time, not a round count.
      const deadline = performance.now() + 10_000;
      while (executor.stats().workerChunks === 0 && performance.now() < deadline) {
        executor.run(ChunkTask.distancesToFirstCentre);
      }
      expect(executor.stats().workerChunks).toBeGreaterThan(0);
      const { closest, matrix } = executor.workspace;
      const last = matrix.rows - 1;
      let expected = 0;
      for (let column = 0; column < matrix.columns; column++) {
        expected += matrix.data[last * matrix.columns + column]! ** 2;
      }
      expect(closest[last]).toBe(expected);
    } finally {
      executor.close();
    }
  });

  it('falls back to the calling thread when the workers cannot start', () => {
    const broken = new URL('./no-such-kmeans-worker.mjs', import.meta.url);
    const single = fitted(fitWith(overlapping.matrix, 6, 3, 1));
    const fallback = fitted(
      fitWith(overlapping.matrix, 6, 3, 2, { workerEntry: broken, waitForWorkersMs: 200 }),
    );
    expect(fallback.inertia).toBe(single.inertia);
    expect(Array.from(fallback.labels)).toEqual(Array.from(single.labels));
  });

  it('accepts `threads` through fitKMeans and rejects a thread count out of range', () => {
    const fit = fitKMeans({ ...overlapping.matrix, k: 6, seed: 1, threads: 2 });
    expect(fit.labels).toHaveLength(overlapping.matrix.rows);
    expect(() => fitKMeans({ ...overlapping.matrix, k: 6, threads: 0 })).toThrow(SegmintError);
  });
});
