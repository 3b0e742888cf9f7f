import { describe, expect, it } from 'vitest';
import { PARALLEL_MIN_ROWS, defaultThreads } from './kmeans-executor.ts';
import { currentMachineLoad, runnableThreads } from './machine-load.ts';

describe('defaultThreads', () => {
  it('uses every core for large inputs when other programs leave more than half of the cores free', () => {
    expect(defaultThreads(1_000_000, { cores: 2, otherRunnable: 0 })).toBe(2);
    expect(defaultThreads(PARALLEL_MIN_ROWS, { cores: 8, otherRunnable: 3 })).toBe(8);
  });

  it('runs on the calling thread alone for small inputs', () => {
    expect(defaultThreads(PARALLEL_MIN_ROWS - 1, { cores: 8, otherRunnable: 0 })).toBe(1);
  });

  it('runs on the calling thread alone when other programs keep half of the cores busy', () => {
    expect(defaultThreads(1_000_000, { cores: 2, otherRunnable: 1 })).toBe(1);
    expect(defaultThreads(1_000_000, { cores: 8, otherRunnable: 4 })).toBe(1);
  });
});

describe('machine load', () => {
  it("reads the runnable threads from /proc/loadavg's fourth field", () => {
    expect(runnableThreads('2.28 4.80 5.65 3/127 5817\n')).toBe(3);
    expect(runnableThreads('something else')).toBeUndefined();
    expect(runnableThreads(undefined)).toBeUndefined();
  });

  it('reports the cores and a non-negative count of other runnable threads', () => {
    const load = currentMachineLoad();
    expect(load.cores).toBeGreaterThanOrEqual(1);
    expect(load.otherRunnable).toBeGreaterThanOrEqual(0);
  });
});
