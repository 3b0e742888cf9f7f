import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { escapeXml, renderAtomFeed, renderRssFeed, type FeedDocument } from './render-feed.ts';

const hostile = 'Tom & Jerry <script>alert("x")</script> ]]> \'quoted\' \u0001bell\u0008 😀';
const document: FeedDocument = {
  feed: 'news & <offers>',
  selfUrl: 'https://shop.example/feeds/news.atom?a=1&b=2',
  entries: [
    {
      id: 'weekly:2025-02-10T09:00:00.000Z',
      title: hostile,
      body: '<p>Top: <b>Mug</b> &amp; tea</p>',
      publishedAt: new Date('2025-02-10T09:00:00Z'),
    },
    {
      id: 'weekly:2025-02-03T09:00:00.000Z',
      title: 'First',
      body: '<p>One</p>',
      publishedAt: new Date('2025-02-03T09:00:00Z'),
    },
  ],
  now: new Date('2025-02-11T00:00:00Z'),
};

function decodeXml(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');
}

function texts(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}(?: [^>]*)?>([^<]*)</${tag}>`, 'g'))].map((match) =>
    decodeXml(match[1] ?? ''),
  );
}

/** A strict XML parser (expat, through Python) where one is installed; null when none is. */
function strictXmlError(xml: string): string | null | undefined {
  try {
    execFileSync(
      'python3',
      ['-c', 'import sys, xml.dom.minidom as m; m.parseString(sys.stdin.buffer.read())'],
      {
        input: xml,
        stdio: ['pipe', 'ignore', 'pipe'],
      },
    );
    return null;
  } catch (error) {
    const stderr = error instanceof Error && 'stderr' in error ? String(error.stderr) : '';
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    return stderr || String(error);
  }
}

describe('feeds', () => {
  it('escapes the five XML specials and drops characters XML cannot carry', () => {
    expect(escapeXml('a<b>&"\'\u0000\u0001\u000b\t\n')).toBe('a&lt;b&gt;&amp;&quot;&apos;\t\n');
    expect(escapeXml('emoji 😀 stays')).toBe('emoji 😀 stays');
  });

  it('renders Atom whose texts decode back to the originals, newest first', () => {
    const xml = renderAtomFeed(document);
    expect(
      xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'),
    ).toBe(true);
    expect(texts(xml, 'title')).toEqual([
      'news & <offers>',
      hostile.replaceAll('\u0001', '').replaceAll('\u0008', ''),
      'First',
    ]);
    expect(texts(xml, 'content')).toEqual(['<p>Top: <b>Mug</b> &amp; tea</p>', '<p>One</p>']);
    expect(texts(xml, 'updated')).toEqual([
      '2025-02-10T09:00:00.000Z',
      '2025-02-10T09:00:00.000Z',
      '2025-02-03T09:00:00.000Z',
    ]);
    expect(texts(xml, 'id')[1]).toBe('urn:segmint:publication:weekly%3A2025-02-10T09%3A00%3A00.000Z');
    expect(strictXmlError(xml) ?? null).toBeNull();
  });

  it('renders RSS 2.0 with RFC 822 dates and the same escaping', () => {
    const xml = renderRssFeed(document);
    expect(texts(xml, 'pubDate')).toEqual(['Mon, 10 Feb 2025 09:00:00 GMT', 'Mon, 03 Feb 2025 09:00:00 GMT']);
    expect(texts(xml, 'description').slice(1)).toEqual(['<p>Top: <b>Mug</b> &amp; tea</p>', '<p>One</p>']);
    expect(strictXmlError(xml) ?? null).toBeNull();
  });

  it('the strict check catches a document that is not well-formed (so it is a real check)', () => {
    const error = strictXmlError('<feed><title>a & b</title></feed>');
    if (error === undefined) return; // no python3 here: the two checks above ran without it
    expect(error).toContain('not well-formed');
  });

  it('an empty feed still has an updated time', () => {
    expect(renderAtomFeed({ ...document, entries: [] })).toContain(
      '<updated>2025-02-11T00:00:00.000Z</updated>',
    );
  });
});
