-- Email delivery and tracking: instance settings (the tracking secret), emails kept by the capture transport, and
-- suppressed addresses.

-- Instance-wide settings, e.g. 'tracking_secret' (generated once when SEGMINT_SECRET is not set).
create table settings (
  key varchar primary key,
  value varchar not null
);

-- Emails the capture transport "sent" (the default when no SMTP server is configured): demo and tests read them.
-- message_id is the outbox id; a retried send replaces nothing (the first capture wins).
create table captured_emails (
  message_id varchar primary key,
  profile_id varchar not null,
  recipient varchar not null,
  sender varchar not null,
  subject varchar,
  html varchar,
  text varchar,
  headers json not null,
  raw varchar not null,
  captured_at timestamp not null
);

-- Addresses never sent to again on a channel: hard bounces, unsubscribes, manual blocks. Keyed by address rather
-- than profile (a bounced mailbox stays bad whichever profile holds it), so it is not a per-profile table.
create table suppressions (
  channel varchar not null,
  address varchar not null,
  -- hard_bounce | unsubscribed | manual
  reason varchar not null,
  -- The outbox message that caused it, when there is one.
  message_id varchar,
  created_at timestamp not null,
  primary key (channel, address)
);
