/**
 * Purchase histories as columns of typed arrays, with identical (x, t_x, T) rows merged into one weighted row.
 * Cohort data repeats itself a lot (every one-time buyer who arrived on the same day has the same row: on CDNOW,
 * 2,357 customers become 1,016 rows; a store's day-resolution data shrinks similarly), and each likelihood
 * evaluation then touches each distinct row once. Rows are found again through an open-addressing hash table over
 * the bits of the three numbers: a Map with string keys spent two seconds on a million customers.
 */
import type { PurchaseHistory } from '../schemas.ts';
import { assertPurchaseHistories } from '../validate-rows.ts';

export interface PackedHistories {
  frequency: Float64Array;
  recency: Float64Array;
  age: Float64Array;
  /** How many customers share the row. */
  weight: Float64Array;
  /** Number of customers (the sum of the weights). */
  customerCount: number;
  maxFrequency: number;
}

const scratch = new Float64Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

function mixNumber(hash: number, value: number): number {
  scratch[0] = value;
  const mixed = Math.imul(hash ^ scratchBits[0]!, 0x9e3779b1);
  return Math.imul(mixed ^ scratchBits[1]! ^ (mixed >>> 15), 0x85ebca77);
}

function hashRow(frequency: number, recency: number, age: number): number {
  const hash = mixNumber(mixNumber(mixNumber(0x2545f491, frequency), recency), age);
  return (hash ^ (hash >>> 13)) >>> 0;
}

/** Validates the histories (throws invalid_input naming bad rows) and packs them. */
export function packHistories(histories: readonly PurchaseHistory[], name = 'summaries'): PackedHistories {
  assertPurchaseHistories(histories, name);
  const capacity = histories.length;
  const frequency = new Float64Array(capacity);
  const recency = new Float64Array(capacity);
  const age = new Float64Array(capacity);
  const weight = new Float64Array(capacity);
  let tableSize = 16;
  while (tableSize < 2 * capacity) tableSize *= 2;
  const slots = new Int32Array(tableSize).fill(-1);
  const mask = tableSize - 1;
  let rows = 0;
  let maxFrequency = 0;
  for (const history of histories) {
    const x = history.frequency;
    // With no repeat purchase, recency carries no information: rows differing only there are the same row.
    const rowRecency = x === 0 ? 0 : Math.min(history.recency, history.T);
    let slot = hashRow(x, rowRecency, history.T) & mask;
    for (;;) {
      const row = slots[slot]!;
      if (row === -1) {
        slots[slot] = rows;
        frequency[rows] = x;
        recency[rows] = rowRecency;
        age[rows] = history.T;
        weight[rows] = 1;
        rows++;
        maxFrequency = Math.max(maxFrequency, x);
        break;
      }
      if (frequency[row] === x && recency[row] === rowRecency && age[row] === history.T) {
        weight[row]! += 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return {
    frequency: frequency.slice(0, rows),
    recency: recency.slice(0, rows),
    age: age.slice(0, rows),
    weight: weight.slice(0, rows),
    customerCount: histories.length,
    maxFrequency,
  };
}
