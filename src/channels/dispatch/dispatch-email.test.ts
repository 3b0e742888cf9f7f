/**
 * The dispatcher end to end over real SMTP: outbox rows → rendered, tracked emails received by a local smtp-server
 * and parsed back with mailparser; temporary and permanent SMTP failures; suppression; crash recovery.
 */
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { createTemplate } from '../../templates/template-store.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { verifyTrackingToken } from '../../tracking/tracking-token.ts';
import type { Channel } from '../channel.ts';
import { createSmtpEmailChannel } from '../email/smtp-email-channel.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../email/smtp-test-server.ts';
import { defaultDispatchPorts } from './default-dispatch-ports.ts';
import { dispatchDueMessages, type DispatchOptions } from './dispatch-due-messages.ts';
import type { DispatchPorts } from './dispatch-ports.ts';
import { eventsNamed, givenProfile, givenQueuedMessage } from './outbox-test-data.ts';

const secret = 'dispatch-test-secret';
const baseUrl = 'https://crm.shop.example';

describeEachEngine('message dispatcher over SMTP', (getStore) => {
  let smtp: TestSmtpServer;
  let email: Channel;
  let clock: ManualClock;
  let adaId: string;
  let templateId: string;

  const dispatch = (ports: Partial<DispatchPorts> = {}) => {
    const options: DispatchOptions = {
      ...defaultDispatchPorts,
      ...ports,
      store: getStore(),
      clock,
      channels: new Map([['email', email]]),
      tracking: { baseUrl, secret },
      random: () => 0.5,
    };
    return dispatchDueMessages(options);
  };
  const messageRow = async (id: string) =>
    (
      await getStore().query<{
        status: string;
        attempts: number;
        next_attempt_at: Date | null;
        last_error: string | null;
        recipient: string | null;
      }>('select status, attempts, next_attempt_at, last_error, recipient from messages where id = $1', [id])
    )[0];

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    email = createSmtpEmailChannel({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      from: 'Shop <news@shop.example>',
    });
    const store = getStore();
    adaId = await givenProfile(store, 'ada', { email: 'Ada@Example.com', first_name: 'Ada' });
    const template = await createTemplate(store, {
      name: 'spring-sale',
      channel: 'email',
      subject: 'Spring picks for {{ profile.first_name }}',
      format: 'html',
      body: '<html><body><p>Hi {{ profile.first_name }},</p><p><a href="https://shop.example/sale?src=email&amp;c=1">See the sale</a></p></body></html>',
    });
    templateId = template.id;
  });
  afterAll(async () => {
    await email.close();
    await smtp.close();
  });
  beforeEach(async () => {
    clock = new ManualClock('2025-03-01T10:00:00Z');
    smtp.received.length = 0;
    smtp.recipientsTried.length = 0;
    smtp.replyToRecipient = () => null;
    for (const table of ['messages', 'suppressions']) await getStore().execute(`delete from ${table}`);
    await getStore().execute("delete from events where event like 'Email %'");
  });

  it('delivers a personalised email with Message-ID, one-click unsubscribe, open pixel and tracked links', async () => {
    await givenQueuedMessage(getStore(), {
      id: 'campaign:spring:ada',
      profileId: adaId,
      templateId,
      campaignId: 'spring',
      variant: 'A',
      createdAt: clock.now(),
    });

    expect(await dispatch()).toMatchObject({ claimed: 1, sent: 1 });

    expect(smtp.received).toHaveLength(1);
    const mail = await simpleParser(smtp.received[0] ?? '');
    expect(mail.subject).toBe('Spring picks for Ada');
    expect(mail.messageId).toBe('<campaign%3Aspring%3Aada@shop.example>');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('ada@example.com');
    // mailparser folds List-* headers into one `list` object; the raw lines show them as sent.
    const header = (name: string) => mail.headerLines.find((line) => line.key === name)?.line ?? '';
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const unsubscribeLink = /<(https:\/\/crm\.shop\.example\/t\/u\/[^>]+)>/.exec(
      header('list-unsubscribe'),
    )?.[1];
    expect(verifyTrackingToken(unsubscribeLink?.split('/t/u/')[1] ?? '', secret)).toEqual({
      v: 1,
      k: 'unsubscribe',
      m: 'campaign:spring:ada',
    });
    const html = typeof mail.html === 'string' ? mail.html : '';
    expect(html).toContain('Hi Ada,');
    const link = /href="https:\/\/crm\.shop\.example\/t\/c\/([^"]+)"/.exec(html)?.[1] ?? '';
    expect(verifyTrackingToken(link, secret)).toMatchObject({
      k: 'click',
      u: 'https://shop.example/sale?src=email&c=1',
    });
    expect(html).toMatch(/<img src="https:\/\/crm\.shop\.example\/t\/o\/[^"]+\.gif"/);
    expect(mail.text).toContain('Hi Ada,');

    expect(await messageRow('campaign:spring:ada')).toMatchObject({
      status: 'sent',
      attempts: 1,
      recipient: 'ada@example.com',
    });
    const delivered = await eventsNamed(getStore(), 'Email Delivered');
    expect(delivered).toEqual([
      {
        profile_id: adaId,
        properties: {
          messageId: 'campaign:spring:ada',
          channel: 'email',
          campaignId: 'spring',
          templateId,
          variant: 'A',
        },
      },
    ]);
  });

  it('retries after a 451 reply with backoff and delivers exactly once', async () => {
    let replies = 0;
    smtp.replyToRecipient = () => (++replies === 1 ? 451 : null);
    await givenQueuedMessage(getStore(), {
      id: 'm-451',
      profileId: adaId,
      data: { subject: 'Hello', text: 'Plain hello' },
      createdAt: clock.now(),
    });

    expect(await dispatch()).toMatchObject({ claimed: 1, deferred: 1 });
    const deferred = await messageRow('m-451');
    expect(deferred).toMatchObject({ status: 'deferred', attempts: 1 });
    expect(deferred?.last_error).toMatch(/451/);
    // Base 30 s, attempt 1, jitter 0.5: 22.5 s.
    expect(deferred?.next_attempt_at?.toISOString()).toBe('2025-03-01T10:00:22.500Z');

    expect(await dispatch()).toMatchObject({ claimed: 0 });
    clock.advance(22_500);
    expect(await dispatch()).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.recipientsTried).toEqual(['ada@example.com', 'ada@example.com']);
    expect(await messageRow('m-451')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await eventsNamed(getStore(), 'Email Delivered')).toHaveLength(1);
  });

  it('fails a 550 permanently, records the bounce and never sends to the address again', async () => {
    smtp.replyToRecipient = () => 550;
    await givenQueuedMessage(getStore(), {
      id: 'm-550',
      profileId: adaId,
      data: { subject: 'Hello', text: 'Plain hello' },
      createdAt: clock.now(),
    });
    expect(await dispatch()).toMatchObject({ claimed: 1, failed: 1 });
    expect(await messageRow('m-550')).toMatchObject({ status: 'failed', attempts: 1 });
    const suppressions = await getStore().query(
      'select channel, address, reason, message_id from suppressions',
    );
    expect(suppressions).toEqual([
      { channel: 'email', address: 'ada@example.com', reason: 'hard_bounce', message_id: 'm-550' },
    ]);
    const bounced = await eventsNamed(getStore(), 'Email Bounced');
    expect(bounced).toHaveLength(1);
    expect(bounced[0]?.properties).toMatchObject({ messageId: 'm-550', channel: 'email' });

    smtp.replyToRecipient = () => null;
    await givenQueuedMessage(getStore(), {
      id: 'm-after-bounce',
      profileId: adaId,
      data: { text: 'again' },
      createdAt: clock.now(),
    });
    expect(await dispatch()).toMatchObject({ claimed: 1, suppressed: 1 });
    expect(await messageRow('m-after-bounce')).toMatchObject({
      status: 'suppressed',
      last_error: 'address_suppressed',
    });
    expect(smtp.recipientsTried).toEqual(['ada@example.com']);
  });

  it('gives up after the last attempt', async () => {
    smtp.replyToRecipient = () => 451;
    await givenQueuedMessage(getStore(), {
      id: 'm-gone',
      profileId: adaId,
      data: { text: 'x' },
      createdAt: clock.now(),
    });
    const options = {
      ...defaultDispatchPorts,
      store: getStore(),
      clock,
      channels: new Map([['email', email]]),
    };
    const policy = { maxAttempts: 2, baseDelayMs: 1000, maxDelayMs: 1000 };
    const step = () =>
      dispatchDueMessages({
        ...options,
        tracking: { baseUrl, secret },
        retryPolicy: policy,
        random: () => 0,
      });
    expect(await step()).toMatchObject({ deferred: 1 });
    clock.advance(1000);
    expect(await step()).toMatchObject({ failed: 1 });
    const row = await messageRow('m-gone');
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(row?.last_error).toMatch(/^gave up after 2 attempts: .*451/);
  });

  it('sends again a row left in "sending" by a crashed dispatcher once its lease ran out, not before', async () => {
    await givenQueuedMessage(getStore(), {
      id: 'm-crashed',
      profileId: adaId,
      status: 'sending',
      data: { text: 'x' },
      createdAt: new Date('2025-03-01T09:00:00Z'),
      updatedAt: new Date('2025-03-01T09:55:00Z'),
    });
    expect(await dispatch()).toMatchObject({ claimed: 0 });
    clock.set('2025-03-01T10:05:00Z');
    expect(await dispatch()).toMatchObject({ claimed: 1, sent: 1 });
    expect(smtp.received).toHaveLength(1);
  });

  it('defers a message when the send policy says "not now", without counting an attempt', async () => {
    await givenQueuedMessage(getStore(), {
      id: 'm-quiet',
      profileId: adaId,
      data: { text: 'x' },
      createdAt: clock.now(),
    });
    const until = new Date('2025-03-01T18:00:00Z');
    const quiet = await dispatch({
      checkSendPolicies: async (_, requests) =>
        requests.map(() => ({ decision: 'defer', until, reason: 'quiet_hours' })),
    });
    expect(quiet).toMatchObject({ deferred: 1 });
    expect(await messageRow('m-quiet')).toMatchObject({
      status: 'deferred',
      attempts: 0,
      next_attempt_at: until,
      last_error: 'quiet_hours',
    });
    expect(smtp.recipientsTried).toEqual([]);
  });

  it('skips a profile without an email address and fails a message without content', async () => {
    const noEmail = await givenProfile(getStore(), 'no-email', { first_name: 'Bo' });
    await givenQueuedMessage(getStore(), {
      id: 'm-no-email',
      profileId: noEmail,
      data: { text: 'x' },
      createdAt: clock.now(),
    });
    await givenQueuedMessage(getStore(), { id: 'm-empty', profileId: adaId, createdAt: clock.now() });
    expect(await dispatch()).toMatchObject({ claimed: 2, skipped: 1, failed: 1 });
    expect((await messageRow('m-empty'))?.last_error).toMatch(/no template_id and no inline/);
    expect(smtp.recipientsTried).toEqual([]);
  });
});
