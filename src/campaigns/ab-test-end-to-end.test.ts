/**
 * An A/B campaign through the real parts around it: the dispatcher renders and "sends" the sample through the
 * capture email channel, people open the emails by fetching the tracking pixel from the HTTP server, and the
 * campaign worker picks the winner from those recorded opens and sends it to the rest.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer } from '../api/server.ts';
import { createCaptureEmailChannel } from '../channels/email/capture-email-channel.ts';
import { defaultDispatchPorts } from '../channels/dispatch/default-dispatch-ports.ts';
import { dispatchDueMessages } from '../channels/dispatch/dispatch-due-messages.ts';
import { ManualClock } from '../clock.ts';
import { GroupCommitter } from '../ingest/group-commit.ts';
import { createTemplate } from '../templates/template-store.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { loadTrackingSecret } from '../tracking/tracking-secret.ts';
import { createCampaign, requireCampaign } from './campaign-store.ts';
import { processDueCampaigns, sendCampaign } from './send-campaign.ts';
import { addProfiles, addSegment, campaignMessages } from './testing/campaign-fixtures.ts';

const HOUR = 60 * 60 * 1000;
// About 20 per variant in the 50% sample: enough that each variant surely has the 4 people who open below.
const PEOPLE = 80;
const BROWSER =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15';

describeEachEngine('campaigns: A/B winner from opens recorded by the tracking pixel', (getStore) => {
  let app: FastifyInstance;
  let committer: GroupCommitter;
  const clock = new ManualClock('2025-04-01T08:00:00Z');

  beforeAll(async () => {
    const store = getStore();
    await addProfiles(
      store,
      Array.from({ length: PEOPLE }, (_, index) => ({
        userId: `reader${index}`,
        traits: { email: `reader${index}@example.com`, first_name: `Reader ${index}`, list: 'tea' },
      })),
    );
    await addSegment(store, 'tea list', 'list = "tea"');
    await createTemplate(store, {
      name: 'tea-news',
      channel: 'email',
      subject: 'Tea news',
      format: 'html',
      body: '<html><body><p>Hi {{ profile.first_name }}</p><a href="https://shop.example/tea">Tea</a></body></html>',
    });
    committer = new GroupCommitter({ store });
    app = await buildServer({ store, committer, adminKey: 'k', clock });
  });
  afterAll(async () => {
    await app.close();
    await committer.close();
  });

  async function dispatchAll(): Promise<void> {
    const store = getStore();
    const options = {
      ...defaultDispatchPorts,
      store,
      clock,
      channels: new Map([
        ['email', createCaptureEmailChannel({ store, from: 'Shop <news@shop.example>', clock })],
      ]),
      tracking: { baseUrl: 'https://crm.shop.example', secret: await loadTrackingSecret(store) },
    };
    while ((await dispatchDueMessages(options)).claimed > 0);
  }

  async function openEmail(messageId: string): Promise<void> {
    const [captured] = await getStore().query<{ html: string }>(
      'select html from captured_emails where message_id = $1',
      [messageId],
    );
    const pixel = /\/t\/o\/([^"]+\.gif)/.exec(captured?.html ?? '')?.[1];
    if (!pixel) throw new Error(`no open pixel in ${messageId}`);
    const response = await app.inject({
      method: 'GET',
      url: `/t/o/${pixel}`,
      headers: { 'user-agent': BROWSER },
    });
    expect(response.statusCode).toBe(200);
  }

  it('sends the variant whose subject was opened more to the remainder', async () => {
    const store = getStore();
    const campaign = await createCampaign(
      store,
      {
        name: 'tea subjects',
        template: 'tea-news',
        segment: 'tea list',
        abTest: {
          variants: [
            { name: 'plain', subject: 'Tea news for April' },
            { name: 'teaser', subject: 'The one tea we cannot keep in stock' },
          ],
          samplePercent: 50,
          metric: 'open_rate',
          decideAfterHours: 2,
        },
      },
      clock.now(),
    );
    await sendCampaign(store, campaign.id, clock.now());
    await dispatchAll();
    const sample = await campaignMessages(store, campaign.id);
    expect(sample.every((message) => message.status === 'sent')).toBe(true);
    const plain = sample.filter((message) => message.variant === 'plain');
    const teaser = sample.filter((message) => message.variant === 'teaser');
    const [subject] = await store.query<{ subject: string }>(
      'select subject from captured_emails where message_id = $1',
      [teaser[0]?.id ?? ''],
    );
    expect(subject?.subject).toBe('The one tea we cannot keep in stock');

    clock.advance(HOUR);
    for (const message of plain.slice(0, 1)) await openEmail(message.id);
    for (const message of teaser.slice(0, 4)) await openEmail(message.id);
    await openEmail(teaser[0]?.id ?? ''); // a second open of the same email counts once

    clock.advance(HOUR);
    await processDueCampaigns(store, clock.now());
    const { decision, status } = await requireCampaign(store, campaign.id);
    expect(status).toBe('sent');
    expect(decision?.winner).toBe('teaser');
    expect(
      decision?.variants.map((variant) => [variant.name, variant.delivered, variant.uniqueOpens]),
    ).toEqual([
      ['plain', plain.length, 1],
      ['teaser', teaser.length, 4],
    ]);

    await dispatchAll();
    const subjects = await store.query<{ subject: string; count: number }>(
      `select c.subject, count(*) as count from captured_emails c join messages m on m.id = c.message_id
        where m.campaign_id = $1 group by c.subject order by c.subject`,
      [campaign.id],
    );
    expect(subjects.map((row) => [row.subject, Number(row.count)])).toEqual([
      ['Tea news for April', plain.length],
      ['The one tea we cannot keep in stock', PEOPLE - plain.length],
    ]);
  });
});
