/**
 * Records every successful write of the management API (POST, PUT, PATCH, DELETE under /api) in the audit log,
 * with the caller the auth hook identified. Route parameters name the target; bodies are never recorded.
 */
import type { FastifyInstance } from 'fastify';
import { actorOf, routePathOf } from '../auth/admin-auth.ts';
import { methodClassOf } from '../auth/route-policy.ts';
import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import { recordAudit } from './audit-log.ts';

function paramsOf(params: unknown): Record<string, string> {
  if (!params || typeof params !== 'object') return {};
  return Object.fromEntries(
    Object.entries(params).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

export function registerAuditHook(admin: FastifyInstance, options: { store: Store; clock: Clock }): void {
  // onSend, not onResponse: the entry is written before the caller hears of the success, so an audit read right
  // after a change always shows it.
  admin.addHook('onSend', async (request, reply, payload) => {
    if (methodClassOf(request.method) !== 'write' || reply.statusCode >= 400) return payload;
    const actor = actorOf(request);
    if (!actor) return payload;
    const route = routePathOf(request);
    const params = paramsOf(request.params);
    try {
      await recordAudit(options.store, {
        actorId: actor.keyId,
        actorName: actor.name,
        action: `${request.method} ${route}`,
        // /api/segments/:name → segments
        targetKind: route.split('/')[2] ?? null,
        targetId: Object.values(params)[0] ?? null,
        details: { statusCode: reply.statusCode, params },
        at: options.clock.now(),
      });
    } catch (error) {
      // The change is done and answered; a lost audit row must be visible to operators, not fail the request.
      request.log.error({ err: error }, 'audit log write failed');
    }
    return payload;
  });
}
