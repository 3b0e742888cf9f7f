-- Campaigns (broadcasts of one template to one segment, optionally with an A/B test) and lead scoring.
-- A campaign's recipients are its rows in the shared `messages` outbox (id 'campaign:<campaignId>:<profileId>',
-- campaign_id and variant set), so there is no separate recipients table to keep in step.

create table campaigns (
  id varchar primary key,
  name varchar not null unique,
  -- The definition (schema/campaign.ts): template, segment, schedule, A/B test.
  definition jsonb not null,
  -- draft | scheduled | sending | sent | cancelled
  status varchar not null,
  -- When the worker fires a scheduled campaign (UTC); for a local-time schedule, when the earliest zone gets there.
  fire_at timestamptz,
  -- When the audience (or the A/B sample) was first enqueued.
  fired_at timestamptz,
  -- A/B only: when the winner is due, set once the sample is enqueued.
  decide_at timestamptz,
  -- A/B only: { winner, metric, decidedAt, variants: [{ name, delivered, opens, clicks, openRate, clickRate }] }.
  decision jsonb,
  -- When every message was enqueued (status sent); delivery is the dispatcher's, seen in `messages`.
  completed_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

-- Lead scoring: one rule set (schema/lead-score.ts); scores live in profiles.computed.lead_score.
create table lead_scoring (
  id varchar primary key,
  definition jsonb not null,
  version integer not null,
  updated_at timestamptz not null,
  -- When profiles.computed.lead_score was last recomputed with this rule set; null: never.
  recomputed_at timestamptz
);

-- Per-campaign reads of the outbox (show, A/B decision, cancel).
create index messages_campaign on messages (campaign_id);
