import { expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { BACKGROUND_WORKERS } from '../server/background-workers.ts';
import { startScoringWorker } from '../scoring/scoring-worker.ts';
import { setLeadScoring } from '../scoring/lead-scoring-store.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { startCampaignWorker } from './campaign-worker.ts';
import { createCampaign, scheduleCampaign } from './campaign-store.ts';
import { addProfiles, addSegment, addTemplate, campaignMessages } from './testing/campaign-fixtures.ts';

describeEachEngine('campaign and lead-scoring workers', (getStore) => {
  it('fire a due campaign and recompute due scores on their first pass, and stop when idle', async () => {
    const store = getStore();
    await addProfiles(store, [{ userId: 'ann', traits: { plan: 'gold' } }]);
    await addSegment(store, 'gold', 'plan = "gold"');
    await addTemplate(store, 'newsletter');
    const clock = new ManualClock('2025-05-01T10:00:00Z');
    const campaign = await createCampaign(
      store,
      {
        name: 'may',
        template: 'newsletter',
        segment: 'gold',
        schedule: { type: 'at', at: '2025-05-01T09:00:00Z' },
      },
      clock.now(),
    );
    await scheduleCampaign(store, campaign.id, { now: clock.now() });
    await setLeadScoring(store, { rules: [{ event: 'Demo Requested', points: 20 }] }, clock.now());

    const log: string[] = [];
    const context = { store, clock, publicUrl: 'http://127.0.0.1', log: (line: string) => log.push(line) };
    const workers = [startCampaignWorker(context), startScoringWorker(context)];
    // stop() waits for the pass in progress (the first one starts at once).
    await Promise.all(workers.map((worker) => worker.stop()));

    expect(await campaignMessages(store, campaign.id)).toHaveLength(1);
    // The workers run side by side, so their lines may come in either order. The scoring pass re-evaluates the
    // real-time segment "gold" for ann, whose membership nobody had computed yet.
    expect([...log].sort()).toEqual([
      'campaign "may": fire → enqueue_audience; 1 messages enqueued; sent',
      'lead scores recomputed: 1 changed, 1 segment transitions',
    ]);
  });
});

it('are started by `segmint serve`', () => {
  expect(BACKGROUND_WORKERS).toContain(startCampaignWorker);
  expect(BACKGROUND_WORKERS).toContain(startScoringWorker);
});
