import { z } from 'zod';

/**
 * Consent: what a person agreed to, per purpose and channel, with where the answer came from. Stored as
 * append-only records (010_consent.sql); the latest record of a (purpose, channel) is the current answer, and a
 * record for channel 'all' speaks for every channel of its purpose.
 */

export const CONSENT_PURPOSES = ['marketing', 'analytics', 'personalization', 'sale_sharing'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** Delivery channels consent is given for; 'all' stands for every channel of a purpose. */
export const CONSENT_CHANNELS = ['email', 'sms', 'push', 'webhook', 'ads', 'all'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export const CONSENT_STATUSES = ['granted', 'denied'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

export const CONSENT_SOURCES = [
  'identify',
  'import',
  'preference_centre',
  'api',
  'unsubscribe',
  'double_opt_in',
] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

export const consentPurposeSchema = z.enum(CONSENT_PURPOSES);
export const consentChannelSchema = z.enum(CONSENT_CHANNELS);
export const consentStatusSchema = z.enum(CONSENT_STATUSES);
export const consentSourceSchema = z.enum(CONSENT_SOURCES);

/** Evidence is free-form JSON kept with the record (message id, IP and user agent of a form post, a note). */
export const consentEvidenceSchema = z.record(z.string(), z.unknown());

/** One consent answer to record (the API body of POST /api/consent, `segmint consent set`). */
export const consentChangeSchema = z.object({
  purpose: consentPurposeSchema,
  channel: consentChannelSchema,
  status: consentStatusSchema,
});
export type ConsentChange = z.infer<typeof consentChangeSchema>;

export const setConsentInputSchema = consentChangeSchema.extend({
  profileId: z.string().min(1).max(512),
  evidence: consentEvidenceSchema.optional(),
});
export type SetConsentInput = z.infer<typeof setConsentInputSchema>;

export interface ConsentRecord extends ConsentChange {
  id: string;
  profileId: string;
  source: ConsentSource;
  recordedAt: Date;
  evidence: Record<string, unknown> | null;
}
