import { beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../test-support/engines.ts';
import { recordConsent } from './record-consent.ts';
import { profilesDenyingSaleSharing } from './sale-sharing.ts';

const at = (day: number) => new Date(Date.UTC(2026, 0, day));

describeEachEngine('"do not sell or share" for bulk destinations', (getStore) => {
  beforeEach(async () => {
    await getStore().execute('delete from consent_records');
  });

  it('drops profiles whose latest sale_sharing answer for the channel or for all channels is a denial', async () => {
    const store = getStore();
    await recordConsent(store, [
      {
        profileId: 'all-denied',
        purpose: 'sale_sharing',
        channel: 'all',
        status: 'denied',
        source: 'identify',
        recordedAt: at(1),
      },
      {
        profileId: 'ads-denied',
        purpose: 'sale_sharing',
        channel: 'ads',
        status: 'denied',
        source: 'api',
        recordedAt: at(1),
      },
      {
        profileId: 'changed-mind',
        purpose: 'sale_sharing',
        channel: 'all',
        status: 'denied',
        source: 'api',
        recordedAt: at(1),
      },
      {
        profileId: 'changed-mind',
        purpose: 'sale_sharing',
        channel: 'ads',
        status: 'granted',
        source: 'api',
        recordedAt: at(2),
      },
      {
        profileId: 'marketing-only',
        purpose: 'marketing',
        channel: 'all',
        status: 'denied',
        source: 'api',
        recordedAt: at(1),
      },
    ]);
    const profileIds = ['all-denied', 'ads-denied', 'changed-mind', 'marketing-only', 'no-records'];
    expect([...(await profilesDenyingSaleSharing(store, { profileIds, channel: 'ads' }))].sort()).toEqual([
      'ads-denied',
      'all-denied',
    ]);
    expect([...(await profilesDenyingSaleSharing(store, { profileIds, channel: 'webhook' }))].sort()).toEqual(
      ['all-denied', 'changed-mind'],
    );
  });
});
