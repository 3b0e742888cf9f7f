/**
 * Prepares an email's HTML for tracking: every http(s) link in an `<a>` or `<area>` goes through the signed click
 * redirect, and a 1×1 open pixel is added at the end of the body. Links already pointing at our tracking endpoints
 * (e.g. an unsubscribe link the template placed itself) are left alone, as are mailto:, tel: and anchors.
 */
import { clickUrl, openPixelUrl, type TrackingLinkContext } from './tracking-urls.ts';

const LINK_HREF = /(<(?:a|area)\b[^>]*?\bhref\s*=\s*)(["'])\s*(https?:\/\/[^"']*?)\s*\2/gi;

/** HTML attribute values escape `&` (and sometimes quotes); the redirect must go to the URL the reader saw. */
function decodeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function rewriteEmailHtml(html: string, context: TrackingLinkContext): string {
  const trackingPrefix = `${context.baseUrl.replace(/\/+$/, '')}/t/`;
  const withLinks = html.replace(LINK_HREF, (whole, start: string, quote: string, href: string) => {
    const target = decodeAttribute(href);
    if (target.startsWith(trackingPrefix)) return whole;
    return `${start}${quote}${clickUrl(context, target)}${quote}`;
  });
  const pixel = `<img src="${openPixelUrl(context)}" width="1" height="1" alt="" style="display:block;border:0;width:1px;height:1px" />`;
  const bodyEnd = withLinks.search(/<\/body\s*>/i);
  return bodyEnd === -1
    ? `${withLinks}${pixel}`
    : `${withLinks.slice(0, bodyEnd)}${pixel}${withLinks.slice(bodyEnd)}`;
}
