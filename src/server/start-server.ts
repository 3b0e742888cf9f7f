/**
 * `segmint serve`: one process runs the API and the group committer on one store (the DuckDB file is owned by
 * exactly one process). SIGTERM/SIGINT drain: stop accepting connections, finish in-flight requests, commit every
 * accepted batch, close the store.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { systemClock } from '../clock.ts';
import { SegmintError } from '../errors.ts';
import { buildServer } from '../api/server.ts';
import { GroupCommitter } from '../ingest/group-commit.ts';
import { refreshSegmentsAfterCommit } from '../segments/saved/refresh-after-commit.ts';
import type { Store } from '../store/store.ts';
import { BACKGROUND_WORKERS, type BackgroundWorker } from './background-workers.ts';

/** `--port` as given on the command line, checked: a bad value is a clear error, not a RangeError from `listen`. */
export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || port > 65_535) {
    throw new SegmintError('invalid_input', `--port must be a whole number from 0 to 65535 (got '${text}').`);
  }
  return port;
}

/** Turns the usual reasons `listen` fails into messages that say what to do. */
function describeListenError(error: unknown, where: { port: number; host: string }): unknown {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  const address = `${where.host}:${where.port}`;
  switch (code) {
    case 'EADDRINUSE':
      return new SegmintError(
        'port_in_use',
        `Port ${where.port} on ${where.host} is already in use. Stop the other process or pick another port with --port.`,
      );
    case 'EACCES':
      return new SegmintError(
        'forbidden',
        `Not allowed to listen on ${address}: ports below 1024 need extra privileges. Pick a port above 1024 with --port.`,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new SegmintError(
        'invalid_input',
        `Cannot listen on ${address}: ${where.host} is not an address of this machine. Use --host 127.0.0.1 (local) or 0.0.0.0 (all interfaces).`,
      );
    default:
      return error;
  }
}

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
  /** Run the background workers (journeys, dispatch, schedules); tests of the API alone turn them off. */
  backgroundWorkers?: boolean;
  /** Base URL in links the server hands out (tracking, unsubscribe, feeds); default: the listening address. */
  publicUrl?: string | undefined;
  log?: (line: string) => void;
}): Promise<RunningServer> {
  const adminKey = options.adminKey ?? `admin_${randomBytes(18).toString('base64url')}`;
  // Real-time segments: the profiles each committed batch touched are re-evaluated after it is acknowledged.
  const committer = new GroupCommitter({
    store: options.store,
    onCommitted: refreshSegmentsAfterCommit(options.store),
  });
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
    throw describeListenError(error, options);
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}`;
  const workers: BackgroundWorker[] =
    options.backgroundWorkers === false
      ? []
      : BACKGROUND_WORKERS.map((start) =>
          start({
            store: options.store,
            clock: systemClock,
            publicUrl: options.publicUrl ?? url,
            log: options.log ?? (() => {}),
          }),
        );
  let closing: Promise<void> | undefined;
  return {
    app,
    url,
    adminKey,
    committer,
    close() {
      closing ??= (async () => {
        await app.close();
        await committer.close();
        await Promise.all(workers.map((worker) => worker.stop()));
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
