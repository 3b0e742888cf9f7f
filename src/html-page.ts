/**
 * The small server-rendered public pages (unsubscribe confirmation, preference centre): escaping and the page
 * shell, so every page gets the same head (charset, viewport, noindex: these URLs carry personal tokens and must
 * not be indexed) and escapes the same five characters.
 */

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A complete page: `title` is text (escaped, also the h1), `style` is the page's CSS, `body` is trusted HTML. */
export function htmlPage(options: { title: string; style: string; body: string }): string {
  const title = escapeHtml(options.title);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${title}</title>
<style>${options.style}</style></head>
<body><main><h1>${title}</h1>${options.body}</main></body></html>`;
}
