/**
 * A campaign's life as small steps, each one idempotent and recorded in the `campaigns` row before the next is
 * taken, so a crash or a second worker at any point resumes without sending anybody twice:
 *
 *   scheduled ─fire→ sending ─enqueue_audience→ sent                                   (no A/B test)
 *   scheduled ─fire→ sending ─enqueue_sample→ (wait decide_at) ─decide→ ─enqueue_winner→ sent
 *
 * `nextCampaignStep` is the pure decision; `send-campaign.ts` runs the steps.
 */
import type { Campaign } from './campaign-record.ts';

export type CampaignStep =
  | { type: 'fire' }
  | { type: 'enqueue_audience' }
  | { type: 'enqueue_sample' }
  | { type: 'wait'; until: Date }
  | { type: 'decide' }
  | { type: 'enqueue_winner'; winner: string }
  | { type: 'done' };

export function nextCampaignStep(campaign: Campaign, now: Date): CampaignStep {
  switch (campaign.status) {
    case 'draft':
    case 'sent':
    case 'cancelled':
      return { type: 'done' };
    case 'scheduled':
      if (!campaign.fireAt) return { type: 'done' };
      return campaign.fireAt <= now ? { type: 'fire' } : { type: 'wait', until: campaign.fireAt };
    case 'sending': {
      if (!campaign.definition.abTest) return { type: 'enqueue_audience' };
      if (!campaign.decideAt) return { type: 'enqueue_sample' };
      if (campaign.decision) return { type: 'enqueue_winner', winner: campaign.decision.winner };
      return campaign.decideAt <= now ? { type: 'decide' } : { type: 'wait', until: campaign.decideAt };
    }
    default: {
      const unknown: never = campaign.status;
      throw new Error(`unknown campaign status ${String(unknown)}`);
    }
  }
}
