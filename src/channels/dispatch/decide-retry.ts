/**
 * When to try a temporarily failed message again: exponential backoff (base × 2^(attempt−1), capped) with jitter
 * so that many messages failing together (a provider outage) do not come back together, never sooner than a
 * provider's Retry-After, and not at all after `maxAttempts`.
 */

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 30_000,
  maxDelayMs: 6 * 60 * 60 * 1000,
};

export type RetryDecision = { retry: true; at: Date } | { retry: false };

export function decideRetry(options: {
  /** Attempts made so far, including the one that just failed. */
  attempts: number;
  retryAfterMs?: number | undefined;
  policy: RetryPolicy;
  now: Date;
  /** A number in [0, 1); Math.random in production, fixed in tests. */
  random: () => number;
}): RetryDecision {
  const { attempts, policy } = options;
  if (attempts >= policy.maxAttempts) return { retry: false };
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  // "Equal jitter": half the delay is fixed, half random, so a retry never comes back almost at once.
  const delay = exponential / 2 + (exponential / 2) * options.random();
  const wait = Math.max(delay, options.retryAfterMs ?? 0);
  return { retry: true, at: new Date(options.now.getTime() + Math.round(wait)) };
}
