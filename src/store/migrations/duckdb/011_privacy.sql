-- Privacy and governance: erasure suppressions, the privacy request log, retention policies, API keys with roles
-- and the audit log. None of these tables holds per-profile rows (erasure must not find the person here): the
-- suppression list and the request log keep only salted hashes of identifiers (src/privacy/README.md).

-- Server-side secrets by name; 'erasure_hmac' salts the hashes below (generated on first use, never exported).
create table privacy_secrets (
  name varchar primary key,
  value varchar not null,
  created_at timestamp not null
);

-- Identities of erased people: HMAC-SHA256(secret, kind:value) with kind user_id | anonymous_id | email. Messages
-- carrying one of these identities are dropped at commit until the person opts in again (row deleted).
create table erasure_suppressions (
  kind varchar not null,
  value_hash varchar not null,
  request_id varchar not null,
  suppressed_at timestamp not null,
  primary key (kind, value_hash)
);

-- GDPR/CCPA requests: who asked for what about whom (hashed), and when it was done.
create table privacy_requests (
  id varchar primary key,
  kind varchar not null check (kind in ('export', 'erase')),
  subject_hash varchar not null,
  status varchar not null check (status in ('completed', 'failed')),
  requested_by varchar not null,
  requested_at timestamp not null,
  completed_at timestamp,
  -- Counts only (rows per table), never identifiers.
  summary json
);

-- Raw events older than `days` are deleted by `segmint retention apply`; scope 'event' matches events.event (track
-- names), scope 'type' matches events.type (page, screen, identify, …).
create table retention_policies (
  scope varchar not null check (scope in ('event', 'type')),
  name varchar not null,
  days integer not null,
  updated_at timestamp not null,
  primary key (scope, name)
);

-- Management API keys. Only a SHA-256 of the key is stored; prefix (first characters) identifies it in lists.
-- A key is valid while revoked_at is null or in the future (rotation's grace period).
create table api_keys (
  id varchar primary key,
  name varchar not null,
  role varchar not null check (role in ('admin', 'marketer', 'analyst')),
  key_hash varchar not null unique,
  prefix varchar not null,
  created_at timestamp not null,
  last_used_at timestamp,
  revoked_at timestamp
);

-- Every administrative change: who (key id and name), what (action), on what (target), with details that never
-- hold request bodies (they may carry PII).
create table audit_log (
  id varchar primary key,
  actor_id varchar,
  actor_name varchar not null,
  action varchar not null,
  target_kind varchar,
  target_id varchar,
  details json not null,
  occurred_at timestamp not null
);
