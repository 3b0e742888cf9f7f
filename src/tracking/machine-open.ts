/**
 * Machine opens: image proxies and security scanners fetch the pixel (and follow links) without a person reading.
 * They are recorded but flagged (`machine: true`) so reports can count human opens. Two signals: a user agent
 * known to belong to a proxy/scanner, or a fetch within seconds of delivery (scanners act as the mail arrives).
 */

/** Within this long after delivery, an open or click is taken as a scanner's. */
export const MACHINE_OPEN_WINDOW_MS = 5_000;

const MACHINE_USER_AGENTS = [
  /GoogleImageProxy/i,
  /YahooMailProxy/i,
  // Apple Mail Privacy Protection fetches with a bare "Mozilla/5.0" from Apple's ranges; we can only flag the rest.
  /Barracuda/i,
  /Mimecast/i,
  /Proofpoint/i,
  /\bbot\b|crawler|spider|scanner|preview/i,
  /python-requests|curl\/|wget|Go-http-client|okhttp|Java\//i,
];

export function isMachineOpen(options: {
  userAgent: string | undefined;
  deliveredAt: Date | null;
  now: Date;
}): boolean {
  const userAgent = options.userAgent?.trim() ?? '';
  if (userAgent === '') return true;
  if (MACHINE_USER_AGENTS.some((pattern) => pattern.test(userAgent))) return true;
  if (!options.deliveredAt) return false;
  const sinceDelivery = options.now.getTime() - options.deliveredAt.getTime();
  return sinceDelivery >= 0 && sinceDelivery < MACHINE_OPEN_WINDOW_MS;
}
