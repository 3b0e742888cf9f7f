import { accept, refuse, type Cleaned } from './cleaned.ts';

/** A decimal number as spreadsheets and databases export it: `-12`, `2.55`, `.5`, `1e3`. No thousands separators:
 * `1,234` could be one thousand or one point two, so it is refused rather than guessed. */
const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Parses a decimal number written as text (or passes a finite JSON number through). */
export function cleanNumber(raw: string | number): Cleaned<number> {
  if (typeof raw === 'number')
    return Number.isFinite(raw) ? accept(raw) : refuse('invalid number', String(raw));
  const text = raw.trim();
  const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
  return Number.isFinite(value) ? accept(value) : refuse('invalid number', text);
}

/** Same limit as the message schema's ids. */
const MAX_ID_LENGTH = 512;

/**
 * Cleans an identifier. Tools that pass ids through floating point write `17850` as `17850.0`; an integer written
 * with a zero fraction is therefore read as that integer, so the same customer gets the same id in every file.
 * Anything else (leading zeros, letters) is kept as written, only trimmed.
 */
export function cleanId(raw: string | number): Cleaned<string> {
  if (typeof raw === 'number') {
    return Number.isSafeInteger(raw)
      ? accept(String(raw))
      : refuse('invalid id', String(raw), 'not a whole number');
  }
  const text = raw.trim();
  if (text === '') return refuse('empty id', text);
  if (text.length > MAX_ID_LENGTH)
    return refuse('invalid id', text, `longer than ${MAX_ID_LENGTH} characters`);
  const zeroFraction = /^(-?\d+)\.0+$/.exec(text);
  return accept(zeroFraction?.[1] ?? text);
}
