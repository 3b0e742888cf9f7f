/**
 * Frequency caps: at most `maxMessages` messages on a channel within any `periodHours` (a sliding window). Pure:
 * the caller passes the send times inside the window that ends now.
 */

export interface FrequencyCap {
  maxMessages: number;
  periodHours: number;
}

/**
 * When the next message may go, or undefined when it may go now. `sentAt` holds the send times within
 * (now − period, now]. With n ≥ max of them, the window must drop the n − max + 1 oldest, so the next send waits
 * until the (n − max + 1)-th oldest leaves it: that send time plus the period.
 */
export function frequencyCapFreesAt(now: Date, cap: FrequencyCap, sentAt: readonly Date[]): Date | undefined {
  const periodMillis = cap.periodHours * 3_600_000;
  const inWindow = sentAt
    .map((date) => date.getTime())
    .filter((time) => time > now.getTime() - periodMillis && time <= now.getTime())
    .sort((a, b) => a - b);
  if (inWindow.length < cap.maxMessages) return undefined;
  const mustLeave = inWindow[inWindow.length - cap.maxMessages];
  if (mustLeave === undefined) return undefined;
  return new Date(mustLeave + periodMillis);
}
