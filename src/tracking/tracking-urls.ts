/** The public URLs of tracking links; the routes that answer them are in src/api/routes/tracking-links.ts. */
import { signTrackingToken } from './tracking-token.ts';

export interface TrackingLinkContext {
  /** Outbox message id. */
  messageId: string;
  /** The server's public base URL, e.g. `https://crm.shop.example`. */
  baseUrl: string;
  secret: string;
}

function base(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

export function openPixelUrl(context: TrackingLinkContext): string {
  const token = signTrackingToken({ v: 1, k: 'open', m: context.messageId }, context.secret);
  return `${base(context.baseUrl)}/t/o/${token}.gif`;
}

export function clickUrl(context: TrackingLinkContext, targetUrl: string): string {
  const token = signTrackingToken({ v: 1, k: 'click', m: context.messageId, u: targetUrl }, context.secret);
  return `${base(context.baseUrl)}/t/c/${token}`;
}

export function unsubscribeUrl(context: TrackingLinkContext): string {
  const token = signTrackingToken({ v: 1, k: 'unsubscribe', m: context.messageId }, context.secret);
  return `${base(context.baseUrl)}/t/u/${token}`;
}

/**
 * RFC 8058 one-click unsubscribe headers: mail clients POST `List-Unsubscribe=One-Click` to the https URL.
 * `mailto` is offered as well when the sender reads an unsubscribe mailbox.
 */
export function listUnsubscribeHeaders(
  context: TrackingLinkContext & { mailto?: string | undefined },
): Record<string, string> {
  const links = [`<${unsubscribeUrl(context)}>`];
  if (context.mailto) links.push(`<mailto:${context.mailto}?subject=unsubscribe>`);
  return {
    'List-Unsubscribe': links.join(', '),
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
