/**
 * The dashboard's typed client for the management API. Every call sends the key as a Bearer token and parses the
 * answer with a zod schema, so a page only ever sees checked data; a failure is an `ApiError` carrying the
 * server's message. It uses only `fetch`, so it runs in the browser and in Node tests against a real server.
 */
import { z } from 'zod';
import {
  overviewSchema,
  predictionsSchema,
  profileMembershipsSchema,
  profileTimelineSchema,
  rfmGridSchema,
  type Overview,
  type Predictions,
  type ProfileMemberships,
  type ProfileTimeline,
  type RfmGrid,
} from '../schema/dashboard.ts';
import { apiKeySchema, type ApiKey, type CreateApiKeyInput } from '../schema/api-key.ts';
import { privacyRequestSchema, type PrivacyRequest } from '../schema/privacy.ts';
import type { SegmentDefinition } from '../schema/segment.ts';
import type {
  CreateTemplateInput,
  TemplateDraftPreviewRequest,
  UpdateTemplateInput,
} from '../schema/template.ts';
import { createRequester, withQuery, type ApiClientOptions, type Query } from './api-request.ts';
import {
  capturedEmailSummarySchema,
  campaignReportSchema,
  campaignSummarySchema,
  cohortSchema,
  profileConsentSchema,
  journeyReportSchema,
  journeySummarySchema,
  journeyValidationSchema,
  savedJourneySchema,
  renderedPartsSchema,
  templateSchema,
  templateWithVersionSchema,
  profileDetailSchema,
  profileListSchema,
  segmentPreviewSchema,
  segmentSummarySchema,
  segmentTransitionSchema,
  type CapturedEmailSummary,
  type CampaignReportView,
  type CampaignSummary,
  type Cohort,
  type ProfileConsentView,
  type JourneyReportView,
  type JourneySummary,
  type JourneyValidationView,
  type RenderedPreview,
  type TemplateSummary,
  type TemplateWithContent,
  type ProfileDetail,
  type ProfileList,
  type SegmentPreview,
  type SegmentSummary,
  type SegmentTransition,
} from './response-schemas.ts';

export type SegmentCondition = { text: string } | { definition: SegmentDefinition };

export type { ApiClientOptions };

export function createApiClient(options: ApiClientOptions) {
  const request = createRequester(options);

  return {
    /** Any endpoint, for pages whose API is not modelled here yet. */
    get: <T extends z.ZodType>(schema: T, path: string, query?: Query) =>
      request(schema, withQuery(path, query)),
    send: <T extends z.ZodType>(schema: T, method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) =>
      request(schema, path, { method, body }),

    getOverview: (): Promise<Overview> => request(overviewSchema, '/api/dashboard/overview'),
    getRfmGrid: (): Promise<RfmGrid> => request(rfmGridSchema, '/api/dashboard/rfm-grid'),
    getPredictions: (bins?: number): Promise<Predictions> =>
      request(predictionsSchema, withQuery('/api/dashboard/predictions', { bins })),
    getCohorts: (
      query: { maxPeriods?: number; by?: 'first-purchase' | 'first-seen' } = {},
    ): Promise<Cohort[]> => request(cohortSchema.array(), withQuery('/api/analytics/cohorts', query)),

    listProfiles: (query: { search?: string; limit?: number; offset?: number }): Promise<ProfileList> =>
      request(profileListSchema, withQuery('/api/profiles', query)),
    getProfile: (id: string): Promise<ProfileDetail> =>
      request(profileDetailSchema, `/api/profiles/${encodeURIComponent(id)}`),
    getProfileMemberships: (profileId: string): Promise<ProfileMemberships> =>
      request(
        profileMembershipsSchema,
        `/api/dashboard/profiles/${encodeURIComponent(profileId)}/memberships`,
      ),
    getProfileTimeline: (
      profileId: string,
      page: { offset?: number; limit?: number } = {},
    ): Promise<ProfileTimeline> =>
      request(
        profileTimelineSchema,
        withQuery(`/api/dashboard/profiles/${encodeURIComponent(profileId)}/timeline`, page),
      ),

    listSegments: (): Promise<SegmentSummary[]> => request(segmentSummarySchema.array(), '/api/segments'),
    previewSegment: (
      condition: SegmentCondition,
      options: { sampleSize?: number; signal?: AbortSignal } = {},
    ): Promise<SegmentPreview> =>
      request(segmentPreviewSchema, '/api/segments/preview', {
        method: 'POST',
        body: { ...condition, sampleSize: options.sampleSize ?? 10 },
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    createSegment: (
      input: { name: string; realtime?: boolean } & SegmentCondition,
    ): Promise<SegmentSummary> =>
      request(segmentSummarySchema, '/api/segments', { method: 'POST', body: input }),
    listSegmentTransitions: (
      name: string,
      query: { since?: string; limit?: number } = {},
    ): Promise<SegmentTransition[]> =>
      request(
        segmentTransitionSchema.array(),
        withQuery(`/api/segments/${encodeURIComponent(name)}/transitions`, query),
      ),

    listTemplates: (): Promise<TemplateSummary[]> => request(templateSchema.array(), '/api/templates'),
    getTemplate: (name: string): Promise<TemplateWithContent> =>
      request(templateWithVersionSchema, `/api/templates/${encodeURIComponent(name)}`),
    createTemplate: (input: CreateTemplateInput): Promise<TemplateWithContent> =>
      request(templateWithVersionSchema, '/api/templates', { method: 'POST', body: input }),
    updateTemplate: (name: string, input: UpdateTemplateInput): Promise<TemplateWithContent> =>
      request(templateWithVersionSchema, `/api/templates/${encodeURIComponent(name)}`, {
        method: 'PUT',
        body: input,
      }),
    previewTemplateDraft: (
      draft: TemplateDraftPreviewRequest,
      options: { signal?: AbortSignal } = {},
    ): Promise<RenderedPreview> =>
      request(renderedPartsSchema, '/api/templates/preview', {
        method: 'POST',
        body: draft,
        ...(options.signal ? { signal: options.signal } : {}),
      }),

    listApiKeys: (): Promise<ApiKey[]> => request(apiKeySchema.array(), '/api/keys'),
    /** The answer holds the key itself, once: it is stored hashed. */
    createApiKey: (input: CreateApiKeyInput): Promise<ApiKey & { key: string }> =>
      request(apiKeySchema.extend({ key: z.string() }), '/api/keys', { method: 'POST', body: input }),
    revokeApiKey: (id: string): Promise<ApiKey> =>
      request(apiKeySchema, `/api/keys/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    listPrivacyRequests: (limit?: number): Promise<PrivacyRequest[]> =>
      request(privacyRequestSchema.array(), withQuery('/api/privacy/requests', { limit })),

    listJourneys: (): Promise<JourneySummary[]> => request(journeySummarySchema.array(), '/api/journeys'),
    getJourneyReport: (name: string): Promise<JourneyReportView> =>
      request(journeyReportSchema, `/api/journeys/${encodeURIComponent(name)}`),
    /** Checks a definition against the store too (templates and segments it names must exist). */
    validateJourney: (
      definition: unknown,
      options: { signal?: AbortSignal } = {},
    ): Promise<JourneyValidationView> =>
      request(journeyValidationSchema, '/api/journeys/validate', {
        method: 'POST',
        body: definition,
        ...(options.signal ? { signal: options.signal } : {}),
      }),
    saveJourney: (definition: unknown) =>
      request(savedJourneySchema, '/api/journeys', { method: 'POST', body: definition }),
    changeJourneyStatus: (name: string, action: 'pause' | 'resume' | 'archive'): Promise<JourneySummary> =>
      request(journeySummarySchema, `/api/journeys/${encodeURIComponent(name)}/${action}`, {
        method: 'POST',
      }),

    getProfileConsent: (idOrIdentity: string): Promise<ProfileConsentView> =>
      request(profileConsentSchema, `/api/consent/${encodeURIComponent(idOrIdentity)}`),
    listCampaigns: (): Promise<CampaignSummary[]> => request(campaignSummarySchema.array(), '/api/campaigns'),
    getCampaignReport: (idOrName: string): Promise<CampaignReportView> =>
      request(campaignReportSchema, `/api/campaigns/${encodeURIComponent(idOrName)}`),

    listCapturedEmails: (query: { to?: string; limit?: number } = {}): Promise<CapturedEmailSummary[]> =>
      request(capturedEmailSummarySchema.array(), withQuery('/api/messages/captured', query)),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
