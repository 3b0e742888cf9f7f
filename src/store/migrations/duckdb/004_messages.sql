-- The message outbox shared by every sender (journeys, campaigns, content): one row per message to one profile.
-- Enqueuers insert a 'queued' row in the same transaction as the step that decided to send; the dispatcher
-- renders, checks suppression/consent/caps/quiet hours, sends and records the outcome. The id is deterministic
-- (e.g. 'journey:<runId>:<stepId>', 'campaign:<campaignId>:<profileId>'), so enqueueing twice is a no-op.

create table messages (
  id varchar primary key,
  profile_id varchar not null,
  -- email | webhook | social (the delivery channel; email 'capture' is a transport mode, not a channel)
  channel varchar not null,
  template_id varchar,
  template_version integer,
  journey_id varchar,
  journey_version integer,
  node_id varchar,
  campaign_id varchar,
  -- A/B variant label when the sender split its audience.
  variant varchar,
  -- Extra template variables and per-send overrides (e.g. a variant's subject, a webhook body).
  data json,
  -- queued | sending | sent | failed | suppressed | skipped | deferred
  status varchar not null,
  -- Filled when rendered: address or URL, subject, and the rendered parts ({ html, text, headers } or a body).
  recipient varchar,
  subject varchar,
  content json,
  attempts integer not null,
  next_attempt_at timestamp,
  last_error varchar,
  provider_message_id varchar,
  created_at timestamp not null,
  sent_at timestamp,
  updated_at timestamp not null
);

-- No secondary indexes on DuckDB: its scans are fast and ART indexes slow down the frequent status updates.
