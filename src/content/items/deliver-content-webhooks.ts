/**
 * Pushes publications to their webhook targets. Deliveries are rows (`content_deliveries`) written with the
 * publication, so a crash between publishing and pushing loses nothing; each cycle tries the due ones with
 * `deliverWithRetries` (a short in-cycle policy), and a receiver that stays down is tried again on later cycles
 * with backoff until MAX_DELIVERY_ATTEMPTS, then marked failed.
 */
import type { Clock } from '../../clock.ts';
import {
  backoffDelay,
  deliverWithRetries,
  type RetryPolicy,
} from '../../channels/webhook/deliver-with-retries.ts';
import { requestWithOutcome } from '../../channels/webhook/http-outcome.ts';
import { signedJsonHeaders } from '../../channels/webhook/webhook-channel.ts';
import type { Store } from '../../store/store.ts';

export const MAX_DELIVERY_ATTEMPTS = 8;
const LATER_POLICY = { maxAttempts: MAX_DELIVERY_ATTEMPTS, baseDelayMs: 60_000, maxDelayMs: 6 * 3_600_000 };

type DueDelivery = {
  id: string;
  url: string;
  secret: string | null;
  attempts: number;
  publication_id: string;
  item_name: string;
  title: string;
  body: string;
  published_at: Date;
};

export interface DeliveryCycleResult {
  sent: number;
  retrying: number;
  failed: number;
}

export async function deliverContentWebhooks(
  store: Store,
  options: { clock: Clock; policy?: RetryPolicy; timeoutMs?: number; limit?: number },
): Promise<DeliveryCycleResult> {
  const { clock } = options;
  const due = await store.query<DueDelivery>(
    `select d.id, d.url, d.secret, d.attempts, p.id as publication_id, p.item_name, p.title, p.body, p.published_at
       from content_deliveries d join content_publications p on p.id = d.publication_id
      where d.status = 'pending' and d.next_attempt_at <= $1 order by d.next_attempt_at, d.id limit $2`,
    [clock.now(), options.limit ?? 50],
  );
  const result: DeliveryCycleResult = { sent: 0, retrying: 0, failed: 0 };
  for (const delivery of due) {
    const body = JSON.stringify({
      type: 'content.published',
      publication: {
        id: delivery.publication_id,
        item: delivery.item_name,
        title: delivery.title,
        body: delivery.body,
        publishedAt: delivery.published_at.toISOString(),
      },
    });
    const attempted = await deliverWithRetries(
      async () =>
        (
          await requestWithOutcome({
            url: delivery.url,
            body,
            clock,
            headers: signedJsonHeaders({
              body,
              secret: delivery.secret ?? undefined,
              clock,
              idempotencyKey: delivery.id,
            }),
            ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
          })
        ).outcome,
      { maxAttempts: 2, baseDelayMs: 1_000, maxDelayMs: 10_000, ...options.policy },
    );
    const attempts = delivery.attempts + attempted.attempts;
    const { outcome } = attempted;
    const now = clock.now();
    if (outcome.status === 'sent') {
      result.sent += 1;
      await store.execute(
        `update content_deliveries set status = 'sent', attempts = $1, delivered_at = $2, last_error = null where id = $3`,
        [attempts, now, delivery.id],
      );
    } else if (outcome.status === 'failed' || attempts >= MAX_DELIVERY_ATTEMPTS) {
      result.failed += 1;
      await store.execute(
        `update content_deliveries set status = 'failed', attempts = $1, last_error = $2 where id = $3`,
        [attempts, outcome.error, delivery.id],
      );
    } else {
      result.retrying += 1;
      const wait = backoffDelay(attempts, outcome, LATER_POLICY);
      await store.execute(
        `update content_deliveries set attempts = $1, last_error = $2, next_attempt_at = $3 where id = $4`,
        [attempts, outcome.error, new Date(now.getTime() + wait), delivery.id],
      );
    }
  }
  return result;
}
