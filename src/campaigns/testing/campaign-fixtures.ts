/** Test data for campaign suites: profiles with traits, a saved segment and template rows. */
import { commitMessages } from '../../ingest/commit-messages.ts';
import { createSegment } from '../../segments/saved/segment-store.ts';
import type { SqlExecutor, Store } from '../../store/store.ts';
import { normalized } from '../../test-support/messages.ts';

/** Profiles identified by user id with the given traits; returns user id → profile id. */
export async function addProfiles(
  store: Store,
  people: readonly { userId: string; traits: Record<string, unknown> }[],
): Promise<Map<string, string>> {
  await store.transaction((tx) =>
    commitMessages(
      tx,
      people.map((person) => normalized({ type: 'identify', userId: person.userId, traits: person.traits })),
    ),
  );
  const rows = await store.query<{ value: string; profile_id: string }>(
    `select value, profile_id from identities where kind = 'user_id' and value in (select unnest($1::varchar[]))`,
    [people.map((person) => person.userId)],
  );
  return new Map(rows.map((row) => [row.value, row.profile_id]));
}

/**
 * A template row as the templates module stores it (005_templates.sql). Campaigns only read id, name, channel and
 * current_version, so the test writes those directly instead of going through template rendering.
 */
export async function addTemplate(store: Store, name: string, channel = 'email'): Promise<string> {
  const id = `tpl_${name}`;
  const now = new Date('2025-01-01T00:00:00Z');
  await store.execute(
    `insert into templates (id, name, channel, current_version, created_at, updated_at, archived_at)
     values ($1, $2, $3, 3, $4, $4, null)`,
    [id, name, channel, now],
  );
  return id;
}

export async function addSegment(store: Store, name: string, text: string): Promise<void> {
  await createSegment(store, { name, text });
}

export type MessageRow = {
  id: string;
  profile_id: string;
  channel: string;
  template_id: string;
  template_version: number;
  campaign_id: string;
  variant: string | null;
  data: unknown;
  status: string;
  next_attempt_at: Date;
};

export async function campaignMessages(executor: SqlExecutor, campaignId: string): Promise<MessageRow[]> {
  const rows = await executor.query<MessageRow>(
    `select id, profile_id, channel, template_id, template_version, campaign_id, variant, data, status,
            next_attempt_at
       from messages where campaign_id = $1 order by profile_id`,
    [campaignId],
  );
  return rows.map((row) => ({
    ...row,
    template_version: Number(row.template_version),
    data: typeof row.data === 'string' ? JSON.parse(row.data) : row.data,
  }));
}
