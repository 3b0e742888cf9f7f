/**
 * Signed, URL-safe tokens for the preference centre and double opt-in confirmation links:
 * signed like tracking tokens (src/tracking/signed-token.ts). The secret is the tracking
 * secret (src/tracking/tracking-secret.ts); the signing context differs from tracking tokens', so a token of one
 * kind never verifies as another.
 */
import { z } from 'zod';
import { signedTokenCodec } from '../tracking/signed-token.ts';

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

const codec = signedTokenCodec<SubscriptionTokenPayload>(SIGNING_CONTEXT, subscriptionTokenPayloadSchema);

export function signSubscriptionToken(payload: SubscriptionTokenPayload, secret: string): string {
  return codec.sign(payload, secret);
}

/** The payload of a token signed with `secret`, or null for anything forged, altered or malformed. */
export function verifySubscriptionToken(token: string, secret: string): SubscriptionTokenPayload | null {
  return codec.verify(token, secret);
}

/** The path of a profile's preference centre (append to the server's public URL). */
export function preferenceCentrePath(profileId: string, secret: string): string {
  return `/preferences/${signSubscriptionToken({ v: 1, k: 'preferences', p: profileId }, secret)}`;
}
