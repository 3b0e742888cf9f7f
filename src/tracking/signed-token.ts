/**
 * Signed, URL-safe tokens: `base64url(JSON payload).base64url(HMAC-SHA256(secret, context + payload part))`. The
 * payload is readable but cannot be changed; each use (tracking links, preference-centre links) signs under its own
 * context, so a token of one kind never verifies as another.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';

export interface SignedTokenCodec<T> {
  sign(payload: T, secret: string): string;
  /** The payload of a token signed with `secret`, or null for anything forged, altered or malformed. */
  verify(token: string, secret: string): T | null;
}

export function signedTokenCodec<T>(context: string, schema: z.ZodType<T>): SignedTokenCodec<T> {
  const signatureOf = (payloadPart: string, secret: string): Buffer =>
    createHmac('sha256', secret).update(context).update(payloadPart).digest();
  return {
    sign(payload, secret) {
      const payloadPart = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return `${payloadPart}.${signatureOf(payloadPart, secret).toString('base64url')}`;
    },
    verify(token, secret) {
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
      const parsed = schema.safeParse(decoded);
      return parsed.success ? parsed.data : null;
    },
  };
}
