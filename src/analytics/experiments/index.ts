/** A/B testing statistics: significance, lift with confidence intervals, probability to beat control. */
export {
  compareProportions,
  MINIMUM_CONVERSIONS,
  MINIMUM_TRIALS,
  type ArmCounts,
  type ProportionComparison,
} from './compare-proportions.ts';
export { normalCdf, normalQuantile } from './normal-distribution.ts';
export { probabilityToBeat } from './probability-to-beat.ts';
