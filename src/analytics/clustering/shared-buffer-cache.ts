/**
 * The SharedArrayBuffers of the last k-means fit that ended (its data copy, labels, bounds, …), kept for the next fit
 * of the same size. A fresh SharedArrayBuffer is zero-filled memory the OS maps page by page on first write: for
 * 1M × 5 rows that first copy of the data alone took ~190 ms under load (~13 ms into a buffer already mapped), paid
 * by every fit. Only one fit's buffers are kept (each ended fit replaces the last one's), so the memory held is
 * bounded by one recent fit. Whoever takes a buffer must not expect zeros in it.
 */
let spare: SharedArrayBuffer[] = [];

export function takeSharedBuffer(bytes: number): SharedArrayBuffer {
  const index = spare.findIndex((buffer) => buffer.byteLength === bytes);
  const [reused] = index >= 0 ? spare.splice(index, 1) : [];
  return reused ?? new SharedArrayBuffer(bytes);
}

/** Offers an ended fit's buffers (no thread may use them any more) for the next fit. */
export function keepSharedBuffers(buffers: readonly SharedArrayBuffer[]): void {
  spare = [...buffers];
}
