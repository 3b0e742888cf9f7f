/**
 * A/B results for rates (opens, clicks, conversions): the two-proportion z-test (pooled standard error, two-sided),
 * a confidence interval for the difference (unpooled), relative lift, the Bayesian probability that the variant
 * beats control (Beta(1,1) priors), and warnings when the sample is too small to trust any of it.
 */
import { probabilityToBeat } from './probability-to-beat.ts';
import { normalCdf, normalQuantile } from './normal-distribution.ts';

export interface ArmCounts {
  /** Successes: unique opens, clicks or conversions. */
  conversions: number;
  /** Recipients (or sends) the rate is taken over. */
  trials: number;
}

export interface ProportionComparison {
  controlRate: number;
  variantRate: number;
  /** variantRate − controlRate. */
  absoluteLift: number;
  /** absoluteLift ÷ controlRate; null when control's rate is 0. */
  relativeLift: number | null;
  /** Confidence interval of absoluteLift at `confidence`. */
  confidenceInterval: [number, number];
  confidence: number;
  z: number;
  /** Two-sided p-value of "the rates are equal". */
  pValue: number;
  significant: boolean;
  /** P(variant's true rate > control's) under uniform priors. */
  probabilityToBeatControl: number;
  /** Recipients per arm needed to detect the observed difference with 80% power at this confidence. */
  requiredSamplePerArm: number | null;
  warnings: string[];
}

export const MINIMUM_TRIALS = 100;
export const MINIMUM_CONVERSIONS = 10;

function checkCounts(arm: ArmCounts, name: string): void {
  const { conversions, trials } = arm;
  if (
    !Number.isInteger(conversions) ||
    !Number.isInteger(trials) ||
    conversions < 0 ||
    trials < 0 ||
    conversions > trials
  ) {
    throw new RangeError(
      `${name}: conversions and trials must be whole numbers with 0 ≤ conversions ≤ trials`,
    );
  }
}

export function compareProportions(
  control: ArmCounts,
  variant: ArmCounts,
  options: { confidence?: number } = {},
): ProportionComparison {
  checkCounts(control, 'control');
  checkCounts(variant, 'variant');
  const confidence = options.confidence ?? 0.95;
  const controlRate = control.trials === 0 ? 0 : control.conversions / control.trials;
  const variantRate = variant.trials === 0 ? 0 : variant.conversions / variant.trials;
  const absoluteLift = variantRate - controlRate;
  const pooled = (control.conversions + variant.conversions) / Math.max(1, control.trials + variant.trials);
  const pooledError = Math.sqrt(
    pooled * (1 - pooled) * (1 / Math.max(1, control.trials) + 1 / Math.max(1, variant.trials)),
  );
  const z = pooledError === 0 ? 0 : absoluteLift / pooledError;
  const pValue = pooledError === 0 ? 1 : 2 * (1 - normalCdf(Math.abs(z)));
  const critical = normalQuantile(1 - (1 - confidence) / 2);
  const unpooledError = Math.sqrt(
    (controlRate * (1 - controlRate)) / Math.max(1, control.trials) +
      (variantRate * (1 - variantRate)) / Math.max(1, variant.trials),
  );
  const power = normalQuantile(0.8);
  const requiredSamplePerArm =
    absoluteLift === 0
      ? null
      : Math.ceil(
          ((critical + power) ** 2 * (controlRate * (1 - controlRate) + variantRate * (1 - variantRate))) /
            absoluteLift ** 2,
        );
  const warnings: string[] = [];
  for (const [name, arm] of [
    ['control', control],
    ['variant', variant],
  ] as const) {
    if (arm.trials < MINIMUM_TRIALS)
      warnings.push(`${name} has ${arm.trials} recipients (fewer than ${MINIMUM_TRIALS}): too few to judge`);
    else if (arm.conversions < MINIMUM_CONVERSIONS)
      warnings.push(
        `${name} has ${arm.conversions} conversions (fewer than ${MINIMUM_CONVERSIONS}): the rate is unreliable`,
      );
  }
  if (requiredSamplePerArm !== null && Math.min(control.trials, variant.trials) < requiredSamplePerArm) {
    warnings.push(
      `${requiredSamplePerArm.toLocaleString('en-US')} recipients per arm are needed to detect a difference this size with 80% power`,
    );
  }
  return {
    controlRate,
    variantRate,
    absoluteLift,
    relativeLift: controlRate === 0 ? null : absoluteLift / controlRate,
    confidenceInterval: [absoluteLift - critical * unpooledError, absoluteLift + critical * unpooledError],
    confidence,
    z,
    pValue,
    significant: pValue < 1 - confidence && warnings.every((warning) => !warning.includes('too few')),
    probabilityToBeatControl: probabilityToBeat(control, variant),
    requiredSamplePerArm,
    warnings,
  };
}
