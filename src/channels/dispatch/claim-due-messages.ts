/**
 * Claims due outbox rows for sending: `queued` and `deferred` rows whose time has come, and `sending` rows whose
 * lease ran out (the process sending them died before recording the outcome). Claimed rows become `sending` with
 * one more attempt, in one transaction. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets several dispatchers claim
 * side by side without taking the same row; DuckDB has one writer, whose transactions are serialised.
 *
 * The lease is the duplicate window: a row whose email the server accepted but whose outcome was not recorded
 * (crash in between) is sent again once the lease runs out.
 */
import type { Store } from '../../store/store.ts';

export type ClaimedMessage = {
  id: string;
  profile_id: string;
  channel: string;
  template_id: string | null;
  template_version: number | null;
  journey_id: string | null;
  node_id: string | null;
  campaign_id: string | null;
  variant: string | null;
  data: Record<string, unknown> | null;
  attempts: number;
  created_at: Date;
};

export const DEFAULT_SENDING_LEASE_MS = 10 * 60 * 1000;

export async function claimDueMessages(
  store: Store,
  options: {
    now: Date;
    limit: number;
    /** Only rows of these channels (the ones this dispatcher can send). */
    channels: readonly string[];
    sendingLeaseMs?: number;
  },
): Promise<ClaimedMessage[]> {
  if (options.channels.length === 0) return [];
  const leaseExpiredBefore = new Date(
    options.now.getTime() - (options.sendingLeaseMs ?? DEFAULT_SENDING_LEASE_MS),
  );
  const lock = store.dialect.name === 'postgres' ? 'for update skip locked' : '';
  return store.transaction(async (tx) => {
    const rows = await tx.query<ClaimedMessage>(
      `select id, profile_id, channel, template_id, template_version, journey_id, node_id, campaign_id, variant,
              data, attempts, created_at
         from messages
        where channel in (select unnest($1::varchar[]))
          and ((status in ('queued', 'deferred') and (next_attempt_at is null or next_attempt_at <= $2))
               or (status = 'sending' and updated_at <= $3))
        order by coalesce(next_attempt_at, created_at), id
        limit $4
        ${lock}`,
      [options.channels, options.now, leaseExpiredBefore, options.limit],
    );
    if (rows.length === 0) return [];
    await tx.execute(
      `update messages set status = 'sending', attempts = attempts + 1, updated_at = $1
        where id in (select unnest($2::varchar[]))`,
      [options.now, rows.map((row) => row.id)],
    );
    return rows.map((row) => ({ ...row, attempts: row.attempts + 1 }));
  });
}
