/**
 * Creating, editing, reading, listing and archiving templates. Every save is checked first (Liquid syntax,
 * unknown filters, MJML validity, parts that suit the channel) so that a broken template fails in the editor, not
 * in a campaign. An edit never changes a stored version: it appends the next one and makes it current, because
 * journeys and queued messages pin the version they were built with.
 */
import { randomUUID } from 'node:crypto';
import { SegmintError } from '../errors.ts';
import { parseOrThrow } from '../schema/parse-or-throw.ts';
import {
  createTemplateInputSchema,
  templateContentSchema,
  updateTemplateInputSchema,
  type CreateTemplateInput,
  type Template,
  type TemplateContent,
  type TemplateVersion,
  type TemplateWithVersion,
  type UpdateTemplateInput,
} from '../schema/template.ts';
import type { SqlExecutor, Store } from '../store/store.ts';
import { checkTemplateContent } from './check-template-content.ts';
import {
  findTemplate,
  requireTemplate,
  requireTemplateVersion,
  TEMPLATE_COLUMNS,
  toTemplate,
  toTemplateVersion,
  VERSION_COLUMNS,
} from './template-rows.ts';

/** A stored version as content to render or edit (nulls become absent parts). */
export function contentOfVersion(version: TemplateVersion): TemplateContent {
  return {
    body: version.body,
    format: version.format,
    ...(version.subject === null ? {} : { subject: version.subject }),
    ...(version.textBody === null ? {} : { textBody: version.textBody }),
  };
}

async function insertVersion(
  tx: SqlExecutor,
  templateId: string,
  version: number,
  content: TemplateContent,
  now: Date,
): Promise<void> {
  await tx.execute(
    `insert into template_versions (template_id, version, subject, body, format, text_body, created_at)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [
      templateId,
      version,
      content.subject ?? null,
      content.body,
      content.format,
      content.textBody ?? null,
      now,
    ],
  );
}

/** Saves a new template as version 1. `conflict` when the name is taken (archived templates keep their name). */
export async function createTemplate(
  store: Store,
  input: CreateTemplateInput,
  options: { now?: Date } = {},
): Promise<TemplateWithVersion> {
  const parsed = parseOrThrow(createTemplateInputSchema, input, 'template');
  const { name, channel, ...content } = parsed;
  await checkTemplateContent(channel, content, `template "${name}"`);
  const now = options.now ?? new Date();
  const id = `tpl_${randomUUID()}`;
  await store.transaction(async (tx) => {
    const existing = await findTemplate(tx, name);
    if (existing) {
      throw new SegmintError(
        'conflict',
        `A template named "${name}" already exists${existing.archivedAt ? ' (archived)' : ''}. Edit it with \`segmint templates update "${name}"\`, or pick another name.`,
      );
    }
    await tx.execute(
      `insert into templates (id, name, channel, current_version, created_at, updated_at, archived_at)
       values ($1, $2, $3, 1, $4, $4, null)`,
      [id, name, channel, now],
    );
    await insertVersion(tx, id, 1, content, now);
  });
  return getTemplate(store, id);
}

/** Appends a new version with the given parts replacing those of the current version, and makes it current. */
export async function updateTemplate(
  store: Store,
  nameOrId: string,
  input: UpdateTemplateInput,
  options: { now?: Date } = {},
): Promise<TemplateWithVersion> {
  const changes = parseOrThrow(updateTemplateInputSchema, input, 'template');
  const now = options.now ?? new Date();
  const template = await requireTemplate(store, nameOrId);
  if (template.archivedAt) {
    throw new SegmintError(
      'conflict',
      `Template "${template.name}" is archived and cannot be edited. Create a new template instead.`,
    );
  }
  const current = contentOfVersion(await requireTemplateVersion(store, template));
  const merged = parseOrThrow(
    templateContentSchema,
    {
      body: changes.body ?? current.body,
      format: changes.format ?? current.format,
      subject: changes.subject === undefined ? current.subject : (changes.subject ?? undefined),
      textBody: changes.textBody === undefined ? current.textBody : (changes.textBody ?? undefined),
    },
    'template',
  );
  await checkTemplateContent(template.channel, merged, `template "${template.name}"`);
  await store.transaction(async (tx) => {
    // Two editors saving at once: the second one's version number is taken, which the primary key refuses.
    const [row] = await tx.query<{ current_version: number }>(
      'select current_version from templates where id = $1',
      [template.id],
    );
    const next = Number(row?.current_version ?? template.currentVersion) + 1;
    await insertVersion(tx, template.id, next, merged, now);
    await tx.execute('update templates set current_version = $2, updated_at = $3 where id = $1', [
      template.id,
      next,
      now,
    ]);
  });
  return getTemplate(store, template.id);
}

/** A template (by name or id) with the content of `version` (default: the current one). */
export async function getTemplate(
  executor: SqlExecutor,
  nameOrId: string,
  version?: number,
): Promise<TemplateWithVersion> {
  const template = await requireTemplate(executor, nameOrId);
  return { ...template, content: await requireTemplateVersion(executor, template, version) };
}

/** Templates by name; archived ones only when asked. */
export async function listTemplates(
  executor: SqlExecutor,
  options: { includeArchived?: boolean } = {},
): Promise<Template[]> {
  const rows = await executor.query(
    `select ${TEMPLATE_COLUMNS} from templates
      ${options.includeArchived ? '' : 'where archived_at is null'} order by name`,
  );
  return rows.map(toTemplate);
}

/** Every version of a template, newest first. */
export async function listTemplateVersions(
  executor: SqlExecutor,
  nameOrId: string,
): Promise<TemplateVersion[]> {
  const template = await requireTemplate(executor, nameOrId);
  const rows = await executor.query(
    `select ${VERSION_COLUMNS} from template_versions where template_id = $1 order by version desc`,
    [template.id],
  );
  return rows.map(toTemplateVersion);
}

/**
 * Hides a template from lists and refuses new edits. Its versions stay: messages already queued with it and
 * journeys pinned to one of its versions still render. Archiving twice is harmless.
 */
export async function archiveTemplate(
  store: Store,
  nameOrId: string,
  options: { now?: Date } = {},
): Promise<Template> {
  const template = await requireTemplate(store, nameOrId);
  if (!template.archivedAt) {
    await store.execute(
      'update templates set archived_at = $2, updated_at = $2 where id = $1 and archived_at is null',
      [template.id, options.now ?? new Date()],
    );
  }
  return requireTemplate(store, template.id);
}
