import type { FeatureRecord } from './feature-values.ts';
import { sigmoid } from './logistic-objective.ts';
import { Random } from '../../random.ts';

const CONTRACTS = ['monthly', 'yearly', 'two-year'] as const;
const CONTRACT_EFFECT = { monthly: 1, yearly: -0.5, 'two-year': -1.5 } as const;
const REGIONS = ['north', 'south', 'east', 'west'] as const;

/**
 * Customer rows in the shape a CSV or the store provides, for tests: churn falls with tenure and longer contracts
 * and rises with paperless billing; `region` is noise. Some charges are blank, as in Telco's TotalCharges.
 */
export function simulateCustomers({ count, seed }: { count: number; seed: number }): FeatureRecord[] {
  const random = new Random(seed);
  return Array.from({ length: count }, (_, index) => {
    const tenureMonths = Math.floor(random.next() * 72);
    const contract = CONTRACTS[Math.floor(random.next() * CONTRACTS.length)] ?? 'monthly';
    const paperless = random.next() < 0.6;
    const region = REGIONS[Math.floor(random.next() * REGIONS.length)] ?? 'north';
    const monthlyCharges = 20 + random.next() * 80;
    const z = -0.5 - 0.05 * (tenureMonths - 36) + CONTRACT_EFFECT[contract] + (paperless ? 0.6 : 0);
    return {
      customerId: `c${index}`,
      tenureMonths: String(tenureMonths),
      contract,
      paperless: paperless ? 'Yes' : 'No',
      region,
      totalCharges: random.next() < 0.02 ? ' ' : (monthlyCharges * tenureMonths).toFixed(2),
      churned: random.next() < sigmoid(z) ? 'Yes' : 'No',
    };
  });
}
