/** `segmint templates …`: create, edit (new version), list, show, preview for a profile, archive. */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { z } from 'zod';
import { SegmintError } from '../../errors.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import {
  templateChannelSchema,
  templateFormatSchema,
  type TemplateWithVersion,
} from '../../schema/template.ts';
import {
  archiveTemplate,
  createTemplate,
  getTemplate,
  listTemplates,
  renderMessage,
  updateTemplate,
} from '../../templates/index.ts';
import { formatOfFile } from '../../templates/format-of-file.ts';
import { printJson, printTable, withStore } from '../context.ts';

async function readTextFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new SegmintError(
      'invalid_input',
      `Cannot read ${path}: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
}

interface ContentOptions {
  subject?: string;
  file?: string;
  textFile?: string;
  format?: string;
}

const versionOptionSchema = z.object({ version: z.coerce.number().int().min(1).optional() });
const dataOptionSchema = z.record(z.string(), z.unknown());

function readVersion(version: string | undefined): number | undefined {
  return parseOrThrow(versionOptionSchema, { version }, 'options').version;
}

function readData(data: string | undefined): Record<string, unknown> {
  if (data === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch (error) {
    throw new SegmintError(
      'invalid_input',
      `--data is not JSON (${error instanceof Error ? error.message : String(error)}); give an object, e.g. '{"coupon":"TEA10"}'.`,
    );
  }
  return parseOrThrow(dataOptionSchema, parsed, '--data');
}

function describeTemplate(template: TemplateWithVersion): string {
  const { content } = template;
  const lines = [
    `Template "${template.name}" (${template.id})`,
    `  channel  ${template.channel}`,
    `  version  ${content.version} of ${template.currentVersion}${template.archivedAt ? ' (archived)' : ''}`,
    `  format   ${content.format}`,
    ...(content.subject === null ? [] : [`  subject  ${content.subject}`]),
    `  updated  ${template.updatedAt.toISOString()}`,
    '',
    content.body,
    ...(content.textBody === null ? [] : ['', '--- text part ---', content.textBody]),
  ];
  return `${lines.join('\n')}\n`;
}

function withContentOptions(command: Command): Command {
  return command
    .option('--subject <liquid>', 'the subject line (email only), Liquid')
    .option('--file <path>', 'the body: .mjml, .html, .liquid, .txt or .json')
    .option('--text-file <path>', 'an explicit plain-text part (else derived from the HTML)')
    .option('--format <format>', 'html | mjml | text | json (default: from the file extension)')
    .option('--json', 'print JSON');
}

export function registerTemplatesCommands(program: Command): void {
  const templates = program.command('templates').description('Message templates (Liquid, MJML) and previews');

  withContentOptions(
    templates
      .command('create <name>')
      .description('Save a new template (version 1)')
      .requiredOption('--channel <channel>', 'email | webhook | social | content | inapp'),
  ).action(
    async (name: string, options: ContentOptions & { channel: string; json?: boolean }, command: Command) => {
      if (options.file === undefined) {
        throw new SegmintError(
          'invalid_input',
          'Give the template body with --file <path> (.mjml, .html, .liquid, .txt, .json).',
        );
      }
      const channel = parseOrThrow(templateChannelSchema, options.channel, '--channel');
      const format = parseOrThrow(
        templateFormatSchema.optional(),
        options.format ?? formatOfFile(options.file, channel),
        '--format',
      );
      if (format === undefined) {
        throw new SegmintError(
          'invalid_input',
          `Cannot tell the format of ${options.file}: add --format html|mjml|text|json.`,
        );
      }
      const body = await readTextFile(options.file);
      const textBody = options.textFile === undefined ? undefined : await readTextFile(options.textFile);
      const saved = await withStore(command, (store) =>
        createTemplate(store, {
          name,
          channel,
          format,
          body,
          ...(options.subject === undefined ? {} : { subject: options.subject }),
          ...(textBody === undefined ? {} : { textBody }),
        }),
      );
      if (options.json) return printJson(saved);
      process.stdout.write(`Saved template "${saved.name}" (${saved.id}), version 1, ${format}.\n`);
    },
  );

  withContentOptions(
    templates.command('update <name>').description('Save a new version; parts not given are kept'),
  ).action(async (name: string, options: ContentOptions & { json?: boolean }, command: Command) => {
    const body = options.file === undefined ? undefined : await readTextFile(options.file);
    const textBody = options.textFile === undefined ? undefined : await readTextFile(options.textFile);
    const saved = await withStore(command, async (store) => {
      const current = await getTemplate(store, name);
      const format = parseOrThrow(
        templateFormatSchema.optional(),
        options.format ??
          (options.file === undefined ? undefined : formatOfFile(options.file, current.channel)),
        '--format',
      );
      return updateTemplate(store, name, {
        ...(body === undefined ? {} : { body }),
        ...(format === undefined ? {} : { format }),
        ...(options.subject === undefined ? {} : { subject: options.subject }),
        ...(textBody === undefined ? {} : { textBody }),
      });
    });
    if (options.json) return printJson(saved);
    process.stdout.write(`Saved template "${saved.name}" version ${saved.currentVersion}.\n`);
  });

  templates
    .command('list')
    .description('Templates by name')
    .option('--all', 'include archived templates')
    .option('--json', 'print JSON')
    .action(async (options: { all?: boolean; json?: boolean }, command: Command) => {
      const list = await withStore(command, (store) =>
        listTemplates(store, { includeArchived: options.all === true }),
      );
      if (options.json) return printJson(list);
      printTable(
        list.map((template) => ({
          ...template,
          version: template.currentVersion,
          archived: template.archivedAt ? 'yes' : '',
        })),
        ['name', 'channel', 'version', 'updatedAt', 'archived'],
      );
    });

  templates
    .command('show <name>')
    .description('A template and the source of its current (or another) version')
    .option('--version <n>', 'the version to show (default: the current one)')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { version?: string; json?: boolean }, command: Command) => {
      const version = readVersion(options.version);
      const template = await withStore(command, (store) => getTemplate(store, name, version));
      if (options.json) return printJson(template);
      process.stdout.write(describeTemplate(template));
    });

  templates
    .command('preview <name>')
    .description('Render a template for one profile (by id, user id, anonymous id or email)')
    .requiredOption('--profile <id>', 'the profile')
    .option('--version <n>', 'the version to render (default: the current one)')
    .option('--data <json>', 'extra variables, seen as message.*')
    .option('--html', 'print the HTML rather than the text part')
    .option('--json', 'print JSON')
    .action(
      async (
        name: string,
        options: { profile: string; version?: string; data?: string; html?: boolean; json?: boolean },
        command: Command,
      ) => {
        const version = readVersion(options.version);
        const data = readData(options.data);
        const rendered = await withStore(command, (store) =>
          renderMessage(store, {
            templateName: name,
            profileId: options.profile,
            data,
            ...(version === undefined ? {} : { version }),
          }),
        );
        if (options.json) return printJson(rendered);
        if (rendered.subject !== undefined) process.stdout.write(`Subject: ${rendered.subject}\n\n`);
        process.stdout.write(
          `${options.html && rendered.html !== undefined ? rendered.html : rendered.text}\n`,
        );
      },
    );

  templates
    .command('archive <name>')
    .description('Hide a template and refuse edits; queued messages using it still render')
    .action(async (name: string, _options: unknown, command: Command) => {
      const archived = await withStore(command, (store) => archiveTemplate(store, name));
      process.stdout.write(`Archived template "${archived.name}".\n`);
    });
}
