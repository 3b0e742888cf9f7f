/**
 * `segmint content …`: dynamic content slots (what /v1/content/:slot answers), content items published on a
 * schedule, feeds, and a publishing pass on demand. Definitions are read from JSON or YAML files.
 */
import type { Command } from 'commander';
import { systemClock } from '../../clock.ts';
import { readFeed } from '../../content/feeds/read-feed.ts';
import {
  deleteContentItem,
  getContentItem,
  listContentItems,
  redactContentItem,
  saveContentItem,
} from '../../content/items/content-item-store.ts';
import { runContentCycle } from '../../content/run-content-cycle.ts';
import { ContentSlotCache } from '../../content/slots/content-slot-cache.ts';
import {
  deleteContentSlot,
  getContentSlot,
  listContentSlots,
  saveContentSlot,
} from '../../content/slots/content-slot-store.ts';
import { renderContentSlot } from '../../content/slots/render-content-slot.ts';
import { SegmintError } from '../../errors.ts';
import { readDefinitionFile } from '../../read-definition-file.ts';
import { printJson, printTable, withStore } from '../context.ts';

interface JsonOption {
  json?: boolean;
}

/** A definition file (JSON or YAML, told apart by its extension), with the command-line name put in. */
async function readDefinition(
  path: string,
  name: string,
  shouldHold: string,
): Promise<Record<string, unknown>> {
  const parsed = await readDefinitionFile(path, shouldHold);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SegmintError('invalid_input', `${path} must hold one object (the definition).`);
  }
  return { ...parsed, name };
}

function print(value: unknown, options: JsonOption, columns: readonly string[]): void {
  if (options.json) return printJson(value);
  const rows = Array.isArray(value) ? value : [value];
  printTable(
    rows.filter((row): row is Record<string, unknown> => typeof row === 'object' && row !== null),
    columns,
  );
}

function registerSlotCommands(content: Command): void {
  const slots = content.command('slots').description('Dynamic content slots for websites and apps');
  const columns = ['name', 'version', 'blocks', 'updatedAt'];
  const summary = (slot: { name: string; version: number; blocks: unknown[]; updatedAt: Date }) => ({
    ...slot,
    blocks: slot.blocks.length,
  });
  slots
    .command('set <name> <file>')
    .description(
      'Create or replace a slot from a JSON/YAML file: { blocks: [{ type: segment|rule, … }], default }',
    )
    .option('--json', 'print JSON')
    .action(async (name: string, file: string, options: JsonOption, command: Command) => {
      const definition = await readDefinition(file, name, 'a content slot: { blocks, default }');
      const slot = await withStore(command, (store) => saveContentSlot(store, definition, systemClock.now()));
      print(options.json ? slot : summary(slot), options, columns);
    });
  slots
    .command('list')
    .option('--json', 'print JSON')
    .action(async (options: JsonOption, command: Command) => {
      const list = await withStore(command, (store) => listContentSlots(store));
      print(options.json ? list : list.map(summary), options, columns);
    });
  slots
    .command('show <name>')
    .action(async (name: string, _options: JsonOption, command: Command) =>
      printJson(await withStore(command, (store) => getContentSlot(store, name))),
    );
  slots
    .command('delete <name>')
    .action(async (name: string, _options: JsonOption, command: Command) =>
      printJson(await withStore(command, (store) => deleteContentSlot(store, name))),
    );
  slots
    .command('preview <name>')
    .description('What a visitor would see')
    .option('--user-id <id>')
    .option('--anonymous-id <id>')
    .action(async (name: string, options: { userId?: string; anonymousId?: string }, command: Command) => {
      const rendered = await withStore(command, (store) =>
        renderContentSlot({
          store,
          cache: new ContentSlotCache(store),
          slot: name,
          visitor: { userId: options.userId, anonymousId: options.anonymousId },
          clock: systemClock,
        }),
      );
      printJson(rendered);
    });
}

function registerItemCommands(content: Command): void {
  const items = content.command('items').description('Content items published on a schedule');
  const columns = ['name', 'title', 'nextRunAt', 'lastRunAt'];
  items
    .command('set <name> <file>')
    .description('Create or replace an item from a JSON/YAML file: { title, body, data, targets, schedule }')
    .option('--json', 'print JSON')
    .action(async (name: string, file: string, options: JsonOption, command: Command) => {
      const definition = await readDefinition(
        file,
        name,
        'a content item: { title, body, data, targets, schedule }',
      );
      print(
        await withStore(command, (store) => saveContentItem(store, definition, systemClock.now())),
        options,
        columns,
      );
    });
  items
    .command('list')
    .option('--json', 'print JSON')
    .action(async (options: JsonOption, command: Command) =>
      print(
        (await withStore(command, (store) => listContentItems(store))).map(redactContentItem),
        options,
        columns,
      ),
    );
  items
    .command('show <name>')
    .action(async (name: string, _options: JsonOption, command: Command) =>
      printJson(redactContentItem(await withStore(command, (store) => getContentItem(store, name)))),
    );
  items
    .command('delete <name>')
    .action(async (name: string, _options: JsonOption, command: Command) =>
      printJson(await withStore(command, (store) => deleteContentItem(store, name))),
    );
}

export function registerContentCommands(program: Command): void {
  const content = program
    .command('content')
    .description('Dynamic content, scheduled content items and feeds');
  registerSlotCommands(content);
  registerItemCommands(content);
  content
    .command('publish')
    .description(
      'Publish due items, push them to webhooks and post due social posts (what `serve` does on a timer)',
    )
    .option('--engagement', 'also fetch social engagement back')
    .action(async (options: { engagement?: boolean }, command: Command) => {
      const result = await withStore(command, (store) =>
        runContentCycle(store, { clock: systemClock, refreshEngagement: options.engagement === true }),
      );
      printJson(result);
    });
  content
    .command('feed <name>')
    .description('Print a feed as Atom (or RSS 2.0 with --rss), as /feeds/NAME.atom serves it')
    .option('--rss', 'RSS 2.0 instead of Atom')
    .option('--base-url <url>', 'the public URL of the server', 'http://localhost:8080')
    .action(async (name: string, options: { rss?: boolean; baseUrl: string }, command: Command) => {
      const format = options.rss ? 'rss' : 'atom';
      const selfUrl = `${options.baseUrl.replace(/\/+$/, '')}/feeds/${name}.${format}`;
      const xml = await withStore(command, (store) =>
        readFeed(store, { feed: name, format, selfUrl, now: systemClock.now() }),
      );
      process.stdout.write(xml);
    });
}
