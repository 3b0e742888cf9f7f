/**
 * BG/NBD predictions (Fader, Hardie & Lee 2005) for one customer's history (x, t_x, T):
 * - P(alive) = 1 / (1 + 𝟙(x>0) · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x))                                   (eq. 11)
 * - E[X(T, T+t) | x, t_x, T] = P(alive) · (a+b+x−1)/(a−1)
 *       · [1 − ((α+T)/(α+T+t))^(r+x) · 2F1(r+x, b+x; a+b+x−1; t/(α+T+t))]                               (eq. 10)
 * - E[X(t)] for a new customer is the same with x = t_x = T = 0                                          (eq. 7)
 * The product ((α+T)/(α+T+t))^(r+x) · 2F1(…) overflows and underflows separately for large x; Euler's
 * transformation turns it into (1−z)^(a−1) · 2F1(a+b−1−r, a−1; a+b+x−1; z), which stays of order one.
 */
import { hypergeometric2F1 } from '../math/hypergeometric-2f1.ts';
import type { BgNbdParameters, PurchaseHistory } from '../schemas.ts';

/** P(alive at T | x, t_x, T); the log-odds of having dropped out are formed in logs so that large x is safe. */
export function probabilityAliveOf(parameters: BgNbdParameters, history: PurchaseHistory): number {
  const { r, alpha, a, b } = parameters;
  const x = history.frequency;
  if (x === 0) return 1;
  const logDropoutOdds =
    Math.log(a / (b + x - 1)) + (r + x) * (Math.log(alpha + history.T) - Math.log(alpha + history.recency));
  if (logDropoutOdds > 0) {
    const inverseOdds = Math.exp(-logDropoutOdds);
    return inverseOdds / (1 + inverseOdds);
  }
  return 1 / (1 + Math.exp(logDropoutOdds));
}

/** Below this distance from a = 1 the formula is 0/0; it is smooth in a, so the two sides are averaged. */
const NEAR_ONE = 1e-7;

/** Expected purchases in the next `periods` of an alive customer with x purchases at age T (before P(alive)). */
function expectedPurchasesIfAlive(
  parameters: BgNbdParameters,
  x: number,
  age: number,
  periods: number,
): number {
  if (periods === 0) return 0;
  const { r, alpha, a, b } = parameters;
  if (Math.abs(a - 1) < NEAR_ONE) {
    const below = expectedPurchasesIfAlive({ ...parameters, a: 1 - 2 * NEAR_ONE }, x, age, periods);
    const above = expectedPurchasesIfAlive({ ...parameters, a: 1 + 2 * NEAR_ONE }, x, age, periods);
    return (below + above) / 2;
  }
  const z = periods / (alpha + age + periods);
  const logOneMinusZ = -Math.log1p(periods / (alpha + age));
  const hypergeometric = hypergeometric2F1(a + b - 1 - r, a - 1, a + b + x - 1, z);
  // 1 − (1−z)^(a−1) F, written with expm1 so that a close to 1 (both factors near 1) keeps its digits.
  const bracket = -Math.expm1((a - 1) * logOneMinusZ + Math.log(hypergeometric));
  return ((a + b + x - 1) / (a - 1)) * bracket;
}

/** E[purchases in (T, T + periods] | x, t_x, T]. */
export function conditionalExpectedPurchases(
  parameters: BgNbdParameters,
  history: PurchaseHistory,
  periods: number,
): number {
  return (
    probabilityAliveOf(parameters, history) *
    expectedPurchasesIfAlive(parameters, history.frequency, history.T, periods)
  );
}

/** E[X(t)]: expected repeat purchases in the first `periods` after a new customer's first purchase. */
export function unconditionalExpectedPurchases(parameters: BgNbdParameters, periods: number): number {
  return expectedPurchasesIfAlive(parameters, 0, 0, periods);
}
