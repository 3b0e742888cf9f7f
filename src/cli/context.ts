/** What every command shares: where the store is, opening it, and printing results. */
import type { Command } from 'commander';
import { openStore } from '../store/open-store.ts';
import type { Store } from '../store/store.ts';

export interface GlobalOptions {
  db: string;
  databaseUrl?: string;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** Opens the store the global options name, runs `work`, and always closes it. */
export async function withStore<T>(command: Command, work: (store: Store) => Promise<T>): Promise<T> {
  const options = globalOptions(command);
  const store = await openStore({ databaseUrl: options.databaseUrl, duckdbPath: options.db });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Prints a value as JSON (for scripts) with dates as ISO strings. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints rows as an aligned text table. */
export function printTable(rows: readonly Record<string, unknown>[], columns: readonly string[]): void {
  const cell = (value: unknown): string =>
    value instanceof Date
      ? value.toISOString()
      : value === null || value === undefined
        ? ''
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value);
  const widths = columns.map((column) =>
    Math.min(60, Math.max(column.length, ...rows.map((row) => cell(row[column]).length))),
  );
  const line = (values: string[]) =>
    values
      .map((value, index) => value.slice(0, 60).padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${line([...columns])}\n`);
  for (const row of rows) process.stdout.write(`${line(columns.map((column) => cell(row[column])))}\n`);
}
