/**
 * Draws customers from the BG/NBD model itself, to check that a fit recovers known parameters and that the
 * predictions match what simulated customers then do. Each customer gets λ ~ Gamma(r, α) and p ~ Beta(a, b),
 * buys at the times of a Poisson process with rate λ after a first purchase at time 0, and drops out right after
 * each repeat purchase with probability p. A customer's calibration length T is drawn uniformly between the given
 * bounds (a cohort acquired over a period); the holdout continues the same process for `holdoutLength` more.
 */
import type { BgNbdParameters } from '../schemas.ts';
import { Random } from '../../../random.ts';

export interface SimulateBgNbdOptions {
  parameters: BgNbdParameters;
  customers: number;
  seed: number;
  /** Range of the calibration length T, in model time units. */
  ageRange: { min: number; max: number };
  /** Length of the holdout period; 0 for none. */
  holdoutLength?: number;
}

export interface SimulatedCustomer {
  frequency: number;
  recency: number;
  T: number;
  frequencyHoldout: number;
  durationHoldout: number;
}

export function simulateBgNbdCustomers(options: SimulateBgNbdOptions): SimulatedCustomer[] {
  const { parameters, ageRange, holdoutLength = 0 } = options;
  const random = new Random(options.seed);
  const customers: SimulatedCustomer[] = [];
  for (let index = 0; index < options.customers; index++) {
    const age = ageRange.min + (ageRange.max - ageRange.min) * random.next();
    const rate = random.gamma(parameters.r, 1 / parameters.alpha);
    const dropout = random.beta(parameters.a, parameters.b);
    const end = age + holdoutLength;
    let time = 0;
    let frequency = 0;
    let recency = 0;
    let frequencyHoldout = 0;
    for (;;) {
      time += random.exponential(rate);
      if (time > end) break;
      if (time <= age) {
        frequency++;
        recency = time;
      } else {
        frequencyHoldout++;
      }
      if (random.next() < dropout) break;
    }
    customers.push({ frequency, recency, T: age, frequencyHoldout, durationHoldout: holdoutLength });
  }
  return customers;
}
