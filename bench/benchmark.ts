/**
 * The contract of a benchmark: `bench/NAME.bench.ts` default-exports a `Benchmark`. `npm run bench` runs them all,
 * `npm run bench -- NAME` one of them; each writes its own section of BENCHMARKS.md (see run.ts).
 *
 * Machines here are shared and noisy: report medians over several repetitions and ratios against the side-by-side
 * comparison measured in the same run, never a single absolute time.
 */
export interface BenchmarkContext {
  /** Smaller data sizes, for a quick look (`npm run bench -- NAME --quick`). */
  quick: boolean;
  /** A scratch folder for stores and files, removed afterwards. */
  workDir: string;
  log: (line: string) => void;
}

export interface BenchmarkReport {
  /** Section heading in BENCHMARKS.md. */
  title: string;
  /** Markdown body: what was run, data size, the side-by-side comparison, a table of medians and ratios. */
  markdown: string;
}

export type Benchmark = (context: BenchmarkContext) => Promise<BenchmarkReport>;

/** Median of a list of numbers (milliseconds, rates …). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Runs `work` `repetitions` times and returns each duration in milliseconds. */
export async function timeRepeated(
  repetitions: number,
  work: () => Promise<unknown> | unknown,
): Promise<number[]> {
  const durations: number[] = [];
  for (let index = 0; index < repetitions; index++) {
    const started = performance.now();
    await work();
    durations.push(performance.now() - started);
  }
  return durations;
}
