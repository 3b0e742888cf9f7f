/**
 * What the demo adds on top of the generated data so every part of the product has something to show: segments
 * (VIP, at risk, frequent buyers), a computed trait, the example templates and the welcome and win-back journeys
 * from examples/. Each is created only when missing, so running the demo again on the same store is harmless.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { findJourney, saveJourney } from '../../journeys/journey-store.ts';
import { listSegments } from '../../segments/saved/index.ts';
import { refreshAllSegments } from '../../segments/saved/refresh-membership.ts';
import { createSegment } from '../../segments/saved/segment-store.ts';
import {
  listComputedTraitNames,
  refreshComputedTraits,
  saveComputedTrait,
} from '../../segments/traits/index.ts';
import type { Store } from '../../store/store.ts';
import { createTemplate, findTemplate } from '../../templates/index.ts';

const examples = join(import.meta.dirname, '../../../examples');

const SEGMENTS = [
  { name: 'vip', text: 'rfm.segment = "Champions"' },
  { name: 'at-risk', text: 'rfm.segment = "At risk"' },
  { name: 'frequent buyers', text: 'orders_90d >= 3' },
];

const SIMPLE_TEMPLATES = [
  {
    name: 'win-back',
    subject: 'We miss you, {{ profile.first_name | default: "friend" }}',
    text: 'It has been a while',
  },
  { name: 'abandoned-cart', subject: 'Still thinking it over?', text: 'Your cart is waiting' },
  {
    name: 'birthday',
    subject: 'Happy birthday, {{ profile.first_name | default: "friend" }}!',
    text: 'A gift for you',
  },
];

export async function seedDemoAutomation(store: Store, log: (line: string) => void): Promise<void> {
  const now = new Date();
  if (!(await listComputedTraitNames(store)).includes('orders_90d')) {
    await saveComputedTrait(store, { name: 'orders_90d', text: 'count(purchase, 90d)' }, { now });
  }
  await refreshComputedTraits(store, { now });
  const existing = new Set((await listSegments(store)).map((segment) => segment.name));
  for (const segment of SEGMENTS) {
    if (!existing.has(segment.name)) await createSegment(store, segment, { now });
  }
  const files = [
    {
      name: 'welcome',
      file: 'welcome.mjml',
      format: 'mjml',
      subject: 'Welcome, {{ profile.first_name | default: "friend" }}',
    },
    {
      name: 'cross-sell',
      file: 'cross-sell.html',
      format: 'html',
      subject: 'Picked for you, {{ profile.first_name | default: "friend" }}',
    },
  ] as const;
  for (const template of files) {
    if (await findTemplate(store, template.name)) continue;
    const body = await readFile(join(examples, 'templates', template.file), 'utf8');
    await createTemplate(
      store,
      { name: template.name, channel: 'email', subject: template.subject, body, format: template.format },
      { now },
    );
  }
  for (const template of SIMPLE_TEMPLATES) {
    if (await findTemplate(store, template.name)) continue;
    const body = `<html><body><p>Hi {{ profile.first_name | default: "there" }},</p><p>${template.text}.</p></body></html>`;
    await createTemplate(
      store,
      { name: template.name, channel: 'email', subject: template.subject, body, format: 'html' },
      { now },
    );
  }
  for (const file of ['welcome-series.yaml', 'win-back.yaml']) {
    const definition: unknown = parseYaml(await readFile(join(examples, 'journeys', file), 'utf8'));
    const name =
      typeof definition === 'object' && definition !== null && 'name' in definition
        ? String(definition.name)
        : file;
    if (!(await findJourney(store, name))) await saveJourney(store, definition, { now });
  }
  const refreshed = await refreshAllSegments(store, { now });
  log(
    `Automation: ${refreshed.map((result) => `${result.segment} ${result.members ?? 0}`).join(', ')}; ` +
      'templates welcome, cross-sell, win-back, abandoned-cart, birthday; journeys "Welcome series" and "Win-back at risk".',
  );
}
