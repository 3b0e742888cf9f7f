import { describe, expect, it } from 'vitest';
import { isMachineOpen, MACHINE_OPEN_WINDOW_MS } from './machine-open.ts';

const deliveredAt = new Date('2025-03-01T10:00:00Z');
const later = new Date(deliveredAt.getTime() + 60_000);
const person = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36';

describe('isMachineOpen', () => {
  it('takes a browser fetching a minute after delivery for a person', () => {
    expect(isMachineOpen({ userAgent: person, deliveredAt, now: later })).toBe(false);
  });
  it('flags a fetch within the first seconds after delivery (a scanner)', () => {
    const soon = new Date(deliveredAt.getTime() + MACHINE_OPEN_WINDOW_MS - 1);
    expect(isMachineOpen({ userAgent: person, deliveredAt, now: soon })).toBe(true);
  });
  it('flags image proxies and tools by user agent, and a missing user agent', () => {
    for (const userAgent of ['Mozilla/5.0 (via ggpht.com GoogleImageProxy)', 'curl/8.4.0', '', undefined])
      expect(isMachineOpen({ userAgent, deliveredAt, now: later })).toBe(true);
  });
});
