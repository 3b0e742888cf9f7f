/**
 * One customer's complete, time-ordered message stream. Everything is derived from (seed, customer number) and
 * the shared setting (catalog, seasonal calendar, email campaigns), so a customer's messages are the same whether
 * they are generated first, last, or on their own.
 */
import { planActivity } from './activity-plan.ts';
import { ActivityWriter } from './activity-writer.ts';
import { planEmailCampaigns, type EmailCampaign } from './campaigns.ts';
import { generateCatalog, type Catalog } from './catalog.ts';
import {
  createCustomerModel,
  LONGEST_TENURE_DAYS,
  type GeneratedCustomer,
  type GenerationWindow,
} from './customer.ts';
import type { GeneratedMessage } from './generated-message.ts';
import { isoTimestamp } from './iso-timestamp.ts';
import { buildProductProperties, type ProductPropertiesTable } from './product-properties.ts';
import type { ResolvedGenerateOptions } from './options.ts';
import { Random } from '../random.ts';
import { DAY_MS, SeasonalCalendar } from './seasonality.ts';

export interface CustomerActivity {
  customer: GeneratedCustomer;
  /** In time order, with ids `gen-<seed>-<customer number>-<n>`. */
  messages: GeneratedMessage[];
  /** Hidden truth: when the customer dropped out after a purchase (BG/NBD death), possibly before the window. */
  droppedOutAt: string | null;
}

/** What all customers of one dataset share. */
export interface GenerationSetting {
  options: ResolvedGenerateOptions;
  window: GenerationWindow;
  catalog: Catalog;
  calendar: SeasonalCalendar;
  campaigns: readonly EmailCampaign[];
  productProperties: ProductPropertiesTable;
}

const STREAM_ACTIVITY = 0xac71;
/** Pre-sign-up visits reach up to two weeks before the earliest sign-up. */
const CALENDAR_LEAD_DAYS = LONGEST_TENURE_DAYS + 15;

export function createGenerationSetting(options: ResolvedGenerateOptions): GenerationSetting {
  const window = { startMs: options.startDate.getTime(), endMs: options.endDate.getTime() };
  const catalog = generateCatalog({ seed: options.seed, size: options.products });
  return {
    options,
    window,
    catalog,
    productProperties: buildProductProperties(catalog, options.currency),
    calendar: new SeasonalCalendar(window.startMs - CALENDAR_LEAD_DAYS * DAY_MS, window.endMs),
    campaigns: planEmailCampaigns(window),
  };
}

/**
 * A v4-shaped UUID whose last 12 hex digits encode the customer number and device, so no two devices of a
 * dataset can ever share an anonymous id.
 */
export function anonymousIdFor(random: Random, index: number, device: number): string {
  const tail = (index * 4 + device).toString(16).padStart(12, '0');
  const variant = (8 + random.integer(0, 3)).toString(16);
  return `${random.hex(8)}-${random.hex(4)}-4${random.hex(3)}-${variant}${random.hex(3)}-${tail}`;
}

export function generateCustomerActivity(setting: GenerationSetting, index: number): CustomerActivity {
  const { options, window, catalog, calendar, campaigns, productProperties } = setting;
  const model = createCustomerModel({ seed: options.seed, index, window });
  const random = Random.for(options.seed, index, STREAM_ACTIVITY);
  const plan = planActivity(model, { random, calendar, campaigns, window, activity: options.activity });
  const anonymousIds = model.devices.map((_, device) => anonymousIdFor(random, index, device));
  const writer = new ActivityWriter({
    model,
    catalog,
    random,
    currency: options.currency,
    productProperties,
    anonymousIds,
  });
  for (const session of plan.sessions) writer.writeSession(session);
  for (const email of plan.emails) writer.writeEmail(email);
  const timed = writer.messages.timed.filter(
    (entry) => entry.at >= window.startMs && entry.at < window.endMs,
  );
  timed.sort((a, b) => a.at - b.at);
  const prefix = `gen-${options.seed}-${index}-`;
  const messages = timed.map((entry, position) => {
    // The writer leaves id and timestamp empty: both depend on the final order.
    entry.message.messageId = prefix + String(position + 1);
    entry.message.timestamp = isoTimestamp(entry.at);
    return entry.message;
  });
  // The dropout happens right after the last purchase: its checkout ends a few minutes after the visit began.
  const droppedOutAt =
    plan.droppedOutAt === null
      ? null
      : isoTimestamp(Math.max(plan.droppedOutAt, writer.lastPurchaseAt ?? -Infinity));
  return { customer: model.customer, messages, droppedOutAt };
}
