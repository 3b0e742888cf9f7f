-- Segments: definitions, materialised membership, and the entered/exited transitions that feed journeys.
-- Computed traits: definitions; their values are materialised into profiles.computed under the trait name.

create table segments (
  id varchar primary key,
  name varchar not null unique,
  -- The definition tree (schema/segment.ts), JSON with schemaVersion.
  definition json not null,
  -- The definition in the text form, as printed from the tree.
  text varchar not null,
  -- Re-evaluated for the profiles each ingested batch touches.
  realtime boolean not null,
  -- How often time-relative conditions are recomputed (e.g. an interval like '1 hour'); null: the default.
  schedule varchar,
  version integer not null,
  created_at timestamp not null,
  updated_at timestamp not null
);

create table segment_members (
  segment_id varchar not null,
  profile_id varchar not null,
  entered_at timestamp not null,
  primary key (segment_id, profile_id)
);

-- Append-only: one row each time a profile enters or leaves a segment (`at` is reserved in DuckDB, hence occurred_at).
create table segment_transitions (
  id varchar primary key,
  segment_id varchar not null,
  profile_id varchar not null,
  kind varchar not null check (kind in ('entered', 'exited')),
  occurred_at timestamp not null
);

create table computed_traits (
  name varchar primary key,
  definition json not null,
  text varchar,
  version integer not null,
  created_at timestamp not null,
  updated_at timestamp not null,
  -- When the values in profiles.computed were last recomputed; null: never.
  refreshed_at timestamp
);
