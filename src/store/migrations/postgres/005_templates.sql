-- Message templates (Liquid, optionally MJML) and their versions. Editing a template appends a version and moves
-- current_version; old versions stay renderable because journeys and queued messages pin one
-- (messages.template_id + template_version). Templates are not per-profile data: no profile_id here.

create table templates (
  id text primary key,
  name text not null unique,
  -- email | webhook | social | content | inapp
  channel text not null,
  current_version integer not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  -- Archived templates are hidden from lists and cannot be edited; their versions still render for queued sends.
  archived_at timestamptz
);

create table template_versions (
  template_id text not null,
  version integer not null,
  -- Liquid; email only.
  subject text,
  -- Liquid source of the body.
  body text not null,
  -- html | mjml | text | json
  format text not null,
  -- Optional explicit plain-text part (Liquid); when null it is derived from the HTML.
  text_body text,
  created_at timestamptz not null,
  primary key (template_id, version)
);
