/**
 * Creating, reading, scheduling and cancelling campaigns. Sending is `send-campaign.ts`; what a campaign needs is
 * checked when it is saved (segment and templates exist, variants share the template's channel) and again when it
 * fires, since either may change in between.
 */
import { randomUUID } from 'node:crypto';
import { SegmintError } from '../errors.ts';
import {
  campaignDefinitionSchema,
  type CampaignDefinition,
  type CampaignSchedule,
} from '../schema/campaign.ts';
import { parseOrThrow } from '../schema/parse-or-throw.ts';
import { requireSavedSegment } from '../segments/saved/saved-segment.ts';
import type { SqlExecutor, Store } from '../store/store.ts';
import { CAMPAIGN_COLUMNS, toCampaign, type Campaign } from './campaign-record.ts';
import { requireTemplate, type TemplateRef } from './find-template.ts';
import { earliestLocalFireTime } from './local-send-time.ts';

/** The campaign's templates by name (its own and its variants'), all on one channel. */
export async function resolveCampaignTemplates(
  executor: SqlExecutor,
  definition: CampaignDefinition,
): Promise<Map<string, TemplateRef>> {
  const main = await requireTemplate(executor, definition.template, 'template');
  const templates = new Map([[main.name, main]]);
  for (const [index, variant] of (definition.abTest?.variants ?? []).entries()) {
    if (variant.template === undefined || templates.has(variant.template)) continue;
    const where = `abTest.variants.${index}.template`;
    const template = await requireTemplate(executor, variant.template, where);
    if (template.channel !== main.channel) {
      throw new SegmintError(
        'invalid_input',
        `${where}: template "${template.name}" is for ${template.channel}, but the campaign's template ` +
          `"${main.name}" is for ${main.channel}. The variants of one campaign must use the same channel.`,
        [{ path: where, message: `channel ${template.channel} differs from ${main.channel}` }],
      );
    }
    templates.set(template.name, template);
  }
  return templates;
}

/** When the worker fires a campaign with this schedule, scheduled at `now`. */
export function fireTimeOf(schedule: CampaignSchedule, now: Date): Date {
  switch (schedule.type) {
    case 'now':
      return now;
    case 'at':
      return new Date(schedule.at);
    case 'local_time':
      return earliestLocalFireTime(schedule.localTime);
    default: {
      const unknown: never = schedule;
      throw new Error(`unknown schedule ${JSON.stringify(unknown)}`);
    }
  }
}

export async function findCampaign(executor: SqlExecutor, idOrName: string): Promise<Campaign | undefined> {
  const rows = await executor.query(
    `select ${CAMPAIGN_COLUMNS} from campaigns where id = $1 or name = $1 order by (id = $1) desc limit 1`,
    [idOrName],
  );
  return rows[0] === undefined ? undefined : toCampaign(rows[0]);
}

export async function requireCampaign(executor: SqlExecutor, idOrName: string): Promise<Campaign> {
  const campaign = await findCampaign(executor, idOrName);
  if (!campaign) {
    throw new SegmintError(
      'not_found',
      `Campaign "${idOrName}" does not exist. List the campaigns with \`segmint campaigns list\`.`,
    );
  }
  return campaign;
}

export async function listCampaigns(executor: SqlExecutor): Promise<Campaign[]> {
  const rows = await executor.query(`select ${CAMPAIGN_COLUMNS} from campaigns order by created_at, id`);
  return rows.map(toCampaign);
}

/** Saves a draft campaign after checking its segment and templates exist. */
export async function createCampaign(store: Store, input: unknown, now: Date): Promise<Campaign> {
  const definition = parseOrThrow(campaignDefinitionSchema, input, 'campaign');
  return store.transaction(async (tx) => {
    await requireSavedSegment(tx, definition.segment);
    await resolveCampaignTemplates(tx, definition);
    const existing = await tx.query('select id from campaigns where name = $1', [definition.name]);
    if (existing.length > 0) {
      throw new SegmintError(
        'conflict',
        `A campaign named "${definition.name}" already exists. Pick another name, or cancel and look at it with \`segmint campaigns show "${definition.name}"\`.`,
      );
    }
    const id = `cmp_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    await tx.execute(
      `insert into campaigns (${CAMPAIGN_COLUMNS})
       values ($1, $2, $3, 'draft', null, null, null, null, null, $4, $4)`,
      [id, definition.name, JSON.stringify(definition), now],
    );
    return requireCampaign(tx, id);
  });
}

function refuseStatus(campaign: Campaign, action: string): never {
  throw new SegmintError(
    'conflict',
    `Campaign "${campaign.name}" is ${campaign.status}: it cannot be ${action}. ` +
      'Create a new campaign (a copy of its definition with another name) instead.',
  );
}

/**
 * Schedules a draft (or reschedules a scheduled campaign), optionally replacing its schedule. The worker fires it
 * at its fire time; `now` schedules fire on the worker's next pass.
 */
export async function scheduleCampaign(
  store: Store,
  idOrName: string,
  options: { now: Date; schedule?: CampaignSchedule | undefined },
): Promise<Campaign> {
  return store.transaction(async (tx) => {
    const campaign = await requireCampaign(tx, idOrName);
    if (campaign.status !== 'draft' && campaign.status !== 'scheduled') refuseStatus(campaign, 'scheduled');
    const definition = options.schedule
      ? { ...campaign.definition, schedule: options.schedule }
      : campaign.definition;
    await requireSavedSegment(tx, definition.segment);
    await resolveCampaignTemplates(tx, definition);
    await tx.execute(
      `update campaigns set status = 'scheduled', definition = $2, fire_at = $3, updated_at = $4 where id = $1`,
      [campaign.id, JSON.stringify(definition), fireTimeOf(definition.schedule, options.now), options.now],
    );
    return requireCampaign(tx, campaign.id);
  });
}

/**
 * Cancels a campaign: nothing more is enqueued, and its messages the dispatcher has not taken yet (queued or
 * deferred, e.g. local-time sends still waiting for a zone, or a sent campaign's) are marked skipped. Messages
 * already sent stay as they are.
 */
export async function cancelCampaign(
  store: Store,
  idOrName: string,
  now: Date,
): Promise<{ campaign: Campaign; skippedMessages: number }> {
  return store.transaction(async (tx) => {
    const campaign = await requireCampaign(tx, idOrName);
    if (campaign.status === 'cancelled') refuseStatus(campaign, 'cancelled again');
    await tx.execute(`update campaigns set status = 'cancelled', updated_at = $2 where id = $1`, [
      campaign.id,
      now,
    ]);
    const skipped = await tx.query<{ id: string }>(
      `update messages set status = 'skipped', last_error = 'campaign cancelled', updated_at = $2
        where campaign_id = $1 and status in ('queued', 'deferred') returning id`,
      [campaign.id, now],
    );
    return { campaign: await requireCampaign(tx, campaign.id), skippedMessages: skipped.length };
  });
}
