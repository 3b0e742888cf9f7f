/**
 * Segment's HTTP tracking API: POST /v1/identify, /v1/track, /v1/page, /v1/screen, /v1/group, /v1/alias and
 * /v1/batch, authenticated by write key. A request is answered 200 only once its messages are committed.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SegmintError } from '../../errors.ts';
import type { GroupCommitter } from '../../ingest/group-commit.ts';
import { MAX_BATCH_BYTES, MESSAGE_TYPES, type NormalizedMessage } from '../../schema/messages.ts';
import type { WriteKeyResolver } from '../../sources/sources.ts';
import { parseBatch, parseSingleMessage, writeKeyFrom } from '../tracking-request.ts';

export interface TrackingRouteOptions {
  committer: GroupCommitter;
  writeKeys: WriteKeyResolver;
}

export function registerTrackingRoutes(app: FastifyInstance, options: TrackingRouteOptions): void {
  async function authenticate(request: FastifyRequest): Promise<string> {
    const writeKey = writeKeyFrom(request.headers.authorization, request.body);
    if (!writeKey) {
      throw new SegmintError(
        'unauthorized',
        'Missing write key: send it as the HTTP Basic username (Authorization: Basic base64("WRITE_KEY:")).',
      );
    }
    const sourceId = await options.writeKeys.resolve(writeKey);
    if (!sourceId)
      throw new SegmintError(
        'unauthorized',
        'Unknown write key. Create one with `segmint sources create NAME`.',
      );
    return sourceId;
  }

  async function commit(messages: NormalizedMessage[]) {
    const result = await options.committer.submit(messages);
    return { success: true, stored: result.stored, duplicates: result.duplicates };
  }

  // The batch limit is checked by the handler so that an oversized batch gets Segment's 400 with a clear message;
  // Fastify's own limit sits above it and only guards memory.
  const bodyLimit = MAX_BATCH_BYTES * 2;

  for (const type of MESSAGE_TYPES) {
    app.post(`/v1/${type}`, { bodyLimit }, async (request) => {
      const receivedAt = new Date();
      const sourceId = await authenticate(request);
      return commit([parseSingleMessage({ type, body: request.body, receivedAt, sourceId })]);
    });
  }

  app.post('/v1/batch', { bodyLimit }, async (request) => {
    const receivedAt = new Date();
    const sourceId = await authenticate(request);
    const rawBytes = request.rawBodyBytes ?? Number(request.headers['content-length'] ?? 0);
    return commit(parseBatch({ body: request.body, rawBytes, receivedAt, sourceId }));
  });
}
