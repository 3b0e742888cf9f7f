/**
 * The two calls Segmint makes to a Mastodon-compatible server (Mastodon, GoToSocial, Pleroma/Akkoma):
 * `POST /api/v1/statuses` with an `Idempotency-Key` (a retried post is not posted twice) and
 * `GET /api/v1/statuses/:id` for engagement counts.
 */
import { z } from 'zod';
import type { Clock } from '../../clock.ts';
import type { SendOutcome } from '../channel.ts';
import { requestWithOutcome } from '../webhook/http-outcome.ts';

export interface MastodonAccount {
  baseUrl: string;
  token: string;
}

const statusSchema = z.object({
  id: z.string(),
  url: z.string().nullable().optional(),
  favourites_count: z.number().int().nonnegative().default(0),
  reblogs_count: z.number().int().nonnegative().default(0),
  replies_count: z.number().int().nonnegative().default(0),
});

export interface StatusEngagement {
  favourites: number;
  reblogs: number;
  replies: number;
}

function endpoint(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

function readStatus(text: string | undefined): z.infer<typeof statusSchema> | undefined {
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  const parsed = statusSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

export async function postMastodonStatus(options: {
  account: MastodonAccount;
  text: string;
  idempotencyKey: string;
  clock: Clock;
  timeoutMs?: number;
}): Promise<SendOutcome & { url?: string | undefined }> {
  const result = await requestWithOutcome({
    url: endpoint(options.account.baseUrl, '/api/v1/statuses'),
    headers: {
      authorization: `Bearer ${options.account.token}`,
      'content-type': 'application/json',
      'idempotency-key': options.idempotencyKey,
    },
    body: JSON.stringify({ status: options.text, visibility: 'public' }),
    clock: options.clock,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  if (result.outcome.status !== 'sent') return result.outcome;
  const status = readStatus(result.responseText);
  if (!status)
    return { status: 'failed', error: 'the server accepted the post but answered without a status id' };
  return { status: 'sent', providerMessageId: status.id, url: status.url ?? undefined };
}

export async function fetchMastodonEngagement(options: {
  account: MastodonAccount;
  statusId: string;
  clock: Clock;
  timeoutMs?: number;
}): Promise<StatusEngagement | { error: string }> {
  const result = await requestWithOutcome({
    method: 'GET',
    url: endpoint(options.account.baseUrl, `/api/v1/statuses/${encodeURIComponent(options.statusId)}`),
    headers: { authorization: `Bearer ${options.account.token}` },
    clock: options.clock,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
  if (result.outcome.status !== 'sent') return { error: result.outcome.error };
  const status = readStatus(result.responseText);
  if (!status) return { error: 'the server answered without a status' };
  return {
    favourites: status.favourites_count,
    reblogs: status.reblogs_count,
    replies: status.replies_count,
  };
}
