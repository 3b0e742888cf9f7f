/**
 * The dashboard end to end in Debian's Chromium: a fresh build of web/, a real `segmint serve` server on a
 * temporary DuckDB file with generated shop data, and the flows people use first — log in, build a segment and see
 * its live count, open a profile, read the analytics. Screenshots go to test-artifacts/dashboard/.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isChromiumInstalled, launchChromium, CHROMIUM_PATH } from '../../../scripts/chromium.ts';
import { computeRfm } from '../../analytics/rfm/compute-rfm.ts';
import { generateMessages } from '../../generate/index.ts';
import { commitMessages } from '../../ingest/commit-messages.ts';
import { ingestRawMessages } from '../../ingest/ingest-raw-messages.ts';
import { runJourneyPass } from '../../journeys/journey-worker.ts';
import { previewSegment } from '../../segments/saved/index.ts';
import { parseSegmentText } from '../../segments/text/parse-segment.ts';
import { startServer, type RunningServer } from '../../server/start-server.ts';
import { openStore } from '../../store/open-store.ts';
import type { Store } from '../../store/store.ts';
import { normalized } from '../../test-support/messages.ts';
import { systemClock } from '../../clock.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'dashboard');
const ADMIN_KEY = 'e2e-admin-key';

const hasChromium = isChromiumInstalled();
if (!hasChromium) {
  console.warn(
    `SKIPPED: dashboard end-to-end tests — no Chromium at ${CHROMIUM_PATH} (apt-get install chromium).`,
  );
}

describe.runIf(hasChromium)('dashboard in Chromium', () => {
  let workDir: string;
  let store: Store;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  const countOf = async (text: string) => (await previewSegment(store, parseSegmentText(text))).count;
  const screenshot = (name: string) =>
    page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'segmint-e2e-'));
    await mkdir(ARTIFACTS, { recursive: true });
    // A fresh build in a temporary folder, served through the same route as web/dist.
    const distDir = join(workDir, 'dist');
    await build({
      root: join(ROOT, 'web'),
      configFile: join(ROOT, 'web', 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: distDir, emptyOutDir: true },
    });
    process.env.SEGMINT_DASHBOARD_DIR = distDir;

    store = await openStore({ duckdbPath: join(workDir, 'e2e.duckdb') });
    await ingestRawMessages({
      store,
      batches: generateMessages({ customers: 300, days: 200, seed: 7, endDate: '2025-06-01' }),
    });
    await computeRfm(store, { orderProperty: 'order_id' });
    server = await startServer({
      store,
      port: 0,
      host: '127.0.0.1',
      adminKey: ADMIN_KEY,
      backgroundWorkers: false,
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Each step waits for what the user would see; a missing element fails in 10 s rather than the default 30 s.
    page.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    delete process.env.SEGMINT_DASHBOARD_DIR;
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('refuses a wrong key, then logs in with the admin key and shows the overview', async () => {
    await page.goto(server.url);
    await page.getByLabel('API key').fill('not-the-key');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/not accepted/);

    await page.getByLabel('API key').fill(ADMIN_KEY);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const [profiles] = await store.query<{ n: number }>('select count(*) as n from profiles');
    const profilesCard = page.locator('.kpi', { hasText: 'Profiles' });
    await expect
      .poll(() => profilesCard.locator('.kpi-value').textContent())
      .toBe(new Intl.NumberFormat('en-US').format(Number(profiles?.n)));
    await page.getByRole('img', { name: /Revenue/ }).waitFor();
    await screenshot('overview');
  });

  it('builds a segment from the text form and the rows, with the live count, and saves it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Segments' }).click();
    await page.getByRole('link', { name: 'New segment' }).click();
    await page.getByRole('heading', { name: 'New segment' }).waitFor();

    // Text form → rows and count.
    await page.getByLabel('Text form').fill('count(purchase, last 3650 days) >= 2');
    await expect.poll(() => page.getByLabel('Condition 1 event').inputValue()).toBe('purchase');
    expect(await page.getByLabel('Condition 1 times').inputValue()).toBe('2');
    const twice = await countOf('count(purchase, last 3650 days) >= 2');
    await expect.poll(() => page.getByTestId('preview-count').textContent()).toBe(String(twice));

    // Rows → text form and count.
    await page.getByLabel('Condition 1 times').fill('3');
    await expect
      .poll(() => page.getByLabel('Text form').inputValue())
      .toBe('count(purchase, last 3650 days) >= 3');
    const thrice = await countOf('count(purchase, last 3650 days) >= 3');
    expect(thrice).toBeLessThan(twice);
    await expect.poll(() => page.getByTestId('preview-count').textContent()).toBe(String(thrice));

    // A syntax error is shown where it is, and the last valid count stays.
    await page.getByLabel('Text form').fill('count(purchase, last 3650 days) >=');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/col \d+/);
    await page.getByLabel('Text form').fill('count(purchase, last 3650 days) >= 3');
    await screenshot('segment-builder');

    await page.getByLabel('Segment name').fill('e2e big buyers');
    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.getByRole('heading', { name: 'e2e big buyers' }).waitFor();
    await expect.poll(() => page.locator('main').textContent()).toContain(`${thrice} members`);
    await screenshot('segment');
  });

  it('finds a customer by id and opens the profile with scores, memberships and timeline', async () => {
    const [top] = await store.query<{ user_id: string }>(
      `select p.user_id from profiles p join events e on e.profile_id = p.id
        where e.event = 'purchase' and p.user_id is not null
        group by p.user_id order by count(*) desc, p.user_id limit 1`,
    );
    const userId = top?.user_id ?? '';
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
    await page.getByLabel(/Search by email/).fill(userId);
    await expect.poll(() => page.getByRole('table').getByRole('link').allTextContents()).toEqual([userId]);
    await page.getByRole('table').getByRole('link', { name: userId }).click();

    await page.getByRole('heading', { name: 'Event timeline' }).waitFor();
    await expect
      .poll(() => page.getByRole('list', { name: 'Segment memberships' }).textContent())
      .toContain('e2e big buyers');
    await expect.poll(() => page.locator('.timeline li').count()).toBeGreaterThan(0);
    expect(await page.locator('.kpi', { hasText: 'RFM' }).textContent()).not.toContain('not scored');
    await screenshot('profile');

    // The profile's URL survives a reload (the server answers it with the app).
    await page.reload();
    await page.getByRole('heading', { name: 'Event timeline' }).waitFor();
  });

  it('previews a new template for a chosen profile as the body is typed, and saves it', async () => {
    const [profile] = await store.query<{ user_id: string; first_name: string }>(
      `select user_id, ${store.dialect.jsonText('traits', ['first_name'])} as first_name from profiles
        where user_id is not null and ${store.dialect.jsonText('traits', ['first_name'])} is not null
        order by user_id limit 1`,
    );
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Templates' }).click();
    await page.getByRole('link', { name: 'New template' }).click();
    await page.getByLabel('Template name').fill('e2e-welcome');
    await page.getByLabel('Preview for profile').fill(profile?.user_id ?? '');
    await page.getByLabel('Subject').fill('Welcome, {{ profile.first_name }}!');
    await page.getByLabel('Body (Liquid)').fill('<h1>Hello {{ profile.first_name | upcase }}</h1>');
    await expect
      .poll(() => page.getByTestId('preview-subject').textContent())
      .toBe(`Welcome, ${profile?.first_name}!`);
    const frame = page.frameLocator('iframe[title="Email preview"]');
    await expect
      .poll(() => frame.locator('h1').textContent())
      .toBe(`Hello ${profile?.first_name.toUpperCase()}`);

    // A Liquid error is shown with the server's message, not a blank preview.
    await page.getByLabel('Body (Liquid)').fill('<h1>Hello {{ profile.first_name </h1>');
    await expect.poll(() => page.locator('.preview [role="alert"]').count()).toBe(1);
    await page.getByLabel('Body (Liquid)').fill('<h1>Hello {{ profile.first_name | upcase }}</h1>');
    await expect
      .poll(() => frame.locator('h1').textContent())
      .toBe(`Hello ${profile?.first_name.toUpperCase()}`);
    await screenshot('template-editor');

    await page.getByRole('button', { name: 'Save template' }).click();
    await page.getByRole('heading', { name: 'Template e2e-welcome' }).waitFor();
  });

  it('creates a journey from YAML with validation errors shown, then shows its diagram with counts, paused and resumed', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Journeys' }).click();
    await page.getByRole('link', { name: 'New journey' }).click();
    const journeyYaml = (template: string) =>
      [
        'schemaVersion: 1',
        'name: E2E onboarding',
        'trigger: { type: event, event: E2E Signup }',
        'start: welcome',
        'nodes:',
        `  - { id: welcome, type: send, template: ${template}, next: wait-3d }`,
        '  - { id: wait-3d, type: delay, duration: 3d, next: done }',
        '  - { id: done, type: exit }',
      ].join('\n');
    const editor = page.getByLabel('Definition (JSON or YAML)');
    // The browser checks the schema; the server checks that the template exists.
    await editor.fill(journeyYaml('e2e-welcome').replace('duration: 3d', 'duration: soon'));
    await expect
      .poll(() => page.getByRole('list', { name: 'Problems' }).textContent())
      .toMatch(/nodes\.1\.duration/);
    await editor.fill(journeyYaml('no-such-template'));
    await expect
      .poll(() => page.getByRole('list', { name: 'Problems' }).textContent())
      .toMatch(/no-such-template/);
    await editor.fill(journeyYaml('e2e-welcome'));
    await expect.poll(() => page.getByRole('list', { name: 'Problems' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Save journey' }).click();
    await page.getByRole('heading', { name: 'E2E onboarding' }).waitFor();

    // Three profiles sign up; one pass of the journey engine starts their runs and parks them at the delay.
    const signups = await store.query<{ user_id: string }>(
      'select user_id from profiles where user_id is not null order by user_id limit 3',
    );
    await store.transaction((tx) =>
      commitMessages(
        tx,
        signups.map(({ user_id }) =>
          normalized({ type: 'track', userId: user_id, event: 'E2E Signup' }, new Date()),
        ),
      ),
    );
    await runJourneyPass({ store, clock: systemClock });
    await page.reload();
    const diagram = page.getByRole('img', { name: /E2E onboarding/ });
    await expect
      .poll(() => diagram.locator('[data-node-counts="wait-3d"]').textContent())
      .toBe('in 3 · waiting 3 · out 0');
    await screenshot('journey');

    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => page.getByTestId('journey-status').textContent()).toBe('paused');
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => page.getByTestId('journey-status').textContent()).toBe('active');
  });

  it('shows the RFM grid with named segments and the cohort retention heat map', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analytics' }).click();
    const rfmTable = page.getByRole('table', { name: /scored customers/ });
    await expect.poll(() => rfmTable.textContent()).toContain('Champions');
    const cohortTable = page.getByRole('table', { name: /Share of each cohort/ });
    await expect.poll(() => cohortTable.locator('tbody tr').count()).toBeGreaterThan(0);
    await screenshot('analytics');
  });

  it('creates an analyst key in Settings; that key logs in, reads, and is refused the settings', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Name').fill('e2e analyst');
    await page.getByLabel('Role').selectOption('analyst');
    await page.getByRole('button', { name: 'Create key' }).click();
    const created = page.getByRole('status').filter({ hasText: 'New key' }).locator('code');
    await expect.poll(() => created.count()).toBe(1);
    const analystKey = (await created.textContent()) ?? '';
    expect(analystKey).toMatch(/^smk_/);
    await expect.poll(() => page.getByRole('table').first().textContent()).toContain('e2e analyst');
    await screenshot('settings');

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByLabel('API key').fill(analystKey);
    await page.getByRole('button', { name: 'Log in' }).click();
    // Logging in keeps the page that was open; the analyst may read it but not the keys behind it.
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/role analyst/);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
    await expect.poll(() => page.getByRole('table').getByRole('link').count()).toBeGreaterThan(0);

    // A phone-sized window: the layout reflows (no horizontal scrolling of the page itself).
    await page.setViewportSize({ width: 390, height: 844 });
    // A string, not a function: this file is type-checked without the DOM library.
    const overflow: unknown = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot('customers-phone');
  });
});
