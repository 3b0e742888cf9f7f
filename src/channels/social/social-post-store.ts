/** Scheduled social posts (`social_posts`) and the posting calendar. */
import { randomUUID } from 'node:crypto';
import { SegmintError } from '../../errors.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { socialPostInputSchema, type SocialPost, type SocialPostStatus } from '../../schema/social.ts';
import type { SqlExecutor, Store } from '../../store/store.ts';
import { getSocialAccount } from './social-account-store.ts';

export type SocialPostRow = {
  id: string;
  account: string;
  text: string;
  scheduled_at: Date;
  status: string;
  attempts: number;
  remote_id: string | null;
  remote_url: string | null;
  posted_at: Date | null;
  last_error: string | null;
  favourites: number | null;
  reblogs: number | null;
  replies: number | null;
  engagement_at: Date | null;
  content_item: string | null;
};

function toStatus(value: string): SocialPostStatus {
  if (value === 'scheduled' || value === 'posted' || value === 'failed') return value;
  throw new Error(`unknown social post status '${value}'`);
}

export function toSocialPost(row: SocialPostRow): SocialPost {
  return {
    id: row.id,
    account: row.account,
    text: row.text,
    scheduledAt: row.scheduled_at,
    status: toStatus(row.status),
    attempts: row.attempts,
    remoteId: row.remote_id,
    remoteUrl: row.remote_url,
    postedAt: row.posted_at,
    lastError: row.last_error,
    engagement:
      row.engagement_at === null
        ? null
        : {
            favourites: row.favourites ?? 0,
            reblogs: row.reblogs ?? 0,
            replies: row.replies ?? 0,
            fetchedAt: row.engagement_at,
          },
    contentItem: row.content_item,
  };
}

export async function scheduleSocialPost(store: Store, input: unknown, now: Date): Promise<SocialPost> {
  const post = parseOrThrow(socialPostInputSchema, input, 'social post');
  await getSocialAccount(store, post.account);
  const id = randomUUID();
  const scheduledAt = post.scheduledAt ?? now;
  await store.execute(
    `insert into social_posts (id, account, text, scheduled_at, status, attempts, next_attempt_at, created_at)
     values ($1, $2, $3, $4, 'scheduled', 0, $4, $5)`,
    [id, post.account, post.text, scheduledAt, now],
  );
  return getSocialPost(store, id);
}

export async function getSocialPost(executor: SqlExecutor, id: string): Promise<SocialPost> {
  const [row] = await executor.query<SocialPostRow>('select * from social_posts where id = $1', [id]);
  if (!row)
    throw new SegmintError('not_found', `Social post ${id} does not exist. See \`segmint social calendar\`.`);
  return toSocialPost(row);
}

/** Posts scheduled in [from, to), in time order: the posting calendar. */
export async function listSocialCalendar(
  executor: SqlExecutor,
  range: { from: Date; to: Date; account?: string | undefined },
): Promise<SocialPost[]> {
  const rows = await executor.query<SocialPostRow>(
    `select * from social_posts where scheduled_at >= $1 and scheduled_at < $2 and ($3 = '' or account = $3)
      order by scheduled_at, id`,
    [range.from, range.to, range.account ?? ''],
  );
  return rows.map(toSocialPost);
}

/** Cancels a post that has not been posted yet. */
export async function cancelSocialPost(store: Store, id: string): Promise<{ cancelled: string }> {
  const post = await getSocialPost(store, id);
  if (post.status !== 'scheduled') {
    throw new SegmintError(
      'conflict',
      `Social post ${id} is ${post.status} already and cannot be cancelled.`,
    );
  }
  await store.execute("delete from social_posts where id = $1 and status = 'scheduled'", [id]);
  return { cancelled: id };
}
