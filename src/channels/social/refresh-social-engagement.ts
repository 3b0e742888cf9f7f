/**
 * Fetches engagement (favourites, reblogs, replies) back for posted Mastodon posts and stores it on the post.
 * Only recent posts are refreshed (default: posted in the last 30 days); webhook accounts report none.
 */
import type { Clock } from '../../clock.ts';
import type { Store } from '../../store/store.ts';
import { fetchMastodonEngagement } from './mastodon-client.ts';
import { getSocialAccount, type SocialAccount } from './social-account-store.ts';

export interface EngagementResult {
  updated: number;
  errors: { postId: string; error: string }[];
}

const DAY_MS = 86_400_000;

export async function refreshSocialEngagement(
  store: Store,
  options: { clock: Clock; sinceDays?: number; timeoutMs?: number },
): Promise<EngagementResult> {
  const now = options.clock.now();
  const since = new Date(now.getTime() - (options.sinceDays ?? 30) * DAY_MS);
  const posts = await store.query<{ id: string; account: string; remote_id: string }>(
    `select p.id, p.account, p.remote_id from social_posts p join social_accounts a on a.name = p.account
      where p.status = 'posted' and p.remote_id is not null and a.kind = 'mastodon' and p.posted_at >= $1
      order by p.posted_at`,
    [since],
  );
  const accounts = new Map<string, SocialAccount>();
  const result: EngagementResult = { updated: 0, errors: [] };
  for (const post of posts) {
    const account = accounts.get(post.account) ?? (await getSocialAccount(store, post.account));
    accounts.set(post.account, account);
    if (account.type !== 'mastodon') continue;
    const engagement = await fetchMastodonEngagement({
      account,
      statusId: post.remote_id,
      clock: options.clock,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
    if ('error' in engagement) {
      result.errors.push({ postId: post.id, error: engagement.error });
      continue;
    }
    await store.execute(
      'update social_posts set favourites = $1, reblogs = $2, replies = $3, engagement_at = $4 where id = $5',
      [engagement.favourites, engagement.reblogs, engagement.replies, now, post.id],
    );
    result.updated += 1;
  }
  return result;
}
