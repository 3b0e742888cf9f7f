/** The templates a campaign names, looked up in the `templates` table (005_templates.sql) by name. */
import { z } from 'zod';
import { SegmintError } from '../errors.ts';
import type { SqlExecutor } from '../store/store.ts';

export interface TemplateRef {
  id: string;
  name: string;
  channel: string;
  currentVersion: number;
}

const templateRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  channel: z.string(),
  current_version: z.coerce.number(),
  archived_at: z.date().nullable(),
});

/** The template called `name`; missing or archived is a `not_found` error saying how to list the others. */
export async function requireTemplate(
  executor: SqlExecutor,
  name: string,
  where: string,
): Promise<TemplateRef> {
  const rows = await executor.query(
    'select id, name, channel, current_version, archived_at from templates where name = $1',
    [name],
  );
  const row = rows[0] === undefined ? undefined : templateRowSchema.parse(rows[0]);
  if (!row || row.archived_at !== null) {
    throw new SegmintError(
      'not_found',
      `${where}: template "${name}" ${row ? 'is archived' : 'does not exist'}. ` +
        'List the templates with `segmint templates list` or create it with `segmint templates create`.',
      [{ path: where, message: `template "${name}" ${row ? 'is archived' : 'does not exist'}` }],
    );
  }
  return { id: row.id, name: row.name, channel: row.channel, currentVersion: row.current_version };
}
