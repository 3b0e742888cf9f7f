import { accept, refuse, type Cleaned } from './cleaned.ts';

/**
 * How an import reads its timestamp column (`--timestamp-format`):
 * - `iso` (default): ISO 8601 / RFC 3339, with `T` or a space between date and time (`2010-12-01 08:26:00`,
 *   `2010-12-01T08:26:00.5+01:00`, or a date alone);
 * - `unix` / `unix-ms`: seconds / milliseconds since 1970-01-01 UTC;
 * - a pattern for anything else, e.g. `M/D/YYYY H:mm` for `12/1/2010 8:26` (US exports) or `DD.MM.YYYY`.
 *   Tokens: YYYY, MM/M (month, M allows one digit), DD/D, HH/H (0–23), hh/h with A (1–12 with AM/PM), mm, ss,
 *   SSS (fraction of a second); every other character must appear as written.
 * A time without a zone is read as UTC: files rarely say their zone, and UTC keeps re-imports identical on every
 * machine.
 */
export type TimestampFormat =
  | { kind: 'iso'; description: string }
  | { kind: 'unix'; description: string; millisecondsPerUnit: number }
  | { kind: 'pattern'; description: string; regex: RegExp; isTwelveHour: boolean };

export const ISO_TIMESTAMP_FORMAT: TimestampFormat = {
  kind: 'iso',
  description: 'ISO 8601, e.g. 2010-12-01 08:26:00',
};

const TOKENS: readonly (readonly [token: string, group: string])[] = [
  ['YYYY', '(?<year>\\d{4})'],
  ['SSS', '(?<fraction>\\d{1,9})'],
  ['MM', '(?<month>\\d{2})'],
  ['DD', '(?<day>\\d{2})'],
  ['HH', '(?<hour>\\d{2})'],
  ['hh', '(?<hour>\\d{2})'],
  ['mm', '(?<minute>\\d{2})'],
  ['ss', '(?<second>\\d{2})'],
  ['M', '(?<month>\\d{1,2})'],
  ['D', '(?<day>\\d{1,2})'],
  ['H', '(?<hour>\\d{1,2})'],
  ['h', '(?<hour>\\d{1,2})'],
  ['A', '(?<meridiem>[AaPp][Mm])'],
];

/** Reads a `--timestamp-format` value; refuses patterns that cannot describe a date. */
export function compileTimestampFormat(format: string): Cleaned<TimestampFormat> {
  const text = format.trim();
  if (text === '' || text.toLowerCase() === 'iso') return accept(ISO_TIMESTAMP_FORMAT);
  if (text.toLowerCase() === 'unix')
    return accept({ kind: 'unix', description: 'unix seconds', millisecondsPerUnit: 1000 });
  if (text.toLowerCase() === 'unix-ms') {
    return accept({ kind: 'unix', description: 'unix milliseconds', millisecondsPerUnit: 1 });
  }
  return compilePattern(text);
}

function compilePattern(pattern: string): Cleaned<TimestampFormat> {
  let source = '';
  const used: string[] = [];
  for (let index = 0; index < pattern.length;) {
    const match = TOKENS.find(([token]) => pattern.startsWith(token, index));
    if (match) {
      source += match[1];
      used.push(match[0]);
      index += match[0].length;
    } else {
      source += pattern.charAt(index).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      index += 1;
    }
  }
  const has = (...tokens: string[]): number => used.filter((token) => tokens.includes(token)).length;
  const isTwelveHour = has('hh', 'h') === 1;
  const hint = 'use tokens YYYY, M or MM, D or DD, and optionally H/HH or h/hh with A, mm, ss, SSS';
  const isComplete = has('YYYY') === 1 && has('MM', 'M') === 1 && has('DD', 'D') === 1;
  const isConsistent =
    has('HH', 'H', 'hh', 'h') <= 1 &&
    has('mm') <= 1 &&
    has('ss') <= 1 &&
    has('SSS') <= 1 &&
    has('A') === (isTwelveHour ? 1 : 0);
  if (!isComplete || !isConsistent) return refuse('invalid timestamp format', pattern, hint);
  return accept({ kind: 'pattern', description: pattern, regex: new RegExp(`^${source}$`), isTwelveHour });
}
