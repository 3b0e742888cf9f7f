/**
 * Email configuration and the shapes the email channel exposes: SMTP settings (from SEGMINT_SMTP_URL or options),
 * captured emails, and the filters of `segmint messages` / `GET /api/messages`.
 */
import { z } from 'zod';

export const smtpOptionsSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65_535),
  /** TLS from the first byte (smtps, usually port 465); otherwise STARTTLS when the server offers it. */
  secure: z.boolean(),
  auth: z.object({ user: z.string(), pass: z.string() }).optional(),
  /** The From address, e.g. `Shop <news@shop.example>`; its domain also names Message-IDs. */
  from: z.string().min(3),
  /** Pooled connections kept open to the server. */
  maxConnections: z.number().int().min(1).max(100).default(5),
  /** Only for tests and local relays with self-signed certificates. */
  allowInvalidCertificates: z.boolean().default(false),
});

export type SmtpOptions = z.infer<typeof smtpOptionsSchema>;
export type SmtpOptionsInput = z.input<typeof smtpOptionsSchema>;

export const DEFAULT_EMAIL_FROM = 'Segmint <no-reply@segmint.local>';

export const capturedEmailSchema = z.object({
  messageId: z.string(),
  profileId: z.string(),
  recipient: z.string(),
  sender: z.string(),
  subject: z.string().nullable(),
  html: z.string().nullable(),
  text: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
  raw: z.string(),
  capturedAt: z.date(),
});

export type CapturedEmail = z.infer<typeof capturedEmailSchema>;

export const OUTBOX_STATUSES = [
  'queued',
  'sending',
  'sent',
  'failed',
  'suppressed',
  'skipped',
  'deferred',
] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const listMessagesQuerySchema = z.object({
  status: z.enum(OUTBOX_STATUSES).optional(),
  profile: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
});

export type ListMessagesQuery = z.infer<typeof listMessagesQuerySchema>;

export const listCapturedQuerySchema = z.object({
  to: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
});

export type ListCapturedQuery = z.infer<typeof listCapturedQuerySchema>;
