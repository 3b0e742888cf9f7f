/**
 * The email channel without an SMTP server (the default when SEGMINT_SMTP_URL is not set): each email is built as
 * real MIME by nodemailer, exactly as it would be sent, and kept in `captured_emails`, so the demo and tests can
 * show what would have gone out. `segmint messages captured` and `GET /api/messages/captured` read it.
 */
import nodemailer from 'nodemailer';
import { systemClock, type Clock } from '../../clock.ts';
import type { Store } from '../../store/store.ts';
import type { Channel, RenderedMessage, SendOutcome } from '../channel.ts';
import { toMailOptions } from './email-message.ts';

export function createCaptureEmailChannel(options: { store: Store; from: string; clock?: Clock }): Channel {
  const clock = options.clock ?? systemClock;
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    name: 'email',
    async send(message: RenderedMessage): Promise<SendOutcome> {
      const mail = toMailOptions(message, options);
      const info = await transport.sendMail(mail);
      const raw = Buffer.isBuffer(info.message) ? info.message.toString('utf8') : '';
      const headers: Record<string, string> = {
        'Message-ID': info.messageId,
        From: options.from,
        To: message.recipient,
        Subject: message.subject ?? '',
        ...message.headers,
      };
      // A retry of a captured message keeps the first capture (the id is the outbox id).
      await options.store.execute(
        `insert into captured_emails
           (message_id, profile_id, recipient, sender, subject, html, text, headers, raw, captured_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         on conflict (message_id) do nothing`,
        [
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
        ],
      );
      return { status: 'sent', providerMessageId: info.messageId };
    },
    async close(): Promise<void> {
      transport.close();
    },
  };
}
