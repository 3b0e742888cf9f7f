/**
 * The email channel without an SMTP server (the default when SEGMINT_SMTP_URL is not set): each email is built as
 * real MIME by nodemailer, exactly as it would be sent, and kept in `captured_emails`, so the demo and tests can
 * show what would have gone out. `segmint messages captured` and `GET /api/messages/captured` read it.
 *
 * The dispatcher stages the capture (staged-delivery.ts) and writes it in the transaction recording the outcome,
 * many emails per commit; `send` alone writes it at once, for callers outside the dispatcher.
 */
import nodemailer from 'nodemailer';
import { systemClock, type Clock } from '../../clock.ts';
import type { SqlExecutor, SqlValue, Store } from '../../store/store.ts';
import type { RenderedMessage, SendOutcome } from '../channel.ts';
import type { StagedDelivery, StagingChannel } from '../dispatch/staged-delivery.ts';
import { toMailOptions } from './email-message.ts';

const CAPTURED_COLUMNS = [
  'message_id',
  'profile_id',
  'recipient',
  'sender',
  'subject',
  'html',
  'text',
  'headers',
  'raw',
  'captured_at',
] as const;

/** A retry of a captured message keeps the first capture (the key is the outbox id). */
async function writeCapturedEmails(tx: SqlExecutor, rows: readonly (readonly SqlValue[])[]): Promise<void> {
  await tx.insertRows('captured_emails', CAPTURED_COLUMNS, rows, { ignoreConflicts: true });
}

export function createCaptureEmailChannel(options: {
  store: Store;
  from: string;
  clock?: Clock;
}): StagingChannel {
  const clock = options.clock ?? systemClock;
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  async function stage(
    message: RenderedMessage,
  ): Promise<{ outcome: SendOutcome; delivery: StagedDelivery }> {
    const info = await transport.sendMail(toMailOptions(message, options));
    const raw = Buffer.isBuffer(info.message) ? info.message.toString('utf8') : '';
    const headers: Record<string, string> = {
      'Message-ID': info.messageId,
      From: options.from,
      To: message.recipient,
      Subject: message.subject ?? '',
      ...message.headers,
    };
    const row: SqlValue[] = [
      message.id,
      message.profileId,
      message.recipient,
      options.from,
      message.subject ?? null,
      message.html ?? null,
      message.text,
      JSON.stringify(headers),
      raw,
      clock.now(),
    ];
    return {
      outcome: { status: 'sent', providerMessageId: info.messageId },
      delivery: { write: writeCapturedEmails, row },
    };
  }

  return {
    name: 'email',
    stage,
    async send(message: RenderedMessage): Promise<SendOutcome> {
      const { outcome, delivery } = await stage(message);
      await options.store.transaction((tx) => delivery.write(tx, [delivery.row]));
      return outcome;
    },
    async close(): Promise<void> {
      transport.close();
    },
  };
}
