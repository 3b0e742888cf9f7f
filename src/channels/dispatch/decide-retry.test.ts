import { describe, expect, it } from 'vitest';
import { decideRetry } from './decide-retry.ts';

const policy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 5000 };
const now = new Date('2025-01-01T00:00:00Z');
const delayOf = (decision: ReturnType<typeof decideRetry>) =>
  decision.retry ? decision.at.getTime() - now.getTime() : null;

describe('decideRetry', () => {
  it('doubles the delay with each attempt, between half and all of it depending on the jitter', () => {
    const low = [1, 2, 3].map((attempts) => delayOf(decideRetry({ attempts, policy, now, random: () => 0 })));
    const high = [1, 2, 3].map((attempts) =>
      delayOf(decideRetry({ attempts, policy, now, random: () => 0.999999 })),
    );
    expect(low).toEqual([500, 1000, 2000]);
    expect(high).toEqual([1000, 2000, 4000]);
  });

  it('caps the delay', () => {
    const capped = decideRetry({
      attempts: 3,
      policy: { ...policy, maxDelayMs: 1500 },
      now,
      random: () => 0.999999,
    });
    expect(delayOf(capped)).toBe(1500);
  });

  it('waits at least as long as the provider asked (Retry-After)', () => {
    expect(delayOf(decideRetry({ attempts: 1, retryAfterMs: 30_000, policy, now, random: () => 0 }))).toBe(
      30_000,
    );
  });

  it('gives up after the last attempt', () => {
    expect(decideRetry({ attempts: 4, policy, now, random: () => 0 })).toEqual({ retry: false });
  });
});
