/**
 * The email channel over SMTP: one pooled nodemailer transport (several connections kept open, each reused for
 * many messages), so sending concurrently does not pay a TCP/TLS/EHLO handshake per email.
 */
import nodemailer from 'nodemailer';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { smtpOptionsSchema, type SmtpOptionsInput } from '../../schema/email.ts';
import type { Channel, RenderedMessage, SendOutcome } from '../channel.ts';
import { classifySmtpError } from './classify-smtp-error.ts';
import { toMailOptions } from './email-message.ts';

export function createSmtpEmailChannel(input: SmtpOptionsInput): Channel {
  const options = parseOrThrow(smtpOptionsSchema, input, 'smtp options');
  const transport = nodemailer.createTransport({
    pool: true,
    host: options.host,
    port: options.port,
    secure: options.secure,
    ...(options.auth ? { auth: options.auth } : {}),
    maxConnections: options.maxConnections,
    // Reconnecting every 100 messages (the default) costs throughput for nothing on a healthy connection.
    maxMessages: 1000,
    tls: { rejectUnauthorized: !options.allowInvalidCertificates },
  });
  return {
    name: 'email',
    async send(message: RenderedMessage): Promise<SendOutcome> {
      try {
        // One recipient per message: if the server refuses it, nodemailer rejects with the reply code.
        const info = await transport.sendMail(toMailOptions(message, options));
        return { status: 'sent', providerMessageId: info.messageId };
      } catch (error) {
        return classifySmtpError(error);
      }
    },
    async close(): Promise<void> {
      transport.close();
    },
  };
}
