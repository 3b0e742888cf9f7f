/** A feed as served at /feeds/NAME.atom|.rss: its newest publications, rendered. */
import { SegmintError } from '../../errors.ts';
import type { SqlExecutor } from '../../store/store.ts';
import { listContentItems } from '../items/content-item-store.ts';
import { renderAtomFeed, renderRssFeed, type FeedEntry } from './render-feed.ts';

const FEED_LENGTH = 50;

export async function readFeedEntries(
  executor: SqlExecutor,
  feed: string,
  limit = FEED_LENGTH,
): Promise<FeedEntry[]> {
  const rows = await executor.query<{ id: string; title: string; body: string; published_at: Date }>(
    `select p.id, p.title, p.body, p.published_at
       from content_feed_entries f join content_publications p on p.id = f.publication_id
      where f.feed = $1 order by f.published_at desc, p.id desc limit $2`,
    [feed, limit],
  );
  return rows.map((row) => ({ id: row.id, title: row.title, body: row.body, publishedAt: row.published_at }));
}

/** A feed exists while an item targets it or it has entries; any other name is a 404. */
async function isKnownFeed(executor: SqlExecutor, feed: string): Promise<boolean> {
  const items = await listContentItems(executor);
  return items.some((item) => item.targets.some((target) => target.type === 'feed' && target.feed === feed));
}

export async function readFeed(
  executor: SqlExecutor,
  options: { feed: string; format: 'atom' | 'rss'; selfUrl: string; now: Date },
): Promise<string> {
  const entries = await readFeedEntries(executor, options.feed);
  if (entries.length === 0 && !(await isKnownFeed(executor, options.feed))) {
    throw new SegmintError(
      'not_found',
      `No feed "${options.feed}": a feed appears once a content item targets it ({ "type": "feed", "feed": "${options.feed}" }).`,
    );
  }
  const document = { feed: options.feed, selfUrl: options.selfUrl, entries, now: options.now };
  return options.format === 'atom' ? renderAtomFeed(document) : renderRssFeed(document);
}
