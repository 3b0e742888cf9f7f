import type { ImportProgress } from './run-import.ts';

export interface ProgressBar {
  update(progress: ImportProgress): void;
  /** Draws the final state and ends the line. */
  finish(): void;
}

interface ProgressStream {
  isTTY?: boolean | undefined;
  columns?: number | undefined;
  write(text: string): boolean;
}

/** At most ~10 redraws a second: more is flicker, and writing to a slow terminal would slow the import. */
const MIN_REDRAW_INTERVAL_MS = 100;
const BAR_WIDTH = 30;

/**
 * A one-line progress bar by bytes read (`[######------] 45%  21.6/48.0 MB  250,000 rows`), redrawn in place on
 * stderr. Nothing is written when the stream is not a terminal, so logs and pipes stay clean.
 */
export function createProgressBar(
  stream: ProgressStream,
  now: () => number = () => performance.now(),
): ProgressBar {
  let last: ImportProgress | undefined;
  let drawnAt = Number.NEGATIVE_INFINITY;
  const draw = (progress: ImportProgress): void => {
    stream.write(`\r${renderProgress(progress, stream.columns)}`);
    drawnAt = now();
  };
  return {
    update(progress) {
      last = progress;
      if (stream.isTTY === true && now() - drawnAt >= MIN_REDRAW_INTERVAL_MS) draw(progress);
    },
    finish() {
      if (stream.isTTY !== true || last === undefined) return;
      draw(last);
      stream.write('\n');
    },
  };
}

const rows = new Intl.NumberFormat('en-US');

/** The bar's text, cut to the terminal's width. */
export function renderProgress(progress: ImportProgress, width = 80): string {
  const fraction = progress.totalBytes > 0 ? Math.min(1, progress.bytesRead / progress.totalBytes) : 1;
  const filled = Math.round(fraction * BAR_WIDTH);
  const megabytes = (bytes: number): string => (bytes / 1_000_000).toFixed(1);
  const text =
    `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ` +
    `${megabytes(progress.bytesRead)}/${megabytes(progress.totalBytes)} MB  ${rows.format(progress.rowsRead)} rows`;
  return text.slice(0, Math.max(0, width - 1));
}
