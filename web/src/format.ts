const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const money = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
});
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 });
const dateTime = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

export const formatInteger = (value: number) => integer.format(value);
export const formatDecimal = (value: number) => decimal.format(value);
export const formatMoney = (value: number) => money.format(value);
export const formatPercent = (value: number) => percent.format(value);
export const formatDateTime = (value: Date) => `${dateTime.format(value)} UTC`;

/** Large numbers on chart axes: 1.2k, 3.4M. */
export function formatCompact(value: number): string {
  const size = Math.abs(value);
  if (size >= 1e6) return `${decimal.format(value / 1e6)}M`;
  if (size >= 1e3) return `${decimal.format(value / 1e3)}k`;
  return decimal.format(value);
}

/** Any JSON value as short text for tables. */
export function formatJsonValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return decimal.format(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
