-- What marketing costs, for ROI in reports: a price per message sent (per channel, or a campaign's or journey's
-- own) and fixed costs of a campaign or journey (design, an agency fee). Customer acquisition spend per month
-- (scope 'acquisition', scope_id 'YYYY-MM') gives CAC.
create table costs (
  -- channel | campaign | journey | acquisition
  scope varchar not null,
  scope_id varchar not null,
  per_message double precision not null,
  fixed double precision not null,
  updated_at timestamptz not null,
  primary key (scope, scope_id)
);
