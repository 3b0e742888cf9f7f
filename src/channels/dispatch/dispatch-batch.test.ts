/**
 * The dispatcher's batch behaviour over real SMTP: several rows of one profile and one template in a batch (each
 * email its own unsubscribe link), frequency caps counted within the batch, a missing template failing only its
 * rows, the suppression list checked for rendered addresses, and a failed batch read retrying every row.
 */
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import { setSendRule } from '../../subscriptions/send-rules.ts';
import { createTemplate } from '../../templates/template-store.ts';
import { describeEachEngine } from '../../test-support/engines.ts';
import { suppressAddress } from '../../tracking/suppressions.ts';
import type { Channel } from '../channel.ts';
import { createSmtpEmailChannel } from '../email/smtp-email-channel.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../email/smtp-test-server.ts';
import { defaultDispatchPorts } from './default-dispatch-ports.ts';
import { dispatchDueMessages } from './dispatch-due-messages.ts';
import type { DispatchPorts } from './dispatch-ports.ts';
import { givenProfile, givenQueuedMessage } from './outbox-test-data.ts';

const secret = 'batch-test-secret';

describeEachEngine('message dispatcher batches', (getStore) => {
  let smtp: TestSmtpServer;
  let email: Channel;
  let clock: ManualClock;
  let adaId: string;
  let bobId: string;
  let templateId: string;

  const dispatch = (ports: Partial<DispatchPorts> = {}) =>
    dispatchDueMessages({
      ...defaultDispatchPorts,
      ...ports,
      store: getStore(),
      clock,
      channels: new Map([['email', email]]),
      tracking: { baseUrl: 'https://crm.shop.example', secret },
      random: () => 0.5,
    });
  const rows = () =>
    getStore().query<{
      id: string;
      status: string;
      attempts: number;
      next_attempt_at: Date | null;
      last_error: string | null;
    }>('select id, status, attempts, next_attempt_at, last_error from messages order by id');
  const queue = (
    id: string,
    profileId: string,
    extra: { templateId?: string; data?: Record<string, unknown> } = {},
  ) => givenQueuedMessage(getStore(), { id, profileId, createdAt: clock.now(), ...extra });

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    email = createSmtpEmailChannel({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      from: 'Shop <news@shop.example>',
    });
    adaId = await givenProfile(getStore(), 'ada', { email: 'ada@example.com', first_name: 'Ada' });
    bobId = await givenProfile(getStore(), 'bob', { email: 'bob@example.com', first_name: 'Bob' });
    const template = await createTemplate(getStore(), {
      name: 'batch-news',
      channel: 'email',
      subject: 'News for {{ profile.first_name }} ({{ message.edition }})',
      format: 'html',
      body: '<p>Hi {{ profile.first_name }}</p><a href="{{ message.unsubscribe_url }}">unsubscribe</a>',
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
    for (const table of ['messages', 'suppressions', 'send_rules'])
      await getStore().execute(`delete from ${table}`);
  });

  it("renders each row of one profile with its own data and unsubscribe link, and others' rows alike", async () => {
    await queue('m1', adaId, { templateId, data: { edition: 'one' } });
    await queue('m2', adaId, { templateId, data: { edition: 'two' } });
    await queue('m3', bobId, { templateId, data: { edition: 'one' } });
    expect(await dispatch()).toMatchObject({ claimed: 3, sent: 3 });
    const mails = await Promise.all(smtp.received.map((raw) => simpleParser(raw)));
    expect(mails.map((mail) => mail.subject).sort()).toEqual([
      'News for Ada (one)',
      'News for Ada (two)',
      'News for Bob (one)',
    ]);
    const unsubscribeLinks = mails.map(
      (mail) => /\/t\/u\/[^"]+/.exec(typeof mail.html === 'string' ? mail.html : '')?.[0],
    );
    expect(new Set(unsubscribeLinks).size).toBe(3);
  });

  it('counts the rows of one batch against the frequency cap: the second to a profile waits', async () => {
    await setSendRule(getStore(), { channel: 'email', maxMessages: 1, periodHours: 24 });
    await queue('a1', adaId, { data: { text: 'first' } });
    await queue('a2', adaId, { data: { text: 'second' } });
    await queue('b1', bobId, { data: { text: 'first' } });
    expect(await dispatch()).toMatchObject({ claimed: 3, sent: 2, deferred: 1 });
    expect(await rows()).toEqual([
      { id: 'a1', status: 'sent', attempts: 1, next_attempt_at: null, last_error: null },
      {
        id: 'a2',
        status: 'deferred',
        attempts: 0,
        next_attempt_at: new Date('2025-03-02T10:00:00Z'),
        last_error: 'frequency_cap',
      },
      { id: 'b1', status: 'sent', attempts: 1, next_attempt_at: null, last_error: null },
    ]);
  });

  it('fails only the rows of a missing template and suppresses a listed rendered address', async () => {
    await suppressAddress(getStore(), {
      channel: 'email',
      address: 'Blocked@Example.com',
      reason: 'manual',
      at: clock.now(),
    });
    await queue('t-missing', adaId, { templateId: 'no-such-template' });
    await queue('t-ok', bobId, { templateId, data: { edition: 'x' } });
    await queue('t-blocked', bobId, { data: { text: 'x', recipient: 'blocked@example.com' } });
    expect(await dispatch()).toMatchObject({ claimed: 3, sent: 1, failed: 1, suppressed: 1 });
    const byId = new Map((await rows()).map((row) => [row.id, row]));
    expect(byId.get('t-missing')?.status).toBe('failed');
    expect(byId.get('t-missing')?.last_error).toMatch(/no-such-template/);
    expect(byId.get('t-blocked')).toMatchObject({ status: 'suppressed', last_error: 'manual' });
    expect(smtp.received).toHaveLength(1);
  });

  it('retries every row with backoff when the batch cannot be read', async () => {
    await queue('r1', adaId, { data: { text: 'x' } });
    await queue('r2', bobId, { data: { text: 'x' } });
    const summary = await dispatch({
      checkSendPolicies: () => Promise.reject(new Error('connection lost')),
    });
    expect(summary).toMatchObject({ claimed: 2, deferred: 2 });
    for (const row of await rows()) {
      expect(row).toMatchObject({
        status: 'deferred',
        attempts: 1,
        last_error: 'dispatch error: connection lost',
      });
      expect(row.next_attempt_at?.getTime()).toBeGreaterThan(clock.now().getTime());
    }
    expect(smtp.received).toHaveLength(0);
  });
});
