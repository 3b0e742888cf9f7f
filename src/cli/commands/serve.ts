import type { Command } from 'commander';
import { openStore } from '../../store/open-store.ts';
import { closeOnSignals, parsePort, startServer } from '../../server/start-server.ts';
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
    .action(
      async (options: { port: string; host: string; adminKey?: string; log?: boolean }, command: Command) => {
        const global = globalOptions(command);
        const port = parsePort(options.port);
        const store = await openStore({ databaseUrl: global.databaseUrl, duckdbPath: global.db });
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
        if (!options.adminKey && !process.env.SEGMINT_ADMIN_KEY)
          log(`Admin key for /api: ${server.adminKey}`);
        closeOnSignals(async () => {
          await server.close();
          await store.close();
        }, log);
      },
    );
}
