/**
 * Atom (RFC 4287) and RSS 2.0 documents from publications, newest first. Every text goes through `escapeXml`,
 * and characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates) are dropped, so any title or
 * body a template produced yields a well-formed document.
 */
export interface FeedEntry {
  id: string;
  title: string;
  /** HTML. */
  body: string;
  publishedAt: Date;
}

export interface FeedDocument {
  feed: string;
  /** The feed's own URL (Atom `rel="self"`, RSS `<link>`). */
  selfUrl: string;
  entries: readonly FeedEntry[];
  /** When the feed has no entries, its `updated` time. */
  now: Date;
}

// XML 1.0 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]; anything else is dropped.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

function entryUrn(id: string): string {
  return `urn:segmint:publication:${encodeURIComponent(id)}`;
}

export function renderAtomFeed(document: FeedDocument): string {
  const updated = (document.entries[0]?.publishedAt ?? document.now).toISOString();
  const entries = document.entries.map((entry) =>
    [
      '  <entry>',
      `    <id>${escapeXml(entryUrn(entry.id))}</id>`,
      `    <title type="text">${escapeXml(entry.title)}</title>`,
      `    <updated>${entry.publishedAt.toISOString()}</updated>`,
      `    <published>${entry.publishedAt.toISOString()}</published>`,
      `    <content type="html">${escapeXml(entry.body)}</content>`,
      '  </entry>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(document.selfUrl)}</id>`,
    `  <title>${escapeXml(document.feed)}</title>`,
    `  <updated>${updated}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(document.selfUrl)}"/>`,
    '  <author><name>Segmint</name></author>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}

export function renderRssFeed(document: FeedDocument): string {
  const items = document.entries.map((entry) =>
    [
      '    <item>',
      `      <title>${escapeXml(entry.title)}</title>`,
      `      <guid isPermaLink="false">${escapeXml(entryUrn(entry.id))}</guid>`,
      `      <pubDate>${entry.publishedAt.toUTCString()}</pubDate>`,
      `      <description>${escapeXml(entry.body)}</description>`,
      '    </item>',
    ].join('\n'),
  );
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '  <channel>',
    `    <title>${escapeXml(document.feed)}</title>`,
    `    <link>${escapeXml(document.selfUrl)}</link>`,
    `    <description>${escapeXml(`Publications of the Segmint feed ${document.feed}`)}</description>`,
    `    <atom:link rel="self" type="application/rss+xml" href="${escapeXml(document.selfUrl)}"/>`,
    `    <lastBuildDate>${(document.entries[0]?.publishedAt ?? document.now).toUTCString()}</lastBuildDate>`,
    ...items,
    '  </channel>',
    '</rss>',
    '',
  ].join('\n');
}
