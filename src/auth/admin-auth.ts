/**
 * The management API's gate: a bearer token is either the bootstrap admin key (`segmint serve` prints it) or a
 * stored API key; its role must reach the route's minimum role (route-policy.ts). The caller is remembered on the
 * request for the audit log.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../clock.ts';
import { SegmintError } from '../errors.ts';
import type { ApiKeyRole } from '../schema/api-key.ts';
import type { Store } from '../store/store.ts';
import { authenticateApiKey } from './api-keys.ts';
import { minimumRoleFor, isAllowed } from './route-policy.ts';

export interface Actor {
  /** The stored key's id; null for the bootstrap admin key. */
  keyId: string | null;
  name: string;
  role: ApiKeyRole;
}

export const BOOTSTRAP_ACTOR: Actor = { keyId: null, name: 'bootstrap-admin', role: 'admin' };

const actors = new WeakMap<FastifyRequest, Actor>();

export function actorOf(request: FastifyRequest): Actor | undefined {
  return actors.get(request);
}

function isSameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The route's pattern (`/api/keys/:id`) when routed, so percent-encoding cannot dodge a prefix rule. */
export function routePathOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? request.url.split('?')[0] ?? request.url;
}

export function registerAdminAuth(
  admin: FastifyInstance,
  options: { store: Store; adminKey: string; clock: Clock },
): void {
  admin.addHook('onRequest', async (request) => {
    const header = request.headers.authorization ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
    const actor = !token
      ? null
      : isSameSecret(token, options.adminKey)
        ? BOOTSTRAP_ACTOR
        : await authenticateApiKey(options.store, token, options.clock.now()).then((key) =>
            key ? { keyId: key.id, name: key.name, role: key.role } : null,
          );
    if (!actor) {
      throw new SegmintError(
        'unauthorized',
        'The management API needs an API key: Authorization: Bearer <key> (the admin key printed by `segmint serve`, or one from `segmint keys create`).',
      );
    }
    const path = routePathOf(request);
    if (!isAllowed(actor.role, request.method, path)) {
      throw new SegmintError(
        'forbidden',
        `The key '${actor.name}' has the role ${actor.role}; ${request.method} ${path} needs ${minimumRoleFor(request.method, path)} or above. Use a key with that role (an admin creates one with 'segmint keys create NAME --role ROLE').`,
      );
    }
    actors.set(request, actor);
  });
}
