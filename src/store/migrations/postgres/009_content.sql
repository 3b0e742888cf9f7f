-- Content: dynamic content slots, scheduled content items with their publications (feeds, webhooks), social
-- accounts and posts. None of these tables holds per-profile rows, so merges need nothing here.

-- A slot's blocks and default (schema/content.ts), JSON.
create table content_slots (
  name text primary key,
  definition jsonb not null,
  version integer not null,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create table content_items (
  name text primary key,
  definition jsonb not null,
  -- When the publisher renders it next; null once a one-off item has run.
  next_run_at timestamptz,
  last_run_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

-- One row per run of an item; the id ('<item>:<run time>') makes a repeated run a no-op.
create table content_publications (
  id text primary key,
  item_name text not null,
  title text not null,
  body text not null,
  published_at timestamptz not null
);

-- Which feeds show a publication (an item may target several).
create table content_feed_entries (
  feed text not null,
  publication_id text not null,
  published_at timestamptz not null,
  primary key (feed, publication_id)
);

-- Webhook pushes of publications, delivered (with retries) by the publisher after the publication is committed.
create table content_deliveries (
  id text primary key,
  publication_id text not null,
  url text not null,
  secret text,
  -- pending | sent | failed
  status text not null,
  attempts integer not null,
  next_attempt_at timestamptz not null,
  last_error text,
  delivered_at timestamptz
);

-- Credentials are stored as given (bearer token, webhook secret): protect the store like any secret store.
create table social_accounts (
  name text primary key,
  kind text not null,
  config jsonb not null,
  created_at timestamptz not null
);

create table social_posts (
  id text primary key,
  account text not null,
  text text not null,
  scheduled_at timestamptz not null,
  -- scheduled | posted | failed
  status text not null,
  attempts integer not null,
  next_attempt_at timestamptz not null,
  remote_id text,
  remote_url text,
  posted_at timestamptz,
  last_error text,
  favourites integer,
  reblogs integer,
  replies integer,
  engagement_at timestamptz,
  -- The content item whose publication created this post, if any.
  content_item text,
  created_at timestamptz not null
);

-- Due work is found by time; feeds are read newest first.
create index content_items_due_idx on content_items (next_run_at);
create index content_deliveries_due_idx on content_deliveries (status, next_attempt_at);
create index social_posts_due_idx on social_posts (status, next_attempt_at);
create index social_posts_calendar_idx on social_posts (scheduled_at);
create index content_feed_entries_recent_idx on content_feed_entries (feed, published_at desc);
