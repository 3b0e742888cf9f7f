import type { Command } from 'commander';
import { createSource, listSources } from '../../sources/sources.ts';
import { printJson, printTable, withStore } from '../context.ts';

export function registerSourcesCommands(program: Command): void {
  const sources = program.command('sources').description('Tracking sources and their write keys');

  sources
    .command('create <name>')
    .description('Create a source and print its write key (shown once; only a hash is stored)')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      const source = await withStore(command, (store) => createSource(store, name));
      if (options.json) return printJson(source);
      process.stdout.write(
        `Created source '${source.name}' (${source.id}).\nWrite key: ${source.writeKey}\n` +
          'Keep it: it is shown only now. Send it as the HTTP Basic username to /v1/track, /v1/batch, …\n',
      );
    });

  sources
    .command('list')
    .description('List sources')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const rows = await withStore(command, (store) => listSources(store));
      if (options.json) return printJson(rows);
      printTable(rows as unknown as Record<string, unknown>[], ['id', 'name', 'createdAt']);
    });
}
