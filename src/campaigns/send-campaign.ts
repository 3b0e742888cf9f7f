/**
 * Runs a campaign's steps (see campaign-steps.ts): `sendCampaign` starts one now, `processDueCampaigns` is the
 * worker's pass over every campaign with something due.
 */
import { SegmintError } from '../errors.ts';
import type { Store } from '../store/store.ts';
import { assignAbVariant, audienceBucket } from './ab-assignment.ts';
import type { Campaign } from './campaign-record.ts';
import { nextCampaignStep, type CampaignStep } from './campaign-steps.ts';
import { requireCampaign, resolveCampaignTemplates } from './campaign-store.ts';
import { decideWinner } from './decide-winner.ts';
import { enqueueCampaignMessages, resolveAudience, type MessageChoice } from './enqueue-messages.ts';

const HOUR_MS = 60 * 60 * 1000;

export interface CampaignProgress {
  campaign: string;
  status: Campaign['status'];
  /** The steps taken in this call, in order. */
  steps: CampaignStep['type'][];
  /** Messages newly enqueued in this call. */
  enqueued: number;
}

/** Enqueues messages for the segment's current members; `pick` says what each gets (null: nothing yet). */
async function enqueueFor(
  store: Store,
  campaign: Campaign,
  now: Date,
  pick: (
    profileId: string,
  ) => { variant: string | null; templateName: string; subject: string | undefined } | null,
): Promise<{ inserted: number; stopped: boolean }> {
  const templates = await resolveCampaignTemplates(store, campaign.definition);
  const members = await resolveAudience(store, campaign.definition.segment, now);
  return enqueueCampaignMessages(store, {
    campaignId: campaign.id,
    definition: campaign.definition,
    members,
    now,
    choose: (member): MessageChoice | null => {
      const picked = pick(member.profileId);
      const template = picked && templates.get(picked.templateName);
      return picked && template ? { variant: picked.variant, template, subject: picked.subject } : null;
    },
  });
}

async function markSent(store: Store, campaignId: string, now: Date): Promise<void> {
  await store.execute(
    `update campaigns set status = 'sent', completed_at = $2, updated_at = $2 where id = $1 and status = 'sending'`,
    [campaignId, now],
  );
}

/** Takes one step; returns the number of messages it enqueued. */
async function runStep(store: Store, campaign: Campaign, step: CampaignStep, now: Date): Promise<number> {
  const { definition } = campaign;
  const variantOf = (name: string) => definition.abTest?.variants.find((variant) => variant.name === name);
  switch (step.type) {
    case 'fire':
      await store.execute(
        `update campaigns set status = 'sending', fired_at = coalesce(fired_at, $2), updated_at = $2
          where id = $1 and status = 'scheduled'`,
        [campaign.id, now],
      );
      return 0;
    case 'enqueue_audience': {
      const result = await enqueueFor(store, campaign, now, () => ({
        variant: null,
        templateName: definition.template,
        subject: undefined,
      }));
      if (!result.stopped) await markSent(store, campaign.id, now);
      return result.inserted;
    }
    case 'enqueue_sample': {
      const test = definition.abTest;
      if (!test) throw new Error('enqueue_sample needs an A/B test');
      const result = await enqueueFor(store, campaign, now, (profileId) => {
        const assignment = assignAbVariant(test, audienceBucket(campaign.id, profileId));
        if (assignment.kind === 'remainder') return null;
        const variant = variantOf(assignment.variant);
        return {
          variant: assignment.variant,
          templateName: variant?.template ?? definition.template,
          subject: variant?.subject,
        };
      });
      if (!result.stopped) {
        // From when the sample went out (fired_at), so a resumed enqueue does not push the decision back.
        const decideAt = new Date((campaign.firedAt ?? now).getTime() + test.decideAfterHours * HOUR_MS);
        await store.execute(
          `update campaigns set decide_at = $2, updated_at = $3
            where id = $1 and status = 'sending' and decide_at is null`,
          [campaign.id, decideAt, now],
        );
      }
      return result.inserted;
    }
    case 'decide': {
      const test = definition.abTest;
      if (!test) throw new Error('decide needs an A/B test');
      const decision = await decideWinner(store, { campaignId: campaign.id, test, now });
      // First decision wins: a second worker deciding at the same time changes nothing.
      await store.execute(
        `update campaigns set decision = $2, updated_at = $3
          where id = $1 and status = 'sending' and decision is null`,
        [campaign.id, JSON.stringify(decision), now],
      );
      return 0;
    }
    case 'enqueue_winner': {
      const winner = variantOf(step.winner);
      // Everybody in the segment now who has no message yet (conflicts skip the sample), including late joiners.
      const result = await enqueueFor(store, campaign, now, () => ({
        variant: step.winner,
        templateName: winner?.template ?? definition.template,
        subject: winner?.subject,
      }));
      if (!result.stopped) await markSent(store, campaign.id, now);
      return result.inserted;
    }
    case 'wait':
    case 'done':
      return 0;
    default: {
      const unknown: never = step;
      throw new Error(`unknown campaign step ${JSON.stringify(unknown)}`);
    }
  }
}

/** Takes every step that is due now, until the campaign waits or is done. */
export async function advanceCampaign(store: Store, idOrName: string, now: Date): Promise<CampaignProgress> {
  const steps: CampaignStep['type'][] = [];
  let enqueued = 0;
  // Each step changes the row (or the campaign waits), so a handful of rounds always suffices.
  for (let round = 0; round < 10; round += 1) {
    const campaign = await requireCampaign(store, idOrName);
    const step = nextCampaignStep(campaign, now);
    if (step.type === 'wait' || step.type === 'done') {
      return { campaign: campaign.name, status: campaign.status, steps, enqueued };
    }
    steps.push(step.type);
    enqueued += await runStep(store, campaign, step, now);
  }
  const campaign = await requireCampaign(store, idOrName);
  return { campaign: campaign.name, status: campaign.status, steps, enqueued };
}

/**
 * Sends a draft or scheduled campaign now (a local-time schedule still delivers at each profile's local time), or
 * resumes one that is sending. Sending a sent or cancelled campaign is a conflict.
 */
export async function sendCampaign(store: Store, idOrName: string, now: Date): Promise<CampaignProgress> {
  const campaign = await requireCampaign(store, idOrName);
  if (campaign.status === 'sent' || campaign.status === 'cancelled') {
    throw new SegmintError(
      'conflict',
      `Campaign "${campaign.name}" is already ${campaign.status}; nothing was sent again. ` +
        'See who got it with `segmint campaigns show`.',
    );
  }
  if (campaign.status === 'draft' || campaign.status === 'scheduled') {
    await store.execute(
      `update campaigns set status = 'sending', fired_at = coalesce(fired_at, $2), updated_at = $2
        where id = $1 and status in ('draft', 'scheduled')`,
      [campaign.id, now],
    );
  }
  return advanceCampaign(store, campaign.id, now);
}

/** The worker's pass: advances every campaign that is due to fire, still enqueuing, or due for its A/B decision. */
export async function processDueCampaigns(store: Store, now: Date): Promise<CampaignProgress[]> {
  const due = await store.query<{ id: string }>(
    `select id from campaigns
      where (status = 'scheduled' and fire_at <= $1)
         or (status = 'sending' and (decide_at is null or decision is not null or decide_at <= $1))
      order by fire_at, id`,
    [now],
  );
  const progress: CampaignProgress[] = [];
  for (const { id } of due) progress.push(await advanceCampaign(store, id, now));
  return progress;
}
