/**
 * The A/B decision: per variant, the sample messages the dispatcher delivered (status `sent`) and how many of
 * them were opened / clicked at least once, from the tracking events (`Email Opened`, `Email Link Clicked`, joined
 * on `properties.messageId`). Opens flagged `machine: true` (scanners, mail privacy proxies) do not count.
 */
import type { AbDecision, AbTest, VariantResult } from '../schema/campaign.ts';
import type { SqlExecutor } from '../store/store.ts';

export const OPENED_EVENT = 'Email Opened';
export const CLICKED_EVENT = 'Email Link Clicked';

/** Unique open and click counts per variant of a campaign's sample, in the test's variant order. */
export async function measureVariants(
  executor: SqlExecutor,
  campaignId: string,
  test: AbTest,
): Promise<VariantResult[]> {
  const { dialect } = executor;
  const messageIdOf = dialect.jsonText('properties', ['messageId']);
  const rows = await executor.query<{ variant: string; delivered: number; opens: number; clicks: number }>(
    `with sample as (
       select id, variant from messages where campaign_id = $1 and variant is not null and status = 'sent'
     ), opened as (
       select distinct ${messageIdOf} as message_id from events
        where type = 'track' and event = $2
          and coalesce(${dialect.jsonText('properties', ['machine'])}, 'false') <> 'true'
     ), clicked as (
       select distinct ${messageIdOf} as message_id from events where type = 'track' and event = $3
     )
     select s.variant, count(*) as delivered, count(o.message_id) as opens, count(c.message_id) as clicks
       from sample s
       left join opened o on o.message_id = s.id
       left join clicked c on c.message_id = s.id
      group by s.variant`,
    [campaignId, OPENED_EVENT, CLICKED_EVENT],
  );
  const byVariant = new Map(rows.map((row) => [row.variant, row]));
  return test.variants.map(({ name }) => {
    const row = byVariant.get(name);
    const delivered = Number(row?.delivered ?? 0);
    const uniqueOpens = Number(row?.opens ?? 0);
    const uniqueClicks = Number(row?.clicks ?? 0);
    return {
      name,
      delivered,
      uniqueOpens,
      uniqueClicks,
      openRate: delivered === 0 ? 0 : uniqueOpens / delivered,
      clickRate: delivered === 0 ? 0 : uniqueClicks / delivered,
    };
  });
}

/** The variant with the highest rate; ties go to the larger sample, then to the earlier variant. */
export function pickWinner(results: readonly VariantResult[], metric: AbTest['metric']): VariantResult {
  const rateOf = (result: VariantResult) => (metric === 'open_rate' ? result.openRate : result.clickRate);
  let best: VariantResult | undefined;
  for (const result of results) {
    if (
      !best ||
      rateOf(result) > rateOf(best) ||
      (rateOf(result) === rateOf(best) && result.delivered > best.delivered)
    ) {
      best = result;
    }
  }
  if (!best) throw new Error('an A/B test has at least two variants');
  return best;
}

export async function decideWinner(
  executor: SqlExecutor,
  input: { campaignId: string; test: AbTest; now: Date },
): Promise<AbDecision> {
  const variants = await measureVariants(executor, input.campaignId, input.test);
  const winner = pickWinner(variants, input.test.metric);
  return { winner: winner.name, metric: input.test.metric, decidedAt: input.now, variants };
}
