import { ChunkTask, isChunkTask, runChunkTask } from './kmeans-chunk-tasks.ts';
import type { KMeansWorkspace } from './kmeans-workspace.ts';

/**
 * The protocol between the main thread and the worker threads of a k-means fit, over one shared Int32Array. A round
 * runs one ChunkTask over all chunks: the main thread writes the task, resets the counters, publishes the round in
 * the claim word and bumps the generation; then every thread, the main one included, claims chunks one at a time
 * with compare-and-swap until none is left. The main thread waits until all chunks are done. A worker that is slow
 * to start (or never starts) only means fewer hands: no round ever waits for a particular thread.
 *
 * The claim word holds the round (15 bits) and the next chunk (16 bits), so a worker that wakes up late can never
 * claim a chunk of a round it did not read the task of.
 */
export const CONTROL_GENERATION = 0;
export const CONTROL_TASK = 1;
export const CONTROL_CLAIM = 2;
export const CONTROL_DONE = 3;
export const CONTROL_READY = 4;
export const CONTROL_FAILED = 5;
export const CONTROL_WORKER_CHUNKS = 6;
/** Id of the workspace the rounds work on; a worker whose workspace is older fetches the new one from its port. */
export const CONTROL_WORKSPACE = 7;
export const CONTROL_SLOTS = 8;
export const STOP_TASK = 0;
/** Not a chunk task: wakes the workers so that they attach to the current workspace (or let go of the last one). */
export const ATTACH_TASK = -1;
/** Chunks per round are limited by the 16 bits of the claim word. */
export const MAX_CHUNKS = 0xffff;

export function roundTag(generation: number): number {
  return generation & 0x7fff;
}

/**
 * Claims and runs chunks of the round tagged `tag` until none is left or another round has begun; returns how many
 * chunks this thread ran. A failure is recorded in CONTROL_FAILED and the chunk still counts as done, so that the
 * main thread never waits forever; it then throws.
 */
export function claimChunks(control: Int32Array, workspace: KMeansWorkspace, tag: number): number {
  const task = Atomics.load(control, CONTROL_TASK);
  if (!isChunkTask(task)) return 0;
  let ran = 0;
  for (;;) {
    const word = Atomics.load(control, CONTROL_CLAIM);
    if (word >>> 16 !== tag) return ran;
    const chunk = word & 0xffff;
    if (chunk >= workspace.chunks) return ran;
    if (Atomics.compareExchange(control, CONTROL_CLAIM, word, word + 1) !== word) continue;
    try {
      runChunkTask(workspace, task, chunk);
    } catch (error) {
      Atomics.store(control, CONTROL_FAILED, 1);
      throw error;
    } finally {
      Atomics.add(control, CONTROL_DONE, 1);
      Atomics.notify(control, CONTROL_DONE);
    }
    ran++;
  }
}

/** Publishes a round of `task`: counters first, then the claim word, then the generation that wakes the workers. */
export function startRound(control: Int32Array, task: number): void {
  const generation = Atomics.load(control, CONTROL_GENERATION) + 1;
  Atomics.store(control, CONTROL_TASK, task);
  Atomics.store(control, CONTROL_DONE, 0);
  Atomics.store(control, CONTROL_CLAIM, roundTag(generation) << 16);
  Atomics.store(control, CONTROL_GENERATION, generation);
  Atomics.notify(control, CONTROL_GENERATION);
}

export { ChunkTask };
