import { beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { commitMessages } from '../ingest/commit-messages.ts';
import type { AbTest } from '../schema/campaign.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { normalized } from '../test-support/messages.ts';
import { assignAbVariant, audienceBucket } from './ab-assignment.ts';
import { reportCampaign } from './campaign-report.ts';
import { createCampaign, requireCampaign } from './campaign-store.ts';
import { processDueCampaigns, sendCampaign } from './send-campaign.ts';
import {
  addProfiles,
  addSegment,
  addTemplate,
  campaignMessages,
  type MessageRow,
} from './testing/campaign-fixtures.ts';

const HOUR = 60 * 60 * 1000;
const PEOPLE = 400;

const abTest: AbTest = {
  variants: [
    { name: 'A', subject: 'Our spring sale' },
    { name: 'B', subject: 'Psst: 20% off', template: 'sale-b' },
  ],
  samplePercent: 50,
  metric: 'open_rate',
  decideAfterHours: 4,
};

describeEachEngine('campaigns: A/B test with an automatic winner', (getStore) => {
  let userOfProfile: Map<string, string>;

  beforeAll(async () => {
    const store = getStore();
    const people = Array.from({ length: PEOPLE }, (_, index) => ({
      userId: `u${String(index).padStart(3, '0')}`,
      traits: { spring: true },
    }));
    const profiles = await addProfiles(store, people);
    userOfProfile = new Map([...profiles].map(([userId, profileId]) => [profileId, userId]));
    await addSegment(store, 'spring list', 'spring = true');
    await addTemplate(store, 'sale-a');
    await addTemplate(store, 'sale-b');
  });

  /** Opens as the tracking endpoint records them: `Email Opened` on the profile with the message id. */
  async function recordOpens(
    messages: readonly MessageRow[],
    options: { machine?: boolean; times?: number } = {},
  ) {
    const events = messages.flatMap((message) =>
      Array.from({ length: options.times ?? 1 }, () =>
        normalized({
          type: 'track',
          userId: userOfProfile.get(message.profile_id),
          event: 'Email Opened',
          properties: {
            messageId: message.id,
            channel: 'email',
            campaignId: message.campaign_id,
            variant: message.variant,
            ...(options.machine ? { machine: true } : {}),
          },
        }),
      ),
    );
    await getStore().transaction((tx) => commitMessages(tx, events));
  }

  it('splits the sample, then sends the variant with the better unique open rate to the remainder', async () => {
    const store = getStore();
    const clock = new ManualClock('2025-03-10T09:00:00Z');
    const campaign = await createCampaign(
      store,
      { name: 'spring sale', template: 'sale-a', segment: 'spring list', abTest },
      clock.now(),
    );

    const started = await sendCampaign(store, campaign.id, clock.now());
    const sample = await campaignMessages(store, campaign.id);
    expect(started).toEqual({
      campaign: 'spring sale',
      status: 'sending',
      steps: ['enqueue_sample'],
      enqueued: sample.length,
    });

    // The sample is exactly the profiles whose hash bucket is in the first half, split A/B by the bucket.
    const expected = new Map<string, string>();
    for (const profileId of userOfProfile.keys()) {
      const assignment = assignAbVariant(abTest, audienceBucket(campaign.id, profileId));
      if (assignment.kind === 'sample') expected.set(profileId, assignment.variant);
    }
    expect(new Map(sample.map((message) => [message.profile_id, message.variant]))).toEqual(expected);
    const inA = sample.filter((message) => message.variant === 'A');
    const inB = sample.filter((message) => message.variant === 'B');
    // 200 expected in the sample, 100 per variant (binomial, ±4 standard deviations).
    expect(Math.abs(sample.length - 200)).toBeLessThan(40);
    expect(Math.abs(inA.length - inB.length)).toBeLessThan(60);
    expect(inA.every((message) => message.template_id === 'tpl_sale-a')).toBe(true);
    expect(inB.every((message) => message.template_id === 'tpl_sale-b')).toBe(true);
    expect(inB[0]?.data).toEqual({ subject: 'Psst: 20% off' });
    expect(await requireCampaign(store, campaign.id)).toMatchObject({
      status: 'sending',
      decideAt: new Date('2025-03-10T13:00:00Z'),
      decision: null,
    });

    // The dispatcher delivers the sample; B's subject gets more people to open.
    await store.execute(`update messages set status = 'sent' where campaign_id = $1`, [campaign.id]);
    const openedA = inA.slice(0, 20);
    const openedB = inB.slice(0, 45);
    await recordOpens(openedA);
    await recordOpens(openedB, { times: 3 }); // repeated opens count once
    await recordOpens(inA.slice(20), { machine: true }); // scanner opens never count

    clock.advance(3 * HOUR);
    expect(await processDueCampaigns(store, clock.now())).toEqual([]);

    clock.advance(1 * HOUR);
    const decided = await processDueCampaigns(store, clock.now());
    expect(decided).toEqual([
      {
        campaign: 'spring sale',
        status: 'sent',
        steps: ['decide', 'enqueue_winner'],
        enqueued: PEOPLE - sample.length,
      },
    ]);
    const { decision } = await requireCampaign(store, campaign.id);
    expect(decision).toEqual({
      winner: 'B',
      metric: 'open_rate',
      decidedAt: new Date('2025-03-10T13:00:00Z'),
      variants: [
        {
          name: 'A',
          delivered: inA.length,
          uniqueOpens: 20,
          uniqueClicks: 0,
          openRate: 20 / inA.length,
          clickRate: 0,
        },
        {
          name: 'B',
          delivered: inB.length,
          uniqueOpens: 45,
          uniqueClicks: 0,
          openRate: 45 / inB.length,
          clickRate: 0,
        },
      ],
    });

    const all = await campaignMessages(store, campaign.id);
    expect(all).toHaveLength(PEOPLE);
    const remainder = all.filter((message) => !expected.has(message.profile_id));
    expect(
      remainder.every((message) => message.variant === 'B' && message.template_id === 'tpl_sale-b'),
    ).toBe(true);
    expect(remainder[0]?.data).toEqual({ subject: 'Psst: 20% off' });

    const report = await reportCampaign(store, 'spring sale');
    expect(report).toMatchObject({
      recipients: PEOPLE,
      byStatus: { sent: sample.length, queued: PEOPLE - sample.length },
      variants: [
        { variant: 'A', recipients: inA.length, sent: inA.length },
        { variant: 'B', recipients: PEOPLE - inA.length, sent: inB.length },
      ],
      abTest: { state: 'decided', decision: { winner: 'B' } },
    });
  });
});
