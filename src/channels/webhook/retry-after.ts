/** `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP date; milliseconds from `now`, undefined when absent. */
export function parseRetryAfter(header: string | null | undefined, now: Date): number | undefined {
  if (header === null || header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  // A date in the past means "now": never a negative delay.
  return Math.max(0, at - now.getTime());
}
