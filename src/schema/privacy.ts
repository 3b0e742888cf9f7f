/**
 * Privacy requests (GDPR/CCPA export and erasure), erasure suppressions, retention policies, and the list of fields
 * that hold personal data (masked in logs). Shared by the API, the CLI and the dashboard: no node:* imports here.
 */
import { z } from 'zod';

/** Whom a request is about: exactly one of a profile id, an email address or a user id. */
export const privacySubjectSchema = z.union([
  z.object({ profileId: z.string().trim().min(1).max(512) }).strict(),
  z.object({ email: z.string().trim().min(3).max(512) }).strict(),
  z.object({ userId: z.string().trim().min(1).max(512) }).strict(),
]);
export type PrivacySubject = z.infer<typeof privacySubjectSchema>;

/** Identities that can be suppressed after erasure (and opted in again). */
export const suppressibleIdentitySchema = z.union([
  z.object({ email: z.string().trim().min(3).max(512) }).strict(),
  z.object({ userId: z.string().trim().min(1).max(512) }).strict(),
  z.object({ anonymousId: z.string().trim().min(1).max(512) }).strict(),
]);
export type SuppressibleIdentity = z.infer<typeof suppressibleIdentitySchema>;

export const privacyRequestKindSchema = z.enum(['export', 'erase']);
export type PrivacyRequestKind = z.infer<typeof privacyRequestKindSchema>;

export const privacyRequestSchema = z.object({
  id: z.string(),
  kind: privacyRequestKindSchema,
  subjectHash: z.string(),
  status: z.enum(['completed', 'failed']),
  requestedBy: z.string(),
  requestedAt: z.coerce.date(),
  completedAt: z.coerce.date().nullable(),
  summary: z.record(z.string(), z.unknown()).nullable(),
});
export type PrivacyRequest = z.infer<typeof privacyRequestSchema>;

/** Version of the export document; bump when its shape changes. */
export const PERSON_EXPORT_SCHEMA_VERSION = 1;

export const personExportSchema = z.object({
  schemaVersion: z.literal(PERSON_EXPORT_SCHEMA_VERSION),
  exportedAt: z.string(),
  subject: z.object({ profileIds: z.array(z.string()) }),
  identifiers: z.object({
    userIds: z.array(z.string()),
    anonymousIds: z.array(z.string()),
    emails: z.array(z.string()),
  }),
  /** Rows about the person, by table name (every table found to hold the person's identifiers). */
  tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
});
export type PersonExport = z.infer<typeof personExportSchema>;

export const retentionScopeSchema = z.enum(['event', 'type']);
export const retentionPolicySchema = z.object({
  scope: retentionScopeSchema.default('event'),
  name: z.string().trim().min(1).max(200),
  days: z.coerce.number().int().min(1).max(36_500),
});
export type RetentionPolicy = z.infer<typeof retentionPolicySchema>;

/**
 * Field names that hold personal data wherever they appear (bodies, headers, query strings, traits): logs mask
 * them. Compared case-insensitively with `_` and `-` ignored, so `firstName`, `first_name` and `First-Name` match.
 */
export const PII_FIELDS = [
  'email',
  'phone',
  'mobile',
  'name',
  'firstName',
  'lastName',
  'address',
  'street',
  'city',
  'postalCode',
  'zip',
  'birthday',
  'ip',
  'userId',
  'anonymousId',
  'authorization',
  'cookie',
] as const;
