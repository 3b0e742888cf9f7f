import type { Command } from 'commander';
import { defaultServerDuckDbThreads, parseDuckDbThreads } from '../../store/duckdb/server-threads.ts';
import { openStore } from '../../store/open-store.ts';
import { closeOnSignals, parsePort, startServer } from '../../server/start-server.ts';
import { parseRefreshInterval, startScheduledRefresh } from '../../segments/saved/scheduled-refresh.ts';
import { globalOptions } from '../context.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Run the HTTP API (Segment tracking endpoints and management API)')
    .option('--port <port>', 'port to listen on', process.env.PORT ?? '8080')
    .option('--host <host>', 'address to bind', process.env.HOST ?? '127.0.0.1')
    .option(
      '--admin-key <key>',
      'bearer key for /api (default: SEGMINT_ADMIN_KEY, or a new random key printed at start)',
    )
    .option('--log', 'log every request (JSON lines)')
    .option(
      '--refresh-interval <duration>',
      'recompute every segment this often (time-relative conditions, non-real-time segments): 30s, 15m, 1h, 1d or off',
      process.env.SEGMINT_REFRESH_INTERVAL ?? '1h',
    )
    .option(
      '--duckdb-threads <n>',
      'threads for DuckDB queries (default: SEGMINT_DUCKDB_THREADS, or every core but one, leaving one to answer HTTP)',
      process.env.SEGMINT_DUCKDB_THREADS,
    )
    .action(
      async (
        options: {
          port: string;
          host: string;
          adminKey?: string;
          log?: boolean;
          refreshInterval: string;
          duckdbThreads?: string;
        },
        command: Command,
      ) => {
        const global = globalOptions(command);
        const port = parsePort(options.port);
        const refreshIntervalMs = parseRefreshInterval(options.refreshInterval);
        const duckdbThreads =
          options.duckdbThreads === undefined
            ? defaultServerDuckDbThreads()
            : parseDuckDbThreads(options.duckdbThreads);
        const store = await openStore({
          databaseUrl: global.databaseUrl,
          duckdbPath: global.db,
          duckdbThreads,
        });
        const server = await startServer({
          store,
          port,
          host: options.host,
          adminKey: options.adminKey ?? process.env.SEGMINT_ADMIN_KEY,
          logger: options.log ?? false,
        }).catch(async (error: unknown) => {
          await store.close();
          throw error;
        });
        const log = (line: string) => process.stderr.write(`${line}\n`);
        log(`Segmint is listening on ${server.url} (store: ${store.describe()})`);
        log(`Dashboard: ${server.url}/ (log in with the admin key or a stored API key)`);
        if (!options.adminKey && !process.env.SEGMINT_ADMIN_KEY)
          log(`Admin key for /api: ${server.adminKey}`);
        const schedule =
          refreshIntervalMs === null
            ? undefined
            : startScheduledRefresh({ store, intervalMs: refreshIntervalMs, log });
        closeOnSignals(async () => {
          await schedule?.stop();
          await server.close();
          await store.close();
        }, log);
      },
    );
}
