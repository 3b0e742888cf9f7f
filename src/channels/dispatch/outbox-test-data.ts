/** Builders for dispatcher tests: a profile with an email address and queued outbox rows. */
import { commitMessages } from '../../ingest/commit-messages.ts';
import type { Store } from '../../store/store.ts';
import { normalized } from '../../test-support/messages.ts';

/** Creates (or updates) the profile of `userId` with these traits; returns its profile id. */
export async function givenProfile(
  store: Store,
  userId: string,
  traits: Record<string, unknown>,
): Promise<string> {
  await store.transaction((tx) => commitMessages(tx, [normalized({ type: 'identify', userId, traits })]));
  const rows = await store.query<{ profile_id: string }>(
    "select profile_id from identities where kind = 'user_id' and value = $1",
    [userId],
  );
  const id = rows[0]?.profile_id;
  if (!id) throw new Error(`no profile for ${userId}`);
  return id;
}

export async function givenQueuedMessage(
  store: Store,
  row: {
    id: string;
    profileId: string;
    createdAt: Date;
    channel?: string;
    templateId?: string | null;
    campaignId?: string | null;
    variant?: string | null;
    data?: Record<string, unknown> | null;
    status?: string;
    updatedAt?: Date;
  },
): Promise<void> {
  await store.execute(
    `insert into messages (id, profile_id, channel, template_id, campaign_id, variant, data, status, attempts,
                           created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $10)`,
    [
      row.id,
      row.profileId,
      row.channel ?? 'email',
      row.templateId ?? null,
      row.campaignId ?? null,
      row.variant ?? null,
      row.data ? JSON.stringify(row.data) : null,
      row.status ?? 'queued',
      row.createdAt,
      row.updatedAt ?? row.createdAt,
    ],
  );
}

export async function eventsNamed(
  store: Store,
  event: string,
): Promise<{ profile_id: string; properties: Record<string, unknown> }[]> {
  return store.query(
    'select profile_id, properties from events where event = $1 order by occurred_at, message_id',
    [event],
  );
}
