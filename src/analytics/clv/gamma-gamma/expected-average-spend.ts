/**
 * The Gamma-Gamma conditional expectation of a customer's average spend per purchase:
 *   E[M | p, q, γ, m̄, x] = p (γ + x m̄) / (p x + q − 1)
 * a weighted mean of the population mean pγ/(q − 1) and the customer's own m̄, with more weight on m̄ the more
 * purchases it rests on. Customers without repeat purchases get the population mean, which needs q > 1.
 */
import { SegmintError } from '../../../errors.ts';
import { gammaGammaParametersSchema, type GammaGammaParameters, type SpendHistory } from '../schemas.ts';
import { assertSpendHistories } from '../validate-rows.ts';

/** E[M] for one customer; see the module comment. */
export function expectedAverageSpendOf(parameters: GammaGammaParameters, customer: SpendHistory): number {
  const { p, q, gamma } = parameters;
  const x = customer.frequency;
  const observedSpend = x > 0 ? customer.monetaryValue : 0;
  return (p * (gamma + x * observedSpend)) / (p * x + q - 1);
}

export interface ExpectedAverageSpendOptions {
  parameters: GammaGammaParameters;
  /** Frequency and mean repeat-purchase value; the monetary value of customers with frequency 0 is not used. */
  customers: readonly SpendHistory[];
}

/** Expected average spend per purchase of each customer. Throws unsupported when q ≤ 1 (infinite mean spend). */
export function expectedAverageSpend(options: ExpectedAverageSpendOptions): number[] {
  const parameters = gammaGammaParametersSchema.parse(options.parameters);
  assertSpendHistories(options.customers);
  if (parameters.q <= 1) {
    throw new SegmintError(
      'unsupported',
      `Gamma-Gamma with q = ${parameters.q} ≤ 1 has an infinite population mean spend; fit on more repeat buyers`,
    );
  }
  return options.customers.map((customer) => expectedAverageSpendOf(parameters, customer));
}
