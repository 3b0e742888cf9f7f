/**
 * HMAC signatures of webhook requests. Segmint signs `<timestamp>.<body>` with the destination's secret and sends
 * `X-Segmint-Timestamp: <unix seconds>` and `X-Segmint-Signature: sha256=<hex>`. Binding the timestamp into the MAC
 * lets a receiver reject replays of an old request; see README.md for how to verify on the receiving side.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-segmint-signature';
export const TIMESTAMP_HEADER = 'x-segmint-timestamp';

/** `sha256=<hex HMAC-SHA256 of "timestamp.body">`. */
export function signWebhookPayload(options: { secret: string; timestamp: number; body: string }): string {
  const mac = createHmac('sha256', options.secret)
    .update(`${options.timestamp}.${options.body}`)
    .digest('hex');
  return `sha256=${mac}`;
}

export interface VerifyWebhookOptions {
  secret: string;
  /** The raw request body exactly as received (verify before parsing: re-serialised JSON may differ). */
  body: string | Buffer;
  signature: string | undefined;
  timestamp: string | undefined;
  /** The receiver's time; default: now. */
  now?: Date;
  /** How old (or how far in the future) a timestamp may be; default 300 s. */
  toleranceSeconds?: number;
}

/** True when the signature is Segmint's for this body and timestamp, and the timestamp is recent. */
export function verifyWebhookSignature(options: VerifyWebhookOptions): boolean {
  if (!options.signature || !options.timestamp || !/^\d+$/.test(options.timestamp)) return false;
  const timestamp = Number(options.timestamp);
  const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSeconds - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const body = typeof options.body === 'string' ? options.body : options.body.toString('utf8');
  const expected = Buffer.from(signWebhookPayload({ secret: options.secret, timestamp, body }));
  const given = Buffer.from(options.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
