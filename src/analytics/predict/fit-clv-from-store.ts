/**
 * `segmint clv fit`: BG/NBD and Gamma-Gamma fitted on the purchases in the store up to a calibration end, stored
 * as a new version of the `clv` model. When the store holds purchases after the calibration end, the fitted model
 * predicts each customer's repeat purchases in that holdout and the report compares them with what happened
 * (in total and by calibration frequency), the usual check that the model can be trusted for forecasting.
 */
import { SegmintError } from '../../errors.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import type { Store } from '../../store/store.ts';
import { fitBgNbd, type BgNbdFit } from '../clv/bg-nbd/fit-bg-nbd.ts';
import { fitGammaGamma, type GammaGammaFit } from '../clv/gamma-gamma/fit-gamma-gamma.ts';
import { compareHoldout, type HoldoutComparison } from '../clv/holdout-comparison.ts';
import {
  CLV_MODEL_NAME,
  fitClvOptionsSchema,
  type ClvModelParams,
  type FitClvOptions,
} from './clv-options.ts';
import { isoDay, lastEventTime } from './data-span.ts';
import { loadPurchaseHistories } from './load-purchase-histories.ts';
import { saveModel } from './model-registry.ts';

export interface ClvFitReport {
  model: { name: string; version: number; trainedAt: Date };
  params: ClvModelParams;
  /** Customers with a purchase on or before the calibration end. */
  customers: number;
  /** Of those, customers with at least one repeat purchase day (Gamma-Gamma is fitted on those with spend). */
  repeatBuyers: number;
  bgNbd: BgNbdFit;
  gammaGamma: GammaGammaFit | null;
  /** Why spend was not modelled, or a caution about the fit (q ≤ 1, strong frequency–spend correlation). */
  warnings: string[];
  /** Present when there are purchases after the calibration end. */
  holdout?: HoldoutComparison & { from: string; to: string };
}

/**
 * Gamma-Gamma is fitted on the repeat buyers whose repeat purchases had a positive mean value (the model's
 * spend is positive; free repeat orders say nothing about it). With fewer than two, spend is left unmodelled
 * instead of failing, and only P(alive) and expected purchases are predicted.
 */
function fitSpend(
  histories: readonly { frequency: number; monetaryValue: number }[],
  warnings: string[],
): GammaGammaFit | null {
  const spenders = histories.filter((history) => history.frequency > 0 && history.monetaryValue > 0);
  const repeatBuyers = histories.filter((history) => history.frequency > 0).length;
  if (spenders.length < repeatBuyers) {
    warnings.push(
      `${repeatBuyers - spenders.length} repeat buyer(s) with a zero mean repeat spend are left out of the spend model.`,
    );
  }
  if (spenders.length < 2) {
    warnings.push(
      `Only ${spenders.length} repeat buyer(s) with spend: spend (Gamma-Gamma) is not modelled, so no CLV is predicted.`,
    );
    return null;
  }
  const fit = fitGammaGamma({ summaries: spenders });
  if (fit.q <= 1) {
    warnings.push(
      `Gamma-Gamma q = ${fit.q.toFixed(3)} ≤ 1: the mean spend is infinite, so no CLV is predicted.`,
    );
  }
  if (Math.abs(fit.frequencySpendCorrelation) > 0.3) {
    warnings.push(
      `Frequency and spend are correlated (ρ = ${fit.frequencySpendCorrelation.toFixed(2)}); Gamma-Gamma assumes they are independent.`,
    );
  }
  return fit;
}

export async function fitClvFromStore(store: Store, input: FitClvOptions = {}): Promise<ClvFitReport> {
  const options = parseOrThrow(fitClvOptionsSchema, input, 'options');
  const lastPurchase = await lastEventTime(store, options.event);
  if (!lastPurchase) {
    throw new SegmintError(
      'invalid_input',
      `No '${options.event}' events in the store: CLV needs purchases. Name the event with --event.`,
    );
  }
  const observationEnd = isoDay(lastPurchase);
  const calibrationEnd = options.calibrationEnd ? isoDay(options.calibrationEnd) : observationEnd;
  const hasHoldout = calibrationEnd < observationEnd;
  const histories = await loadPurchaseHistories(store, {
    event: options.event,
    amountProperty: options.amountProperty,
    timeUnit: options.timeUnit,
    calibrationEnd,
    observationEnd: hasHoldout ? observationEnd : calibrationEnd,
  });
  if (histories.length === 0) {
    throw new SegmintError(
      'invalid_input',
      `No '${options.event}' with a positive '${options.amountProperty}' on or before ${calibrationEnd}. Check --event, the amount property and --calibration-end.`,
    );
  }
  const warnings: string[] = [];
  const bgNbd = fitBgNbd({ summaries: histories });
  if (!bgNbd.converged) warnings.push(`BG/NBD did not converge: ${bgNbd.reason}`);
  const gammaGamma = fitSpend(histories, warnings);
  const params: ClvModelParams = {
    event: options.event,
    amountProperty: options.amountProperty,
    timeUnit: options.timeUnit,
    calibrationEnd,
    bgNbd: { r: bgNbd.r, alpha: bgNbd.alpha, a: bgNbd.a, b: bgNbd.b },
    gammaGamma: gammaGamma && { p: gammaGamma.p, q: gammaGamma.q, gamma: gammaGamma.gamma },
  };
  const holdout = hasHoldout
    ? {
        ...compareHoldout({ parameters: params.bgNbd, customers: histories }),
        from: calibrationEnd,
        to: observationEnd,
      }
    : undefined;
  const report = {
    params,
    customers: histories.length,
    repeatBuyers: histories.filter((history) => history.frequency > 0).length,
    bgNbd,
    gammaGamma,
    warnings,
    ...(holdout ? { holdout } : {}),
  };
  const trainedAt = new Date();
  const { params: _params, ...metrics } = report;
  const model = await store.transaction((tx) =>
    saveModel(tx, { name: CLV_MODEL_NAME, kind: 'bg-nbd+gamma-gamma', params, metrics, trainedAt }),
  );
  return { model: { name: model.name, version: model.version, trainedAt }, ...report };
}
