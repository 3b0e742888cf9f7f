/**
 * Deterministic A/B assignment: a profile's bucket is a hash of campaign id and profile id, so re-running a send
 * (after a crash, or on another worker) puts everybody in the same variant, and a profile's buckets in two
 * campaigns are independent.
 */
import { createHash } from 'node:crypto';
import type { AbTest } from '../schema/campaign.ts';

/** A number in [0, 1) from the first 48 bits of SHA-256(campaignId ":" profileId). */
export function audienceBucket(campaignId: string, profileId: string): number {
  const digest = createHash('sha256').update(`${campaignId}:${profileId}`).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

export type AbAssignment = { kind: 'sample'; variant: string } | { kind: 'remainder' };

/** Buckets below the sample share are in the test, split evenly across the variants in order; the rest wait. */
export function assignAbVariant(test: AbTest, bucket: number): AbAssignment {
  const share = test.samplePercent / 100;
  if (bucket >= share) return { kind: 'remainder' };
  const index = Math.min(test.variants.length - 1, Math.floor((bucket / share) * test.variants.length));
  const variant = test.variants[index];
  if (!variant) throw new Error(`variant index ${index} out of range`);
  return { kind: 'sample', variant: variant.name };
}
