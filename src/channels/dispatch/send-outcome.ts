/** What a channel's answer (or an unexpected error) means for an outbox row: sent, failed, or retried later. */
import type { Clock } from '../../clock.ts';
import type { SendOutcome } from '../channel.ts';
import type { ClaimedMessage } from './claim-due-messages.ts';
import { decideRetry, DEFAULT_RETRY_POLICY, type RetryPolicy } from './decide-retry.ts';
import type { OutboxOutcome } from './record-outcome.ts';

export interface RetrySettings {
  clock: Clock;
  retryPolicy?: RetryPolicy | undefined;
  random?: (() => number) | undefined;
}

export function outcomeOfSend(
  send: SendOutcome,
  row: ClaimedMessage,
  settings: RetrySettings,
): OutboxOutcome {
  switch (send.status) {
    case 'sent':
      return { status: 'sent', providerMessageId: send.providerMessageId };
    case 'failed':
      return { status: 'failed', error: send.error, hardBounce: send.hardBounce };
    case 'retry': {
      const decision = decideRetry({
        attempts: row.attempts,
        retryAfterMs: send.retryAfterMs,
        policy: settings.retryPolicy ?? DEFAULT_RETRY_POLICY,
        now: settings.clock.now(),
        random: settings.random ?? Math.random,
      });
      return decision.retry
        ? { status: 'deferred', until: decision.at, error: send.error, countsAsAttempt: true }
        : { status: 'failed', error: `gave up after ${row.attempts} attempts: ${send.error}` };
    }
    default: {
      const unexpected: never = send;
      throw new Error(`unexpected send outcome ${JSON.stringify(unexpected)}`);
    }
  }
}

/**
 * An unexpected error while handling a row (the store, a channel bug) must not strand it: the row is retried with
 * backoff like a temporary send failure. If even that cannot be recorded, the lease brings it back.
 */
export function outcomeOfError(error: unknown, row: ClaimedMessage, settings: RetrySettings): OutboxOutcome {
  const message = error instanceof Error ? error.message : String(error);
  return outcomeOfSend({ status: 'retry', error: `dispatch error: ${message}` }, row, settings);
}
