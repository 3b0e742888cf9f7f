/** Campaigns (broadcasts with A/B tests): design in ./README.md. */
export { type Campaign } from './campaign-record.ts';
export {
  cancelCampaign,
  createCampaign,
  findCampaign,
  fireTimeOf,
  listCampaigns,
  requireCampaign,
  scheduleCampaign,
} from './campaign-store.ts';
export { reportCampaign, type AbState, type CampaignReport, type VariantCount } from './campaign-report.ts';
export { nextCampaignStep, type CampaignStep } from './campaign-steps.ts';
export { startCampaignWorker } from './campaign-worker.ts';
export { decideWinner, measureVariants, pickWinner } from './decide-winner.ts';
export { campaignMessageId, enqueueCampaignMessages, resolveAudience } from './enqueue-messages.ts';
export { localTimeToUtc } from './local-send-time.ts';
export { readDefinitionFile } from '../read-definition-file.ts';
export {
  advanceCampaign,
  processDueCampaigns,
  sendCampaign,
  type CampaignProgress,
} from './send-campaign.ts';
