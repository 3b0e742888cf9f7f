/**
 * Measurement end to end (issue 8's acceptance): customers → a segment → a journey with a holdout group sends
 * through a real SMTP server → people open (one image proxy too), click and buy through the public tracking and
 * tracking-API endpoints → the journey report shows exactly the counts, rates, revenue and lift worked out by hand.
 */
import type { FastifyInstance } from 'fastify';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer } from '../api/server.ts';
import { defaultDispatchPorts } from '../channels/dispatch/default-dispatch-ports.ts';
import { dispatchDueMessages } from '../channels/dispatch/dispatch-due-messages.ts';
import { createSmtpEmailChannel } from '../channels/email/smtp-email-channel.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../channels/email/smtp-test-server.ts';
import type { Channel } from '../channels/channel.ts';
import { ManualClock } from '../clock.ts';
import { GroupCommitter } from '../ingest/group-commit.ts';
import { isHeldOut } from '../journeys/deterministic-hash.ts';
import { saveJourney } from '../journeys/journey-store.ts';
import { runJourneyPass } from '../journeys/journey-worker.ts';
import { refreshAllSegments } from '../segments/saved/refresh-membership.ts';
import { createSegment } from '../segments/saved/segment-store.ts';
import { createSource } from '../sources/sources.ts';
import { createTemplate } from '../templates/template-store.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { loadTrackingSecret } from '../tracking/tracking-secret.ts';

// 30 gold shoppers with a 30% holdout: both groups are non-empty and 5+ are treated except with odds below 1 in 10,000.
const PEOPLE = Array.from({ length: 90 }, (_, index) => `shopper${index}`);
const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
const PROXY = 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)';

describeEachEngine('reports end to end: journey → SMTP → opens, clicks, purchases → report', (getStore) => {
  const clock = new ManualClock('2025-06-02T08:00:00Z');
  let app: FastifyInstance;
  let committer: GroupCommitter;
  let smtp: TestSmtpServer;
  let email: Channel;
  let writeKey: string;

  const track = (body: object) =>
    app.inject({
      method: 'POST',
      url: '/v1/track',
      headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` },
      payload: body,
    });

  beforeAll(async () => {
    const store = getStore();
    smtp = await startTestSmtpServer();
    email = createSmtpEmailChannel({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      from: 'Shop <news@shop.example>',
    });
    committer = new GroupCommitter({ store });
    app = await buildServer({ store, committer, adminKey: 'k', clock });
    writeKey = (await createSource(store, 'web')).writeKey;
    // Every third shopper is on the gold plan.
    for (const [index, userId] of PEOPLE.entries()) {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/identify',
        headers: { authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}` },
        payload: {
          userId,
          traits: {
            email: `${userId}@example.com`,
            first_name: `Shopper ${index}`,
            plan: index % 3 === 0 ? 'gold' : 'free',
          },
        },
      });
      expect(response.statusCode).toBe(200);
    }
  });
  afterAll(async () => {
    await app.close();
    await committer.close();
    await email.close();
    await smtp.close();
  });

  it('reports exactly what happened', async () => {
    const store = getStore();
    await createTemplate(store, {
      name: 'gold-offer',
      channel: 'email',
      subject: 'A gold offer for {{ profile.first_name }}',
      format: 'html',
      body: '<html><body><p>Hi {{ profile.first_name }}</p><p><a href="https://shop.example/gold">Shop gold</a></p></body></html>',
    });
    // The segment is saved first (the journey names it) and filled after the journey exists, so its "entered"
    // transitions trigger the journey.
    await createSegment(store, { name: 'gold', text: 'plan = "gold"' }, { now: clock.now() });
    const { journey } = await saveJourney(
      store,
      {
        schemaVersion: 1,
        name: 'gold offer',
        trigger: { type: 'segment_entered', segment: 'gold' },
        holdoutPercent: 30,
        start: 'offer',
        nodes: [{ id: 'offer', type: 'send', channel: 'email', template: 'gold-offer' }],
      },
      { now: clock.now() },
    );
    clock.advance(60_000);
    await refreshAllSegments(store, { now: clock.now() });
    clock.advance(60_000);
    await runJourneyPass({ store, clock });

    const gold = PEOPLE.filter((_, index) => index % 3 === 0);
    const profileIds = new Map<string, string>();
    for (const userId of gold) {
      const [row] = await store.query<{ profile_id: string }>(
        "select profile_id from identities where kind = 'user_id' and value = $1",
        [userId],
      );
      profileIds.set(userId, row?.profile_id ?? '');
    }
    const heldOut = gold.filter((userId) => isHeldOut(journey.id, profileIds.get(userId) ?? '', 30));
    const treated = gold.filter((userId) => !heldOut.includes(userId));
    expect(heldOut.length).toBeGreaterThan(0);
    expect(treated.length).toBeGreaterThanOrEqual(4);

    const tracking = { baseUrl: 'https://crm.shop.example', secret: await loadTrackingSecret(store) };
    const options = {
      ...defaultDispatchPorts,
      store,
      clock,
      channels: new Map([['email', email]]),
      tracking,
    };
    while ((await dispatchDueMessages(options)).claimed > 0);
    const received = await Promise.all(smtp.received.map((raw) => simpleParser(raw)));
    const recipients = received.map((mail) => (Array.isArray(mail.to) ? '' : (mail.to?.text ?? ''))).sort();
    expect(recipients).toEqual(treated.map((userId) => `${userId}@example.com`).sort());

    const emailOf = (userId: string) => {
      const mail = received.find(
        (candidate) => !Array.isArray(candidate.to) && candidate.to?.text === `${userId}@example.com`,
      );
      if (!mail || typeof mail.html !== 'string') throw new Error(`no email for ${userId}`);
      expect(mail.subject).toBe(`A gold offer for Shopper ${PEOPLE.indexOf(userId)}`);
      return mail.html;
    };
    const pathOf = (html: string, pattern: RegExp) => {
      const url = pattern.exec(html)?.[1];
      if (!url) throw new Error(`no ${String(pattern)} link`);
      return new URL(url.replaceAll('&amp;', '&')).pathname;
    };
    const [a, b, c, d, e] = [treated[0], treated[1], treated[2], treated[3], treated[4]];
    clock.advance(3_600_000);
    // Four people open (a twice); an image proxy fetches e's pixel (a machine open, if e exists).
    for (const userId of [a, b, c, d, a]) {
      if (!userId) continue;
      const opened = await app.inject({
        method: 'GET',
        url: pathOf(emailOf(userId), /src="([^"]*\/t\/o\/[^"]+)"/),
        headers: { 'user-agent': BROWSER },
      });
      expect(opened.statusCode).toBe(200);
    }
    if (e)
      await app.inject({
        method: 'GET',
        url: pathOf(emailOf(e), /src="([^"]*\/t\/o\/[^"]+)"/),
        headers: { 'user-agent': PROXY },
      });
    // a and b click through; the redirect goes where the email linked.
    for (const userId of [a, b]) {
      if (!userId) continue;
      const clicked = await app.inject({
        method: 'GET',
        url: pathOf(emailOf(userId), /href="([^"]*\/t\/c\/[^"]+)"/),
        headers: { 'user-agent': BROWSER },
      });
      expect(clicked.statusCode).toBe(302);
      expect(clicked.headers.location).toBe('https://shop.example/gold');
    }
    clock.advance(3_600_000);
    // a and b buy after clicking; one held-out person buys too (counted for lift, attributed to nothing).
    const buyer = heldOut[0] ?? '';
    for (const [userId, revenue] of [
      [a, 100],
      [b, 40],
      [buyer, 30],
    ] as const) {
      const bought = await track({
        userId,
        event: 'Order Completed',
        timestamp: clock.now().toISOString(),
        properties: { revenue },
      });
      expect(bought.statusCode).toBe(200);
    }

    const report = (
      await app.inject({
        method: 'GET',
        url: '/api/reports/journeys/gold%20offer',
        headers: { authorization: 'Bearer k' },
      })
    ).json();
    const sent = treated.length;
    expect(report.kpis).toMatchObject({
      sent,
      delivered: sent,
      bounced: 0,
      uniqueOpens: 4,
      machineOpens: e ? 1 : 0,
      uniqueClicks: 2,
      conversions: 2,
      revenue: 140,
    });
    expect(report.kpis.openRate).toBeCloseTo(4 / sent, 12);
    expect(report.kpis.clickRate).toBeCloseTo(2 / sent, 12);
    expect(report.kpis.clickToOpenRate).toBeCloseTo(0.5, 12);
    expect(report.kpis.revenuePerRecipient).toBeCloseTo(140 / sent, 12);
    const holdout = heldOut.length;
    expect(report.holdout.treated).toMatchObject({ profiles: sent, converted: 2, revenue: 140 });
    expect(report.holdout.holdout).toMatchObject({ profiles: holdout, converted: 1, revenue: 30 });
    expect(report.holdout.comparison.absoluteLift).toBeCloseTo(2 / sent - 1 / holdout, 12);
    expect(report.holdout.incrementalRevenue).toBeCloseTo((140 / sent - 30 / holdout) * sent, 9);
  });
});
