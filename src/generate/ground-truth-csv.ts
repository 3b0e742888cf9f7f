/**
 * `ground-truth.csv`: the hidden parameters behind each customer, kept out of the traits so that RFM, CLV and
 * churn models can be scored against what really drove the data (a churner's churn date, a one-timer's single
 * purchase, whether the customer was still "alive" when the window ended: not dropped out, not churned, and
 * not dormant).
 */
import type { CustomerActivity } from './customer-activity.ts';
import { csvField } from './customer-traits.ts';

export const GROUND_TRUTH_CSV_COLUMNS = [
  'userId',
  'archetype',
  'purchases_per_year',
  'dropout_probability',
  'churned_at',
  'dropped_out_at',
  'alive_at_end',
] as const;

export function groundTruthCsvRow(activity: CustomerActivity, endDate: Date): string {
  const { customer, droppedOutAt } = activity;
  const { truth } = customer;
  const churnedBeforeEnd = truth.churnedAt !== null && Date.parse(truth.churnedAt) < endDate.getTime();
  const fields: (string | number | boolean | null)[] = [
    customer.userId,
    truth.archetype,
    truth.purchasesPerYear,
    truth.dropoutProbability,
    truth.churnedAt,
    droppedOutAt,
    truth.archetype !== 'dormant' && !churnedBeforeEnd && droppedOutAt === null,
  ];
  return fields.map(csvField).join(',');
}
