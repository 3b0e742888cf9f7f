/**
 * Signed tracking tokens (see signed-token.ts). The payload holds only an outbox id and, for clicks, the URL the
 * email linked to: a click token redirects only to the URL it was signed with, so the endpoint is no open redirect.
 */
import { trackingTokenPayloadSchema, type TrackingTokenPayload } from '../schema/tracking.ts';
import { signedTokenCodec } from './signed-token.ts';

/** Distinct from any other use of the secret (e.g. preference-centre links), so tokens never cross over. */
const codec = signedTokenCodec<TrackingTokenPayload>('segmint-tracking-v1:', trackingTokenPayloadSchema);

export function signTrackingToken(payload: TrackingTokenPayload, secret: string): string {
  return codec.sign(payload, secret);
}

/** The payload of a token signed with `secret`, or null for anything forged, altered or malformed. */
export function verifyTrackingToken(token: string, secret: string): TrackingTokenPayload | null {
  return codec.verify(token, secret);
}
