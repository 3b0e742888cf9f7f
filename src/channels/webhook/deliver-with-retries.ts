/**
 * Calls `attempt` until it is sent, fails for good, or runs out of attempts, waiting between tries with exponential
 * backoff — or longer when the receiver asked (Retry-After). The wait goes through an injectable `sleep`, so
 * tests run without real time passing and the content publisher can bound how long one delivery may hold it.
 */
import type { SendOutcome } from '../channel.ts';

export interface RetryPolicy {
  /** Tries in all, the first included; default 5. */
  maxAttempts?: number;
  /** Wait before the 2nd try; doubled for each further one; default 1 s. */
  baseDelayMs?: number;
  /** No wait is longer than this (a Retry-After above it gives up instead); default 5 min. */
  maxDelayMs?: number;
  sleep?: (milliseconds: number) => Promise<void>;
}

export interface DeliveryResult {
  outcome: SendOutcome;
  attempts: number;
  /** The waits taken between attempts, in milliseconds. */
  waitsMs: number[];
}

export const realSleep = (milliseconds: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, milliseconds));

/** The wait before try number `attempt + 1` (attempt counts from 1). Pure: the unit of the retry schedule. */
export function backoffDelay(
  attempt: number,
  outcome: SendOutcome,
  policy: Required<Omit<RetryPolicy, 'sleep'>>,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const asked = outcome.status === 'retry' ? (outcome.retryAfterMs ?? 0) : 0;
  return Math.max(exponential, asked);
}

export async function deliverWithRetries(
  attempt: () => Promise<SendOutcome>,
  policy: RetryPolicy = {},
): Promise<DeliveryResult> {
  const settings = {
    maxAttempts: policy.maxAttempts ?? 5,
    baseDelayMs: policy.baseDelayMs ?? 1000,
    maxDelayMs: policy.maxDelayMs ?? 300_000,
  };
  const sleep = policy.sleep ?? realSleep;
  const waitsMs: number[] = [];
  for (let attempts = 1; ; attempts++) {
    const outcome = await attempt();
    if (outcome.status !== 'retry' || attempts >= settings.maxAttempts) return { outcome, attempts, waitsMs };
    const wait = backoffDelay(attempts, outcome, settings);
    // Waiting longer than the policy allows would hold the caller hostage: report the retry to the caller instead.
    if (wait > settings.maxDelayMs) return { outcome, attempts, waitsMs };
    waitsMs.push(wait);
    await sleep(wait);
  }
}
