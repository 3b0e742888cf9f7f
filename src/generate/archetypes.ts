/**
 * Customer archetypes: the hidden "truth" that makes RFM, CLV and churn models have something to find. Purchasing
 * follows a BG/NBD-like story: while alive a customer buys as a Poisson process with their own rate (Gamma
 * distributed around the archetype's mean), and after each purchase drops out with their own probability (Beta
 * distributed around the archetype's mean). One-timers stop after one purchase, churners stop buying at a date
 * inside the observed window, dormant customers never buy in it.
 */

export const ARCHETYPES = ['loyal', 'regular', 'bargain_hunter', 'one_timer', 'churner', 'dormant'] as const;
export type Archetype = (typeof ARCHETYPES)[number];

export const LOYALTY_TIERS = ['bronze', 'silver', 'gold', 'platinum'] as const;
export type LoyaltyTier = (typeof LOYALTY_TIERS)[number];

export type PriceTaste = 'premium' | 'neutral' | 'budget';

export interface ArchetypeProfile {
  /** Share of customers. */
  weight: number;
  /** Mean purchases per year while alive (0: never buys in the window). */
  purchasesPerYear: number;
  /** Mean probability of dropping out right after a purchase. */
  dropout: number;
  /** At most this many purchases in a lifetime (one-timers). */
  maxPurchases: number;
  /** Probability that the first purchase happens in the sign-up session. */
  buysAtSignup: number;
  /** Stops buying at a date inside the window. */
  churns: boolean;
  /** Share of customers who signed up before the window (the rest sign up inside it). */
  signedUpBeforeWindow: number;
  /** Browse-only visits per year while active. */
  visitsPerYear: number;
  /** Probability of opening a marketing email while active, and of clicking a link in an opened one. */
  emailOpenRate: number;
  emailClickRate: number;
  /** Probability of giving email marketing consent. */
  emailConsent: number;
  couponUse: number;
  /** Probability that an order has more than one product. */
  basketExtras: number;
  /** Buys mostly in sales (Black Friday, winter and summer sales). */
  followsSales: boolean;
  /** Membership of the paid "plus" plan. */
  plusPlan: number;
  /** Weights of bronze, silver, gold, platinum. */
  loyaltyTierWeights: readonly [number, number, number, number];
}

export const ARCHETYPE_PROFILES: Readonly<Record<Archetype, ArchetypeProfile>> = {
  loyal: {
    weight: 10,
    purchasesPerYear: 10,
    dropout: 0.03,
    maxPurchases: Infinity,
    buysAtSignup: 0.4,
    churns: false,
    signedUpBeforeWindow: 0.6,
    visitsPerYear: 8,
    emailOpenRate: 0.38,
    emailClickRate: 0.3,
    emailConsent: 0.85,
    couponUse: 0.1,
    basketExtras: 0.45,
    followsSales: false,
    plusPlan: 0.45,
    loyaltyTierWeights: [0.05, 0.2, 0.45, 0.3],
  },
  regular: {
    weight: 25,
    purchasesPerYear: 4,
    dropout: 0.1,
    maxPurchases: Infinity,
    buysAtSignup: 0.35,
    churns: false,
    signedUpBeforeWindow: 0.4,
    visitsPerYear: 4,
    emailOpenRate: 0.22,
    emailClickRate: 0.2,
    emailConsent: 0.7,
    couponUse: 0.15,
    basketExtras: 0.3,
    followsSales: false,
    plusPlan: 0.12,
    loyaltyTierWeights: [0.35, 0.4, 0.2, 0.05],
  },
  bargain_hunter: {
    weight: 15,
    purchasesPerYear: 4,
    dropout: 0.12,
    maxPurchases: Infinity,
    buysAtSignup: 0.3,
    churns: false,
    signedUpBeforeWindow: 0.4,
    visitsPerYear: 4,
    emailOpenRate: 0.28,
    emailClickRate: 0.25,
    emailConsent: 0.8,
    couponUse: 0.75,
    basketExtras: 0.25,
    followsSales: true,
    plusPlan: 0.05,
    loyaltyTierWeights: [0.5, 0.35, 0.13, 0.02],
  },
  one_timer: {
    weight: 20,
    purchasesPerYear: 6,
    dropout: 1,
    maxPurchases: 1,
    buysAtSignup: 0.55,
    churns: false,
    signedUpBeforeWindow: 0.25,
    visitsPerYear: 1.5,
    emailOpenRate: 0.1,
    emailClickRate: 0.12,
    emailConsent: 0.55,
    couponUse: 0.3,
    basketExtras: 0.2,
    followsSales: false,
    plusPlan: 0.01,
    loyaltyTierWeights: [0.9, 0.09, 0.01, 0],
  },
  churner: {
    weight: 15,
    purchasesPerYear: 6,
    dropout: 0,
    maxPurchases: Infinity,
    buysAtSignup: 0.4,
    churns: true,
    signedUpBeforeWindow: 0.6,
    visitsPerYear: 4,
    emailOpenRate: 0.25,
    emailClickRate: 0.2,
    emailConsent: 0.7,
    couponUse: 0.2,
    basketExtras: 0.3,
    followsSales: false,
    plusPlan: 0.1,
    loyaltyTierWeights: [0.3, 0.4, 0.25, 0.05],
  },
  dormant: {
    weight: 15,
    purchasesPerYear: 0,
    dropout: 0,
    maxPurchases: 0,
    buysAtSignup: 0,
    churns: false,
    signedUpBeforeWindow: 0.85,
    visitsPerYear: 1.2,
    emailOpenRate: 0.04,
    emailClickRate: 0.1,
    emailConsent: 0.5,
    couponUse: 0,
    basketExtras: 0,
    followsSales: false,
    plusPlan: 0,
    loyaltyTierWeights: [0.85, 0.13, 0.02, 0],
  },
};

/** Activity left after a customer has dropped out or churned: the odd visit, the rare email open. */
export const INACTIVE_VISIT_FACTOR = 0.1;
export const INACTIVE_OPEN_FACTOR = 0.15;
