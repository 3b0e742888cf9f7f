import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isSegmintError } from '../../errors.ts';
import { registerDashboardRoutes } from './dashboard.ts';

describe('serving the built dashboard', () => {
  let dir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'segmint-dashboard-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log("app")');
    await writeFile(join(dir, 'assets', 'index-abc123.css'), 'body{}');
    await writeFile(join(dir, 'favicon.svg'), '<svg/>');
    await writeFile(join(tmpdir(), 'segmint-outside.txt'), 'secret');
    app = Fastify();
    app.setErrorHandler((error, _request, reply) =>
      isSegmintError(error)
        ? reply.status(error.httpStatus).send(error.toJSON())
        : reply.status(500).send(error),
    );
    registerDashboardRoutes(app, { dir });
  });
  afterAll(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
    await rm(join(tmpdir(), 'segmint-outside.txt'), { force: true });
  });

  const get = (url: string) => app.inject({ method: 'GET', url });

  it('serves index.html at / with no-cache, so a new build is picked up on reload', async () => {
    const response = await get('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toContain('id="root"');
  });

  it('serves hashed assets with their content type, cached for a year', async () => {
    const script = await get('/assets/index-abc123.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.body).toBe('console.log("app")');
    const style = await get('/assets/index-abc123.css?v=1');
    expect(style.headers['content-type']).toBe('text/css; charset=utf-8');
    const icon = await get('/favicon.svg');
    expect(icon.headers['content-type']).toBe('image/svg+xml');
    expect(icon.headers['cache-control']).toBe('public, max-age=300');
  });

  it("answers the dashboard's own paths with index.html (reload of /customers/u1)", async () => {
    for (const url of ['/customers/user-1', '/segments/new?x=1', '/index.html']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type'], url).toBe('text/html; charset=utf-8');
    }
  });

  it('keeps unknown API paths and missing assets as JSON 404s', async () => {
    for (const url of ['/api/nothing', '/v1/nothing', '/assets/index-old.js']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json(), url).toMatchObject({ error: 'not_found' });
    }
  });

  it('never serves a file outside the build folder', async () => {
    for (const url of [
      '/../segmint-outside.txt',
      '/%2e%2e/segmint-outside.txt',
      '/..%2fsegmint-outside.txt',
    ]) {
      const response = await get(url);
      expect(response.body, url).not.toContain('secret');
    }
    const badEncoding = await get('/%E0%A4%A');
    expect(badEncoding.statusCode).toBe(400);
  });

  it('says how to build the dashboard when it is not built', async () => {
    const bare = Fastify();
    registerDashboardRoutes(bare, { dir: join(dir, 'missing') });
    const response = await bare.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(404);
    expect(response.body).toMatch(/npm run build:web/);
    await bare.close();
  });
});
