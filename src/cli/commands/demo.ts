/**
 * `segmint demo`: a store with ~10k customers and ~300k events, RFM computed, a write key, and the server running,
 * with what to open and try printed. Re-running reuses the store (generated ids are deterministic, so nothing is
 * stored twice).
 */
import type { Command } from 'commander';
import { computeRfm, summarizeRfm } from '../../analytics/rfm/compute-rfm.ts';
import { generateMessages } from '../../generate/index.ts';
import { ingestRawMessages } from '../../ingest/ingest-raw-messages.ts';
import { closeOnSignals, startServer } from '../../server/start-server.ts';
import { createSource } from '../../sources/sources.ts';
import { openStore } from '../../store/open-store.ts';
import { globalOptions } from '../context.ts';
import { createProgress } from '../progress.ts';
import { seedDemoAutomation } from './demo-automation.ts';

interface DemoFlags {
  customers: string;
  days: string;
  port: string;
  serve: boolean;
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Create a demo store (default ./segmint-demo.duckdb) with generated customers and start the server',
    )
    .option('--customers <n>', 'customers to generate', '10000')
    .option('--days <n>', 'days of history', '365')
    .option('--port <port>', 'port for the server', '8080')
    .option('--no-serve', 'prepare the store and exit')
    .action(async (flags: DemoFlags, command: Command) => {
      const global = globalOptions(command);
      const explicitDb = command.parent?.getOptionValueSource('db') === 'cli' || process.env.SEGMINT_DB;
      const duckdbPath = explicitDb ? global.db : './segmint-demo.duckdb';
      const log = (line: string) => process.stderr.write(`${line}\n`);
      const store = await openStore({ databaseUrl: global.databaseUrl, duckdbPath });
      try {
        log(`Store: ${store.describe()}`);
        const started = Date.now();
        const progress = createProgress('Generating and ingesting');
        const totals = await ingestRawMessages({
          store,
          batches: generateMessages({
            customers: Number(flags.customers),
            days: Number(flags.days),
            seed: 42,
          }),
          onProgress: (done) => progress.update(done.messages),
        });
        progress.finish();
        log(
          `${totals.messages.toLocaleString('en-US')} events for ${flags.customers} customers ` +
            `(${totals.stored.toLocaleString('en-US')} new) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
        const rfm = await computeRfm(store, { orderProperty: 'order_id' });
        const top = summarizeRfm(rfm.rows)
          .slice(0, 4)
          .map((group) => `${group.segment} ${group.customers}`)
          .join(', ');
        log(`RFM computed for ${rfm.rows.length.toLocaleString('en-US')} customers: ${top}, …`);
        await seedDemoAutomation(store, log);
        const source = await createSource(store, `demo-website-${Date.now().toString(36)}`);
        if (!flags.serve) {
          log(`Write key: ${source.writeKey}`);
          await store.close();
          return;
        }
        const server = await startServer({
          store,
          port: Number(flags.port),
          host: '127.0.0.1',
          adminKey: process.env.SEGMINT_ADMIN_KEY,
        });
        const db = explicitDb ? `--db ${duckdbPath}` : '--db ./segmint-demo.duckdb';
        log(
          [
            '',
            `Segmint demo is running on ${server.url}`,
            `  write key: ${source.writeKey}`,
            `  admin key: ${server.adminKey}`,
            '',
            `Open the dashboard: ${server.url}/  (log in with the admin key above)`,
            '',
            'Try:',
            `  curl -u '${source.writeKey}:' -H 'content-type: application/json' ${server.url}/v1/track \\`,
            `       -d '{"userId":"user-000001","event":"purchase","properties":{"amount":42}}'`,
            `  curl -H 'authorization: Bearer ${server.adminKey}' '${server.url}/api/profiles?limit=5'`,
            `  curl -H 'authorization: Bearer ${server.adminKey}' ${server.url}/api/profiles/user-000001`,
            `  curl -H 'authorization: Bearer ${server.adminKey}' '${server.url}/api/analytics/cohorts?maxPeriods=6'`,
            '',
            `Stop with Ctrl-C, then explore with the CLI: npx segmint ${db} profiles list | rfm | cohorts`,
          ].join('\n'),
        );
        closeOnSignals(async () => {
          await server.close();
          await store.close();
        }, log);
      } catch (error) {
        await store.close();
        throw error;
      }
    });
}
