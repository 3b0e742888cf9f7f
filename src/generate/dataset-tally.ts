/**
 * Counts what a generated dataset holds while it streams past: customers by archetype, messages by type and
 * event, purchases and revenue. Revenue is summed in cents so a million orders add up exactly.
 */
import type { CustomerActivity } from './customer-activity.ts';

export interface DatasetSummary {
  customers: number;
  messages: number;
  messagesByType: Record<string, number>;
  /** Track events by name (`purchase`, `Product Viewed`, `Email Opened`, …). */
  eventsByName: Record<string, number>;
  purchases: number;
  /** Sum of the purchases' `amount`, rounded to cents. */
  revenue: number;
  currency: string;
  /** Hidden truth, for checking analytics: how many customers of each archetype. */
  customersByArchetype: Record<string, number>;
  firstTimestamp: string | null;
  lastTimestamp: string | null;
}

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

export class DatasetTally {
  private readonly summaryInProgress: DatasetSummary;
  private revenueCents = 0;

  constructor(currency: string) {
    this.summaryInProgress = {
      customers: 0,
      messages: 0,
      messagesByType: {},
      eventsByName: {},
      purchases: 0,
      revenue: 0,
      currency,
      customersByArchetype: {},
      firstTimestamp: null,
      lastTimestamp: null,
    };
  }

  add(activity: CustomerActivity): void {
    const summary = this.summaryInProgress;
    summary.customers += 1;
    increment(summary.customersByArchetype, activity.customer.truth.archetype);
    for (const message of activity.messages) {
      summary.messages += 1;
      increment(summary.messagesByType, message.type);
      if (summary.firstTimestamp === null || message.timestamp < summary.firstTimestamp) {
        summary.firstTimestamp = message.timestamp;
      }
      if (summary.lastTimestamp === null || message.timestamp > summary.lastTimestamp) {
        summary.lastTimestamp = message.timestamp;
      }
      if (message.type !== 'track') continue;
      increment(summary.eventsByName, message.event);
      const amount = message.properties?.amount;
      if (message.event === 'purchase' && typeof amount === 'number') {
        summary.purchases += 1;
        this.revenueCents += Math.round(amount * 100);
      }
    }
  }

  summary(): DatasetSummary {
    const summary = this.summaryInProgress;
    return {
      ...summary,
      messagesByType: { ...summary.messagesByType },
      eventsByName: { ...summary.eventsByName },
      customersByArchetype: { ...summary.customersByArchetype },
      revenue: this.revenueCents / 100,
    };
  }
}
