-- Consent, subscriptions and send rules (src/consent/, src/subscriptions/).
-- consent_records is append-only evidence: the current consent of a (profile, purpose, channel) is its latest row
-- (by recorded_at, then id), read by src/consent/read-consent.ts. There is no "current state" table on purpose:
-- merges move every row to the survivor (PROFILE_TABLES) and a keyed state table would collide there.

create table consent_records (
  id text primary key,
  profile_id text not null,
  -- marketing | analytics | personalization | sale_sharing (CCPA "do not sell/share")
  purpose text not null,
  -- email | sms | push | webhook | ads, or 'all' for every channel of the purpose
  channel text not null,
  status text not null check (status in ('granted', 'denied')),
  -- identify | import | preference_centre | api | unsubscribe | double_opt_in
  source text not null,
  recorded_at timestamptz not null,
  -- What proves it: the message id of an identify, the IP and user agent of a form post, an API note.
  evidence jsonb
);

create table subscription_topics (
  id text primary key,
  name text not null unique,
  channel text not null,
  -- Email topics with double opt-in stay 'pending' until the signed confirmation link is followed.
  double_opt_in boolean not null,
  description text,
  created_at timestamptz not null
);

-- One row per (profile, topic), replaced on change (delete + insert in one transaction). No primary key: a merge
-- moves both profiles' rows to the survivor, and readers take the latest row per topic.
create table subscriptions (
  profile_id text not null,
  topic_id text not null,
  status text not null check (status in ('subscribed', 'unsubscribed', 'pending')),
  source text not null,
  updated_at timestamptz not null
);

-- Per-channel send rules read by checkSendPolicy: a frequency cap (at most max_messages sent within period_hours),
-- quiet hours as local wall-clock 'HH:MM' in the profile's time zone (start > end spans midnight), and whether the
-- channel needs a recorded grant of marketing consent (opt-in) rather than the absence of a denial (opt-out).
create table send_rules (
  channel text primary key,
  max_messages integer,
  period_hours integer,
  quiet_start text,
  quiet_end text,
  require_consent boolean not null,
  updated_at timestamptz not null
);

create index consent_records_profile_idx on consent_records (profile_id, purpose, channel, recorded_at);
create index subscriptions_profile_idx on subscriptions (profile_id, topic_id);
