import { describe, expect, it } from 'vitest';
import { planEmailCampaigns } from './campaigns.ts';
import { DAY_MS } from './seasonality.ts';

describe('planEmailCampaigns', () => {
  const campaigns = planEmailCampaigns({ startMs: Date.UTC(2025, 0, 1), endMs: Date.UTC(2026, 0, 1) });

  it('sends a newsletter every Tuesday of the window', () => {
    const newsletters = campaigns.filter((campaign) => campaign.kind === 'newsletter');
    expect(newsletters).toHaveLength(52);
    for (const newsletter of newsletters) expect(new Date(newsletter.day * DAY_MS).getUTCDay()).toBe(2);
    expect(newsletters[0]?.id).toBe('newsletter-2025-01-07');
  });

  it('sends the promotions on their sale days, Black Friday included', () => {
    const promotions = campaigns.filter((campaign) => campaign.kind === 'promotion');
    expect(promotions.map((campaign) => campaign.id)).toEqual([
      'promo-spring-sale-2025',
      'promo-summer-sale-2025',
      'promo-back-to-school-2025',
      'promo-black-friday-2025',
      'promo-cyber-monday-2025',
      'promo-gift-guide-2025',
      'promo-winter-sale-2025',
    ]);
    const blackFriday = promotions.find((campaign) => campaign.id === 'promo-black-friday-2025');
    expect(new Date((blackFriday?.day ?? 0) * DAY_MS).toISOString().slice(0, 10)).toBe('2025-11-28');
  });

  it('lists campaigns in send order and only inside the window', () => {
    const days = campaigns.map((campaign) => campaign.day);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    const short = planEmailCampaigns({ startMs: Date.UTC(2025, 10, 20), endMs: Date.UTC(2025, 11, 1) });
    expect(short.map((campaign) => campaign.id)).toEqual([
      'newsletter-2025-11-25',
      'promo-black-friday-2025',
    ]);
  });
});
