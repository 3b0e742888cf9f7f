-- Journeys: definitions (versioned), runs (one per profile entry, with the node it is at and when it is due) and
-- the steps each run executed, memoised under a deterministic step id so a resumed run never repeats one.

create table journeys (
  id varchar primary key,
  name varchar not null unique,
  -- active | paused | archived
  status varchar not null,
  current_version integer not null,
  -- Triggers and exit criteria are scanned from here on (segment transitions by occurred_at, events by received_at).
  trigger_cursor timestamptz not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create table journey_versions (
  journey_id varchar not null,
  version integer not null,
  -- The definition (schema/journey.ts), JSON with schemaVersion.
  definition jsonb not null,
  created_at timestamptz not null,
  primary key (journey_id, version)
);

-- One row per entry of a profile into a journey. The id is derived from the trigger (transition, event, date), so
-- scanning the same trigger twice starts one run.
create table journey_runs (
  id varchar primary key,
  journey_id varchar not null,
  version integer not null,
  profile_id varchar not null,
  -- The node the run is at (or ended at).
  node_id varchar not null,
  -- active (execute node_id when due) | waiting (at a wait node until due_at or its event) | completed | exited |
  -- converted | cancelled (journey archived) | holdout (control group: recorded, sends nothing)
  status varchar not null,
  -- When the worker should look at the run next; null once it has ended.
  due_at timestamptz,
  -- Visits per node, split assignments, wait deadlines (see src/journeys/run-state.ts).
  state jsonb not null,
  -- Set while waiting for an event: events received from then on count.
  waiting_since timestamptz,
  started_at timestamptz not null,
  updated_at timestamptz not null
);

-- Executed steps: step_id is `<nodeId>#<visit>`; the primary key makes each step happen at most once per run.
create table journey_steps (
  run_id varchar not null,
  step_id varchar not null,
  journey_id varchar not null,
  profile_id varchar not null,
  node_id varchar not null,
  result jsonb not null,
  executed_at timestamptz not null,
  primary key (run_id, step_id)
);

-- The worker's claim: due live runs, oldest first.
create index journey_runs_due on journey_runs (due_at) where status in ('active', 'waiting');
create index journey_runs_journey_profile on journey_runs (journey_id, profile_id);
create index journey_runs_profile on journey_runs (profile_id);
create index journey_steps_journey on journey_steps (journey_id, node_id);
create index journey_steps_profile on journey_steps (profile_id);
-- Event triggers, waits and conversions scan new events of one name by the time they were received.
create index events_event_received_idx on events (event, received_at);
