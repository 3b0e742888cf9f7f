import { describe, expect, it } from 'vitest';
import { Random } from '../random.ts';
import {
  atLocalShoppingHour,
  blackFridayDayOfMonth,
  DAY_MS,
  HOUR_MS,
  SeasonalCalendar,
} from './seasonality.ts';

const YEAR_START = Date.UTC(2025, 0, 1);
const YEAR_END = Date.UTC(2026, 0, 1);

describe('SeasonalCalendar', () => {
  const calendar = new SeasonalCalendar(YEAR_START, YEAR_END);
  const dailyFactors = (curve: 'standard' | 'sales'): number[] =>
    Array.from({ length: 365 }, (_, day) => calendar.factorAt(YEAR_START + day * DAY_MS + HOUR_MS, curve));
  const mean = (values: readonly number[]): number =>
    values.reduce((sum, value) => sum + value, 0) / values.length;

  it('averages 1 over a year, so a yearly rate stays a yearly rate', () => {
    expect(mean(dailyFactors('standard'))).toBeCloseTo(1, 1);
    expect(mean(dailyFactors('sales'))).toBeCloseTo(1, 1);
  });

  it('peaks on the Black Friday weekend and in December, and sale-followers peak much harder', () => {
    const blackFriday = Date.UTC(2025, 10, blackFridayDayOfMonth(2025), 12);
    const ordinaryFriday = Date.UTC(2025, 9, 3, 12);
    expect(calendar.factorAt(blackFriday, 'standard')).toBeGreaterThan(
      2 * calendar.factorAt(ordinaryFriday, 'standard'),
    );
    expect(calendar.factorAt(blackFriday, 'sales')).toBeGreaterThan(
      8 * calendar.factorAt(ordinaryFriday, 'sales'),
    );
    expect(calendar.factorAt(Date.UTC(2025, 11, 10), 'standard')).toBeGreaterThan(
      calendar.factorAt(Date.UTC(2025, 1, 12), 'standard'),
    );
  });

  it('knows Black Friday is the day after the fourth Thursday of November', () => {
    expect(blackFridayDayOfMonth(2024)).toBe(29);
    expect(blackFridayDayOfMonth(2025)).toBe(28);
    expect(blackFridayDayOfMonth(2026)).toBe(27);
  });

  it('draws a Poisson process with the requested yearly rate', () => {
    const random = new Random(1);
    let events = 0;
    for (let run = 0; run < 200; run++) {
      let at = YEAR_START;
      for (;;) {
        at = calendar.nextArrival({
          random,
          fromMs: at,
          untilMs: YEAR_END,
          ratePerDay: 12 / 365,
          curve: 'standard',
        });
        if (at === Infinity) break;
        events += 1;
      }
    }
    expect(events / 200).toBeGreaterThan(11);
    expect(events / 200).toBeLessThan(13);
  });

  it('never arrives with a zero rate', () => {
    const random = new Random(2);
    expect(
      calendar.nextArrival({ random, fromMs: YEAR_START, untilMs: YEAR_END, ratePerDay: 0, curve: 'sales' }),
    ).toBe(Infinity);
  });
});

describe('atLocalShoppingHour', () => {
  it('keeps the local calendar day and favours evenings over small hours', () => {
    const random = new Random(3);
    const berlinOffset = HOUR_MS;
    const noon = Date.UTC(2025, 5, 10, 11);
    const hours = Array.from({ length: 5000 }, () => {
      const at = atLocalShoppingHour(random, noon, berlinOffset);
      expect(Math.floor((at + berlinOffset) / DAY_MS)).toBe(Math.floor((noon + berlinOffset) / DAY_MS));
      return new Date(at + berlinOffset).getUTCHours();
    });
    const evening = hours.filter((hour) => hour >= 19 && hour <= 21).length;
    const night = hours.filter((hour) => hour >= 2 && hour <= 4).length;
    expect(evening).toBeGreaterThan(10 * night);
  });
});
