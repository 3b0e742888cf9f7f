/**
 * CCPA "do not sell or share": destinations that hand personal data to third parties (webhooks, ad audiences,
 * exports to partners) drop the profiles that denied `sale_sharing` for their channel or for all channels.
 * (Sends through the outbox are covered by checkSendPolicy; this is for bulk destinations.)
 */
import type { ConsentChannel } from '../schema/consent.ts';
import type { SqlExecutor } from '../store/store.ts';
import { decidingConsentRecord, readConsentAnswers } from './read-consent.ts';

/** The profiles among `profileIds` whose current answer to sale_sharing on `channel` is a denial. */
export async function profilesDenyingSaleSharing(
  executor: SqlExecutor,
  options: { profileIds: readonly string[]; channel: ConsentChannel },
): Promise<Set<string>> {
  const byProfile = new Map<string, Awaited<ReturnType<typeof readConsentAnswers>>>();
  for (const record of await readConsentAnswers(executor, options.profileIds)) {
    if (record.purpose !== 'sale_sharing') continue;
    byProfile.set(record.profileId, [...(byProfile.get(record.profileId) ?? []), record]);
  }
  const denying = new Set<string>();
  for (const [profileId, records] of byProfile) {
    if (decidingConsentRecord(records, 'sale_sharing', options.channel)?.status === 'denied')
      denying.add(profileId);
  }
  return denying;
}
