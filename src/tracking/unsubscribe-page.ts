/** The small HTML pages of the unsubscribe link: a confirmation form (GET) and the result (POST). */
import { escapeHtml, htmlPage } from '../html-page.ts';

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}\n' +
  'button{font-size:1rem;padding:.6rem 1.2rem;cursor:pointer}';

function page(title: string, body: string): string {
  return htmlPage({ title, style: STYLE, body });
}

/**
 * GET only shows a form: link scanners fetch every URL in an email, so unsubscribing on GET would unsubscribe
 * people who never clicked. The form posts to the same URL, as RFC 8058 clients do.
 */
export function unsubscribeConfirmationPage(options: { address: string | null; actionPath: string }): string {
  const who = options.address ? ` <strong>${escapeHtml(options.address)}</strong>` : '';
  return page(
    'Unsubscribe',
    `<p>Stop sending emails like this one to${who || ' this address'}?</p>
<form method="post" action="${escapeHtml(options.actionPath)}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button></form>`,
  );
}

export function unsubscribedPage(address: string | null): string {
  const who = address ? `<strong>${escapeHtml(address)}</strong>` : 'This address';
  return page('You are unsubscribed', `<p>${who} will not receive these emails any more.</p>`);
}

export function invalidLinkPage(): string {
  return page(
    'This link is not valid',
    '<p>The link is incomplete or was changed. Open it again from the email, or copy the whole address.</p>',
  );
}
