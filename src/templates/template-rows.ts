/** Reading templates and their versions back from the store (`templates`, `template_versions`). */
import { z } from 'zod';
import { SegmintError } from '../errors.ts';
import {
  templateChannelSchema,
  templateFormatSchema,
  type Template,
  type TemplateVersion,
} from '../schema/template.ts';
import type { SqlExecutor } from '../store/store.ts';

const templateRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  channel: templateChannelSchema,
  current_version: z.coerce.number(),
  created_at: z.date(),
  updated_at: z.date(),
  archived_at: z.date().nullable(),
});

const versionRowSchema = z.object({
  template_id: z.string(),
  version: z.coerce.number(),
  subject: z.string().nullable(),
  body: z.string(),
  format: templateFormatSchema,
  text_body: z.string().nullable(),
  created_at: z.date(),
});

export const VERSION_COLUMNS = 'template_id, version, subject, body, format, text_body, created_at';

export const TEMPLATE_COLUMNS = 'id, name, channel, current_version, created_at, updated_at, archived_at';

export function toTemplate(row: unknown): Template {
  const parsed = templateRowSchema.parse(row);
  return {
    id: parsed.id,
    name: parsed.name,
    channel: parsed.channel,
    currentVersion: parsed.current_version,
    createdAt: parsed.created_at,
    updatedAt: parsed.updated_at,
    archivedAt: parsed.archived_at,
  };
}

export function toTemplateVersion(row: unknown): TemplateVersion {
  const parsed = versionRowSchema.parse(row);
  return {
    templateId: parsed.template_id,
    version: parsed.version,
    subject: parsed.subject,
    body: parsed.body,
    format: parsed.format,
    textBody: parsed.text_body,
    createdAt: parsed.created_at,
  };
}

/** The template with this name (or id), archived or not, or undefined. */
export async function findTemplate(executor: SqlExecutor, nameOrId: string): Promise<Template | undefined> {
  const [row] = await executor.query(
    `select ${TEMPLATE_COLUMNS} from templates where name = $1 or id = $1 order by (name = $1) desc limit 1`,
    [nameOrId],
  );
  return row === undefined ? undefined : toTemplate(row);
}

export async function requireTemplate(executor: SqlExecutor, nameOrId: string): Promise<Template> {
  const template = await findTemplate(executor, nameOrId);
  if (!template) {
    throw new SegmintError(
      'not_found',
      `Template "${nameOrId}" does not exist. List the templates with \`segmint templates list\`.`,
    );
  }
  return template;
}

/** One version of a template (the current one without `version`); `not_found` names the versions there are. */
export async function requireTemplateVersion(
  executor: SqlExecutor,
  template: Template,
  version = template.currentVersion,
): Promise<TemplateVersion> {
  const [row] = await executor.query(
    `select ${VERSION_COLUMNS} from template_versions where template_id = $1 and version = $2`,
    [template.id, version],
  );
  if (row === undefined) {
    throw new SegmintError(
      'not_found',
      `Template "${template.name}" has no version ${version}: its versions are 1 to ${template.currentVersion}.`,
    );
  }
  return toTemplateVersion(row);
}
