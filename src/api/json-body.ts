/**
 * JSON bodies for every content type the Segment SDKs use (analytics.js posts `text/plain` to avoid CORS
 * preflights). The raw size is kept so the batch limit is checked on bytes, not on a header a client may omit.
 *
 * Bodies must be UTF-8 (RFC 8259). Invalid bytes are rejected rather than replaced by U+FFFD: replacing them made
 * two different messageIds (`"\xff1"` and `"\xfe1"`) the same id, so the second event was acknowledged as a
 * duplicate and lost.
 */
import type { FastifyInstance } from 'fastify';
import { SegmintError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    rawBodyBytes?: number;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

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
      let text: string;
      try {
        text = utf8.decode(buffer);
      } catch (error) {
        done(
          new SegmintError(
            'invalid_input',
            `The request body is not valid UTF-8 (${error instanceof Error ? error.message : String(error)}). Send JSON encoded as UTF-8.`,
          ),
          undefined,
        );
        return;
      }
      try {
        done(null, JSON.parse(text));
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
