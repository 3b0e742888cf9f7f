/**
 * The public tracking endpoints against a real server (app.inject) and store: an email is dispatched through the
 * capture transport, then its pixel, links and unsubscribe link are followed as a mail client would.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { createCaptureEmailChannel } from '../../channels/email/capture-email-channel.ts';
import { defaultDispatchPorts } from '../../channels/dispatch/default-dispatch-ports.ts';
import { dispatchDueMessages } from '../../channels/dispatch/dispatch-due-messages.ts';
import { listCapturedEmails } from '../../channels/dispatch/message-queries.ts';
import { eventsNamed, givenProfile, givenQueuedMessage } from '../../channels/dispatch/outbox-test-data.ts';
import { GroupCommitter } from '../../ingest/group-commit.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { loadTrackingSecret } from '../../tracking/tracking-secret.ts';
import { buildServer } from '../server.ts';

const browser =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 Version/17.0 Safari/605.1.15';

describeEachEngine('tracking links (pixel, click, unsubscribe)', (getStore) => {
  let app: FastifyInstance;
  let profileId: string;
  const clock = new ManualClock('2025-03-01T10:00:00Z');

  /** Queues one email to Grace and runs a dispatch step through the capture transport. */
  async function dispatchEmail(id: string) {
    const store = getStore();
    await givenQueuedMessage(store, {
      id,
      profileId,
      campaignId: 'spring',
      data: {
        subject: 'Spring sale',
        html: '<html><body><a href="https://shop.example/sale?x=1&amp;y=2">Sale</a></body></html>',
        text: 'Sale: https://shop.example/sale',
      },
      createdAt: clock.now(),
    });
    const email = createCaptureEmailChannel({ store, from: 'Shop <news@shop.example>', clock });
    return dispatchDueMessages({
      ...defaultDispatchPorts,
      store,
      clock,
      channels: new Map([['email', email]]),
      tracking: { baseUrl: 'https://crm.example', secret: await loadTrackingSecret(store) },
    });
  }

  /** Sends one email and returns the paths of its tracking links. */
  async function sendEmail(id: string): Promise<{ pixel: string; click: string; unsubscribe: string }> {
    expect(await dispatchEmail(id)).toMatchObject({ sent: 1 });
    const store = getStore();
    const [captured] = await listCapturedEmails(store, { to: 'grace@example.com', limit: 1 });
    const html = captured?.html ?? '';
    const path = (pattern: RegExp) => pattern.exec(html)?.[1] ?? '';
    return {
      pixel: path(/<img src="https:\/\/crm\.example(\/t\/o\/[^"]+)"/),
      click: path(/href="https:\/\/crm\.example(\/t\/c\/[^"]+)"/),
      unsubscribe:
        /<https:\/\/crm\.example(\/t\/u\/[^>]+)>/.exec(captured?.headers['List-Unsubscribe'] ?? '')?.[1] ??
        '',
    };
  }
  const eventCount = async () =>
    (await getStore().query<{ n: number }>('select count(*) as n from events'))[0]?.n ?? -1;
  const suppressions = () => getStore().query('select channel, address, reason from suppressions');

  beforeAll(async () => {
    const store = getStore();
    app = await buildServer({ store, committer: new GroupCommitter({ store }), adminKey: 'admin-secret' });
    profileId = await givenProfile(store, 'grace', { email: 'grace@example.com' });
  });
  afterAll(async () => app.close());
  beforeEach(async () => {
    for (const table of ['messages', 'suppressions', 'captured_emails', 'consent_records'])
      await getStore().execute(`delete from ${table}`);
    await getStore().execute("delete from events where event <> 'identify' and type = 'track'");
  });

  it('answers the open pixel with a gif and records Email Opened, flagging image proxies as machine opens', async () => {
    const { pixel } = await sendEmail('m-open');
    const person = await app.inject({ method: 'GET', url: pixel, headers: { 'user-agent': browser } });
    expect(person.statusCode).toBe(200);
    expect(person.headers['content-type']).toBe('image/gif');
    expect(person.rawPayload.subarray(0, 6).toString()).toBe('GIF89a');
    const proxy = await app.inject({
      method: 'GET',
      url: pixel,
      headers: { 'user-agent': 'Mozilla/5.0 (via ggpht.com GoogleImageProxy)' },
    });
    expect(proxy.statusCode).toBe(200);
    const opens = await eventsNamed(getStore(), 'Email Opened');
    expect(opens.map((open) => open.properties.machine).sort()).toEqual([false, true]);
    expect(opens[0]).toMatchObject({
      profile_id: profileId,
      properties: { messageId: 'm-open', channel: 'email', campaignId: 'spring' },
    });
  });

  it('redirects a click to the URL in the email and records Email Link Clicked with it', async () => {
    const { click } = await sendEmail('m-click');
    const response = await app.inject({ method: 'GET', url: click, headers: { 'user-agent': browser } });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('https://shop.example/sale?x=1&y=2');
    const clicks = await eventsNamed(getStore(), 'Email Link Clicked');
    expect(clicks).toEqual([
      {
        profile_id: profileId,
        properties: {
          messageId: 'm-click',
          channel: 'email',
          campaignId: 'spring',
          url: 'https://shop.example/sale?x=1&y=2',
          machine: false,
        },
      },
    ]);
  });

  it('shows a confirmation page on GET and unsubscribes on the one-click POST, once', async () => {
    const { unsubscribe } = await sendEmail('m-unsub');
    const page = await app.inject({ method: 'GET', url: unsubscribe });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post"');
    expect(page.body).toContain('grace@example.com');
    expect(await suppressions()).toEqual([]);

    for (let i = 0; i < 2; i += 1) {
      const posted = await app.inject({
        method: 'POST',
        url: unsubscribe,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(posted.statusCode).toBe(200);
    }
    // Unsubscribing from all email is a recorded consent denial, which the send policy enforces.
    const consent = await getStore().query(
      'select distinct purpose, channel, status, source from consent_records where profile_id = $1',
      [profileId],
    );
    expect(consent).toEqual([
      { purpose: 'marketing', channel: 'email', status: 'denied', source: 'unsubscribe' },
    ]);
    const unsubscribed = await eventsNamed(getStore(), 'Unsubscribed');
    expect(unsubscribed).toEqual([
      { profile_id: profileId, properties: { messageId: 'm-unsub', channel: 'email', campaignId: 'spring' } },
    ]);

    // The next email to the address is suppressed, not sent.
    expect(await dispatchEmail('m-after-unsub')).toMatchObject({ claimed: 1, suppressed: 1 });
    const [row] = await getStore().query(
      "select status, last_error from messages where id = 'm-after-unsub'",
    );
    expect(row).toEqual({ status: 'suppressed', last_error: 'consent_denied' });
  });

  it('rejects forged or altered tokens with 404 and records nothing', async () => {
    const links = await sendEmail('m-forged');
    const before = await eventCount();
    const [payload = '', signature = ''] = links.click.slice('/t/c/'.length).split('.');
    const evilPayload = Buffer.from(
      JSON.stringify({ v: 1, k: 'click', m: 'm-forged', u: 'https://evil.example/' }),
    ).toString('base64url');
    const flip = (text: string) => `${text.slice(0, -2)}${text.endsWith('AA') ? 'BB' : 'AA'}`;
    const attempts = [
      { method: 'GET' as const, url: `/t/c/${evilPayload}.${signature}` },
      { method: 'GET' as const, url: `/t/c/${payload}.${flip(signature)}` },
      { method: 'GET' as const, url: `${flip(links.pixel.replace(/\.gif$/, ''))}.gif` },
      { method: 'GET' as const, url: '/t/o/not-a-token.gif' },
      // An open token is no unsubscribe token.
      { method: 'POST' as const, url: `/t/u/${links.pixel.slice('/t/o/'.length).replace(/\.gif$/, '')}` },
      { method: 'POST' as const, url: `/t/u/${flip(links.unsubscribe.slice('/t/u/'.length))}` },
    ];
    for (const attempt of attempts) {
      const response = await app.inject({ ...attempt, headers: { 'user-agent': browser } });
      expect(response.statusCode, attempt.url).toBe(404);
      expect(response.headers.location).toBeUndefined();
    }
    expect(await eventCount()).toBe(before);
    expect(await suppressions()).toEqual([]);
    expect(await getStore().query('select * from consent_records')).toEqual([]);
  });
});
