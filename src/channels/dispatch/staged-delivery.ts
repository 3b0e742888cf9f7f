/**
 * Channels whose delivery is itself a write to the store (the capture email channel keeps each email in
 * `captured_emails`). Written by the channel, each delivery would be one more DuckDB commit per email (~13 ms); staged
 * instead, the dispatcher writes the deliveries of a whole group of outcomes in the transaction that records those
 * outcomes. "Sent" and "captured" then commit together: a crash before that commit leaves the row `sending` with
 * nothing captured, and it is delivered again once its lease runs out.
 */
import type { SqlExecutor, SqlValue } from '../../store/store.ts';
import type { Channel, RenderedMessage, SendOutcome } from '../channel.ts';

/** Writes the rows of many staged deliveries set-wise (one statement for the group); rows already stored are kept. */
export type DeliveryWriter = (tx: SqlExecutor, rows: readonly (readonly SqlValue[])[]) => Promise<void>;

/** One delivery to write: its row, and the writer shared by every delivery of its kind. */
export interface StagedDelivery {
  write: DeliveryWriter;
  row: readonly SqlValue[];
}

export interface StagingChannel extends Channel {
  /** Everything `send` does except the store write, which the dispatcher makes with the outcome. */
  stage(message: RenderedMessage): Promise<{ outcome: SendOutcome; delivery?: StagedDelivery | undefined }>;
}

export function isStagingChannel(channel: Channel): channel is StagingChannel {
  return 'stage' in channel && typeof channel.stage === 'function';
}

/** Writes staged deliveries grouped by writer: one statement per kind of delivery. */
export async function writeStagedDeliveries(
  tx: SqlExecutor,
  deliveries: readonly StagedDelivery[],
): Promise<void> {
  const byWriter = new Map<DeliveryWriter, (readonly SqlValue[])[]>();
  for (const { write, row } of deliveries) {
    const rows = byWriter.get(write) ?? [];
    rows.push(row);
    byWriter.set(write, rows);
  }
  for (const [write, rows] of byWriter) await write(tx, rows);
}

/** Sends through `channel`, staging the store write when the channel can stage it. */
export async function deliver(
  channel: Channel,
  message: RenderedMessage,
): Promise<{ outcome: SendOutcome; delivery?: StagedDelivery | undefined }> {
  return isStagingChannel(channel) ? channel.stage(message) : { outcome: await channel.send(message) };
}
