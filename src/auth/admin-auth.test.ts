import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildServer } from '../api/server.ts';
import { ManualClock } from '../clock.ts';
import { GroupCommitter } from '../ingest/group-commit.ts';
import type { ApiKeyRole } from '../schema/api-key.ts';
import { describeEachEngine } from '../test-support/engines.ts';
import { createApiKey, revokeApiKey } from './api-keys.ts';
import { registeredRoutes } from './route-registry.ts';

/** The rules of issue 9, restated here independently of route-policy.ts. */
function isExpectedToBeAllowed(role: ApiKeyRole, method: string, url: string): boolean {
  if (role === 'admin') return true;
  if (/^\/api\/(keys|privacy|audit)(\/|$)/.test(url)) return false;
  if (method === 'GET') return true;
  return (
    role === 'marketer' &&
    /^\/api\/(segments|templates|journeys|campaigns|content|consent|traits|scoring|social|subscriptions|send-rules|send-policy|costs)(\/|$)/.test(
      url,
    )
  );
}

const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

describeEachEngine('API keys and roles', (getStore) => {
  let app: FastifyInstance;
  const clock = new ManualClock('2025-06-01T00:00:00Z');
  const keys = new Map<ApiKeyRole, string>();

  beforeAll(async () => {
    const store = getStore();
    for (const role of ['admin', 'marketer', 'analyst'] as const)
      keys.set(role, (await createApiKey(store, { name: `${role} key`, role }, clock.now())).key);
    app = await buildServer({
      store,
      committer: new GroupCommitter({ store }),
      adminKey: 'bootstrap',
      clock,
    });
  });
  afterAll(async () => app.close());

  const call = (method: string, url: string, key: string | undefined, payload?: object) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: key ? { authorization: `Bearer ${key}` } : {},
      ...(WRITE_METHODS.includes(method) ? { payload: payload ?? {} } : {}),
    });

  it('allows and refuses each role on each registered /api route', async () => {
    const routes = registeredRoutes(app).filter(
      (route) => route.url.startsWith('/api/') && ['GET', ...WRITE_METHODS].includes(route.method),
    );
    // The management API of the foundation plus keys, privacy and audit: a shrinking list means routes went missing.
    expect(routes.length).toBeGreaterThanOrEqual(20);
    expect(routes).toContainEqual({ method: 'POST', url: '/api/privacy/erase' });
    const mismatches: string[] = [];
    for (const route of routes) {
      const url = route.url.replace(/:\w+/g, 'no-such-id').replace(/\*$/, 'no-such-file');
      for (const role of ['analyst', 'marketer', 'admin'] as const) {
        const response = await call(route.method, url, keys.get(role));
        const refused = response.statusCode === 403;
        if (response.statusCode === 401) mismatches.push(`${role} ${route.method} ${route.url}: 401`);
        if (refused === isExpectedToBeAllowed(role, route.method, route.url))
          mismatches.push(`${role} ${route.method} ${route.url}: ${response.statusCode}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('says which role a refused call needs', async () => {
    const response = await call('POST', '/api/keys', keys.get('marketer'), { name: 'x', role: 'admin' });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      error: 'forbidden',
      message: expect.stringMatching(/role marketer; POST \/api\/keys needs admin/),
    });
  });

  it('refuses missing, unknown and revoked keys with 401', async () => {
    expect((await call('GET', '/api/segments', undefined)).statusCode).toBe(401);
    expect((await call('GET', '/api/segments', 'smk_not-a-key')).statusCode).toBe(401);
    const store = getStore();
    const temporary = await createApiKey(store, { name: 'temp', role: 'analyst' }, clock.now());
    expect((await call('GET', '/api/segments', temporary.key)).statusCode).toBe(200);
    await revokeApiKey(store, temporary.id, clock.now());
    expect((await call('GET', '/api/segments', temporary.key)).statusCode).toBe(401);
  });

  it('creates a key over HTTP, shows it once and stores only its hash', async () => {
    const created = await call('POST', '/api/keys', 'bootstrap', { name: 'ci', role: 'analyst' });
    expect(created.statusCode).toBe(201);
    const { key, id } = created.json();
    expect(key).toMatch(/^smk_[\w-]{43}$/);
    const listed = (await call('GET', '/api/keys', 'bootstrap')).json();
    expect(JSON.stringify(listed)).not.toContain(key);
    const stored = await getStore().query<{ key_hash: string }>(
      'select key_hash from api_keys where id = $1',
      [id],
    );
    expect(stored[0]?.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await call('GET', '/api/profiles/no-such-id', key)).statusCode).toBe(404);
  });

  it('rotates a key: the new one works at once, the old one until the grace period ends', async () => {
    const original = await createApiKey(getStore(), { name: 'shop backend', role: 'marketer' }, clock.now());
    const rotated = await call('POST', `/api/keys/${original.id}/rotate`, 'bootstrap', { graceSeconds: 60 });
    expect(rotated.statusCode).toBe(201);
    const { created } = rotated.json();
    expect(created).toMatchObject({ name: 'shop backend', role: 'marketer' });
    expect((await call('GET', '/api/segments', created.key)).statusCode).toBe(200);
    expect((await call('GET', '/api/segments', original.key)).statusCode).toBe(200);
    clock.advance(61_000);
    expect((await call('GET', '/api/segments', original.key)).statusCode).toBe(401);
    expect((await call('GET', '/api/segments', created.key)).statusCode).toBe(200);
  });

  it('records successful writes in the audit log with the key that made them, and not failed ones', async () => {
    const marketer = keys.get('marketer');
    const start = clock.advance(60_000);
    const saved = await call('POST', '/api/segments', marketer, {
      name: 'vip',
      text: 'performed purchase in last 30 days',
    });
    expect(saved.statusCode).toBe(201);
    expect((await call('POST', '/api/segments', marketer, { name: '' })).statusCode).toBe(400);
    clock.advance(1000);
    expect((await call('DELETE', '/api/segments/vip', marketer)).statusCode).toBe(200);
    const audit = await call('GET', `/api/audit?since=${start.toISOString()}`, keys.get('admin'));
    const segmentEntries = audit.json();
    expect(segmentEntries).toEqual([
      expect.objectContaining({
        actorName: 'marketer key',
        action: 'DELETE /api/segments/:name',
        targetId: 'vip',
      }),
      expect.objectContaining({ actorName: 'marketer key', action: 'POST /api/segments', targetId: null }),
    ]);
    expect(JSON.stringify(segmentEntries)).not.toContain('purchase');
  });
});
