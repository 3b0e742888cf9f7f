import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { TokenBuckets } from './token-bucket.ts';

describe('token buckets', () => {
  it('allows a burst, then one request per refill interval, and says when to retry', () => {
    const clock = new ManualClock('2025-01-01T00:00:00Z');
    const buckets = new TokenBuckets({ capacity: 2, refillPerSecond: 0.25 }, clock);
    expect([buckets.take('a'), buckets.take('a')]).toEqual([{ allowed: true }, { allowed: true }]);
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 4 });
    clock.advance(3000);
    expect(buckets.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    clock.advance(1000);
    expect(buckets.take('a')).toEqual({ allowed: true });
  });

  it('bounds memory under many callers by dropping idle ones first, keeping busy ones limited', () => {
    const clock = new ManualClock('2025-01-01T00:00:00Z');
    const buckets = new TokenBuckets({ capacity: 1, refillPerSecond: 1 }, clock);
    for (let caller = 0; caller < 9_999; caller += 1) buckets.take(`ip-${caller}`);
    clock.advance(2000);
    // The others are full again (idle); "busy" spends its token right now.
    expect(buckets.take('busy')).toEqual({ allowed: true });
    // The 10,001st caller makes room by dropping the idle buckets only.
    expect(buckets.take('newcomer')).toEqual({ allowed: true });
    expect(buckets.take('busy')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });
});
