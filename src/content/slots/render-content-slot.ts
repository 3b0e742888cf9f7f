/**
 * What `GET /v1/content/:slot` answers: the first block whose rule matches the visitor's profile, else the default,
 * rendered with the profile's data. Saved-segment blocks read the materialised `segment_members`, loaded with the
 * profile in one statement (find-visitor-profile.ts); rule-text blocks compile the rule for this one profile and
 * run it only when every block before them has failed, since that costs a query of its own.
 */
import type { Clock } from '../../clock.ts';
import { SegmintError } from '../../errors.ts';
import { compileSegment } from '../../segments/compile/compile-segment.ts';
import type { Store } from '../../store/store.ts';
import { renderContentTemplate } from '../render-content-template.ts';
import type { CompiledBlock, CompiledSlot, ContentSlotCache } from './content-slot-cache.ts';
import { findVisitorProfile, type Visitor, type VisitorProfile } from './find-visitor-profile.ts';

export interface RenderedSlot {
  slot: string;
  /** Index of the block shown; null: the default. */
  block: number | null;
  content: string;
}

async function matchesRule(
  store: Store,
  block: Extract<CompiledBlock, { type: 'rule' }>,
  context: { slot: CompiledSlot; profileId: string; now: Date },
): Promise<boolean> {
  const query = compileSegment(block.definition, {
    dialect: store.dialect,
    now: context.now,
    profileIds: [context.profileId],
    resolveSegmentId: (nameOrId) => context.slot.segmentIds.get(nameOrId),
  });
  return (await store.query(query.sql, query.params)).length > 0;
}

/** The block to show; `profile` must carry its `segmentIds` (`withSegments`) when the slot has segment blocks. */
export async function chooseSlotBlock(
  store: Store,
  slot: CompiledSlot,
  profile: VisitorProfile | undefined,
  now: Date,
): Promise<number | null> {
  if (!profile) return null;
  for (const [index, block] of slot.blocks.entries()) {
    const isMatch =
      block.type === 'segment'
        ? block.segmentId !== undefined && profile.segmentIds.has(block.segmentId)
        : await matchesRule(store, block, { slot, profileId: profile.id, now });
    if (isMatch) return index;
  }
  return null;
}

export function profileScope(profile: VisitorProfile | undefined): Record<string, unknown> {
  const traits = profile?.traits ?? {};
  const computed = profile?.computed ?? {};
  return {
    profile: { id: profile?.id ?? null, userId: profile?.userId ?? null, traits, computed },
    traits,
    computed,
  };
}

/** The block for an already loaded profile (or an unknown visitor), rendered: everything after the look-up. */
export async function renderSlotForProfile(options: {
  store: Store;
  slot: CompiledSlot;
  profile: VisitorProfile | undefined;
  now: Date;
}): Promise<RenderedSlot> {
  const { slot, profile } = options;
  const block = await chooseSlotBlock(options.store, slot, profile, options.now);
  const source = block === null ? slot.default : (slot.blocks[block]?.content ?? slot.default);
  const content = await renderContentTemplate({
    source,
    scope: profileScope(profile),
    escaping: 'html',
    where: `slot "${slot.name}" ${block === null ? 'default' : `blocks[${block}]`}`,
  });
  return { slot: slot.name, block, content };
}

export async function renderContentSlot(options: {
  store: Store;
  cache: ContentSlotCache;
  slot: string;
  visitor: Visitor;
  clock: Clock;
}): Promise<RenderedSlot> {
  const slot = await options.cache.get(options.slot);
  if (!slot) {
    throw new SegmintError(
      'not_found',
      `Content slot "${options.slot}" does not exist. Create it with \`segmint content slots set\`.`,
    );
  }
  const profile = await findVisitorProfile(options.store, options.visitor, {
    withSegments: slot.blocks.some((block) => block.type === 'segment'),
  });
  return renderSlotForProfile({ store: options.store, slot, profile, now: options.clock.now() });
}
