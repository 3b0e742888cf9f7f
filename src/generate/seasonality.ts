/**
 * When people shop. A day's intensity is weekday × month × special days (the Black Friday weekend through Cyber
 * Monday), normalised so a whole year averages 1 and a yearly rate stays a yearly rate. Sale-followers (bargain
 * hunters) get a second curve that piles their demand into sales: Black Friday to Cyber Monday, the winter sale
 * (26 Dec – 6 Jan) and the summer sale (1–10 Jul). Within a day, hours follow a local-time curve with a lunch bump
 * and an evening peak.
 */
import { cumulativeWeights, type Random } from '../random.ts';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Sunday first, like `Date#getUTCDay`. Sunday evening is e-commerce's busiest time, Friday its quietest. */
const WEEKDAY_FACTORS = [1.25, 1.0, 1.0, 0.97, 1.0, 0.85, 1.05] as const;
/** January first. The November–December peak is the holiday season. */
const MONTH_FACTORS = [0.85, 0.8, 0.9, 0.9, 0.95, 0.9, 0.9, 0.9, 0.95, 1.0, 1.45, 1.6] as const;
const BLACK_FRIDAY_BOOST = 1.8;
const SALE_BOOST = 4;
const OFF_SALE_FACTOR = 0.7;

/** Local hour weights, midnight first. */
const HOUR_WEIGHTS = cumulativeWeights([
  0.6, 0.3, 0.2, 0.15, 0.15, 0.25, 0.6, 1.2, 2, 2.6, 3, 3.2, 3.6, 3.4, 3.2, 3.2, 3.4, 3.8, 4.4, 5.2, 5.6, 5,
  3.4, 1.6,
]);

export type DemandCurve = 'standard' | 'sales';

interface DayFacts {
  weekday: number;
  month: number;
  dayOfMonth: number;
  isBlackFridayWeekend: boolean;
}

/** Black Friday is the day after the fourth Thursday of November; its weekend runs to Cyber Monday. */
export function blackFridayDayOfMonth(year: number): number {
  const firstWeekday = new Date(Date.UTC(year, 10, 1)).getUTCDay();
  const firstThursday = 1 + ((4 - firstWeekday + 7) % 7);
  return firstThursday + 21 + 1;
}

function dayFacts(dayNumber: number): DayFacts {
  const date = new Date(dayNumber * DAY_MS);
  const month = date.getUTCMonth();
  const dayOfMonth = date.getUTCDate();
  const blackFriday = blackFridayDayOfMonth(date.getUTCFullYear());
  return {
    weekday: date.getUTCDay(),
    month,
    dayOfMonth,
    isBlackFridayWeekend: month === 10 && dayOfMonth >= blackFriday && dayOfMonth <= blackFriday + 3,
  };
}

function isSaleDay(facts: DayFacts): boolean {
  if (facts.isBlackFridayWeekend) return true;
  if (facts.month === 11 && facts.dayOfMonth >= 26) return true;
  if (facts.month === 0 && facts.dayOfMonth <= 6) return true;
  return facts.month === 6 && facts.dayOfMonth <= 10;
}

function rawFactor(facts: DayFacts, curve: DemandCurve): number {
  const standard =
    (WEEKDAY_FACTORS[facts.weekday] ?? 1) *
    (MONTH_FACTORS[facts.month] ?? 1) *
    (facts.isBlackFridayWeekend ? BLACK_FRIDAY_BOOST : 1);
  if (curve === 'standard') return standard;
  return standard * (isSaleDay(facts) ? SALE_BOOST : OFF_SALE_FACTOR);
}

/** The average raw factor over a reference year, so every curve's yearly mean is 1. */
function yearlyMean(curve: DemandCurve): number {
  const firstDay = Date.UTC(2025, 0, 1) / DAY_MS;
  let sum = 0;
  for (let day = 0; day < 365; day++) sum += rawFactor(dayFacts(firstDay + day), curve);
  return sum / 365;
}

const NORMALISERS: Readonly<Record<DemandCurve, number>> = {
  standard: yearlyMean('standard'),
  sales: yearlyMean('sales'),
};

/** Day intensities precomputed for a range of days, so the hot loops do no date arithmetic. */
export class SeasonalCalendar {
  private readonly firstDay: number;
  private readonly factors: Readonly<Record<DemandCurve, Float64Array>>;
  readonly maxFactor: Readonly<Record<DemandCurve, number>>;

  constructor(fromMs: number, toMs: number) {
    this.firstDay = Math.floor(fromMs / DAY_MS);
    const dayCount = Math.max(1, Math.ceil(toMs / DAY_MS) - this.firstDay + 1);
    const standard = new Float64Array(dayCount);
    const sales = new Float64Array(dayCount);
    for (let offset = 0; offset < dayCount; offset++) {
      const facts = dayFacts(this.firstDay + offset);
      standard[offset] = rawFactor(facts, 'standard') / NORMALISERS.standard;
      sales[offset] = rawFactor(facts, 'sales') / NORMALISERS.sales;
    }
    this.factors = { standard, sales };
    this.maxFactor = { standard: Math.max(...standard), sales: Math.max(...sales) };
  }

  /** The relative shopping intensity at a moment (1 = a year's average day); 1 outside the precomputed range. */
  factorAt(ms: number, curve: DemandCurve): number {
    return this.factors[curve][Math.floor(ms / DAY_MS) - this.firstDay] ?? 1;
  }

  /**
   * The next event of a Poisson process with `ratePerDay × factor(t)` after `fromMs`, by thinning, or `Infinity`
   * when none comes before `untilMs`.
   */
  nextArrival(options: {
    random: Random;
    fromMs: number;
    untilMs: number;
    ratePerDay: number;
    curve: DemandCurve;
  }): number {
    const { random, untilMs, ratePerDay, curve } = options;
    if (!(ratePerDay > 0)) return Infinity;
    const peak = this.maxFactor[curve];
    const candidateRatePerMs = (ratePerDay * peak) / DAY_MS;
    let at = options.fromMs;
    for (;;) {
      at += random.exponential(candidateRatePerMs);
      if (at >= untilMs) return Infinity;
      if (random.next() * peak < this.factorAt(at, curve)) return at;
    }
  }
}

/** Moves a moment to a random time of day drawn from the local hour curve, keeping its local calendar day. */
export function atLocalShoppingHour(random: Random, ms: number, utcOffsetMs: number): number {
  const localDayStart = Math.floor((ms + utcOffsetMs) / DAY_MS) * DAY_MS;
  const hour = random.pickIndex(HOUR_WEIGHTS);
  return localDayStart - utcOffsetMs + hour * HOUR_MS + Math.floor(random.next() * HOUR_MS);
}
