/**
 * A RenderedMessage as a nodemailer message: From, To, Subject, HTML and text parts, a Message-ID derived from the
 * outbox id (so a retried send carries the same Message-ID and receivers can spot the duplicate), and the headers
 * the dispatcher chose (List-Unsubscribe, List-Unsubscribe-Post, …).
 */
import type Mail from 'nodemailer/lib/mailer/index.js';
import type { RenderedMessage } from '../channel.ts';

/** The domain of a From address (`Shop <news@shop.example>` → `shop.example`), which names our Message-IDs. */
export function domainOfAddress(address: string): string {
  const match = /@([^\s>@]+)>?\s*$/.exec(address.trim());
  return match?.[1]?.toLowerCase() ?? 'segmint.local';
}

/**
 * `<outbox-id@domain>`. Outbox ids contain `:` and other characters a Message-ID's left part (RFC 5322 dot-atom)
 * cannot hold: those are percent-encoded, which keeps the id readable and unique.
 */
export function messageIdHeader(outboxId: string, domain: string): string {
  const local = outboxId.replace(/[^A-Za-z0-9!#$&'*+\-/=?^_`{|}~]/g, (character) =>
    [...Buffer.from(character)]
      .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
      .join(''),
  );
  return `<${local}@${domain}>`;
}

export function toMailOptions(message: RenderedMessage, sender: { from: string }): Mail.Options {
  return {
    from: sender.from,
    to: message.recipient,
    subject: message.subject ?? '',
    text: message.text,
    ...(message.html === undefined ? {} : { html: message.html }),
    messageId: messageIdHeader(message.id, domainOfAddress(sender.from)),
    headers: { ...message.headers },
  };
}
