/** Content items in the store (`content_items`): definition, and when the publisher runs each next. */
import { SegmintError } from '../../errors.ts';
import { contentItemInputSchema, type ContentItemDefinition } from '../../schema/content.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import type { SqlExecutor, Store } from '../../store/store.ts';
import { parseJsonColumn } from '../json-column.ts';
import { parseContentTemplate } from '../render-content-template.ts';
import { firstRunAtOrAfter } from './content-schedule.ts';

export interface ContentItem extends ContentItemDefinition {
  nextRunAt: Date | null;
  lastRunAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type ContentItemRow = {
  name: string;
  definition: unknown;
  next_run_at: Date | null;
  last_run_at: Date | null;
  created_at: Date;
  updated_at: Date;
};

export function toContentItem(row: ContentItemRow): ContentItem {
  const definition = parseOrThrow(
    contentItemInputSchema,
    parseJsonColumn(row.definition),
    `content item "${row.name}"`,
  );
  return {
    ...definition,
    nextRunAt: row.next_run_at,
    lastRunAt: row.last_run_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * The item as the API and CLI show it: webhook secrets replaced by "(set)", since analysts may read items.
 * Saving again needs the secret again.
 */
export function redactContentItem(item: ContentItem): ContentItem {
  return {
    ...item,
    targets: item.targets.map((target) =>
      target.type === 'webhook' && target.secret !== undefined ? { ...target, secret: '(set)' } : target,
    ),
  };
}

/** Creates or replaces an item; its next run is recomputed from the (new) schedule. */
export async function saveContentItem(store: Store, input: unknown, now: Date): Promise<ContentItem> {
  const item = parseOrThrow(contentItemInputSchema, input, 'content item');
  parseContentTemplate(item.title, 'none', `content item "${item.name}" title`);
  parseContentTemplate(item.body, 'html', `content item "${item.name}" body`);
  const nextRunAt = firstRunAtOrAfter(item.schedule, now);
  // Targets keep their secrets in the definition: an item is only readable through the admin key.
  await store.execute(
    `insert into content_items (name, definition, next_run_at, last_run_at, created_at, updated_at)
     values ($1, $2, $3, null, $4, $4)
     on conflict (name) do update set definition = excluded.definition, next_run_at = excluded.next_run_at,
       updated_at = excluded.updated_at`,
    [item.name, JSON.stringify(item), nextRunAt, now],
  );
  return getContentItem(store, item.name);
}

export async function getContentItem(executor: SqlExecutor, name: string): Promise<ContentItem> {
  const [row] = await executor.query<ContentItemRow>('select * from content_items where name = $1', [name]);
  if (!row) {
    throw new SegmintError(
      'not_found',
      `Content item "${name}" does not exist. List items with \`segmint content items list\`.`,
    );
  }
  return toContentItem(row);
}

export async function listContentItems(executor: SqlExecutor): Promise<ContentItem[]> {
  const rows = await executor.query<ContentItemRow>('select * from content_items order by name');
  return rows.map(toContentItem);
}

/** Removes the item; its publications stay in the feeds. */
export async function deleteContentItem(store: Store, name: string): Promise<{ deleted: string }> {
  await getContentItem(store, name);
  await store.execute('delete from content_items where name = $1', [name]);
  return { deleted: name };
}
