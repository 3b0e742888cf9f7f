/**
 * Token buckets per caller, in memory: each caller may burst up to `capacity` requests and then `refillPerSecond`
 * requests per second. Time comes from a Clock so tests move it instead of sleeping. Idle callers' buckets (full
 * again) are dropped when the map grows, so memory stays bounded under many IPs.
 */
import type { Clock } from '../clock.ts';

export interface RateLimitOptions {
  capacity: number;
  refillPerSecond: number;
}

export type TakeResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const MAX_TRACKED_CALLERS = 10_000;

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly options: RateLimitOptions,
    private readonly clock: Clock,
  ) {}

  take(caller: string): TakeResult {
    const now = this.clock.now().getTime();
    const bucket = this.buckets.get(caller) ?? { tokens: this.options.capacity, at: now };
    const refilled = Math.min(
      this.options.capacity,
      bucket.tokens + ((now - bucket.at) / 1000) * this.options.refillPerSecond,
    );
    if (refilled < 1) {
      this.buckets.set(caller, { tokens: refilled, at: now });
      return { allowed: false, retryAfterSeconds: Math.ceil((1 - refilled) / this.options.refillPerSecond) };
    }
    if (!this.buckets.has(caller) && this.buckets.size >= MAX_TRACKED_CALLERS) this.dropIdle(now);
    this.buckets.set(caller, { tokens: refilled - 1, at: now });
    return { allowed: true };
  }

  private dropIdle(now: number): void {
    for (const [caller, bucket] of this.buckets) {
      const refilled = bucket.tokens + ((now - bucket.at) / 1000) * this.options.refillPerSecond;
      if (refilled >= this.options.capacity) this.buckets.delete(caller);
    }
    // Every bucket busy: forgetting them all is the bounded-memory fallback (callers get a fresh burst).
    if (this.buckets.size >= MAX_TRACKED_CALLERS) this.buckets.clear();
  }
}
