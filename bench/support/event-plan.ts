/**
 * The events of a reliability run: `events` messages from `customers` customers in batches of `batchSize`, each
 * built on demand from its index, so a million events take no memory up front and a retry resends the very same
 * bytes with the same messageIds (as Segment's SDKs do).
 *
 * A customer's first message is an anonymous page view, the second an identify that links the anonymous id to the
 * user id and sets the email (a profile merge when the page view was stored first), the rest are tracks by user id.
 * In whatever order the batches arrive, each customer must end as exactly one profile with three identities.
 */
export interface EventPlan {
  /** Prefix of every messageId, unique per run: `${runId}-${eventIndex}`. */
  runId: string;
  events: number;
  customers: number;
  batchSize: number;
}

const START = Date.UTC(2025, 0, 1);

export function batchCount(plan: EventPlan): number {
  return Math.ceil(plan.events / plan.batchSize);
}

/** Event indices [start, end) of one batch. */
export function batchRange(plan: EventPlan, batchIndex: number): { start: number; end: number } {
  const start = batchIndex * plan.batchSize;
  return { start, end: Math.min(plan.events, start + plan.batchSize) };
}

export function messageIdOf(plan: EventPlan, eventIndex: number): string {
  return `${plan.runId}-${eventIndex}`;
}

function messageOf(plan: EventPlan, index: number): Record<string, unknown> {
  const customer = index % plan.customers;
  const occurrence = Math.floor(index / plan.customers);
  const common = {
    messageId: messageIdOf(plan, index),
    timestamp: new Date(START + index * 1000).toISOString(),
    context: { library: { name: 'segmint-reliability', version: '1' } },
  };
  const userId = `${plan.runId}-user-${customer}`;
  const anonymousId = `${plan.runId}-anon-${customer}`;
  if (occurrence === 0) return { ...common, type: 'page', anonymousId, name: 'Home' };
  if (occurrence === 1) {
    const traits = { email: `${userId}@example.com`, plan: customer % 3 === 0 ? 'pro' : 'free' };
    return { ...common, type: 'identify', anonymousId, userId, traits };
  }
  return {
    ...common,
    type: 'track',
    userId,
    event: index % 10 === 0 ? 'Order Completed' : 'Product Viewed',
    properties: { product_id: `sku-${index % 500}`, revenue: (index % 97) + 0.99 },
  };
}

/** The JSON body of `POST /v1/batch` for one batch; the same bytes every time it is asked for. */
export function batchBody(plan: EventPlan, batchIndex: number): string {
  const { start, end } = batchRange(plan, batchIndex);
  const batch: Record<string, unknown>[] = [];
  for (let index = start; index < end; index++) batch.push(messageOf(plan, index));
  return JSON.stringify({ batch });
}
