/**
 * The plain-text part of an email, derived from its HTML when the template has no explicit text body. Links keep
 * their address (a text reader cannot click), images are dropped (their alt text is rarely written for reading),
 * and MJML's layout tables read as paragraphs rather than as columns of a table.
 */
import { convert } from 'html-to-text';

export function htmlToPlainText(html: string): string {
  return convert(html, {
    wordwrap: 78,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true, ignoreHref: false } },
      { selector: 'table', format: 'block' },
      { selector: 'tr', format: 'block' },
      { selector: 'td', format: 'block' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
    ],
  })
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
