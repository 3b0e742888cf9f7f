/**
 * A progress line on stderr for long work, redrawn at most ten times a second, and only on a terminal: piped
 * output and CI logs stay clean.
 */
export interface Progress {
  update(done: number, total?: number, note?: string): void;
  finish(summary?: string): void;
}

export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update: () => undefined, finish: () => undefined };
  let lastDraw = 0;
  const started = Date.now();
  const draw = (done: number, total?: number, note = '') => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    let bar = '';
    if (total && total > 0) {
      const share = Math.min(1, done / total);
      const width = 24;
      bar = `[${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}] ${(share * 100).toFixed(0).padStart(3)}% `;
    }
    stream.write(
      `\r${label} ${bar}${done.toLocaleString('en-US')} (${rate.toLocaleString('en-US')}/s) ${note}\x1b[K`,
    );
  };
  return {
    update(done, total, note) {
      const now = Date.now();
      if (now - lastDraw < 100) return;
      lastDraw = now;
      draw(done, total, note);
    },
    finish(summary) {
      stream.write(`\r\x1b[K${summary ? `${label} ${summary}\n` : ''}`);
    },
  };
}
