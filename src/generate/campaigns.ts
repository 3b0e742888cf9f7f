/**
 * The shop's email programme over the window: a weekly newsletter every Tuesday and promotions on the sale days
 * (Black Friday, Cyber Monday, the gift guide, winter, spring, summer and back-to-school sales). Each email is sent
 * at 09:00 in the recipient's time zone.
 */
import { blackFridayDayOfMonth, DAY_MS } from './seasonality.ts';

export interface EmailCampaign {
  id: string;
  name: string;
  kind: 'newsletter' | 'promotion';
  subject: string;
  /** UTC day number (days since 1970-01-01) of the send. */
  day: number;
  landingPath: string;
}

const TUESDAY = 2;
const NEWSLETTER_SUBJECTS = [
  'New arrivals this week',
  "Editors' picks for you",
  'Five finds under 30',
  'Back in stock: your favourites',
  'What everyone is buying',
  'Ideas for the weekend',
];

interface PromotionSpec {
  slug: string;
  name: string;
  subject: string;
  /** Month (0-based) and day of month; Black Friday and Cyber Monday move with Thanksgiving. */
  date: (year: number) => { month: number; day: number };
}

function blackFriday(year: number): { month: number; day: number } {
  return { month: 10, day: blackFridayDayOfMonth(year) };
}

const PROMOTIONS: readonly PromotionSpec[] = [
  {
    slug: 'spring-sale',
    name: 'Spring sale',
    subject: 'Spring sale: up to 30% off',
    date: () => ({ month: 2, day: 20 }),
  },
  {
    slug: 'summer-sale',
    name: 'Summer sale',
    subject: 'Summer sale starts now',
    date: () => ({ month: 6, day: 1 }),
  },
  {
    slug: 'back-to-school',
    name: 'Back to school',
    subject: 'Back to school essentials',
    date: () => ({ month: 7, day: 25 }),
  },
  {
    slug: 'black-friday',
    name: 'Black Friday',
    subject: 'Black Friday: our biggest sale',
    date: blackFriday,
  },
  {
    slug: 'cyber-monday',
    name: 'Cyber Monday',
    subject: 'Cyber Monday: last chance',
    date: (year) => ({ month: 10, day: blackFriday(year).day + 3 }),
  },
  {
    slug: 'gift-guide',
    name: 'Gift guide',
    subject: 'The holiday gift guide',
    date: () => ({ month: 11, day: 5 }),
  },
  {
    slug: 'winter-sale',
    name: 'Winter sale',
    subject: 'Winter sale: 40% off',
    date: () => ({ month: 11, day: 26 }),
  },
];

function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Campaigns whose send day falls in [fromMs, toMs), in send order. */
export function planEmailCampaigns(window: { startMs: number; endMs: number }): EmailCampaign[] {
  const firstDay = Math.floor(window.startMs / DAY_MS);
  const lastDay = Math.ceil(window.endMs / DAY_MS) - 1;
  const campaigns: EmailCampaign[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    if (new Date(day * DAY_MS).getUTCDay() !== TUESDAY) continue;
    const week = Math.floor(day / 7);
    campaigns.push({
      id: `newsletter-${isoDay(day)}`,
      name: `Newsletter ${isoDay(day)}`,
      kind: 'newsletter',
      subject: NEWSLETTER_SUBJECTS[week % NEWSLETTER_SUBJECTS.length] ?? 'Our newsletter',
      day,
      landingPath: '/new-arrivals',
    });
  }
  const firstYear = new Date(firstDay * DAY_MS).getUTCFullYear();
  const lastYear = new Date(lastDay * DAY_MS).getUTCFullYear();
  for (let year = firstYear; year <= lastYear; year++) {
    for (const promotion of PROMOTIONS) {
      const { month, day: dayOfMonth } = promotion.date(year);
      const day = Date.UTC(year, month, dayOfMonth) / DAY_MS;
      if (day < firstDay || day > lastDay) continue;
      campaigns.push({
        id: `promo-${promotion.slug}-${year}`,
        name: `${promotion.name} ${year}`,
        kind: 'promotion',
        subject: promotion.subject,
        day,
        landingPath: `/sale/${promotion.slug}`,
      });
    }
  }
  return campaigns.sort((a, b) => a.day - b.day);
}
