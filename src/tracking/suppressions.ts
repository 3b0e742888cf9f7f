/**
 * Suppressed addresses per channel: a hard bounce or an unsubscribe stops every later send to the address, whatever
 * profile or campaign it comes from. Email addresses are compared lower-cased.
 */
import type { SqlExecutor } from '../store/store.ts';

export type SuppressionReason = 'hard_bounce' | 'unsubscribed' | 'manual';

function normalizeAddress(channel: string, address: string): string {
  return channel === 'email' ? address.trim().toLowerCase() : address.trim();
}

export async function suppressAddress(
  executor: SqlExecutor,
  options: {
    channel: string;
    address: string;
    reason: SuppressionReason;
    messageId?: string | null;
    at: Date;
  },
): Promise<void> {
  await executor.execute(
    `insert into suppressions (channel, address, reason, message_id, created_at) values ($1, $2, $3, $4, $5)
     on conflict (channel, address) do nothing`,
    [
      options.channel,
      normalizeAddress(options.channel, options.address),
      options.reason,
      options.messageId ?? null,
      options.at,
    ],
  );
}

/** The reason the address is suppressed on the channel, or null when it may be sent to. */
export async function suppressionOf(
  executor: SqlExecutor,
  options: { channel: string; address: string },
): Promise<SuppressionReason | null> {
  const rows = await executor.query<{ reason: SuppressionReason }>(
    'select reason from suppressions where channel = $1 and address = $2',
    [options.channel, normalizeAddress(options.channel, options.address)],
  );
  return rows[0]?.reason ?? null;
}
