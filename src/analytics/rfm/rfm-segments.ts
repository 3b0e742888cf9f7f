/**
 * Named RFM segments from the recency (R) and frequency (F) scores, 1–5 each, 5 best. This is the widely used
 * R×F grid (as in the `rfm` R package and most marketing write-ups), with "Lost" split off the bottom-left
 * corner of "Hibernating":
 *
 *   F →   1            2            3              4         5
 * R 5   New          Potential    Potential      Champions Champions
 * R 4   Promising    Potential    Potential      Loyal     Loyal
 * R 3   About to sleep About to sleep Need attention Loyal   Loyal
 * R 2   Hibernating  Hibernating  At risk        At risk   Can't lose them
 * R 1   Lost         Lost         At risk        At risk   Can't lose them
 *
 * Monetary (M) is scored and stored but, as in that grid, does not change the name.
 */
export const RFM_SEGMENTS = [
  'Champions',
  'Loyal',
  'Potential loyalists',
  'New',
  'Promising',
  'Need attention',
  'About to sleep',
  'At risk',
  "Can't lose them",
  'Hibernating',
  'Lost',
] as const;

export type RfmSegment = (typeof RFM_SEGMENTS)[number];

export function rfmSegmentOf(r: number, f: number): RfmSegment {
  if (r >= 5 && f >= 4) return 'Champions';
  if (r >= 3 && f >= 4) return 'Loyal';
  if (r >= 4 && f >= 2) return 'Potential loyalists';
  if (r === 5) return 'New';
  if (r === 4) return 'Promising';
  if (r === 3 && f === 3) return 'Need attention';
  if (r === 3) return 'About to sleep';
  if (f === 5) return "Can't lose them";
  if (f >= 3) return 'At risk';
  if (r === 2) return 'Hibernating';
  return 'Lost';
}

/** The same mapping as a SQL CASE over columns `r` and `f`, so the store can name segments in one pass. */
export function rfmSegmentSql(r: string, f: string): string {
  return `case
    when ${r} >= 5 and ${f} >= 4 then 'Champions'
    when ${r} >= 3 and ${f} >= 4 then 'Loyal'
    when ${r} >= 4 and ${f} >= 2 then 'Potential loyalists'
    when ${r} = 5 then 'New'
    when ${r} = 4 then 'Promising'
    when ${r} = 3 and ${f} = 3 then 'Need attention'
    when ${r} = 3 then 'About to sleep'
    when ${f} = 5 then 'Can''t lose them'
    when ${f} >= 3 then 'At risk'
    when ${r} = 2 then 'Hibernating'
    else 'Lost' end`;
}
