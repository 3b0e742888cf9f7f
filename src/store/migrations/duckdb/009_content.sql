-- Content: dynamic content slots, scheduled content items with their publications (feeds, webhooks), social
-- accounts and posts. None of these tables holds per-profile rows, so merges need nothing here.

-- A slot's blocks and default (schema/content.ts), JSON.
create table content_slots (
  name varchar primary key,
  definition json not null,
  version integer not null,
  created_at timestamp not null,
  updated_at timestamp not null
);

create table content_items (
  name varchar primary key,
  definition json not null,
  -- When the publisher renders it next; null once a one-off item has run.
  next_run_at timestamp,
  last_run_at timestamp,
  created_at timestamp not null,
  updated_at timestamp not null
);

-- One row per run of an item; the id ('<item>:<run time>') makes a repeated run a no-op.
create table content_publications (
  id varchar primary key,
  item_name varchar not null,
  title varchar not null,
  body varchar not null,
  published_at timestamp not null
);

-- Which feeds show a publication (an item may target several).
create table content_feed_entries (
  feed varchar not null,
  publication_id varchar not null,
  published_at timestamp not null,
  primary key (feed, publication_id)
);

-- Webhook pushes of publications, delivered (with retries) by the publisher after the publication is committed.
create table content_deliveries (
  id varchar primary key,
  publication_id varchar not null,
  url varchar not null,
  secret varchar,
  -- pending | sent | failed
  status varchar not null,
  attempts integer not null,
  next_attempt_at timestamp not null,
  last_error varchar,
  delivered_at timestamp
);

-- Credentials are stored as given (bearer token, webhook secret): protect the store like any secret store.
create table social_accounts (
  name varchar primary key,
  kind varchar not null,
  config json not null,
  created_at timestamp not null
);

create table social_posts (
  id varchar primary key,
  account varchar not null,
  text varchar not null,
  scheduled_at timestamp not null,
  -- scheduled | posted | failed
  status varchar not null,
  attempts integer not null,
  next_attempt_at timestamp not null,
  remote_id varchar,
  remote_url varchar,
  posted_at timestamp,
  last_error varchar,
  favourites integer,
  reblogs integer,
  replies integer,
  engagement_at timestamp,
  -- The content item whose publication created this post, if any.
  content_item varchar,
  created_at timestamp not null
);

-- Point look-ups of the public content endpoint (GET /v1/content/:slot): which profile a visitor's id belongs to,
-- and which segments that profile is in. DuckDB answers an equality filter on the sole indexed column from an ART
-- index (~0.4 ms at 1M rows) instead of a scan (~5 ms); the (kind, value) and (segment_id, profile_id) primary keys
-- are not used for these shapes. PostgreSQL has both already (its primary key and segment_members_profile_idx).
create index identities_value_idx on identities (value);
create index segment_members_profile_idx on segment_members (profile_id);
