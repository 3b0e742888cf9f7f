/**
 * Dynamic content slots in the store (`content_slots`): saved whole (blocks + default) and checked on the way in,
 * so a slot that was saved always renders: rule text parses, referenced saved segments exist, templates parse.
 */
import { SegmintError } from '../../errors.ts';
import { contentSlotInputSchema, type ContentSlotDefinition } from '../../schema/content.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { findSavedSegment } from '../../segments/saved/saved-segment.ts';
import { parseSegmentText } from '../../segments/text/parse-segment.ts';
import type { SqlExecutor, Store } from '../../store/store.ts';
import { parseContentTemplate } from '../render-content-template.ts';
import { parseJsonColumn } from '../json-column.ts';

export interface ContentSlot extends ContentSlotDefinition {
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

type SlotRow = {
  name: string;
  definition: unknown;
  version: number;
  created_at: Date;
  updated_at: Date;
};

function toSlot(row: SlotRow): ContentSlot {
  const definition = parseOrThrow(
    contentSlotInputSchema,
    parseJsonColumn(row.definition),
    `slot "${row.name}"`,
  );
  return { ...definition, version: row.version, createdAt: row.created_at, updatedAt: row.updated_at };
}

async function checkSlot(executor: SqlExecutor, slot: ContentSlotDefinition): Promise<void> {
  parseContentTemplate(slot.default, 'html', `slot "${slot.name}" default`);
  for (const [index, block] of slot.blocks.entries()) {
    const where = `slot "${slot.name}" blocks[${index}]`;
    parseContentTemplate(block.content, 'html', `${where}.content`);
    if (block.type === 'rule') {
      parseSegmentText(block.rule);
    } else if (!(await findSavedSegment(executor, block.segment))) {
      throw new SegmintError(
        'invalid_input',
        `${where}: segment "${block.segment}" does not exist. Create it with \`segmint segments create\`, or use a rule.`,
        [{ path: `${where}.segment`, message: 'no such segment' }],
      );
    }
  }
}

/** Creates or replaces a slot; its version goes up by one on each save. */
export async function saveContentSlot(store: Store, input: unknown, now: Date): Promise<ContentSlot> {
  const slot = parseOrThrow(contentSlotInputSchema, input, 'slot');
  await checkSlot(store, slot);
  const rows = await store.transaction(async (tx) => {
    await tx.execute(
      `insert into content_slots (name, definition, version, created_at, updated_at) values ($1, $2, 1, $3, $3)
       on conflict (name) do update set definition = excluded.definition,
         version = content_slots.version + 1, updated_at = excluded.updated_at`,
      [slot.name, JSON.stringify(slot), now],
    );
    return tx.query<SlotRow>('select * from content_slots where name = $1', [slot.name]);
  });
  const [row] = rows;
  if (!row) throw new Error(`slot "${slot.name}" vanished after saving`);
  return toSlot(row);
}

export async function findContentSlot(executor: SqlExecutor, name: string): Promise<ContentSlot | undefined> {
  const [row] = await executor.query<SlotRow>('select * from content_slots where name = $1', [name]);
  return row ? toSlot(row) : undefined;
}

export async function getContentSlot(executor: SqlExecutor, name: string): Promise<ContentSlot> {
  const slot = await findContentSlot(executor, name);
  if (!slot) {
    throw new SegmintError(
      'not_found',
      `Content slot "${name}" does not exist. List slots with \`segmint content slots list\`.`,
    );
  }
  return slot;
}

export async function listContentSlots(executor: SqlExecutor): Promise<ContentSlot[]> {
  const rows = await executor.query<SlotRow>('select * from content_slots order by name');
  return rows.map(toSlot);
}

export async function deleteContentSlot(store: Store, name: string): Promise<{ deleted: string }> {
  await getContentSlot(store, name);
  await store.execute('delete from content_slots where name = $1', [name]);
  return { deleted: name };
}
