/**
 * SMTP settings from a URL: `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465`
 * (TLS from the start). Query parameters: `from` (the From address), `pool` (connections), `insecure=1` (accept
 * self-signed certificates, for local relays only).
 */
import { SegmintError } from '../../errors.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { DEFAULT_EMAIL_FROM, smtpOptionsSchema, type SmtpOptions } from '../../schema/email.ts';

export function parseSmtpUrl(text: string, defaults: { from?: string | undefined } = {}): SmtpOptions {
  if (!URL.canParse(text)) {
    throw new SegmintError(
      'invalid_input',
      `SEGMINT_SMTP_URL '${text.replace(/\/\/[^@/]*@/, '//***@')}' is not a URL: use smtp://user:pass@host:587 or smtps://user:pass@host:465.`,
    );
  }
  const url = new URL(text);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new SegmintError(
      'invalid_input',
      `SEGMINT_SMTP_URL must start with smtp:// or smtps:// (got '${url.protocol}//').`,
    );
  }
  const secure = url.protocol === 'smtps:';
  const pool = url.searchParams.get('pool');
  return parseOrThrow(
    smtpOptionsSchema,
    {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      ...(url.username
        ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
        : {}),
      from: url.searchParams.get('from') ?? defaults.from ?? DEFAULT_EMAIL_FROM,
      ...(pool ? { maxConnections: Number(pool) } : {}),
      allowInvalidCertificates: url.searchParams.get('insecure') === '1',
    },
    'SEGMINT_SMTP_URL',
  );
}
