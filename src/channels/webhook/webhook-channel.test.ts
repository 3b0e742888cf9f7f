import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock.ts';
import type { RenderedMessage } from '../channel.ts';
import { deliverWithRetries } from './deliver-with-retries.ts';
import { verifyWebhookSignature } from './sign-webhook.ts';
import { startTestHttpServer, type TestHttpServer } from './test-http-server.ts';
import { createWebhookChannel, secretsByUrlPrefix } from './webhook-channel.ts';

const clock = new ManualClock('2025-03-01T10:00:00Z');

describe('webhook channel against a local HTTP server', () => {
  let server: TestHttpServer;
  let message: RenderedMessage;
  // A generous timeout for answers (a loaded CI machine is slow); a short one only where nothing ever answers.
  const channel = (timeoutMs = 30_000) =>
    createWebhookChannel({
      secretFor: secretsByUrlPrefix({
        [`${server.url}/hooks/`]: 'shh-hooks',
        [`${server.url}/`]: 'shh-other',
      }),
      timeoutMs,
      clock,
    });

  beforeAll(async () => {
    server = await startTestHttpServer();
  });
  afterAll(async () => server.close());
  beforeEach(() => {
    server.received.length = 0;
    message = {
      id: 'journey:run-1:step-2',
      profileId: 'p1',
      channel: 'webhook',
      recipient: `${server.url}/hooks/crm`,
      text: 'hello',
      body: { event: 'vip_entered', points: 120 },
      journeyId: 'j1',
    };
  });

  it('posts the body with its ids, signed so the receiver can verify it with the destination secret', async () => {
    server.respond((_request, response) => response.writeHead(202).end());
    expect(await channel().send(message)).toEqual({ status: 'sent' });
    const [request] = server.received;
    expect(request?.method).toBe('POST');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['idempotency-key']).toBe('journey:run-1:step-2');
    expect(JSON.parse(request?.body ?? '')).toEqual({
      messageId: 'journey:run-1:step-2',
      profileId: 'p1',
      campaignId: null,
      journeyId: 'j1',
      templateId: null,
      body: { event: 'vip_entered', points: 120 },
    });
    const signed = {
      body: request?.body ?? '',
      signature: String(request?.headers['x-segmint-signature']),
      timestamp: String(request?.headers['x-segmint-timestamp']),
      now: clock.now(),
    };
    expect(signed.timestamp).toBe(String(Date.parse('2025-03-01T10:00:00Z') / 1000));
    expect(verifyWebhookSignature({ ...signed, secret: 'shh-hooks' })).toBe(true);
    // The longest matching prefix chose the secret; another secret, a changed body or a stale time do not verify.
    expect(verifyWebhookSignature({ ...signed, secret: 'shh-other' })).toBe(false);
    expect(verifyWebhookSignature({ ...signed, secret: 'shh-hooks', body: `${signed.body} ` })).toBe(false);
    const later = new Date(clock.now().getTime() + 301_000);
    expect(verifyWebhookSignature({ ...signed, secret: 'shh-hooks', now: later })).toBe(false);
  });

  it('asks for a retry on 503 and passes Retry-After on (seconds or an HTTP date)', async () => {
    server.respond((_request, response) => response.writeHead(503, { 'retry-after': '120' }).end('busy'));
    expect(await channel().send(message)).toMatchObject({ status: 'retry', retryAfterMs: 120_000 });
    const date = new Date(clock.now().getTime() + 30_000).toUTCString();
    server.respond((_request, response) => response.writeHead(429, { 'retry-after': date }).end());
    expect(await channel().send(message)).toMatchObject({ status: 'retry', retryAfterMs: 30_000 });
  });

  it('fails for good on a 400, naming the status and the answer', async () => {
    server.respond((_request, response) => response.writeHead(400).end('missing field'));
    const outcome = await channel().send(message);
    expect(outcome).toEqual({
      status: 'failed',
      error: `HTTP 400 from ${server.url}/hooks/crm: missing field`,
    });
  });

  it('asks for a retry when the receiver does not answer in time', async () => {
    server.respond(() => {
      // never answers: the channel's timeout aborts the request
    });
    const outcome = await channel(300).send(message);
    expect(outcome).toMatchObject({ status: 'retry' });
    expect(outcome.status === 'retry' && outcome.error).toContain('timed out after 300 ms');
  });

  it('asks for a retry when nothing listens, and fails a URL that is not http(s)', async () => {
    const closed = await startTestHttpServer();
    await closed.close();
    expect(await channel().send({ ...message, recipient: `${closed.url}/x` })).toMatchObject({
      status: 'retry',
    });
    expect(await channel().send({ ...message, recipient: 'ftp://example.com/x' })).toMatchObject({
      status: 'failed',
    });
  });

  it('deliverWithRetries tries again after the waits asked for until the receiver accepts', async () => {
    const answers = [503, 503, 200];
    server.respond((_request, response) =>
      response.writeHead(answers.shift() ?? 500, { 'retry-after': '7' }).end(),
    );
    const slept: number[] = [];
    const result = await deliverWithRetries(() => channel().send(message), {
      baseDelayMs: 1000,
      sleep: async (milliseconds) => {
        slept.push(milliseconds);
      },
    });
    expect(result).toEqual({ outcome: { status: 'sent' }, attempts: 3, waitsMs: [7000, 7000] });
    expect(slept).toEqual([7000, 7000]);
    expect(server.received).toHaveLength(3);
  });

  it('deliverWithRetries does not retry a permanent failure and stops after maxAttempts', async () => {
    server.respond((_request, response) => response.writeHead(404).end());
    const sleep = async () => {};
    expect(await deliverWithRetries(() => channel().send(message), { sleep })).toMatchObject({
      outcome: { status: 'failed' },
      attempts: 1,
    });
    server.respond((_request, response) => response.writeHead(500).end());
    const result = await deliverWithRetries(() => channel().send(message), { maxAttempts: 3, sleep });
    expect(result).toMatchObject({ outcome: { status: 'retry' }, attempts: 3, waitsMs: [1000, 2000] });
  });
});
