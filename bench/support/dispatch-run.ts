/**
 * The whole message dispatcher on a store, for bench/email.bench.ts: `count` profiles with an email address, one
 * queued row each (inline HTML, or a saved Liquid template personalised per profile), dispatched step by step
 * until all are sent; returns emails per second.
 */
import type { Channel } from '../../src/channels/channel.ts';
import { defaultDispatchPorts } from '../../src/channels/dispatch/default-dispatch-ports.ts';
import { dispatchDueMessages } from '../../src/channels/dispatch/dispatch-due-messages.ts';
import type { Clock } from '../../src/clock.ts';
import { commitMessages } from '../../src/ingest/commit-messages.ts';
import type { Store } from '../../src/store/store.ts';
import { createTemplate } from '../../src/templates/template-store.ts';
import { normalized } from '../../src/test-support/messages.ts';

export type DispatchContent = 'inline' | 'template';

/** Creates `count` profiles (idempotent per prefix); returns their ids. */
export async function givenBenchProfiles(store: Store, prefix: string, count: number): Promise<string[]> {
  const identifies = Array.from({ length: count }, (_, index) =>
    normalized({
      type: 'identify',
      userId: `${prefix}${index}`,
      traits: { email: `${prefix}${index}@example.com`, first_name: `Customer ${index}`, timezone: 'UTC' },
    }),
  );
  for (let start = 0; start < identifies.length; start += 1000) {
    await store.transaction((tx) => commitMessages(tx, identifies.slice(start, start + 1000)));
  }
  const rows = await store.query<{ id: string }>(
    'select id from profiles where user_id in (select unnest($1::varchar[]))',
    [identifies.map((_, index) => `${prefix}${index}`)],
  );
  return rows.map((row) => row.id);
}

export async function givenBenchTemplate(store: Store, html: string): Promise<string> {
  const template = await createTemplate(store, {
    name: `bench-${Date.now()}`,
    channel: 'email',
    subject: 'Spring picks for {{ profile.first_name }}',
    format: 'html',
    body: `<p>Hi {{ profile.first_name }},</p>${html}`,
  });
  return template.id;
}

export async function dispatchRun(options: {
  store: Store;
  clock: Clock;
  channel: Channel;
  runId: string;
  profileIds: readonly string[];
  content: { kind: 'inline'; html: string } | { kind: 'template'; templateId: string };
}): Promise<number> {
  const { store, clock, content } = options;
  const data =
    content.kind === 'inline' ? JSON.stringify({ subject: 'Hi', html: content.html, text: 'Hi' }) : null;
  // Appenders write positionally (every column), so the rows go in through one set-wise insert.
  await store.execute(
    `insert into messages (id, profile_id, channel, template_id, data, status, attempts, created_at, updated_at)
     select id, profile_id, 'email', nullif(template_id, ''), cast(nullif(data, '') as ${store.dialect.jsonType}),
            'queued', 0, $5, $5
       from (select unnest($1::varchar[]) as id, unnest($2::varchar[]) as profile_id,
                    unnest($3::varchar[]) as template_id, unnest($4::varchar[]) as data) v`,
    [
      options.profileIds.map((_, index) => `${options.runId}:${index}`),
      options.profileIds,
      options.profileIds.map(() => (content.kind === 'template' ? content.templateId : '')),
      options.profileIds.map(() => data ?? ''),
      clock.now(),
    ],
  );
  const started = performance.now();
  let sent = 0;
  while (sent < options.profileIds.length) {
    const summary = await dispatchDueMessages({
      ...defaultDispatchPorts,
      store,
      clock,
      channels: new Map([['email', options.channel]]),
      tracking: { baseUrl: 'https://crm.example', secret: 'bench' },
    });
    if (summary.claimed === 0 || summary.sent === 0)
      throw new Error(`nothing sent: ${JSON.stringify(summary)}`);
    sent += summary.sent;
  }
  return options.profileIds.length / ((performance.now() - started) / 1000);
}
