/**
 * Psychographic and marketing traits: interests (each pulls demand towards some categories, which is what gives
 * interest-based segments and recommendations their signal), lifestyles, values and acquisition channels.
 */
import type { CategoryName } from './categories.ts';

export interface Interest {
  name: string;
  categories: readonly CategoryName[];
}

export const INTERESTS: readonly Interest[] = [
  { name: 'technology', categories: ['electronics'] },
  { name: 'gaming', categories: ['electronics', 'toys'] },
  { name: 'reading', categories: ['books'] },
  { name: 'cooking', categories: ['grocery', 'home'] },
  { name: 'home & garden', categories: ['home'] },
  { name: 'fashion', categories: ['fashion'] },
  { name: 'beauty', categories: ['beauty'] },
  { name: 'wellness', categories: ['beauty', 'sports'] },
  { name: 'fitness', categories: ['sports'] },
  { name: 'outdoors', categories: ['sports', 'fashion'] },
  { name: 'parenting', categories: ['toys', 'books'] },
  { name: 'travel', categories: ['fashion', 'books'] },
  { name: 'music', categories: ['electronics'] },
  { name: 'photography', categories: ['electronics'] },
];

/** Lifestyles with the ages they fit (a student is young, a retiree is not). */
export const LIFESTYLES: readonly { name: string; minAge: number; maxAge: number }[] = [
  { name: 'urban professional', minAge: 23, maxAge: 60 },
  { name: 'family-oriented', minAge: 27, maxAge: 65 },
  { name: 'student', minAge: 18, maxAge: 28 },
  { name: 'retiree', minAge: 60, maxAge: 80 },
  { name: 'outdoor adventurer', minAge: 18, maxAge: 70 },
  { name: 'homebody', minAge: 18, maxAge: 80 },
  { name: 'fitness enthusiast', minAge: 18, maxAge: 65 },
  { name: 'frequent traveller', minAge: 22, maxAge: 75 },
  { name: 'creative', minAge: 18, maxAge: 80 },
];

export const VALUES = [
  'sustainability',
  'value for money',
  'quality',
  'convenience',
  'innovation',
  'tradition',
  'wellbeing',
  'community',
] as const;

/** How customers first found the shop, with the UTM source/medium their first landing page carried. */
export const ACQUISITION_CHANNELS: readonly {
  name: string;
  weight: number;
  sources: readonly string[];
  medium: string | null;
}[] = [
  { name: 'organic_search', weight: 28, sources: ['google', 'bing', 'duckduckgo'], medium: 'organic' },
  { name: 'paid_search', weight: 18, sources: ['google', 'bing'], medium: 'cpc' },
  { name: 'social', weight: 17, sources: ['instagram', 'facebook', 'tiktok', 'pinterest'], medium: 'social' },
  { name: 'direct', weight: 14, sources: [], medium: null },
  { name: 'referral', weight: 9, sources: ['friend-referral', 'blog'], medium: 'referral' },
  { name: 'affiliate', weight: 7, sources: ['dealfinder', 'cashbackclub'], medium: 'affiliate' },
  { name: 'display', weight: 7, sources: ['adnetwork'], medium: 'display' },
];

/** Reserved, never-routable mail domains (RFC 2606 / RFC 6761), so a demo can never email a real person. */
export const EMAIL_DOMAINS = [
  'example.com',
  'example.org',
  'example.net',
  'mail.example',
  'inbox.test',
] as const;
