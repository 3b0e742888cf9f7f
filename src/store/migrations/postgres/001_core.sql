-- Core customer data: sources (write keys), profiles, identities, events, merges.
-- Timestamps are timestamptz in UTC. Every per-customer table carries profile_id so the schema can be
-- distributed by profile (Citus) later; there are no cross-profile foreign keys on purpose.

create table sources (
  id text primary key,
  name text not null unique,
  write_key_hash text not null unique,
  created_at timestamptz not null
);

create table profiles (
  id text primary key,
  user_id text,
  traits jsonb not null,
  computed jsonb not null,
  first_seen_at timestamptz not null,
  last_seen_at timestamptz not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create table identities (
  kind text not null,
  value text not null,
  profile_id text not null,
  created_at timestamptz not null,
  primary key (kind, value)
);
create index identities_profile_idx on identities (profile_id);

create table events (
  message_id text primary key,
  profile_id text not null,
  type text not null,
  event text,
  name text,
  category text,
  user_id text,
  anonymous_id text,
  group_id text,
  previous_id text,
  occurred_at timestamptz not null,
  original_timestamp timestamptz,
  sent_at timestamptz,
  received_at timestamptz not null,
  properties jsonb,
  traits jsonb,
  context jsonb,
  source_id text
);
create index events_profile_time_idx on events (profile_id, occurred_at);
create index events_name_time_idx on events (event, occurred_at);

create table profile_merges (
  id text primary key,
  from_profile_id text not null,
  into_profile_id text not null,
  reason text not null,
  message_id text,
  moved_identities jsonb not null,
  from_traits jsonb not null,
  from_user_id text,
  from_first_seen_at timestamptz not null,
  merged_at timestamptz not null,
  reverted_at timestamptz
);

-- try_cast for timestamps, which PostgreSQL lacks: the segment compiler compares trait text with dates.
create function segmint_try_timestamp(value text) returns timestamptz
language plpgsql immutable as $$
begin
  return value::timestamptz;
exception when others then
  return null;
end;
$$;
