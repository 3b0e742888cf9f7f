/**
 * Slot definitions held in memory for the public content endpoint, compiled once: rule text parsed, saved segment
 * names resolved to ids. A change made through this process invalidates its entry at once; a change made by
 * another process (PostgreSQL deployments run several) is picked up once the entry is older than `ttlMs`. An entry
 * past its age is still served while it reloads in the background, so no visitor request waits for the reload (at
 * one request a second, a blocking reload every 5 s would put two queries into every fifth request).
 */
import type { SegmentDefinition } from '../../schema/segment.ts';
import { readSavedSegments } from '../../segments/saved/saved-segment.ts';
import { parseSegmentText } from '../../segments/text/parse-segment.ts';
import type { Store } from '../../store/store.ts';
import { findContentSlot } from './content-slot-store.ts';

export type CompiledBlock =
  | { type: 'segment'; segmentId: string | undefined; content: string }
  | { type: 'rule'; definition: SegmentDefinition; content: string };

export interface CompiledSlot {
  name: string;
  version: number;
  blocks: CompiledBlock[];
  default: string;
  /** Saved segment ids by name and id, for `segment "x"` inside rule text. */
  segmentIds: ReadonlyMap<string, string>;
}

interface Entry {
  slot: CompiledSlot | undefined;
  loadedAt: number;
}

export class ContentSlotCache {
  private readonly entries = new Map<string, Entry | Promise<Entry>>();
  private readonly reloading = new Map<string, Promise<void>>();
  /** Bumped by every invalidation: a load that started before one must not store what it read. */
  private generation = 0;

  constructor(
    private readonly store: Store,
    private readonly ttlMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The compiled slot, or undefined when there is no slot of that name. */
  async get(name: string): Promise<CompiledSlot | undefined> {
    const cached = this.entries.get(name);
    if (cached instanceof Promise) return (await cached).slot;
    if (cached) {
      if (this.now() - cached.loadedAt >= this.ttlMs) this.reloadInBackground(name);
      return cached.slot;
    }
    // Concurrent requests for a cold slot share one load.
    const generation = this.generation;
    const loading = this.load(name);
    this.entries.set(name, loading);
    try {
      const entry = await loading;
      if (this.entries.get(name) === loading) {
        if (generation === this.generation) this.entries.set(name, entry);
        else this.entries.delete(name);
      }
      return entry.slot;
    } catch (error) {
      if (this.entries.get(name) === loading) this.entries.delete(name);
      throw error;
    }
  }

  /** Forget one slot (after it was saved or deleted), or every slot (after segments changed). */
  invalidate(name?: string): void {
    this.generation += 1;
    if (name === undefined) this.entries.clear();
    else this.entries.delete(name);
  }

  /** Resolves once no background reload is running (tests wait on it; closing the store waits for the read itself). */
  async settled(): Promise<void> {
    await Promise.all(this.reloading.values());
  }

  private reloadInBackground(name: string): void {
    if (this.reloading.has(name)) return;
    const generation = this.generation;
    const reload = this.load(name)
      .then(
        (entry) => {
          if (generation === this.generation && !(this.entries.get(name) instanceof Promise))
            this.entries.set(name, entry);
        },
        // The stale entry stays; the next request past its age tries again.
        () => undefined,
      )
      .finally(() => this.reloading.delete(name));
    this.reloading.set(name, reload);
  }

  private async load(name: string): Promise<Entry> {
    const loadedAt = this.now();
    const slot = await findContentSlot(this.store, name);
    if (!slot) return { slot: undefined, loadedAt };
    const segmentIds = new Map<string, string>();
    const segments = await readSavedSegments(this.store);
    for (const segment of segments) segmentIds.set(segment.id, segment.id);
    for (const segment of segments) segmentIds.set(segment.name, segment.id);
    const blocks = slot.blocks.map((block): CompiledBlock => {
      switch (block.type) {
        case 'segment':
          return { type: 'segment', segmentId: segmentIds.get(block.segment), content: block.content };
        case 'rule':
          return { type: 'rule', definition: parseSegmentText(block.rule), content: block.content };
        default: {
          const unknownBlock: never = block;
          throw new Error(`unknown block ${JSON.stringify(unknownBlock)}`);
        }
      }
    });
    return { slot: { name, version: slot.version, blocks, default: slot.default, segmentIds }, loadedAt };
  }
}

const cachesByStore = new WeakMap<Store, ContentSlotCache>();

/** One cache per open store, shared by the admin routes (which invalidate) and the public endpoint (which reads). */
export function contentSlotCacheFor(store: Store): ContentSlotCache {
  let cache = cachesByStore.get(store);
  if (!cache) {
    cache = new ContentSlotCache(store);
    cachesByStore.set(store, cache);
  }
  return cache;
}
