/** What `campaigns show` prints: the campaign, its recipients by delivery status and variant, and the A/B state. */
import type { AbDecision } from '../schema/campaign.ts';
import type { SqlExecutor } from '../store/store.ts';
import type { Campaign } from './campaign-record.ts';
import { requireCampaign } from './campaign-store.ts';

export interface VariantCount {
  /** null: the campaign has no A/B test. */
  variant: string | null;
  recipients: number;
  sent: number;
}

export type AbState =
  | { state: 'not_started' }
  | { state: 'testing'; decideAt: Date }
  | { state: 'decided'; decision: AbDecision };

export interface CampaignReport {
  campaign: Campaign;
  /** Messages enqueued for the campaign (one per profile). */
  recipients: number;
  /** Messages per outbox status (queued, sent, failed, suppressed, skipped, …). */
  byStatus: Record<string, number>;
  variants: VariantCount[];
  abTest: AbState | null;
}

function abStateOf(campaign: Campaign): AbState | null {
  if (!campaign.definition.abTest) return null;
  if (campaign.decision) return { state: 'decided', decision: campaign.decision };
  if (campaign.decideAt) return { state: 'testing', decideAt: campaign.decideAt };
  return { state: 'not_started' };
}

export async function reportCampaign(executor: SqlExecutor, idOrName: string): Promise<CampaignReport> {
  const campaign = await requireCampaign(executor, idOrName);
  const statusRows = await executor.query<{ status: string; count: number }>(
    'select status, count(*) as count from messages where campaign_id = $1 group by status order by status',
    [campaign.id],
  );
  const variantRows = await executor.query<{ variant: string | null; recipients: number; sent: number }>(
    `select variant, count(*) as recipients, sum(case when status = 'sent' then 1 else 0 end) as sent
       from messages where campaign_id = $1 group by variant order by variant`,
    [campaign.id],
  );
  const byStatus: Record<string, number> = {};
  for (const row of statusRows) byStatus[row.status] = Number(row.count);
  return {
    campaign,
    recipients: Object.values(byStatus).reduce((sum, count) => sum + count, 0),
    byStatus,
    variants: variantRows.map((row) => ({
      variant: row.variant,
      recipients: Number(row.recipients),
      sent: Number(row.sent),
    })),
    abTest: abStateOf(campaign),
  };
}
