import { beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { cancelCampaign, createCampaign, requireCampaign, scheduleCampaign } from './campaign-store.ts';
import { enqueueCampaignMessages, resolveAudience } from './enqueue-messages.ts';
import { requireTemplate } from './find-template.ts';
import { addProfiles, addSegment, addTemplate, campaignMessages } from './testing/campaign-fixtures.ts';
import { processDueCampaigns, sendCampaign } from './send-campaign.ts';

const HOUR = 60 * 60 * 1000;

describeEachEngine('campaigns: scheduling and sending', (getStore) => {
  let profiles: Map<string, string>;
  const profileOf = (userId: string) => {
    const id = profiles.get(userId);
    if (!id) throw new Error(`no profile for ${userId}`);
    return id;
  };

  beforeAll(async () => {
    const store = getStore();
    profiles = await addProfiles(store, [
      { userId: 'ann', traits: { plan: 'gold' } },
      { userId: 'bob', traits: { plan: 'gold' } },
      { userId: 'cat', traits: { plan: 'free' } },
    ]);
    await addSegment(store, 'gold', 'plan = "gold"');
    await addTemplate(store, 'newsletter');
  });

  it('resolves the audience when the campaign fires, not when it was saved', async () => {
    const store = getStore();
    const clock = new ManualClock('2025-03-01T08:00:00Z');
    const created = await createCampaign(
      store,
      {
        name: 'march news',
        template: 'newsletter',
        segment: 'gold',
        schedule: { type: 'at', at: '2025-03-01T10:00:00Z' },
      },
      clock.now(),
    );
    expect(created.status).toBe('draft');
    const scheduled = await scheduleCampaign(store, 'march news', { now: clock.now() });
    expect(scheduled).toMatchObject({ status: 'scheduled', fireAt: new Date('2025-03-01T10:00:00Z') });

    // Between saving and firing, cat upgrades and joins the segment.
    profiles = new Map([
      ...profiles,
      ...(await addProfiles(store, [{ userId: 'cat', traits: { plan: 'gold' } }])),
    ]);

    clock.advance(1 * HOUR);
    expect(await processDueCampaigns(store, clock.now())).toEqual([]);
    expect(await campaignMessages(store, created.id)).toEqual([]);

    clock.advance(1 * HOUR);
    const [progress] = await processDueCampaigns(store, clock.now());
    expect(progress).toEqual({
      campaign: 'march news',
      status: 'sent',
      steps: ['fire', 'enqueue_audience'],
      enqueued: 3,
    });
    const messages = await campaignMessages(store, created.id);
    expect(messages.map((message) => message.profile_id).sort()).toEqual(
      ['ann', 'bob', 'cat'].map(profileOf).sort(),
    );
    for (const message of messages) {
      expect(message).toMatchObject({
        id: `campaign:${created.id}:${message.profile_id}`,
        channel: 'email',
        template_id: 'tpl_newsletter',
        template_version: 3,
        variant: null,
        data: null,
        status: 'queued',
        next_attempt_at: new Date('2025-03-01T10:00:00Z'),
      });
    }
    expect(await requireCampaign(store, created.id)).toMatchObject({
      status: 'sent',
      firedAt: new Date('2025-03-01T10:00:00Z'),
      completedAt: new Date('2025-03-01T10:00:00Z'),
    });
  });

  it('never enqueues a profile twice: re-running the enqueue, the worker or send adds nothing', async () => {
    const store = getStore();
    const now = new Date('2025-04-01T09:00:00Z');
    const campaign = await createCampaign(
      store,
      { name: 'april news', template: 'newsletter', segment: 'gold', subject: 'April' },
      now,
    );
    const first = await sendCampaign(store, campaign.id, now);
    expect(first).toMatchObject({ status: 'sent', enqueued: 3 });
    const messages = await campaignMessages(store, campaign.id);
    expect(messages.map((message) => message.data)).toEqual([
      { subject: 'April' },
      { subject: 'April' },
      { subject: 'April' },
    ]);

    // A crash after enqueuing but before recording "sent" leaves the campaign sending: the resumed enqueue inserts
    // nothing new.
    await store.execute(`update campaigns set status = 'sending', completed_at = null where id = $1`, [
      campaign.id,
    ]);
    // A merge moves a message to the surviving profile under the merged-away profile's id: still one per person.
    await store.execute(`update messages set id = 'campaign:merged-away' where id = $1`, [
      `campaign:${campaign.id}:${profileOf('ann')}`,
    ]);
    const members = await resolveAudience(store, 'gold', now);
    const template = await requireTemplate(store, 'newsletter', 'test');
    const again = await enqueueCampaignMessages(store, {
      campaignId: campaign.id,
      definition: campaign.definition,
      members,
      now,
      choose: () => ({ variant: null, template, subject: undefined }),
    });
    expect(again).toEqual({ inserted: 0, stopped: false });
    expect(await processDueCampaigns(store, now)).toEqual([
      { campaign: 'april news', status: 'sent', steps: ['enqueue_audience'], enqueued: 0 },
    ]);
    await expect(sendCampaign(store, campaign.id, now)).rejects.toMatchObject({ code: 'conflict' });
    expect(await campaignMessages(store, campaign.id)).toHaveLength(3);
  });

  it('cancels: a scheduled campaign never fires, and queued messages of a sent one are skipped', async () => {
    const store = getStore();
    const now = new Date('2025-05-01T09:00:00Z');
    const later = await createCampaign(
      store,
      {
        name: 'may later',
        template: 'newsletter',
        segment: 'gold',
        schedule: { type: 'at', at: '2025-05-02T09:00:00Z' },
      },
      now,
    );
    await scheduleCampaign(store, later.id, { now });
    expect((await cancelCampaign(store, later.id, now)).campaign.status).toBe('cancelled');
    expect(await processDueCampaigns(store, new Date('2025-05-03T00:00:00Z'))).toEqual([]);
    expect(await campaignMessages(store, later.id)).toEqual([]);

    const sent = await createCampaign(
      store,
      { name: 'may now', template: 'newsletter', segment: 'gold' },
      now,
    );
    await sendCampaign(store, sent.id, now);
    const [firstMessage] = await campaignMessages(store, sent.id);
    await store.execute(`update messages set status = 'sent' where id = $1`, [firstMessage?.id ?? '']);
    const cancelled = await cancelCampaign(store, sent.id, now);
    expect(cancelled.skippedMessages).toBe(2);
    const statuses = (await campaignMessages(store, sent.id)).map((message) => message.status).sort();
    expect(statuses).toEqual(['sent', 'skipped', 'skipped']);
    await expect(cancelCampaign(store, sent.id, now)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('rejects a campaign whose segment or template does not exist, or whose name is taken', async () => {
    const store = getStore();
    const now = new Date('2025-06-01T00:00:00Z');
    await expect(
      createCampaign(store, { name: 'x', template: 'nope', segment: 'gold' }, now),
    ).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('template "nope" does not exist'),
    });
    await expect(
      createCampaign(store, { name: 'x', template: 'newsletter', segment: 'nope' }, now),
    ).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('Segment "nope"') });
    await expect(
      createCampaign(store, { name: 'april news', template: 'newsletter', segment: 'gold' }, now),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      createCampaign(
        store,
        { name: 'y', template: 'newsletter', segment: 'gold', schedule: { type: 'at', at: 'soon' } },
        now,
      ),
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('campaign.schedule.at'),
    });
  });
});
