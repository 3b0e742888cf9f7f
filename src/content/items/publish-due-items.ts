/**
 * Publishing: every content item whose next run is due is rendered from the store's data and stored as a
 * publication, with its feed entries, pending webhook deliveries and scheduled social posts, in one transaction.
 * The item's row is claimed with a conditional update on the due time, so two publishers (PostgreSQL, several
 * servers) never publish one run twice, and the publication id `<item>:<due time>` makes a repeat a no-op anyway.
 */
import { convert } from 'html-to-text';
import type { Clock } from '../../clock.ts';
import type { ContentTarget } from '../../schema/content.ts';
import type { SqlExecutor, Store } from '../../store/store.ts';
import { renderContentTemplate } from '../render-content-template.ts';
import { nextRunAfter } from './content-schedule.ts';
import { toContentItem, type ContentItem, type ContentItemRow } from './content-item-store.ts';
import { loadContentData } from './load-content-data.ts';

/** Mastodon's default limit; longer bodies are cut with an ellipsis. */
const SOCIAL_TEXT_LIMIT = 500;

export interface PublishResult {
  published: { item: string; publicationId: string; title: string }[];
  errors: { item: string; error: string }[];
}

interface RenderedPublication {
  id: string;
  title: string;
  body: string;
  publishedAt: Date;
}

function socialText(publication: RenderedPublication): string {
  // html-to-text indents list items; posts read better flush left.
  const bodyText = convert(publication.body, { wordwrap: false })
    .split('\n')
    .map((line) => line.trim())
    .join('\n');
  const text = `${publication.title}\n\n${bodyText}`.trim();
  return text.length <= SOCIAL_TEXT_LIMIT ? text : `${text.slice(0, SOCIAL_TEXT_LIMIT - 1)}…`;
}

async function storeTargets(
  tx: SqlExecutor,
  item: ContentItem,
  publication: RenderedPublication,
): Promise<void> {
  for (const [index, target] of item.targets.entries()) {
    await storeTarget(tx, { item, publication, target, index });
  }
}

async function storeTarget(
  tx: SqlExecutor,
  options: { item: ContentItem; publication: RenderedPublication; target: ContentTarget; index: number },
): Promise<void> {
  const { publication, target } = options;
  switch (target.type) {
    case 'feed':
      await tx.execute(
        `insert into content_feed_entries (feed, publication_id, published_at) values ($1, $2, $3)
         on conflict do nothing`,
        [target.feed, publication.id, publication.publishedAt],
      );
      return;
    case 'webhook':
      await tx.execute(
        `insert into content_deliveries (id, publication_id, url, secret, status, attempts, next_attempt_at)
         values ($1, $2, $3, $4, 'pending', 0, $5) on conflict do nothing`,
        [
          `${publication.id}:${options.index}`,
          publication.id,
          target.url,
          target.secret ?? null,
          publication.publishedAt,
        ],
      );
      return;
    case 'social':
      await tx.execute(
        `insert into social_posts (id, account, text, scheduled_at, status, attempts, next_attempt_at, content_item, created_at)
         values ($1, $2, $3, $4, 'scheduled', 0, $4, $5, $4) on conflict do nothing`,
        [
          `content:${publication.id}:${target.account}`,
          target.account,
          socialText(publication),
          publication.publishedAt,
          options.item.name,
        ],
      );
      return;
    default: {
      const unknown: never = target;
      throw new Error(`unknown content target ${JSON.stringify(unknown)}`);
    }
  }
}

async function render(store: Store, item: ContentItem, now: Date): Promise<Omit<RenderedPublication, 'id'>> {
  const scope = await loadContentData(store, item, now);
  const where = `content item "${item.name}"`;
  const title = await renderContentTemplate({
    source: item.title,
    scope,
    escaping: 'none',
    where: `${where} title`,
  });
  const body = await renderContentTemplate({
    source: item.body,
    scope,
    escaping: 'html',
    where: `${where} body`,
  });
  return { title: title.trim(), body, publishedAt: now };
}

/** Publishes every due item once. A rendering error leaves the item due (it is retried next cycle) and is reported. */
export async function publishDueContent(store: Store, clock: Clock): Promise<PublishResult> {
  const now = clock.now();
  const rows = await store.query<ContentItemRow>(
    'select * from content_items where next_run_at is not null and next_run_at <= $1 order by next_run_at, name',
    [now],
  );
  const result: PublishResult = { published: [], errors: [] };
  for (const row of rows) {
    const item = toContentItem(row);
    const dueAt = row.next_run_at;
    if (!dueAt) continue;
    let rendered: Omit<RenderedPublication, 'id'>;
    try {
      rendered = await render(store, item, now);
    } catch (error) {
      result.errors.push({ item: item.name, error: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const publication = { ...rendered, id: `${item.name}:${dueAt.toISOString()}` };
    const isClaimed = await store.transaction(async (tx) => {
      const claimed = await tx.execute(
        'update content_items set next_run_at = $1, last_run_at = $2 where name = $3 and next_run_at = $4',
        [nextRunAfter(item.schedule, dueAt, now), now, item.name, dueAt],
      );
      if (claimed !== 1) return false;
      await tx.execute(
        `insert into content_publications (id, item_name, title, body, published_at) values ($1, $2, $3, $4, $5)
         on conflict do nothing`,
        [publication.id, item.name, publication.title, publication.body, publication.publishedAt],
      );
      await storeTargets(tx, item, publication);
      return true;
    });
    if (isClaimed)
      result.published.push({ item: item.name, publicationId: publication.id, title: publication.title });
  }
  return result;
}
