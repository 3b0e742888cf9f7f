import { SegmintError } from '../../errors.ts';
import { Random } from '../../random.ts';

export interface FoldSplit {
  /** Row indices used to fit the model, ascending. */
  train: Int32Array;
  /** Row indices held out to evaluate it, ascending. */
  test: Int32Array;
}

/**
 * Stratified k-fold: each class is shuffled with the seed and dealt round-robin over the folds, so every fold holds
 * the same share of churners (within one row) and fold sizes differ by at most one. The deal continues from class
 * to class instead of restarting at fold 0, which keeps the total sizes balanced too.
 */
export function stratifiedFolds({
  labels,
  folds,
  seed,
}: {
  labels: Uint8Array;
  folds: number;
  seed: number;
}): FoldSplit[] {
  if (!Number.isInteger(folds) || folds < 2) {
    throw new SegmintError('invalid_input', `Cross-validation needs at least 2 folds; got ${folds}.`);
  }
  const byClass = [rowsWithLabel(labels, 0), rowsWithLabel(labels, 1)];
  const smallest = Math.min(byClass[0]?.length ?? 0, byClass[1]?.length ?? 0);
  if (smallest < folds) {
    throw new SegmintError(
      'invalid_input',
      `Stratified ${folds}-fold cross-validation needs at least ${folds} rows of each outcome; the rarer outcome has ${smallest}. Use fewer folds or more data.`,
    );
  }
  const random = new Random(seed);
  const foldOf = new Int32Array(labels.length);
  let next = 0;
  for (const rows of byClass) {
    random.shuffleInPlace(rows);
    for (const row of rows) {
      foldOf[row] = next;
      next = (next + 1) % folds;
    }
  }
  return Array.from({ length: folds }, (_, fold) => ({
    train: rowsWhere(foldOf, (value) => value !== fold),
    test: rowsWhere(foldOf, (value) => value === fold),
  }));
}

function rowsWithLabel(labels: Uint8Array, label: number): Int32Array {
  return rowsWhere(labels, (value) => value === label);
}

function rowsWhere(values: Uint8Array | Int32Array, keep: (value: number) => boolean): Int32Array {
  const rows: number[] = [];
  values.forEach((value, row) => {
    if (keep(value)) rows.push(row);
  });
  return Int32Array.from(rows);
}
