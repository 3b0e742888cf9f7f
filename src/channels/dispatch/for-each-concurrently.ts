/** Runs `work` over `items` with at most `limit` running at once (a pooled channel keeps its connections busy). */
export async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      if (item !== undefined) await work(item);
    }
  });
  await Promise.all(runners);
}

/**
 * Like forEachConcurrently over items arriving in chunks (`nextChunk` returns undefined when there are no more):
 * the `limit` runners never wait for the rest of a chunk to finish before starting on the next one, and the next
 * chunk is requested as soon as the current one is handed out, so it is prepared while this one is worked on.
 * `nextChunk` must not reject (turn its failures into items).
 */
export async function forEachConcurrentlyChunked<T>(
  nextChunk: () => Promise<readonly T[] | undefined>,
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let items: readonly T[] = [];
  let next = 0;
  let upcoming: Promise<readonly T[] | undefined> | undefined = nextChunk();
  const take = async (): Promise<{ item: T } | undefined> => {
    for (;;) {
      if (next < items.length) {
        const item = items[next];
        next += 1;
        if (item !== undefined) return { item };
        continue;
      }
      // Several runners may wait for the same chunk: the first one to resume moves it in, the others see it.
      const awaited = upcoming;
      if (!awaited) return undefined;
      const chunk = await awaited;
      if (upcoming !== awaited) continue;
      items = chunk ?? [];
      next = 0;
      upcoming = chunk ? nextChunk() : undefined;
    }
  };
  const runner = async () => {
    for (let taken = await take(); taken; taken = await take()) await work(taken.item);
  };
  await Promise.all(Array.from({ length: limit }, runner));
}
