/**
 * How many threads DuckDB may use inside `segmint serve`. DuckDB takes every core by default, which suits a CLI
 * command that runs one big query and exits. A server also needs a core for Node's event loop: with DuckDB on all
 * of them, every query (even a point look-up for the content endpoint) wakes a DuckDB worker that competes with the
 * thread answering HTTP, and on a 2-core machine that competition is what made the content endpoint's p99 (see
 * BENCHMARKS.md, "Dynamic content"). So serve leaves one core to Node unless told otherwise.
 */
import { availableParallelism } from 'node:os';
import { SegmintError } from '../../errors.ts';

/** The default for serve: every core but one, and at least one. */
export function defaultServerDuckDbThreads(cores = availableParallelism()): number {
  return Math.max(1, cores - 1);
}

/** `--duckdb-threads` / SEGMINT_DUCKDB_THREADS as given, checked. */
export function parseDuckDbThreads(text: string): number {
  const threads = Number(text);
  if (!/^\d+$/.test(text.trim()) || threads < 1 || threads > 1024) {
    throw new SegmintError(
      'invalid_input',
      `--duckdb-threads must be a whole number from 1 to 1024 (got '${text}'); leave it out to use every core but one.`,
    );
  }
  return threads;
}
