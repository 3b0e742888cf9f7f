/**
 * Signed, URL-safe tracking tokens: `base64url(JSON payload).base64url(HMAC-SHA256(secret, payload part))`.
 * The payload is readable (it holds only an outbox id and, for clicks, the URL the email linked to) but cannot be
 * changed: a click token redirects only to the URL it was signed with, so the endpoint is no open redirect.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { trackingTokenPayloadSchema, type TrackingTokenPayload } from '../schema/tracking.ts';

/** Distinct from any other use of the secret (e.g. preference-centre links), so tokens never cross over. */
const SIGNING_CONTEXT = 'segmint-tracking-v1:';

function signatureOf(payloadPart: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(SIGNING_CONTEXT).update(payloadPart).digest();
}

export function signTrackingToken(payload: TrackingTokenPayload, secret: string): string {
  const payloadPart = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${payloadPart}.${signatureOf(payloadPart, secret).toString('base64url')}`;
}

/** The payload of a token signed with `secret`, or null for anything forged, altered or malformed. */
export function verifyTrackingToken(token: string, secret: string): TrackingTokenPayload | null {
  const [payloadPart, signaturePart, extra] = token.split('.');
  if (!payloadPart || !signaturePart || extra !== undefined) return null;
  const given = Buffer.from(signaturePart, 'base64url');
  const expected = signatureOf(payloadPart, secret);
  // base64url decoding ignores stray characters, so the canonical re-encoding must match too.
  if (given.length !== expected.length || given.toString('base64url') !== signaturePart) return null;
  if (!timingSafeEqual(given, expected)) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  } catch (error) {
    // Unreachable for tokens we signed; a correctly signed garbage payload means the secret leaked.
    if (error instanceof SyntaxError) return null;
    throw error;
  }
  const parsed = trackingTokenPayloadSchema.safeParse(decoded);
  return parsed.success ? parsed.data : null;
}
