import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../test-support/engines.ts';
import { createCampaign, scheduleCampaign } from './campaign-store.ts';
import { processDueCampaigns } from './send-campaign.ts';
import { addProfiles, addSegment, addTemplate, campaignMessages } from './testing/campaign-fixtures.ts';

describeEachEngine('campaigns: local-time delivery across time zones', (getStore) => {
  let profiles: Map<string, string>;

  beforeAll(async () => {
    const store = getStore();
    profiles = await addProfiles(store, [
      { userId: 'tokyo', traits: { newsletter: true, timezone: 'Asia/Tokyo' } },
      { userId: 'berlin', traits: { newsletter: true, timezone: 'Europe/Berlin' } },
      { userId: 'new-york', traits: { newsletter: true, timezone: 'America/New_York' } },
      { userId: 'no-zone', traits: { newsletter: true } },
      { userId: 'bad-zone', traits: { newsletter: true, timezone: 'Middle/Earth' } },
    ]);
    await addSegment(store, 'subscribers', 'newsletter = true');
    await addTemplate(store, 'morning');
  });

  it("queues each message for 09:00 in the profile's zone, firing when the earliest zone gets there", async () => {
    const store = getStore();
    const campaign = await createCampaign(
      store,
      {
        name: 'nine am',
        template: 'morning',
        segment: 'subscribers',
        schedule: { type: 'local_time', localTime: '2025-07-15T09:00', fallbackTimeZone: 'Europe/London' },
      },
      new Date('2025-07-01T00:00:00Z'),
    );
    const scheduled = await scheduleCampaign(store, campaign.id, { now: new Date('2025-07-01T00:00:00Z') });
    expect(scheduled.fireAt).toEqual(new Date('2025-07-14T19:00:00Z'));
    expect(await processDueCampaigns(store, new Date('2025-07-14T18:59:59Z'))).toEqual([]);

    const [progress] = await processDueCampaigns(store, new Date('2025-07-14T19:00:00Z'));
    expect(progress).toMatchObject({ status: 'sent', enqueued: 5 });
    const dueByUser = new Map(
      (await campaignMessages(store, campaign.id)).map((message) => [
        [...profiles].find(([, profileId]) => profileId === message.profile_id)?.[0],
        message.next_attempt_at.toISOString(),
      ]),
    );
    expect(Object.fromEntries(dueByUser)).toEqual({
      tokyo: '2025-07-15T00:00:00.000Z', // JST, UTC+9
      berlin: '2025-07-15T07:00:00.000Z', // CEST, UTC+2
      'new-york': '2025-07-15T13:00:00.000Z', // EDT, UTC−4
      'no-zone': '2025-07-15T08:00:00.000Z', // the fallback, Europe/London in BST (UTC+1)
      'bad-zone': '2025-07-15T08:00:00.000Z',
    });
  });

  it('sends at once to profiles whose local time has already passed when the campaign fires late', async () => {
    const store = getStore();
    const firedAt = new Date('2025-07-15T10:00:00Z');
    const campaign = await createCampaign(
      store,
      {
        name: 'late nine am',
        template: 'morning',
        segment: 'subscribers',
        schedule: { type: 'local_time', localTime: '2025-07-15T09:00' },
      },
      firedAt,
    );
    await scheduleCampaign(store, campaign.id, { now: firedAt });
    await processDueCampaigns(store, firedAt);
    const due = (await campaignMessages(store, campaign.id)).map((message) =>
      message.next_attempt_at.toISOString(),
    );
    // Tokyo (00:00Z), Berlin (07:00Z) and the UTC fallback (09:00Z) are past: now; New York is still ahead.
    expect(due.sort()).toEqual([
      '2025-07-15T10:00:00.000Z',
      '2025-07-15T10:00:00.000Z',
      '2025-07-15T10:00:00.000Z',
      '2025-07-15T10:00:00.000Z',
      '2025-07-15T13:00:00.000Z',
    ]);
  });
});
