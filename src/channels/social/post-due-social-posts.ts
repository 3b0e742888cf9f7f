/**
 * Posts the scheduled social posts that are due. Each post's id is its Idempotency-Key (Mastodon) and the webhook's
 * too, so a post retried after a crash between the network's acceptance and our update is not posted twice by a
 * server that honours the key. A temporary failure is retried on later cycles with backoff, up to MAX_POST_ATTEMPTS.
 */
import type { Clock } from '../../clock.ts';
import type { Store } from '../../store/store.ts';
import type { SendOutcome } from '../channel.ts';
import { backoffDelay } from '../webhook/deliver-with-retries.ts';
import { requestWithOutcome } from '../webhook/http-outcome.ts';
import { signedJsonHeaders } from '../webhook/webhook-channel.ts';
import { postMastodonStatus } from './mastodon-client.ts';
import { getSocialAccount, type SocialAccount } from './social-account-store.ts';
import type { SocialPostRow } from './social-post-store.ts';

export const MAX_POST_ATTEMPTS = 6;
const LATER_POLICY = { maxAttempts: MAX_POST_ATTEMPTS, baseDelayMs: 60_000, maxDelayMs: 3_600_000 };

export interface PostingResult {
  posted: number;
  retrying: number;
  failed: number;
}

async function sendPost(
  account: SocialAccount,
  post: SocialPostRow,
  options: { clock: Clock; timeoutMs?: number | undefined },
): Promise<SendOutcome & { url?: string | undefined }> {
  const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  switch (account.type) {
    case 'mastodon':
      return postMastodonStatus({
        account,
        text: post.text,
        idempotencyKey: post.id,
        clock: options.clock,
        ...timeout,
      });
    case 'webhook': {
      const body = JSON.stringify({
        type: 'social.post',
        post: {
          id: post.id,
          account: account.name,
          text: post.text,
          scheduledAt: post.scheduled_at.toISOString(),
        },
      });
      const headers = signedJsonHeaders({
        body,
        secret: account.secret,
        clock: options.clock,
        idempotencyKey: post.id,
      });
      return (await requestWithOutcome({ url: account.url, body, headers, clock: options.clock, ...timeout }))
        .outcome;
    }
    default: {
      const unknown: never = account;
      throw new Error(`unknown social account ${JSON.stringify(unknown)}`);
    }
  }
}

async function accountOf(store: Store, name: string): Promise<SocialAccount | { error: string }> {
  const rows = await store.query('select name from social_accounts where name = $1', [name]);
  if (rows.length === 0) return { error: `social account "${name}" does not exist (removed?)` };
  return getSocialAccount(store, name);
}

export async function postDueSocialPosts(
  store: Store,
  options: { clock: Clock; timeoutMs?: number; limit?: number },
): Promise<PostingResult> {
  const due = await store.query<SocialPostRow>(
    `select * from social_posts where status = 'scheduled' and next_attempt_at <= $1
      order by next_attempt_at, id limit $2`,
    [options.clock.now(), options.limit ?? 50],
  );
  const result: PostingResult = { posted: 0, retrying: 0, failed: 0 };
  for (const post of due) {
    const account = await accountOf(store, post.account);
    const outcome: SendOutcome & { url?: string | undefined } =
      'error' in account
        ? { status: 'failed', error: account.error }
        : await sendPost(account, post, options);
    const attempts = post.attempts + 1;
    const now = options.clock.now();
    if (outcome.status === 'sent') {
      result.posted += 1;
      await store.execute(
        `update social_posts set status = 'posted', attempts = $1, posted_at = $2, remote_id = $3, remote_url = $4,
           last_error = null where id = $5`,
        [attempts, now, outcome.providerMessageId ?? null, outcome.url ?? null, post.id],
      );
    } else if (outcome.status === 'failed' || attempts >= MAX_POST_ATTEMPTS) {
      result.failed += 1;
      await store.execute(
        `update social_posts set status = 'failed', attempts = $1, last_error = $2 where id = $3`,
        [attempts, outcome.error, post.id],
      );
    } else {
      result.retrying += 1;
      const wait = backoffDelay(attempts, outcome, LATER_POLICY);
      await store.execute(
        'update social_posts set attempts = $1, last_error = $2, next_attempt_at = $3 where id = $4',
        [attempts, outcome.error, new Date(now.getTime() + wait), post.id],
      );
    }
  }
  return result;
}
