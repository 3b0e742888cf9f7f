import { expect, it } from 'vitest';
import { forEachConcurrentlyChunked } from './for-each-concurrently.ts';

/** A promise with its resolve function, to hold work until the test lets it finish. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

it('works every item of every chunk once, at most `limit` at a time, across chunk boundaries', async () => {
  const chunks = [[1, 2, 3], [], [4, 5, 6, 7, 8], [9]];
  let requested = 0;
  let running = 0;
  let mostRunning = 0;
  const done: number[] = [];
  await forEachConcurrentlyChunked(
    async () => chunks[requested++],
    2,
    async (item) => {
      running += 1;
      mostRunning = Math.max(mostRunning, running);
      await Promise.resolve();
      running -= 1;
      done.push(item);
    },
  );
  expect([...done].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect(mostRunning).toBe(2);
  // Every chunk and the final "no more" were asked for exactly once.
  expect(requested).toBe(chunks.length + 1);
});

it('asks for the next chunk while the current one is worked on, and starts it before the slowest item ends', async () => {
  const slow = gate();
  const requests: string[] = [];
  const started: string[] = [];
  const chunks = [
    ['slow', 'a'],
    ['b', 'c'],
  ];
  let index = 0;
  const finished = forEachConcurrentlyChunked(
    async () => {
      requests.push(`chunk ${index}`);
      return chunks[index++];
    },
    2,
    async (item) => {
      started.push(item);
      if (item === 'slow') await slow.promise;
    },
  );
  // The first chunk is handed out, the second is requested at once; 'a' ends and its runner moves on to the next
  // chunk while 'slow' still holds the other runner.
  await expect.poll(() => started).toEqual(['slow', 'a', 'b', 'c']);
  expect(requests).toEqual(['chunk 0', 'chunk 1', 'chunk 2']);
  slow.open();
  await finished;
});
