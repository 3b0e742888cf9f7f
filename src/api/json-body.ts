/**
 * JSON bodies for every content type the Segment SDKs use (analytics.js posts `text/plain` to avoid CORS
 * preflights). The raw size is kept so the batch limit is checked on bytes, not on a header a client may omit.
 */
import type { FastifyInstance } from 'fastify';
import { SegmintError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    rawBodyBytes?: number;
  }
}

export function registerJsonBodyParser(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(
    ['application/json', 'text/plain'],
    { parseAs: 'buffer' },
    (request, body, done) => {
      const buffer = body as Buffer;
      request.rawBodyBytes = buffer.length;
      if (buffer.length === 0) {
        done(null, undefined);
        return;
      }
      try {
        done(null, JSON.parse(buffer.toString('utf8')));
      } catch (error) {
        done(
          new SegmintError(
            'invalid_input',
            `The request body is not valid JSON (${(error as Error).message}). Send a JSON object as in Segment's HTTP API.`,
          ),
          undefined,
        );
      }
    },
  );
}
