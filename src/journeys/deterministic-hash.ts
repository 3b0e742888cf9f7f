/** Hashes that decide things which must come out the same on every replay: run ids, holdout, split variants. */
import { createHash } from 'node:crypto';

/** A number in [0, 1) from the SHA-256 of `text` (48 bits, uniform enough for percentages and weights). */
export function hashToUnit(text: string): number {
  const digest = createHash('sha256').update(text).digest();
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/** The id of the run a trigger starts: the same trigger (transition, event, date) always gives the same run. */
export function runIdFor(journeyId: string, source: string): string {
  return `run_${createHash('sha256').update(`${journeyId}\u0000${source}`).digest('hex').slice(0, 32)}`;
}

/**
 * Whether a profile is in a journey's holdout (control) group: a hash of journey and profile id, so the same
 * profile is always in or out of one journey's control group, but not the same people in every journey.
 */
export function isHeldOut(journeyId: string, profileId: string, holdoutPercent: number): boolean {
  return (
    holdoutPercent > 0 && hashToUnit(`holdout\u0000${journeyId}\u0000${profileId}`) * 100 < holdoutPercent
  );
}

/** The variant a weighted split assigns to a run (deterministic by run and node). */
export function pickVariant<T extends { weight: number }>(variants: readonly T[], key: string): T {
  const total = variants.reduce((sum, variant) => sum + variant.weight, 0);
  let point = hashToUnit(`split\u0000${key}`) * total;
  for (const variant of variants) {
    if (point < variant.weight) return variant;
    point -= variant.weight;
  }
  const last = variants[variants.length - 1];
  if (!last) throw new Error('a split needs variants');
  return last;
}
