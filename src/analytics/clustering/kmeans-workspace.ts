import type { FeatureMatrix } from './feature-matrix.ts';
import { takeSharedBuffer } from './shared-buffer-cache.ts';
import { WIDE_COLUMNS } from './wide-rows.ts';

/** Candidates the dense seeding kernel evaluates per row (evaluate-candidates-dense.ts). */
export const DENSE_TRIALS = 4;

/**
 * Every array one k-means fit works on, allocated once per fit and reused by its starts (the large shared ones also
 * by the next fit of the same size: shared-buffer-cache.ts, so no array may be assumed to start as zeros). With `shared: true` they
 * live in SharedArrayBuffers so that worker threads (kmeans-worker.ts) see the same memory: the data, the per-row
 * state (labels, bounds) and one slot of partial results per chunk of rows.
 *
 * Rows are cut into chunks of a fixed size that does not depend on the number of threads. Each chunk writes its
 * partial sums into its own slot and the main thread adds the slots up in chunk order, so the floating-point results
 * are bit for bit the same whichever thread computed which chunk, and for any thread count.
 */
export interface KMeansWorkspace {
  readonly matrix: FeatureMatrix;
  readonly k: number;
  /** Candidates per k-means++ step: scikit-learn's 2 + floor(ln k). */
  readonly trials: number;
  readonly chunkRows: number;
  readonly chunks: number;
  readonly labels: Int32Array;
  /** Seeding: squared distance to the nearest chosen centre. Lloyd: the stored upper bound (see update-centres.ts). */
  readonly closest: Float64Array;
  readonly lowerStored: Float64Array;
  readonly centres: Float64Array;
  /** The centres as 8-wide zero-padded rows (wide-rows.ts); used when columns ≤ 8. */
  readonly wideCentres: Float64Array;
  readonly drift: Float64Array;
  readonly halfGaps: Float64Array;
  readonly neighbours: Int32Array;
  readonly neighbourGaps: Float64Array;
  /**
   * Seeding: candidate rows (trials × columns), the same as 8-wide rows (at least DENSE_TRIALS of them, see
   * evaluate-candidates-dense.ts), their squared distances to the chosen centres (trials × k), the smallest of those
   * per centre, and the squared distances of the pending centre (SCALAR_PENDING_CENTRE) to the centres before it.
   */
  readonly candidates: Float64Array;
  readonly wideCandidates: Float64Array;
  readonly candidateGaps: Float64Array;
  readonly smallestGaps: Float64Array;
  readonly pendingGaps: Float64Array;
  /** Scalars the main thread hands to a round: see SCALAR_*. */
  readonly scalars: Float64Array;
  /** Per chunk: coordinate sums (k × columns), counts (k) and CHUNK_VALUES further values. */
  readonly chunkSums: Float64Array;
  readonly chunkCounts: Float64Array;
  readonly chunkValues: Float64Array;
}

export const SCALAR_MAX_DRIFT = 0;
/**
 * Seeding: the centre chosen last whose distances are not yet applied to `closest`/`labels` (pending-centre.ts);
 * 0 = none (centre 0 never is pending: its distances are set by their own pass). The next round applies it.
 */
export const SCALAR_PENDING_CENTRE = 1;
/** 1 when `closest` holds squared distances (after seeding), 0 when distances (given by a caller). */
export const SCALAR_CLOSEST_IS_SQUARED = 2;
const SCALARS = 3;

/** The values a chunk reports: one potential per candidate (seeding), or changed points / inertia (Lloyd). */
export function chunkValueCount(trials: number): number {
  return Math.max(trials, 2);
}

/** The buffers of a shared workspace and its shape: what a worker needs to attach to it. */
export interface WorkspaceShape {
  readonly rows: number;
  readonly columns: number;
  readonly k: number;
  readonly chunkRows: number;
  readonly buffers: readonly ArrayBufferLike[];
}

export function trialsFor(k: number): number {
  return 2 + Math.floor(Math.log(k));
}

/** Allocates a workspace; copies the data into shared memory when `shared` (unless it is shared already). */
export function createWorkspace(options: {
  matrix: FeatureMatrix;
  k: number;
  chunkRows: number;
  shared: boolean;
}): { workspace: KMeansWorkspace; shape: WorkspaceShape; owned: SharedArrayBuffer[] } {
  const { matrix, k, chunkRows, shared } = options;
  const { rows, columns } = matrix;
  // Shared buffers this workspace allocated (not the caller's data): the executor hands them on when the fit ends.
  const owned: SharedArrayBuffer[] = [];
  const takeShared = (bytes: number): SharedArrayBuffer => {
    const buffer = takeSharedBuffer(bytes);
    owned.push(buffer);
    return buffer;
  };
  const data =
    shared && !(matrix.data.buffer instanceof SharedArrayBuffer && matrix.data.byteOffset === 0)
      ? copyInto(matrix.data, takeShared(matrix.data.byteLength))
      : matrix.data;
  const buffers: ArrayBufferLike[] = [data.buffer];
  const allocate = (bytes: number): ArrayBufferLike => {
    const buffer = shared ? takeShared(bytes) : new ArrayBuffer(bytes);
    buffers.push(buffer);
    return buffer;
  };
  const shape = { rows, columns, k, chunkRows, buffers };
  const workspace = attachWorkspace(shape, data, allocate);
  return { workspace, shape, owned };
}

/** Rebuilds a workspace on existing buffers (in a worker thread). */
export function workspaceFromShape(shape: WorkspaceShape): KMeansWorkspace {
  const [dataBuffer, ...rest] = shape.buffers;
  if (dataBuffer === undefined) throw new Error('k-means workspace: no buffers given');
  const data = new Float64Array(dataBuffer, 0, shape.rows * shape.columns);
  let next = 0;
  return attachWorkspace(shape, data, () => {
    const buffer = rest[next++];
    if (buffer === undefined) throw new Error('k-means workspace: fewer buffers than arrays');
    return buffer;
  });
}

function attachWorkspace(
  shape: Omit<WorkspaceShape, 'buffers'>,
  data: Float64Array,
  buffer: (bytes: number) => ArrayBufferLike,
): KMeansWorkspace {
  const { rows, columns, k, chunkRows } = shape;
  const trials = trialsFor(k);
  const chunks = Math.max(1, Math.ceil(rows / chunkRows));
  const float64 = (length: number) => new Float64Array(buffer(length * 8), 0, length);
  const neighbourSlots = k * Math.max(k - 1, 0);
  return {
    matrix: { data, rows, columns },
    k,
    trials,
    chunkRows,
    chunks,
    labels: new Int32Array(buffer(rows * 4), 0, rows),
    closest: float64(rows),
    lowerStored: float64(rows),
    centres: float64(k * columns),
    wideCentres: float64(k * WIDE_COLUMNS),
    drift: float64(k),
    halfGaps: float64(k),
    neighbours: new Int32Array(buffer(neighbourSlots * 4), 0, neighbourSlots),
    neighbourGaps: float64(neighbourSlots),
    candidates: float64(trials * columns),
    wideCandidates: float64(Math.max(trials, DENSE_TRIALS) * WIDE_COLUMNS),
    candidateGaps: float64(trials * k),
    smallestGaps: float64(k),
    pendingGaps: float64(k),
    scalars: float64(SCALARS),
    chunkSums: float64(chunks * k * columns),
    chunkCounts: float64(chunks * k),
    chunkValues: float64(chunks * chunkValueCount(trials)),
  };
}

function copyInto(data: Float64Array, buffer: SharedArrayBuffer): Float64Array {
  const copy = new Float64Array(buffer, 0, data.length);
  copy.set(data);
  return copy;
}
