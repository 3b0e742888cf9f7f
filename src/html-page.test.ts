import { describe, expect, it } from 'vitest';
import { escapeHtml, htmlPage } from './html-page.ts';

describe('public HTML pages', () => {
  it('escapes the five characters that can break out of text or an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('escapes the title in the head and the heading, keeps the body as given, and asks not to be indexed', () => {
    const page = htmlPage({ title: 'Tom & <Jerry>', style: 'p{margin:0}', body: '<p>ok</p>' });
    expect(page).toContain('<title>Tom &amp; &lt;Jerry&gt;</title>');
    expect(page).toContain('<h1>Tom &amp; &lt;Jerry&gt;</h1><p>ok</p>');
    expect(page).toContain('<meta name="robots" content="noindex">');
    expect(page).toContain('<style>p{margin:0}</style>');
  });
});
