-- Message templates (Liquid, optionally MJML) and their versions. Editing a template appends a version and moves
-- current_version; old versions stay renderable because journeys and queued messages pin one
-- (messages.template_id + template_version). Templates are not per-profile data: no profile_id here.

create table templates (
  id varchar primary key,
  name varchar not null unique,
  -- email | webhook | social | content | inapp
  channel varchar not null,
  current_version integer not null,
  created_at timestamp not null,
  updated_at timestamp not null,
  -- Archived templates are hidden from lists and cannot be edited; their versions still render for queued sends.
  archived_at timestamp
);

create table template_versions (
  template_id varchar not null,
  version integer not null,
  -- Liquid; email only.
  subject varchar,
  -- Liquid source of the body.
  body varchar not null,
  -- html | mjml | text | json
  format varchar not null,
  -- Optional explicit plain-text part (Liquid); when null it is derived from the HTML.
  text_body varchar,
  created_at timestamp not null,
  primary key (template_id, version)
);
