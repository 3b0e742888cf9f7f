-- Core customer data: sources (write keys), profiles, identities, events, merges.
-- Timestamps are UTC. Every per-customer table carries profile_id (see ARCHITECTURE.md: shardable by profile).

create table sources (
  id varchar primary key,
  name varchar not null unique,
  write_key_hash varchar not null unique,
  created_at timestamp not null
);

create table profiles (
  id varchar primary key,
  -- The one known user id of this profile, if any. Two different user ids never share a profile.
  user_id varchar,
  traits json not null,
  -- Materialised computed traits (segment aggregates, RFM, clusters, CLV, churn) keyed by name.
  computed json not null,
  first_seen_at timestamp not null,
  last_seen_at timestamp not null,
  created_at timestamp not null,
  updated_at timestamp not null
);

-- kind is one of user_id, anonymous_id, email.
create table identities (
  kind varchar not null,
  value varchar not null,
  profile_id varchar not null,
  created_at timestamp not null,
  primary key (kind, value)
);

create table events (
  message_id varchar primary key,
  profile_id varchar not null,
  type varchar not null,
  event varchar,
  name varchar,
  category varchar,
  user_id varchar,
  anonymous_id varchar,
  group_id varchar,
  previous_id varchar,
  occurred_at timestamp not null,
  original_timestamp timestamp,
  sent_at timestamp,
  received_at timestamp not null,
  properties json,
  traits json,
  context json,
  source_id varchar
);

-- One row per merge, with what is needed to undo it.
create table profile_merges (
  id varchar primary key,
  from_profile_id varchar not null,
  into_profile_id varchar not null,
  reason varchar not null,
  message_id varchar,
  moved_identities json not null,
  from_traits json not null,
  from_user_id varchar,
  from_first_seen_at timestamp not null,
  merged_at timestamp not null,
  reverted_at timestamp
);
