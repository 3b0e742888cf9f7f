/**
 * Signed, URL-safe tokens for the preference centre and double opt-in confirmation links:
 * `base64url(JSON payload).base64url(HMAC-SHA256(secret, context + payload part))`. The secret is the tracking
 * secret (src/tracking/tracking-secret.ts); the signing context differs from tracking tokens', so a token of one
 * kind never verifies as another.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

const SIGNING_CONTEXT = 'segmint-subscriptions-v1:';

export const subscriptionTokenPayloadSchema = z.discriminatedUnion('k', [
  /** Opens the preference centre of profile `p`. */
  z.object({ v: z.literal(1), k: z.literal('preferences'), p: z.string().min(1) }),
  /** Confirms profile `p`'s pending subscription to topic `t`; expires at `e` (epoch seconds). */
  z.object({
    v: z.literal(1),
    k: z.literal('confirm'),
    p: z.string().min(1),
    t: z.string().min(1),
    e: z.number().int(),
  }),
]);
export type SubscriptionTokenPayload = z.infer<typeof subscriptionTokenPayloadSchema>;

function signatureOf(payloadPart: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(SIGNING_CONTEXT).update(payloadPart).digest();
}

export function signSubscriptionToken(payload: SubscriptionTokenPayload, secret: string): string {
  const payloadPart = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${payloadPart}.${signatureOf(payloadPart, secret).toString('base64url')}`;
}

/** The payload of a token signed with `secret`, or null for anything forged, altered or malformed. */
export function verifySubscriptionToken(token: string, secret: string): SubscriptionTokenPayload | null {
  const [payloadPart, signaturePart, extra] = token.split('.');
  if (!payloadPart || !signaturePart || extra !== undefined) return null;
  const given = Buffer.from(signaturePart, 'base64url');
  const expected = signatureOf(payloadPart, secret);
  // base64url decoding skips stray characters, so the canonical re-encoding must match as well.
  if (given.length !== expected.length || given.toString('base64url') !== signaturePart) return null;
  if (!timingSafeEqual(given, expected)) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  } catch (error) {
    // Only reachable with a correctly signed garbage payload, i.e. a leaked secret: refuse it.
    if (error instanceof SyntaxError) return null;
    throw error;
  }
  const parsed = subscriptionTokenPayloadSchema.safeParse(decoded);
  return parsed.success ? parsed.data : null;
}

/** The path of a profile's preference centre (append to the server's public URL). */
export function preferenceCentrePath(profileId: string, secret: string): string {
  return `/preferences/${signSubscriptionToken({ v: 1, k: 'preferences', p: profileId }, secret)}`;
}
