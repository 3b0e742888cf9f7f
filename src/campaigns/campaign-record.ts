/** A campaign as the store holds it (`campaigns` table) and how rows are read back (checked again on the way out). */
import { z } from 'zod';
import {
  abDecisionSchema,
  campaignDefinitionSchema,
  campaignStatusSchema,
  type AbDecision,
  type CampaignDefinition,
  type CampaignStatus,
} from '../schema/campaign.ts';
import { parseOrThrow } from '../schema/parse-or-throw.ts';

export interface Campaign {
  id: string;
  name: string;
  definition: CampaignDefinition;
  status: CampaignStatus;
  fireAt: Date | null;
  firedAt: Date | null;
  decideAt: Date | null;
  decision: AbDecision | null;
  completedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const CAMPAIGN_COLUMNS =
  'id, name, definition, status, fire_at, fired_at, decide_at, decision, completed_at, created_at, updated_at';

const campaignRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  definition: z.unknown(),
  status: campaignStatusSchema,
  fire_at: z.date().nullable(),
  fired_at: z.date().nullable(),
  decide_at: z.date().nullable(),
  decision: z.unknown(),
  completed_at: z.date().nullable(),
  created_at: z.date(),
  updated_at: z.date(),
});

/** DuckDB may hand JSON columns back as text, PostgreSQL (jsonb) as parsed values. */
function parsedJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

export function toCampaign(row: unknown): Campaign {
  const parsed = campaignRowSchema.parse(row);
  const decision = parsedJson(parsed.decision);
  return {
    id: parsed.id,
    name: parsed.name,
    definition: parseOrThrow(
      campaignDefinitionSchema,
      parsedJson(parsed.definition),
      `campaign "${parsed.name}" definition`,
    ),
    status: parsed.status,
    fireAt: parsed.fire_at,
    firedAt: parsed.fired_at,
    decideAt: parsed.decide_at,
    decision: decision === null || decision === undefined ? null : abDecisionSchema.parse(decision),
    completedAt: parsed.completed_at,
    createdAt: parsed.created_at,
    updatedAt: parsed.updated_at,
  };
}
