/**
 * Acts out a customer's planned visits and email engagement as Segment messages: what a visit looks like from
 * landing page to checkout, and how the first visit on a device after sign-up logs in or signs up before
 * anything else happens. Message shapes and identity state live in `CustomerMessages`.
 */
import type { PlannedEmail, PlannedSession } from './activity-plan.ts';
import type { Catalog, Product } from './catalog.ts';
import { propertiesOf, type ProductPropertiesTable } from './product-properties.ts';
import type { CustomerModel } from './customer.ts';
import { CustomerMessages } from './customer-messages.ts';
import type { JsonObject } from '../schema/json.ts';
import type { Random } from '../random.ts';
import {
  buildBasket,
  nextViewedProduct,
  pickAnyProduct,
  pickCategory,
  type BasketItem,
  type Shopper,
} from './shopper-choices.ts';
import { shopPage, type ShopPage } from './shop-pages.ts';

export interface WriterSetting {
  model: CustomerModel;
  catalog: Catalog;
  random: Random;
  currency: string;
  productProperties: ProductPropertiesTable;
  /** One anonymous id per device of the customer. */
  anonymousIds: readonly string[];
}

const CHECKOUT_AFTER_ADD = 0.4;

function roundMoney(value: number): number {
  return Math.round(value * 100) / 100;
}

export class ActivityWriter {
  readonly messages: CustomerMessages;
  private readonly shopper: Shopper;
  private orders = 0;
  /** Time of the last `purchase` message written, if any. */
  lastPurchaseAt: number | null = null;

  constructor(private readonly setting: WriterSetting) {
    this.messages = new CustomerMessages(setting.model, setting.anonymousIds);
    this.shopper = {
      categoryWeights: setting.model.categoryWeights,
      priceTaste: setting.model.priceTaste,
      basketExtras: setting.model.profile.basketExtras,
    };
  }

  writeSession(session: PlannedSession): void {
    const { model } = this.setting;
    const device = session.device;
    let at = session.at;
    this.messages.page(at, device, this.landingPage(session), session.arrival);
    if (!this.messages.isIdentified(device) && session.at >= model.signupAt) {
      at = this.later(at);
      this.messages.page(at, device, shopPage(session.isSignup ? 'sign-up' : 'log-in'));
      at = this.later(at);
      this.messages.identify(at, device);
    }
    switch (session.intent) {
      case 'browse':
        this.browse(at, device);
        return;
      case 'abandon':
        this.abandonCart(at, device);
        return;
      case 'purchase':
        this.purchase(at, device);
        return;
      default: {
        const unexpected: never = session.intent;
        throw new Error(`unknown session intent ${String(unexpected)}`);
      }
    }
  }

  writeEmail(email: PlannedEmail): void {
    const { campaign } = email;
    const properties: JsonObject = {
      campaign_id: campaign.id,
      campaign_name: campaign.name,
      email_id: `${campaign.id}:${this.setting.model.customer.index}`,
      subject: campaign.subject,
    };
    this.messages.serverTrack(email.openedAt, 'Email Opened', properties);
    if (email.clickedAt !== null) {
      this.messages.serverTrack(email.clickedAt, 'Email Link Clicked', {
        ...properties,
        link_url: shopPage('landing', campaign.landingPath).url,
      });
    }
  }

  private later(at: number): number {
    return at + this.setting.random.integer(8_000, 90_000);
  }

  private landingPage(session: PlannedSession): ShopPage {
    if (session.arrival.kind === 'email') return shopPage('landing', session.arrival.campaign.landingPath);
    return this.setting.random.chance(0.6)
      ? shopPage('home')
      : shopPage('category', pickCategory(this.setting.random, this.shopper));
  }

  /** Looks at a category page now and then and one to three products; returns the last one seen. */
  private browse(start: number, device: number): { at: number; product: Product | null } {
    const { random, catalog } = this.setting;
    let at = start;
    if (random.chance(0.4)) {
      at = this.later(at);
      this.messages.page(at, device, shopPage('category', pickCategory(random, this.shopper)));
    }
    const views = 1 + (random.chance(0.5) ? 1 : 0) + (random.chance(0.2) ? 1 : 0);
    let product: Product | null = null;
    for (let view = 0; view < views; view++) {
      product =
        product === null
          ? pickAnyProduct(random, catalog, this.shopper)
          : nextViewedProduct(random, catalog, this.shopper, product);
      at = this.later(at);
      this.messages.track(at, device, 'Product Viewed', this.productProperties(product));
    }
    return { at, product };
  }

  private abandonCart(start: number, device: number): void {
    const browsed = this.browse(start, device);
    const product = browsed.product;
    if (product === null) return;
    let at = this.later(browsed.at);
    this.messages.track(at, device, 'Product Added', { ...this.productProperties(product), quantity: 1 });
    if (!this.setting.random.chance(CHECKOUT_AFTER_ADD)) return;
    at = this.later(at);
    this.messages.track(
      at,
      device,
      'Checkout Started',
      this.checkoutProperties(this.nextOrderId(), [{ product, quantity: 1 }]),
    );
  }

  private purchase(start: number, device: number): void {
    const { random, catalog, model, currency } = this.setting;
    const basket = buildBasket(random, catalog, this.shopper);
    let at = start;
    for (const item of basket) {
      at = this.later(at);
      this.messages.track(at, device, 'Product Viewed', this.productProperties(item.product));
    }
    for (const item of basket) {
      at = this.later(at);
      this.messages.track(at, device, 'Product Added', {
        ...this.productProperties(item.product),
        quantity: item.quantity,
      });
    }
    const orderId = this.nextOrderId();
    at = this.later(at);
    this.messages.track(at, device, 'Checkout Started', this.checkoutProperties(orderId, basket));
    const subtotal = roundMoney(basket.reduce((sum, item) => sum + item.product.price * item.quantity, 0));
    const usesCoupon = random.chance(model.profile.couponUse);
    const discount = usesCoupon ? roundMoney(subtotal * random.pick([0.1, 0.15, 0.2, 0.25])) : 0;
    const main = basket[0];
    if (!main) return;
    at = this.later(at);
    this.lastPurchaseAt = Math.max(this.lastPurchaseAt ?? at, at);
    this.messages.track(at, device, 'purchase', {
      order_id: orderId,
      amount: roundMoney(subtotal - discount),
      subtotal,
      discount,
      ...(usesCoupon ? { coupon: random.pick(['SAVE10', 'WELCOME15', 'SEASON20', 'VIP25']) } : {}),
      currency,
      category: main.product.category,
      product_id: main.product.id,
      quantity: basket.reduce((sum, item) => sum + item.quantity, 0),
      products: basket.map((item) => ({ ...this.productProperties(item.product), quantity: item.quantity })),
    });
  }

  private nextOrderId(): string {
    this.orders += 1;
    return `ord-${this.setting.model.customer.index}-${this.orders}`;
  }

  private productProperties(product: Product): Readonly<JsonObject> {
    return propertiesOf(this.setting.productProperties, product);
  }

  private checkoutProperties(orderId: string, basket: readonly BasketItem[]): JsonObject {
    return {
      order_id: orderId,
      value: roundMoney(basket.reduce((sum, item) => sum + item.product.price * item.quantity, 0)),
      currency: this.setting.currency,
      products: basket.map((item) => ({ ...this.productProperties(item.product), quantity: item.quantity })),
    };
  }
}
