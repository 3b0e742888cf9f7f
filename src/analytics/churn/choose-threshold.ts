import { SegmintError } from '../../errors.ts';
import type { ThresholdStrategy } from './churn-options-schema.ts';
import { metricsAtThreshold, summarise } from './threshold-metrics.ts';
import type { ThresholdMetrics } from './threshold-metrics.ts';

/**
 * Picks a probability cut-off from scored rows with known outcomes (out-of-fold or holdout predictions, so the
 * choice is not flattered by fitting). Candidates are the distinct scores: flagging "score ≥ candidate" for each of
 * them covers every distinct decision the scores allow, and a sweep from the highest score down gets all their
 * counts in one pass.
 */
export function chooseThreshold({
  scores,
  labels,
  strategy,
}: {
  scores: ArrayLike<number>;
  labels: Uint8Array;
  strategy: ThresholdStrategy;
}): ThresholdMetrics {
  if (strategy.type === 'fixed') return metricsAtThreshold({ scores, labels, threshold: strategy.value });
  const candidates = sweepThresholds({ scores, labels });
  const chosen = pickCandidate(candidates, strategy);
  if (chosen === undefined) {
    throw new SegmintError('invalid_input', `No threshold meets ${describe(strategy)} on these predictions.`);
  }
  return chosen;
}

/** Metrics for flagging "score ≥ s" at every distinct score s, highest threshold first. */
export function sweepThresholds({
  scores,
  labels,
}: {
  scores: ArrayLike<number>;
  labels: Uint8Array;
}): ThresholdMetrics[] {
  if (scores.length !== labels.length || labels.length === 0) {
    throw new SegmintError(
      'invalid_input',
      `Need one score per label and at least one row (${scores.length} vs ${labels.length}).`,
    );
  }
  const order = Array.from({ length: scores.length }, (_, row) => row);
  order.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
  const positives = labels.reduce((sum, label) => sum + label, 0);
  const candidates: ThresholdMetrics[] = [];
  let truePositives = 0;
  let falsePositives = 0;
  for (let start = 0; start < order.length;) {
    const threshold = scores[order[start] ?? 0] ?? 0;
    let end = start;
    for (; end < order.length && (scores[order[end] ?? 0] ?? 0) === threshold; end++) {
      if (labels[order[end] ?? 0] === 1) truePositives++;
      else falsePositives++;
    }
    candidates.push(summarise({ threshold, truePositives, falsePositives, positives, rows: labels.length }));
    start = end;
  }
  return candidates;
}

function pickCandidate(
  candidates: readonly ThresholdMetrics[],
  strategy: Exclude<ThresholdStrategy, { type: 'fixed' }>,
): ThresholdMetrics | undefined {
  switch (strategy.type) {
    case 'max-f1':
      // Strictly better only, so among equal F1 the highest threshold (fewest customers flagged) wins.
      return candidates.reduce<ThresholdMetrics | undefined>(
        (best, candidate) => (best === undefined || candidate.f1 > best.f1 ? candidate : best),
        undefined,
      );
    case 'min-recall':
      // Recall only grows as the threshold falls, so the first candidate that reaches it is the highest one.
      return candidates.find((candidate) => candidate.recall >= strategy.recall);
    case 'min-precision':
      return candidates.findLast((candidate) => candidate.precision >= strategy.precision);
    case 'top-share':
      return candidates.findLast((candidate) => candidate.flaggedShare <= strategy.share);
    default: {
      const exhaustive: never = strategy;
      return exhaustive;
    }
  }
}

function describe(strategy: ThresholdStrategy): string {
  switch (strategy.type) {
    case 'max-f1':
      return 'the best F1';
    case 'min-recall':
      return `a recall of at least ${strategy.recall}`;
    case 'min-precision':
      return `a precision of at least ${strategy.precision}`;
    case 'top-share':
      return `flagging at most ${strategy.share} of customers`;
    case 'fixed':
      return `the fixed threshold ${strategy.value}`;
    default: {
      const exhaustive: never = strategy;
      return exhaustive;
    }
  }
}
