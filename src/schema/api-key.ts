/**
 * Management API keys and their roles. Shared by the API, the CLI and the dashboard (which logs in with a key).
 * Roles are ordered: an admin can do what a marketer can, a marketer what an analyst can.
 */
import { z } from 'zod';

export const API_KEY_ROLES = ['analyst', 'marketer', 'admin'] as const;
export const apiKeyRoleSchema = z.enum(API_KEY_ROLES);
export type ApiKeyRole = z.infer<typeof apiKeyRoleSchema>;

export function roleRank(role: ApiKeyRole): number {
  return API_KEY_ROLES.indexOf(role);
}

export const createApiKeyInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'a key needs a name')
      .max(100)
      .regex(/^[\w .@-]+$/, 'use letters, digits, spaces, dots, @, dashes and underscores'),
    role: apiKeyRoleSchema,
  })
  .strict();
export type CreateApiKeyInput = z.infer<typeof createApiKeyInputSchema>;

export const rotateApiKeyInputSchema = z
  .object({
    /** How long the old key keeps working, so clients can switch over; 0 revokes it at once. */
    graceSeconds: z.coerce
      .number()
      .int()
      .min(0)
      .max(30 * 24 * 3600)
      .default(0),
  })
  .strict();

/** A key as listed: never the key itself, only its first characters. */
export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: apiKeyRoleSchema,
  prefix: z.string(),
  createdAt: z.coerce.date(),
  lastUsedAt: z.coerce.date().nullable(),
  revokedAt: z.coerce.date().nullable(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;
