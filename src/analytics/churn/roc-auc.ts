import { SegmintError } from '../../errors.ts';

/**
 * ROC-AUC as the Mann–Whitney statistic: the probability that a random churner scores above a random non-churner,
 * with ties counted as one half. Tied scores get their average rank, which is exactly the half-credit rule, in
 * O(n log n) instead of comparing every pair.
 */
export function rocAuc({ scores, labels }: { scores: ArrayLike<number>; labels: Uint8Array }): number {
  if (scores.length !== labels.length) {
    throw new SegmintError(
      'invalid_input',
      `ROC-AUC needs one score per label (${scores.length} vs ${labels.length}).`,
    );
  }
  const order = Array.from({ length: scores.length }, (_, row) => row);
  order.sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
  let positives = 0;
  let positiveRankSum = 0;
  for (let start = 0; start < order.length;) {
    const score = scores[order[start] ?? 0] ?? 0;
    let end = start;
    while (end < order.length && (scores[order[end] ?? 0] ?? 0) === score) end++;
    // Ranks are 1-based; rows start..end-1 share the average of ranks start+1..end.
    const averageRank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) {
      if (labels[order[k] ?? 0] === 1) {
        positives++;
        positiveRankSum += averageRank;
      }
    }
    start = end;
  }
  const negatives = order.length - positives;
  if (positives === 0 || negatives === 0) {
    throw new SegmintError(
      'invalid_input',
      `ROC-AUC needs both outcomes among the rows; got ${positives} positive and ${negatives} negative.`,
    );
  }
  return (positiveRankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
