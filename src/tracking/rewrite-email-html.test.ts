import { describe, expect, it } from 'vitest';
import { rewriteEmailHtml } from './rewrite-email-html.ts';
import { verifyTrackingToken } from './tracking-token.ts';

const context = { messageId: 'campaign:c1:p1', baseUrl: 'https://crm.example/', secret: 's3cret' };

function tokenOf(url: string, prefix: string): string {
  expect(url.startsWith(prefix)).toBe(true);
  return url.slice(prefix.length).replace(/\.gif$/, '');
}

describe('rewriteEmailHtml', () => {
  it('sends every http(s) link through a signed click redirect to the URL the reader saw', () => {
    const html =
      '<html><body><a href="https://shop.example/a?x=1&amp;y=2">A</a> <a class="b" href=\'http://shop.example/b\'>B</a></body></html>';
    const rewritten = rewriteEmailHtml(html, context);
    const hrefs = [...rewritten.matchAll(/href=["']([^"']+)["']/g)].map((match) => match[1] ?? '');
    expect(hrefs).toHaveLength(2);
    const targets = hrefs.map((href) =>
      verifyTrackingToken(tokenOf(href, 'https://crm.example/t/c/'), 's3cret'),
    );
    expect(targets).toEqual([
      { v: 1, k: 'click', m: 'campaign:c1:p1', u: 'https://shop.example/a?x=1&y=2' },
      { v: 1, k: 'click', m: 'campaign:c1:p1', u: 'http://shop.example/b' },
    ]);
  });

  it('leaves mailto:, anchors and links to our own tracking endpoints alone', () => {
    const html =
      '<a href="mailto:help@shop.example">Mail</a><a href="#top">Top</a><a href="https://crm.example/t/u/abc.def">Unsubscribe</a>';
    const rewritten = rewriteEmailHtml(html, context);
    expect(rewritten).toContain('href="mailto:help@shop.example"');
    expect(rewritten).toContain('href="#top"');
    expect(rewritten).toContain('href="https://crm.example/t/u/abc.def"');
  });

  it('adds one open pixel just before </body>, or at the end without a body', () => {
    const withBody = rewriteEmailHtml('<body><p>Hi</p></body>', context);
    const pixel = /<img src="([^"]+)" width="1" height="1"/.exec(withBody);
    expect(pixel).not.toBeNull();
    expect(withBody.indexOf('<img')).toBeLessThan(withBody.indexOf('</body>'));
    expect(verifyTrackingToken(tokenOf(pixel?.[1] ?? '', 'https://crm.example/t/o/'), 's3cret')).toEqual({
      v: 1,
      k: 'open',
      m: 'campaign:c1:p1',
    });
    expect(rewriteEmailHtml('<p>Hi</p>', context)).toMatch(
      /^<p>Hi<\/p><img src="https:\/\/crm\.example\/t\/o\//,
    );
  });
});
