/** `segmint segments …`: save, list, show, preview, delete and refresh segments. */
import type { Command } from 'commander';
import { z } from 'zod';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { segmentTextOptions } from '../../segments/saved/segment-text-options.ts';
import { parseSegmentText } from '../../segments/text/parse-segment.ts';
import {
  createSegment,
  deleteSegment,
  getSegment,
  listSegmentMembers,
  listSegments,
  previewSegment,
  refreshAllSegments,
  refreshSegment,
  type SegmentRefreshResult,
} from '../../segments/saved/index.ts';
import { printJson, printTable, withStore } from '../context.ts';
import { readDefinitionFile } from '../../read-definition-file.ts';

const asOfSchema = z.object({ asOf: z.coerce.date().optional() });

/** `--as-of` checked; undefined means now. */
function readAsOf(asOf: string | undefined): Date | undefined {
  return parseOrThrow(asOfSchema, { asOf }, 'options').asOf;
}

function printRefreshResults(results: readonly SegmentRefreshResult[], json: boolean | undefined): void {
  if (json) return printJson(results);
  printTable(
    results.map((result) => ({ ...result })),
    ['segment', 'members', 'entered', 'exited'],
  );
}

export function registerSegmentsCommands(program: Command): void {
  const segments = program.command('segments').description('Saved segments and their members');

  segments
    .command('create <name>')
    .description('Save a segment given as text (--where) or as a JSON definition (--file)')
    .option('--where <text>', 'the condition, e.g. \'country = "DE" and count(purchase, last 90 days) >= 3\'')
    .option('--file <path>', 'a JSON or YAML definition: { "schemaVersion": 1, "condition": … }')
    .option('--no-realtime', 'do not re-evaluate on ingestion (only on refresh)')
    .option('--json', 'print JSON')
    .action(
      async (
        name: string,
        options: { where?: string; file?: string; realtime: boolean; json?: boolean },
        command: Command,
      ) => {
        const definition =
          options.file === undefined
            ? undefined
            : await readDefinitionFile(
                options.file,
                'a segment definition: { "schemaVersion": 1, "condition": … }',
              );
        // A new segment is useful at once: its members are computed right after it is saved.
        const { saved, refreshed } = await withStore(command, async (store) => {
          const created = await createSegment(store, {
            name,
            realtime: options.realtime,
            ...(options.where === undefined ? {} : { text: options.where }),
            ...(options.file === undefined ? {} : { definition }),
          });
          return { saved: created, refreshed: await refreshSegment(store, created.id) };
        });
        if (options.json) return printJson({ ...saved, members: refreshed.members });
        process.stdout.write(
          `Saved segment "${saved.name}" (${saved.id}) with ${refreshed.members ?? 0} members: ${saved.text}\n`,
        );
      },
    );

  segments
    .command('list')
    .description('Saved segments with their member counts')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const list = await withStore(command, (store) => listSegments(store));
      if (options.json) return printJson(list);
      printTable(
        list.map((segment) => ({ ...segment, realtime: segment.realtime ? 'yes' : 'no' })),
        ['name', 'members', 'realtime', 'text'],
      );
    });

  segments
    .command('show <name>')
    .description('A saved segment: definition and member count, optionally its members')
    .option('--members', 'list the members')
    .option('--limit <n>', 'how many members', '100')
    .option('--json', 'print JSON')
    .action(
      async (
        name: string,
        options: { members?: boolean; limit: string; json?: boolean },
        command: Command,
      ) => {
        const { segment, members } = await withStore(command, async (store) => ({
          segment: await getSegment(store, name),
          members: options.members
            ? await listSegmentMembers(store, name, { limit: options.limit })
            : undefined,
        }));
        if (options.json) return printJson(members ? { ...segment, memberList: members } : segment);
        process.stdout.write(
          `Segment "${segment.name}" (${segment.id})\n  where    ${segment.text}\n  members  ${segment.members}\n` +
            `  realtime ${segment.realtime ? 'yes' : 'no'}\n  created  ${segment.createdAt.toISOString()}\n`,
        );
        if (members) {
          process.stdout.write('\n');
          printTable(
            members.map((member) => ({ ...member })),
            ['profileId', 'enteredAt'],
          );
        }
      },
    );

  segments
    .command('preview')
    .description('Count who a condition selects now, with a sample of 10, without saving anything')
    .requiredOption('--where <text>', 'the condition')
    .option('--as-of <date>', 'evaluate at this time (default: now)')
    .option('--json', 'print JSON')
    .action(async (options: { where: string; asOf?: string; json?: boolean }, command: Command) => {
      const asOf = readAsOf(options.asOf);
      const preview = await withStore(command, async (store) => {
        const definition = parseSegmentText(options.where, await segmentTextOptions(store));
        return previewSegment(store, definition, asOf ? { now: asOf } : {});
      });
      if (options.json) return printJson(preview);
      process.stdout.write(`${preview.count} profiles match.\n`);
      for (const profileId of preview.sample) process.stdout.write(`  ${profileId}\n`);
    });

  segments
    .command('delete <name>')
    .description('Delete a saved segment and its membership (its transitions are kept)')
    .action(async (name: string, _options: unknown, command: Command) => {
      const deleted = await withStore(command, (store) => deleteSegment(store, name));
      process.stdout.write(`Deleted segment "${deleted.name}".\n`);
    });

  segments
    .command('refresh [name]')
    .description(
      'Recompute the members of one segment, or of all of them; records entered/exited transitions',
    )
    .option('--as-of <date>', 'evaluate at this time (default: now)')
    .option('--json', 'print JSON')
    .action(
      async (name: string | undefined, options: { asOf?: string; json?: boolean }, command: Command) => {
        const asOf = readAsOf(options.asOf);
        const refreshOptions = asOf ? { now: asOf } : {};
        const results = await withStore(command, async (store) =>
          name === undefined
            ? refreshAllSegments(store, refreshOptions)
            : [await refreshSegment(store, name, refreshOptions)],
        );
        printRefreshResults(results, options.json);
      },
    );
}
