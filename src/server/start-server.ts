/**
 * `segmint serve`: one process runs the API and the group committer on one store (the DuckDB file is owned by
 * exactly one process). SIGTERM/SIGINT drain: stop accepting connections, finish in-flight requests, commit every
 * accepted batch, close the store.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { SegmintError } from '../errors.ts';
import { buildServer } from '../api/server.ts';
import { GroupCommitter } from '../ingest/group-commit.ts';
import type { Store } from '../store/store.ts';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  adminKey: string;
  committer: GroupCommitter;
  close(): Promise<void>;
}

export async function startServer(options: {
  store: Store;
  port: number;
  host: string;
  adminKey?: string | undefined;
  logger?: boolean;
}): Promise<RunningServer> {
  const adminKey = options.adminKey ?? `admin_${randomBytes(18).toString('base64url')}`;
  const committer = new GroupCommitter({ store: options.store });
  const app = await buildServer({
    store: options.store,
    committer,
    adminKey,
    logger: options.logger ?? false,
  });
  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    await app.close();
    if ((error as { code?: string }).code === 'EADDRINUSE') {
      throw new SegmintError(
        'port_in_use',
        `Port ${options.port} on ${options.host} is already in use. Stop the other process or pick another port with --port.`,
      );
    }
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  let closing: Promise<void> | undefined;
  return {
    app,
    url: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`,
    adminKey,
    committer,
    close() {
      closing ??= (async () => {
        await app.close();
        await committer.close();
      })();
      return closing;
    },
  };
}

/** Closes the server and the store on SIGTERM/SIGINT, once. */
export function closeOnSignals(close: () => Promise<void>, log: (line: string) => void): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received: finishing in-flight requests and commits…`);
    close().then(
      () => {
        log('Stopped cleanly.');
        process.exit(0);
      },
      (error: unknown) => {
        log(`Shutdown failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}
