import { MessagePort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import {
  CONTROL_GENERATION,
  CONTROL_READY,
  CONTROL_TASK,
  CONTROL_WORKER_CHUNKS,
  CONTROL_WORKSPACE,
  STOP_TASK,
  claimChunks,
  roundTag,
} from './kmeans-control.ts';
import { workspaceFromShape } from './kmeans-workspace.ts';
import { waitForChange } from './spin-then-wait.ts';
import type { KMeansWorkspace } from './kmeans-workspace.ts';

/**
 * A k-means worker thread (started by kmeans-executor.ts through kmeans-worker-entry.mjs): sleeps on the generation
 * word and helps with every round until told to stop. Before a round it checks the workspace id and, when it has
 * changed, takes the new workspace (shared buffers) from its port, synchronously, so one worker serves many fits.
 */
const workerDataSchema = z.object({
  control: z.instanceof(SharedArrayBuffer),
  port: z.instanceof(MessagePort),
});
const attachSchema = z.object({
  id: z.int(),
  shape: z
    .object({
      rows: z.int(),
      columns: z.int(),
      k: z.int(),
      chunkRows: z.int(),
      buffers: z.array(z.instanceof(SharedArrayBuffer)),
    })
    .nullable(),
});

const { control: controlBuffer, port } = workerDataSchema.parse(workerData);
const control = new Int32Array(controlBuffer);
let workspace: KMeansWorkspace | undefined;
let attached = 0;
Atomics.add(control, CONTROL_READY, 1);
Atomics.notify(control, CONTROL_READY);

let seen = 0;
for (;;) {
  seen = waitForChange(control, CONTROL_GENERATION, seen);
  if (Atomics.load(control, CONTROL_TASK) === STOP_TASK) break;
  if (Atomics.load(control, CONTROL_WORKSPACE) !== attached) attachLatest();
  if (workspace === undefined) continue;
  const ran = claimChunks(control, workspace, roundTag(seen));
  if (ran > 0) Atomics.add(control, CONTROL_WORKER_CHUNKS, ran);
}
port.close();

/** Takes the newest workspace posted (the main thread posts it before publishing its id). */
function attachLatest(): void {
  let latest: unknown;
  for (let received = receiveMessageOnPort(port); received; received = receiveMessageOnPort(port)) {
    latest = received.message;
  }
  if (latest === undefined) return;
  const { id, shape } = attachSchema.parse(latest);
  attached = id;
  workspace = shape === null ? undefined : workspaceFromShape(shape);
}
