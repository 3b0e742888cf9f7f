/** `segmint traits …`: save, list, show, preview, delete and refresh computed traits. */
import type { Command } from 'commander';
import { z } from 'zod';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import {
  deleteComputedTrait,
  getComputedTrait,
  listComputedTraits,
  previewComputedTrait,
  refreshComputedTraits,
  saveComputedTrait,
} from '../../segments/traits/index.ts';
import { printJson, printTable, withStore } from '../context.ts';
import { readDefinitionFile } from '../../read-definition-file.ts';

const asOfSchema = z.object({ asOf: z.coerce.date().optional() });

function readAsOf(asOf: string | undefined): Date {
  return parseOrThrow(asOfSchema, { asOf }, 'options').asOf ?? new Date();
}

export function registerTraitsCommands(program: Command): void {
  const traits = program
    .command('traits')
    .description('Computed traits: per-profile aggregates of events kept on profiles (usable in segments)');

  traits
    .command('create <name>')
    .description(
      'Save a computed trait (a new version when the name exists) and compute it for every profile',
    )
    .option(
      '--expression <text>',
      'e.g. "sum(purchase.amount)", "count(purchase, 90d)", "mode(purchase.category)"',
    )
    .option('--file <path>', 'a JSON definition: { "schemaVersion": 1, "expression": … }')
    .option('--json', 'print JSON')
    .action(
      async (
        name: string,
        options: { expression?: string; file?: string; json?: boolean },
        command: Command,
      ) => {
        const definition =
          options.file === undefined
            ? undefined
            : await readDefinitionFile(
                options.file,
                'a computed trait: { "schemaVersion": 1, "expression": … }',
              );
        const { saved, refreshed } = await withStore(command, async (store) => {
          const trait = await saveComputedTrait(store, {
            name,
            ...(options.expression === undefined ? {} : { text: options.expression }),
            ...(options.file === undefined ? {} : { definition }),
          });
          const [result] = await refreshComputedTraits(store, { now: new Date(), names: [name] });
          return { saved: trait, refreshed: result };
        });
        if (options.json)
          return printJson({ ...saved, profilesWithValue: refreshed?.profilesWithValue ?? 0 });
        process.stdout.write(
          `Saved computed trait "${saved.name}" v${saved.version} = ${saved.text}; ${refreshed?.profilesWithValue ?? 0} profiles have a value from their events.\n`,
        );
      },
    );

  traits
    .command('list')
    .description('Computed traits and when they were last computed')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const list = await withStore(command, (store) => listComputedTraits(store));
      if (options.json) return printJson(list);
      printTable(
        list.map((trait) => ({ ...trait, refreshedAt: trait.refreshedAt?.toISOString() ?? 'never' })),
        ['name', 'text', 'version', 'refreshedAt'],
      );
    });

  traits
    .command('show <name>')
    .description('A computed trait: its expression and how its values are distributed')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      const { trait, preview } = await withStore(command, async (store) => {
        const saved = await getComputedTrait(store, name);
        return {
          trait: saved,
          preview: await previewComputedTrait(store, saved.definition, { now: new Date() }),
        };
      });
      if (options.json) return printJson({ ...trait, preview });
      process.stdout.write(
        `Computed trait "${trait.name}" v${trait.version}\n  = ${trait.text}\n` +
          `  refreshed ${trait.refreshedAt?.toISOString() ?? 'never'}\n  profiles with a value ${preview.profilesWithValue}\n`,
      );
      printTable(
        preview.topValues.map((entry) => ({ ...entry })),
        ['value', 'profiles'],
      );
    });

  traits
    .command('preview')
    .description('What an expression gives now (distribution and a sample) without saving anything')
    .requiredOption('--expression <text>', 'e.g. "sum(purchase.amount, 365d)"')
    .option('--as-of <date>', 'evaluate at this time (default: now)')
    .option('--json', 'print JSON')
    .action(async (options: { expression: string; asOf?: string; json?: boolean }, command: Command) => {
      const now = readAsOf(options.asOf);
      const preview = await withStore(command, (store) =>
        previewComputedTrait(store, options.expression, { now }),
      );
      if (options.json) return printJson(preview);
      process.stdout.write(`${preview.profilesWithValue} profiles have a value.\n`);
      printTable(
        preview.topValues.map((entry) => ({ ...entry })),
        ['value', 'profiles'],
      );
    });

  traits
    .command('delete <name>')
    .description('Delete a computed trait and its values (refused while a segment reads it)')
    .action(async (name: string, _options: unknown, command: Command) => {
      await withStore(command, (store) => deleteComputedTrait(store, name));
      process.stdout.write(`Deleted computed trait "${name}".\n`);
    });

  traits
    .command('refresh [name]')
    .description('Recompute one computed trait, or all of them, for every profile')
    .option('--as-of <date>', 'evaluate at this time (default: now)')
    .option('--json', 'print JSON')
    .action(
      async (name: string | undefined, options: { asOf?: string; json?: boolean }, command: Command) => {
        const now = readAsOf(options.asOf);
        const results = await withStore(command, async (store) => {
          if (name !== undefined) await getComputedTrait(store, name);
          return refreshComputedTraits(store, { now, ...(name === undefined ? {} : { names: [name] }) });
        });
        if (options.json) return printJson(results);
        printTable(
          results.map((result) => ({ ...result })),
          ['name', 'profilesWithValue'],
        );
      },
    );
}
