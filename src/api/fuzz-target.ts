/**
 * The oracle of the tracking API fuzz tests (tests and benchmarks only): sends one generated request to the real
 * app on a real store and checks what must hold for any input. Never a 5xx; a 4xx always carries a JSON
 * `{ error, message }`; a rejected request writes nothing; an accepted one writes exactly what it reports; and a
 * valid message comes back from the store exactly as it was sent.
 */
import { isDeepStrictEqual } from 'node:util';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { GroupCommitter } from '../ingest/group-commit.ts';
import { MAX_BATCH_BYTES } from '../schema/messages.ts';
import { createSource } from '../sources/sources.ts';
import type { Store } from '../store/store.ts';
import { toRequestText } from './fuzz-inputs.ts';
import type { FuzzRequest } from './fuzz-requests.ts';
import { buildServer } from './server.ts';

export interface FuzzTarget {
  app: FastifyInstance;
  store: Store;
  writeKey: string;
  adminKey: string;
}

export async function createFuzzTarget(store: Store): Promise<FuzzTarget> {
  const adminKey = 'fuzz-admin-key';
  const { writeKey } = await createSource(store, `fuzz-${Date.now()}`);
  const app = await buildServer({ store, committer: new GroupCommitter({ store }), adminKey });
  return { app, store, writeKey, adminKey };
}

export type RowCounts = {
  events: number;
  profiles: number;
  identities: number;
  merges: number;
};

export async function countRows(store: Store): Promise<RowCounts> {
  const [row] = await store.query<RowCounts>(
    `select (select count(*) from events) as events, (select count(*) from profiles) as profiles,
            (select count(*) from identities) as identities, (select count(*) from profile_merges) as merges`,
  );
  if (!row) throw new Error('no counts');
  return {
    events: Number(row.events),
    profiles: Number(row.profiles),
    identities: Number(row.identities),
    merges: Number(row.merges),
  };
}

export class FuzzViolation extends Error {
  override name = 'FuzzViolation';
}

function basic(key: string): string {
  return `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
}

function payloadOf(request: FuzzRequest, writeKey: string): string | Buffer {
  const { body } = request;
  if (body.kind === 'text') return body.text;
  if (body.kind === 'bytes') return Buffer.from(body.bytes);
  const value = body.value;
  const withKey =
    request.credentials === 'inBody' && typeof value === 'object' && value !== null && !Array.isArray(value)
      ? { ...value, writeKey }
      : value;
  return toRequestText(withKey);
}

function headersOf(request: FuzzRequest, writeKey: string): Record<string, string> {
  const headers: Record<string, string> = {};
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  if (request.credentials === 'valid') headers.authorization = basic(writeKey);
  if (request.credentials === 'unknown') headers.authorization = basic('sk_unknown_key');
  if (request.credentials === 'garbage') headers.authorization = request.garbageAuthorization;
  return headers;
}

/** The JSON body of a response, or a violation naming the request. */
export function jsonOf(response: LightMyRequestResponse, what: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch (error) {
    throw new FuzzViolation(
      `${what}: ${response.statusCode} with a body that is not JSON (${String(error)}): ${response.body.slice(0, 200)}`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new FuzzViolation(`${what}: ${response.statusCode} with a JSON body that is not an object`);
  }
  return { ...parsed };
}

/** A 4xx must say what was wrong in `{ error, message }`; a 5xx is always a violation. */
export function expectClientError(response: LightMyRequestResponse, what: string): Record<string, unknown> {
  if (response.statusCode >= 500) {
    throw new FuzzViolation(`${what}: server error ${response.statusCode}: ${response.body.slice(0, 300)}`);
  }
  const body = jsonOf(response, what);
  if (typeof body.error !== 'string' || typeof body.message !== 'string' || body.message.length < 10) {
    throw new FuzzViolation(
      `${what}: ${response.statusCode} without a clear { error, message }: ${response.body.slice(0, 300)}`,
    );
  }
  return body;
}

/** Sends one fuzzed tracking request and checks every invariant; returns the status for statistics. */
export async function checkTrackingRequest(target: FuzzTarget, request: FuzzRequest): Promise<number> {
  const what = `POST ${request.path}`;
  const before = await countRows(target.store);
  const payload = payloadOf(request, target.writeKey);
  const response = await target.app.inject({
    method: 'POST',
    url: request.path,
    headers: headersOf(request, target.writeKey),
    payload,
  });
  const after = await countRows(target.store);
  if (response.statusCode === 200) {
    const body = jsonOf(response, what);
    if (body.success !== true || typeof body.stored !== 'number' || typeof body.duplicates !== 'number') {
      throw new FuzzViolation(`${what}: 200 without { success, stored, duplicates }: ${response.body}`);
    }
    if (Buffer.byteLength(payload) > MAX_BATCH_BYTES) {
      throw new FuzzViolation(
        `${what}: accepted a ${Buffer.byteLength(payload)}-byte body over the 500 KB limit`,
      );
    }
    if (after.events - before.events !== body.stored) {
      throw new FuzzViolation(
        `${what}: reported ${body.stored} stored but ${after.events - before.events} events were written`,
      );
    }
    return 200;
  }
  expectClientError(response, what);
  if (!isDeepStrictEqual(before, after)) {
    throw new FuzzViolation(
      `${what}: rejected with ${response.statusCode} but rows changed: ${JSON.stringify({ before, after })}`,
    );
  }
  return response.statusCode;
}
