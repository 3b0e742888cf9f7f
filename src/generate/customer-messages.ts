/**
 * Builds one customer's Segment messages and keeps their identity state.
 *
 * Identity follows what analytics.js does: every web message carries the device's anonymous id, and once the
 * device has called `identify` (sign-up or log-in, with both ids and the profile traits) its messages carry the
 * user id too. Email events come from the email provider, so they carry the user id only.
 */
import type { Arrival } from './activity-plan.ts';
import type { CustomerModel } from './customer.ts';
import { customerTraits } from './customer-traits.ts';
import { ACQUISITION_CHANNELS } from './data/psychographics.ts';
import type { GeneratedMessage } from './generated-message.ts';
import type { JsonObject } from '../schema/json.ts';
import type { ShopPage } from './shop-pages.ts';

/** A message with the moment it happened; ids and ISO timestamps are given once the customer's messages are sorted. */
export interface TimedMessage {
  at: number;
  message: GeneratedMessage;
}

export class CustomerMessages {
  readonly timed: TimedMessage[] = [];
  private readonly identified: boolean[];
  /** Context of messages without a campaign, one per device; frozen because the device's messages share it. */
  private readonly deviceContexts: readonly Readonly<JsonObject>[];

  constructor(
    private readonly model: CustomerModel,
    /** One anonymous id per device of the customer. */
    private readonly anonymousIds: readonly string[],
  ) {
    this.identified = anonymousIds.map(() => false);
    this.deviceContexts = anonymousIds.map((_, device) => Object.freeze(this.baseContext(device)));
  }

  isIdentified(device: number): boolean {
    return this.identified[device] === true;
  }

  page(at: number, device: number, page: ShopPage, arrival: Arrival | null = null): void {
    this.timed.push({
      at,
      message: {
        messageId: '',
        timestamp: '',
        type: 'page',
        userId: this.userIdOn(device),
        anonymousId: this.anonymousIds[device],
        name: page.name,
        category: page.category ?? undefined,
        properties: { path: page.path, url: page.url, title: page.title },
        context: this.webContext(device, arrival),
      },
    });
  }

  track(at: number, device: number, event: string, properties: JsonObject): void {
    this.timed.push({
      at,
      message: {
        messageId: '',
        timestamp: '',
        type: 'track',
        userId: this.userIdOn(device),
        anonymousId: this.anonymousIds[device],
        event,
        properties,
        context: this.webContext(device, null),
      },
    });
  }

  /** A server-side event (the email provider's): user id only, no device. */
  serverTrack(at: number, event: string, properties: JsonObject): void {
    this.timed.push({
      at,
      message: {
        messageId: '',
        timestamp: '',
        type: 'track',
        userId: this.model.customer.userId,
        event,
        properties,
      },
    });
  }

  /** Links the device's anonymous id to the user id; the device's later messages carry both. */
  identify(at: number, device: number): void {
    this.timed.push({
      at,
      message: {
        messageId: '',
        timestamp: '',
        type: 'identify',
        userId: this.model.customer.userId,
        anonymousId: this.anonymousIds[device],
        traits: customerTraits(this.model.customer),
        context: this.webContext(device, null),
      },
    });
    this.identified[device] = true;
  }

  private userIdOn(device: number): string | undefined {
    return this.identified[device] ? this.model.customer.userId : undefined;
  }

  private baseContext(device: number): JsonObject {
    return {
      locale: this.model.customer.locale,
      timezone: this.model.customer.timezone,
      device: { type: this.model.devices[device] ?? 'desktop' },
    };
  }

  private webContext(device: number, arrival: Arrival | null): Readonly<JsonObject> {
    const { customer } = this.model;
    if (arrival?.kind === 'email') {
      const campaign = { name: arrival.campaign.id, source: 'newsletter', medium: 'email' };
      return { ...this.baseContext(device), campaign };
    }
    if (arrival?.kind === 'acquisition' && customer.acquisitionSource !== null) {
      const channel = ACQUISITION_CHANNELS.find(
        (candidate) => candidate.name === customer.acquisitionChannel,
      );
      const campaign = {
        name: customer.acquisitionChannel,
        source: customer.acquisitionSource,
        medium: channel?.medium ?? customer.acquisitionChannel,
      };
      return { ...this.baseContext(device), campaign };
    }
    return this.deviceContexts[device] ?? this.baseContext(device);
  }
}
