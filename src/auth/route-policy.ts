/**
 * Who may call what, as one table: the first rule whose method class and path prefix match decides the minimum
 * role. Routes added later are covered by the two catch-all rules at the end: reads need an analyst key, writes an
 * admin key, until a rule here says otherwise.
 */
import { roleRank, type ApiKeyRole } from '../schema/api-key.ts';

export type MethodClass = 'read' | 'write';

export interface RoutePolicyRule {
  methods: MethodClass;
  /** A path prefix, matched on whole segments: `/api/keys` matches `/api/keys` and `/api/keys/1`, not `/api/keysx`. */
  prefix: string;
  minimumRole: ApiKeyRole;
}

/** Marketing objects a marketer edits. */
const MARKETING_PREFIXES = [
  '/api/segments',
  '/api/templates',
  '/api/journeys',
  '/api/campaigns',
  '/api/content',
  '/api/consent',
  '/api/traits',
  '/api/scoring',
  '/api/social',
  '/api/subscriptions',
  '/api/send-rules',
  '/api/send-policy',
  '/api/costs',
];

export const ROUTE_POLICY: readonly RoutePolicyRule[] = [
  // Keys, privacy requests and the audit log reveal secrets or personal data: admins only, reads included.
  { methods: 'read', prefix: '/api/keys', minimumRole: 'admin' },
  { methods: 'read', prefix: '/api/privacy', minimumRole: 'admin' },
  { methods: 'read', prefix: '/api/audit', minimumRole: 'admin' },
  ...MARKETING_PREFIXES.map((prefix): RoutePolicyRule => ({
    methods: 'write',
    prefix,
    minimumRole: 'marketer',
  })),
  { methods: 'read', prefix: '/api', minimumRole: 'analyst' },
  // Prometheus scrapes with a read-only key.
  { methods: 'read', prefix: '/metrics', minimumRole: 'analyst' },
  { methods: 'write', prefix: '/api', minimumRole: 'admin' },
];

export function methodClassOf(method: string): MethodClass {
  return ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()) ? 'read' : 'write';
}

function hasPrefix(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** The least role allowed to call `method path` (path without the query string). */
export function minimumRoleFor(method: string, path: string): ApiKeyRole {
  const methods = methodClassOf(method);
  const rule = ROUTE_POLICY.find(
    (candidate) => candidate.methods === methods && hasPrefix(path, candidate.prefix),
  );
  return rule?.minimumRole ?? 'admin';
}

export function isAllowed(role: ApiKeyRole, method: string, path: string): boolean {
  return roleRank(role) >= roleRank(minimumRoleFor(method, path));
}
