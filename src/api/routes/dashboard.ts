/**
 * Serves the built dashboard (web/dist, made by `vite build web`) without @fastify/static: the build is a handful
 * of files, read on request. Hashed assets under /assets are immutable and cached for a year; index.html is never
 * cached, so a new build is picked up on reload. Any other GET that is not an API path gets index.html, so the
 * dashboard's own URLs (/customers/…) survive a reload (single-page-app fallback).
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { SegmintError } from '../../errors.ts';

export const DEFAULT_DASHBOARD_DIR = resolve(import.meta.dirname, '../../../web/dist');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Paths that belong to the APIs and public endpoints (tracking links, preference centre, feeds, metrics): an unknown
 * one — e.g. a tracking token too long to match its route — stays a JSON 404 instead of becoming the dashboard's page.
 */
const API_PREFIXES = ['/api/', '/v1/', '/t/', '/preferences/', '/feeds/', '/metrics'];

async function isFile(path: string): Promise<boolean> {
  const found = await stat(path).catch((error: unknown) => {
    if (error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR')) {
      return undefined;
    }
    throw error;
  });
  return found?.isFile() ?? false;
}

async function sendIndex(reply: FastifyReply, dir: string): Promise<FastifyReply> {
  const index = resolve(dir, 'index.html');
  if (!(await isFile(index))) {
    // 404, not 503: nothing is failing and retrying will not help — the build step was skipped.
    return reply
      .status(404)
      .type('text/plain; charset=utf-8')
      .send(
        `The dashboard is not built (no ${index}). Run \`npm run build:web\`, then reload. The API works without it.`,
      );
  }
  return reply
    .header('cache-control', 'no-cache')
    .type(CONTENT_TYPES['.html'] ?? 'text/html')
    .send(await readFile(index));
}

function decodePath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch (error) {
    throw new SegmintError(
      'invalid_input',
      `Invalid percent-encoding in ${rawPath} (${error instanceof Error ? error.message : String(error)}): check the URL.`,
    );
  }
}

export function registerDashboardRoutes(app: FastifyInstance, options: { dir?: string } = {}): void {
  const dir = resolve(options.dir ?? process.env.SEGMINT_DASHBOARD_DIR ?? DEFAULT_DASHBOARD_DIR);

  app.get('/*', async (request, reply) => {
    const path = decodePath(request.url.split('?')[0] ?? '/');
    if (API_PREFIXES.some((prefix) => path.startsWith(prefix))) {
      throw new SegmintError(
        'not_found',
        `No route GET ${path.slice(0, 200)}: the tracking API is under /v1, the management API under /api.`,
      );
    }
    const file = resolve(dir, `.${path}`);
    // resolve() removes "..", so anything outside the build folder is a request for a page, not a file.
    const isInside = file.startsWith(dir + sep);
    const contentType = CONTENT_TYPES[extname(file)];
    if (!isInside || !contentType || !(await isFile(file))) {
      if (path.startsWith('/assets/')) {
        throw new SegmintError(
          'not_found',
          `No dashboard asset ${path}: reload the page to get the current build.`,
        );
      }
      return sendIndex(reply, dir);
    }
    if (file === resolve(dir, 'index.html')) return sendIndex(reply, dir);
    const isHashed = path.startsWith('/assets/');
    return reply
      .header('cache-control', isHashed ? 'public, max-age=31536000, immutable' : 'public, max-age=300')
      .type(contentType)
      .send(await readFile(file));
  });
}
