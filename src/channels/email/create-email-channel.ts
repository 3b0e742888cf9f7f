/**
 * Picks the email transport: SMTP when SEGMINT_SMTP_URL (or explicit SMTP options) is given, otherwise capture
 * into the store. The From address comes from SEGMINT_EMAIL_FROM, the URL's `from` parameter, or a default.
 */
import type { Clock } from '../../clock.ts';
import { DEFAULT_EMAIL_FROM, type SmtpOptionsInput } from '../../schema/email.ts';
import type { Store } from '../../store/store.ts';
import type { Channel } from '../channel.ts';
import { createCaptureEmailChannel } from './capture-email-channel.ts';
import { createSmtpEmailChannel } from './smtp-email-channel.ts';
import { parseSmtpUrl } from './smtp-url.ts';

export type EmailTransportMode = 'smtp' | 'capture';

export function emailTransportMode(environment: NodeJS.ProcessEnv = process.env): EmailTransportMode {
  return environment.SEGMINT_SMTP_URL?.trim() ? 'smtp' : 'capture';
}

export function createEmailChannel(options: {
  store: Store;
  clock?: Clock;
  smtp?: SmtpOptionsInput;
  environment?: NodeJS.ProcessEnv;
}): Channel {
  const environment = options.environment ?? process.env;
  const from = environment.SEGMINT_EMAIL_FROM?.trim() || undefined;
  if (options.smtp) return createSmtpEmailChannel(options.smtp);
  const url = environment.SEGMINT_SMTP_URL?.trim();
  if (url) return createSmtpEmailChannel(parseSmtpUrl(url, { from }));
  return createCaptureEmailChannel({
    store: options.store,
    from: from ?? DEFAULT_EMAIL_FROM,
    ...(options.clock ? { clock: options.clock } : {}),
  });
}
