-- Segments: definitions, materialised membership, and the entered/exited transitions that feed journeys.
-- Computed traits: definitions; their values are materialised into profiles.computed under the trait name.
-- Per-customer tables carry profile_id and no cross-profile foreign keys (shardable by profile).

create table segments (
  id text primary key,
  name text not null unique,
  -- The definition tree (schema/segment.ts), JSON with schemaVersion.
  definition jsonb not null,
  -- The definition in the text form, as printed from the tree.
  text text not null,
  -- Re-evaluated for the profiles each ingested batch touches.
  realtime boolean not null,
  -- How often time-relative conditions are recomputed (e.g. an interval like '1 hour'); null: the default.
  schedule text,
  version integer not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create table segment_members (
  segment_id text not null,
  profile_id text not null,
  entered_at timestamptz not null,
  primary key (segment_id, profile_id)
);
-- Membership checks from the other side: "which segments is this profile in" and segment-of-segment joins.
create index segment_members_profile_idx on segment_members (profile_id);

-- Append-only: one row each time a profile enters or leaves a segment (`at` is reserved in DuckDB, hence occurred_at).
create table segment_transitions (
  id text primary key,
  segment_id text not null,
  profile_id text not null,
  kind text not null check (kind in ('entered', 'exited')),
  occurred_at timestamptz not null
);
create index segment_transitions_segment_time_idx on segment_transitions (segment_id, occurred_at);
create index segment_transitions_profile_time_idx on segment_transitions (profile_id, occurred_at);

create table computed_traits (
  name text primary key,
  definition jsonb not null,
  text text,
  version integer not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  -- When the values in profiles.computed were last recomputed; null: never.
  refreshed_at timestamptz
);
