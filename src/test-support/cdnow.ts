/** The CDNOW sample (../shared/data/cdnow/CDNOW_sample.txt) as purchases, for the CLV validation tests. */
import { readFileSync } from 'node:fs';

export interface CdnowPurchase {
  customerId: string;
  /** Purchase day, `YYYY-MM-DD`. */
  day: string;
  amount: number;
}

/** Whitespace-separated, CRLF: master id, sample id, YYYYMMDD, number of CDs, dollar value. */
export function readCdnowSample(path: string): CdnowPurchase[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [, sampleId = '', date = '', , amount = ''] = line.trim().split(/\s+/);
      return {
        customerId: String(Number(sampleId)),
        day: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`,
        amount: Number(amount),
      };
    });
}
