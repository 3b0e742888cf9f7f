/**
 * A small Mastodon-compatible API on a real local HTTP server, for tests: `POST /api/v1/statuses` (bearer token,
 * Idempotency-Key honoured as Mastodon does) and `GET /api/v1/statuses/:id` with engagement counts the test sets.
 * Tests only.
 */
import { startTestHttpServer, type TestHttpServer } from '../webhook/test-http-server.ts';

export interface FakeStatus {
  id: string;
  text: string;
  favourites: number;
  reblogs: number;
  replies: number;
}

export interface TestMastodonServer {
  http: TestHttpServer;
  token: string;
  statuses: FakeStatus[];
  /** Answer the next N posts with this status code (e.g. 503) before accepting again. */
  failNextPosts(count: number, status: number): void;
}

export async function startTestMastodonServer(token = 'test-token'): Promise<TestMastodonServer> {
  const http = await startTestHttpServer();
  const statuses: FakeStatus[] = [];
  const byIdempotencyKey = new Map<string, FakeStatus>();
  let failures = { count: 0, status: 503 };
  const json = (body: unknown) => JSON.stringify(body);
  const asStatus = (status: FakeStatus) =>
    json({
      id: status.id,
      url: `${http.url}/@shop/${status.id}`,
      content: status.text,
      favourites_count: status.favourites,
      reblogs_count: status.reblogs,
      replies_count: status.replies,
    });
  http.respond((request, response) => {
    if (request.headers.authorization !== `Bearer ${token}`) {
      response
        .writeHead(401, { 'content-type': 'application/json' })
        .end(json({ error: 'The access token is invalid' }));
      return;
    }
    if (request.method === 'POST' && request.url === '/api/v1/statuses') {
      if (failures.count > 0) {
        failures = { ...failures, count: failures.count - 1 };
        response.writeHead(failures.status, { 'retry-after': '30' }).end(json({ error: 'busy' }));
        return;
      }
      const key = String(request.headers['idempotency-key'] ?? '');
      const existing = byIdempotencyKey.get(key);
      if (existing) {
        response.writeHead(200, { 'content-type': 'application/json' }).end(asStatus(existing));
        return;
      }
      const body: unknown = JSON.parse(request.body);
      const text = body !== null && typeof body === 'object' && 'status' in body ? String(body.status) : '';
      if (!text) {
        response
          .writeHead(422, { 'content-type': 'application/json' })
          .end(json({ error: "Text can't be blank" }));
        return;
      }
      const status = { id: String(100 + statuses.length), text, favourites: 0, reblogs: 0, replies: 0 };
      statuses.push(status);
      if (key) byIdempotencyKey.set(key, status);
      response.writeHead(200, { 'content-type': 'application/json' }).end(asStatus(status));
      return;
    }
    const match = /^\/api\/v1\/statuses\/(\w+)$/.exec(request.url);
    const found =
      match && request.method === 'GET' ? statuses.find((status) => status.id === match[1]) : undefined;
    if (found) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(asStatus(found));
      return;
    }
    response.writeHead(404, { 'content-type': 'application/json' }).end(json({ error: 'Record not found' }));
  });
  return {
    http,
    token,
    statuses,
    failNextPosts(count, status) {
      failures = { count, status };
    },
  };
}
