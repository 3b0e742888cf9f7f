/**
 * Plans one customer's life on the timeline before any message is written: when they buy (the BG/NBD-like
 * process), when they visit, which emails they open and click, and which visit is the sign-up. Purchases are
 * simulated from sign-up even when that is before the window, so who is still "alive" in the window is decided by
 * the same process; only what falls inside the window becomes messages.
 */
import { INACTIVE_OPEN_FACTOR, INACTIVE_VISIT_FACTOR } from './archetypes.ts';
import type { EmailCampaign } from './campaigns.ts';
import type { CustomerModel, GenerationWindow } from './customer.ts';
import type { Random } from '../random.ts';
import {
  atLocalShoppingHour,
  DAY_MS,
  HOUR_MS,
  type DemandCurve,
  type SeasonalCalendar,
} from './seasonality.ts';

export type SessionIntent = 'browse' | 'abandon' | 'purchase';

/** How a visitor arrived: from an email link, or (first visits) through their acquisition channel. */
export type Arrival =
  { kind: 'email'; campaign: EmailCampaign } | { kind: 'acquisition' } | { kind: 'direct' };

export interface PlannedSession {
  at: number;
  /** Index into the customer's devices; each device has its own anonymous id. */
  device: number;
  intent: SessionIntent;
  /** The visit in which the account is created. */
  isSignup: boolean;
  arrival: Arrival;
}

export interface PlannedEmail {
  campaign: EmailCampaign;
  openedAt: number;
  clickedAt: number | null;
}

export interface ActivityPlan {
  sessions: PlannedSession[];
  emails: PlannedEmail[];
  purchaseTimes: number[];
  /** When the customer dropped out after a purchase (BG/NBD death), if they did. */
  droppedOutAt: number | null;
}

export interface PlanContext {
  random: Random;
  calendar: SeasonalCalendar;
  campaigns: readonly EmailCampaign[];
  window: GenerationWindow;
  /** Multiplies purchase and visit rates and open probabilities. */
  activity: number;
}

const SEND_HOUR_LOCAL = 9;
const MAX_OPEN_DELAY_MS = 5 * DAY_MS;
const SALE_FOLLOWER_PROMO_BOOST = 1.8;
const CLICK_STARTS_VISIT = 0.7;
const ABANDON_SHARE = 0.18;
const PRIMARY_DEVICE_SHARE = 0.7;
const LAST_VISIT_BEFORE_END_MS = 15 * 60_000;

function curveOf(model: CustomerModel): DemandCurve {
  return model.profile.followsSales ? 'sales' : 'standard';
}

function pickDevice(random: Random, model: CustomerModel): number {
  if (model.devices.length === 1 || random.chance(PRIMARY_DEVICE_SHARE)) return 0;
  return random.integer(1, model.devices.length - 1);
}

function simulatePurchases(
  model: CustomerModel,
  context: PlanContext,
): Pick<ActivityPlan, 'purchaseTimes' | 'droppedOutAt'> {
  const { random, calendar, window } = context;
  const { profile } = model;
  const purchaseTimes: number[] = [];
  const stopAt = Math.min(window.endMs, model.churnedAt ?? Infinity);
  const ratePerDay = model.purchaseRatePerDay * context.activity;
  let clock = model.signupAt;
  while (purchaseTimes.length < profile.maxPurchases) {
    let at: number;
    if (purchaseTimes.length === 0 && random.chance(profile.buysAtSignup)) {
      at = model.signupAt;
    } else {
      clock = calendar.nextArrival({
        random,
        fromMs: clock,
        untilMs: stopAt,
        ratePerDay,
        curve: curveOf(model),
      });
      if (clock === Infinity) break;
      // Shopping hours may reorder two purchases of one day; keep them in order so a dropout is the last one.
      const previous = purchaseTimes[purchaseTimes.length - 1] ?? model.signupAt;
      at = Math.max(atLocalShoppingHour(random, clock, model.utcOffsetMs), previous + 2 * HOUR_MS);
      // The whole checkout visit must end before a churner stops buying.
      if (at >= stopAt - HOUR_MS) break;
    }
    purchaseTimes.push(at);
    if (random.chance(model.dropout)) return { purchaseTimes, droppedOutAt: at };
  }
  return { purchaseTimes, droppedOutAt: null };
}

function planVisits(model: CustomerModel, context: PlanContext, inactiveFrom: number): PlannedSession[] {
  const { random, calendar, window } = context;
  const sessions: PlannedSession[] = [];
  const ratePerDay = (model.profile.visitsPerYear / 365) * context.activity;
  let clock = Math.max(model.signupAt, window.startMs);
  for (;;) {
    clock = calendar.nextArrival({
      random,
      fromMs: clock,
      untilMs: window.endMs,
      ratePerDay,
      curve: curveOf(model),
    });
    if (clock === Infinity) return sessions;
    const isActive = clock < inactiveFrom;
    // Thinning: after dropping out only a fraction of the visits still happen.
    if (!isActive && !random.chance(INACTIVE_VISIT_FACTOR)) continue;
    sessions.push({
      at: atLocalShoppingHour(random, clock, model.utcOffsetMs),
      device: pickDevice(random, model),
      intent: isActive && random.chance(ABANDON_SHARE) ? 'abandon' : 'browse',
      isSignup: false,
      arrival: { kind: 'direct' },
    });
  }
}

function planEmails(model: CustomerModel, context: PlanContext, inactiveFrom: number): PlannedEmail[] {
  const { random, window } = context;
  if (!model.customer.consent.email) return [];
  const emails: PlannedEmail[] = [];
  const receivesFrom = Math.max(model.signupAt, window.startMs);
  for (const campaign of context.campaigns) {
    const sentAt = campaign.day * DAY_MS + SEND_HOUR_LOCAL * HOUR_MS - model.utcOffsetMs;
    if (sentAt < receivesFrom || sentAt >= window.endMs) continue;
    const boost = campaign.kind === 'promotion' && model.profile.followsSales ? SALE_FOLLOWER_PROMO_BOOST : 1;
    const stillActive = sentAt < inactiveFrom ? 1 : INACTIVE_OPEN_FACTOR;
    const openRate = Math.min(0.95, model.profile.emailOpenRate * context.activity * boost * stillActive);
    if (!random.chance(openRate)) continue;
    const openedAt = sentAt + Math.floor(Math.min(MAX_OPEN_DELAY_MS, random.logNormal(2.5 * HOUR_MS, 1.1)));
    const clicked = random.chance(model.profile.emailClickRate);
    emails.push({
      campaign,
      openedAt,
      clickedAt: clicked ? openedAt + random.integer(5_000, 180_000) : null,
    });
  }
  return emails;
}

/** Visits that start from an email click: mostly browsing, sometimes a cart left behind. */
function visitsFromClicks(
  model: CustomerModel,
  context: PlanContext,
  emails: readonly PlannedEmail[],
  inactiveFrom: number,
): PlannedSession[] {
  const { random } = context;
  const sessions: PlannedSession[] = [];
  for (const email of emails) {
    if (email.clickedAt === null || !random.chance(CLICK_STARTS_VISIT)) continue;
    const isActive = email.clickedAt < inactiveFrom;
    sessions.push({
      at: email.clickedAt + random.integer(2_000, 20_000),
      device: pickDevice(random, model),
      intent: isActive && random.chance(ABANDON_SHARE) ? 'abandon' : 'browse',
      isSignup: false,
      arrival: { kind: 'email', campaign: email.campaign },
    });
  }
  return sessions;
}

/** Anonymous visits in the two weeks before signing up, then the sign-up visit itself. */
function planSignup(
  model: CustomerModel,
  context: PlanContext,
  purchaseTimes: readonly number[],
): PlannedSession[] {
  const { random, window } = context;
  if (model.signupAt < window.startMs) return [];
  const previews = random.integer(0, 2);
  const sessions: PlannedSession[] = [];
  for (let visit = 0; visit < previews; visit++) {
    sessions.push({
      at: model.signupAt - Math.floor(random.uniform(1, 14 * 24) * HOUR_MS),
      device: 0,
      intent: 'browse',
      isSignup: false,
      arrival: visit === 0 ? { kind: 'acquisition' } : { kind: 'direct' },
    });
  }
  sessions.push({
    at: model.signupAt,
    device: 0,
    intent: purchaseTimes[0] === model.signupAt ? 'purchase' : 'browse',
    isSignup: true,
    arrival: previews === 0 ? { kind: 'acquisition' } : { kind: 'direct' },
  });
  return sessions;
}

export function planActivity(model: CustomerModel, context: PlanContext): ActivityPlan {
  const { random, window } = context;
  const { purchaseTimes, droppedOutAt } = simulatePurchases(model, context);
  const inactiveFrom = Math.min(droppedOutAt ?? Infinity, model.churnedAt ?? Infinity);
  const emails = planEmails(model, context, inactiveFrom);
  const sessions = [
    ...planSignup(model, context, purchaseTimes),
    ...purchaseTimes
      .filter((at) => at !== model.signupAt)
      .map((at): PlannedSession => ({
        at,
        device: pickDevice(random, model),
        intent: 'purchase',
        isSignup: false,
        arrival: { kind: 'direct' },
      })),
    ...planVisits(model, context, inactiveFrom),
    ...visitsFromClicks(model, context, emails, inactiveFrom),
  ];
  // Everyone shows up at least once in the window, so every customer gets an identify with their traits.
  if (!sessions.some((session) => session.at >= window.startMs && session.at < window.endMs)) {
    const from = Math.max(model.signupAt, window.startMs);
    sessions.push({
      at: Math.floor(random.uniform(from, window.endMs - HOUR_MS)),
      device: 0,
      intent: 'browse',
      isSignup: false,
      arrival: { kind: 'direct' },
    });
  }
  // Only visits inside the window are written, and none so close to its end that the visit's identify is cut off.
  const inWindow = sessions
    .filter((session) => session.at >= window.startMs && session.at < window.endMs)
    .map((session) => ({ ...session, at: Math.min(session.at, window.endMs - LAST_VISIT_BEFORE_END_MS) }))
    .sort((a, b) => a.at - b.at);
  return { sessions: inWindow, emails, purchaseTimes, droppedOutAt };
}
