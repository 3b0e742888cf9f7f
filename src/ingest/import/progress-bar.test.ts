import { describe, expect, it } from 'vitest';
import { createProgressBar, renderProgress } from './progress-bar.ts';

function fakeTerminal(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, columns: 100, write: (text: string) => writes.push(text) > 0 } };
}

const progress = (bytesRead: number, rowsRead: number) => ({ bytesRead, totalBytes: 48_000_000, rowsRead });

describe('createProgressBar', () => {
  it('writes nothing when stderr is not a terminal', () => {
    const { writes, stream } = fakeTerminal(false);
    const bar = createProgressBar(stream, () => 0);
    bar.update(progress(1_000_000, 5_000));
    bar.finish();
    expect(writes).toEqual([]);
  });

  it('redraws at most every 100 ms and ends with the last state on its own line', () => {
    const { writes, stream } = fakeTerminal(true);
    let clock = 0;
    const bar = createProgressBar(stream, () => clock);
    bar.update(progress(1_000_000, 5_000));
    clock = 50;
    bar.update(progress(2_000_000, 10_000));
    clock = 150;
    bar.update(progress(3_000_000, 15_000));
    bar.update(progress(48_000_000, 541_909));
    bar.finish();
    expect(writes).toEqual([
      `\r${renderProgress(progress(1_000_000, 5_000), 100)}`,
      `\r${renderProgress(progress(3_000_000, 15_000), 100)}`,
      `\r${renderProgress(progress(48_000_000, 541_909), 100)}`,
      '\n',
    ]);
  });
});

describe('renderProgress', () => {
  it('shows the share of bytes read, megabytes and rows', () => {
    expect(renderProgress(progress(24_000_000, 270_000))).toBe(
      '[###############---------------]  50%  24.0/48.0 MB  270,000 rows',
    );
  });

  it('fits a narrow terminal', () => {
    expect(renderProgress(progress(24_000_000, 270_000), 20)).toHaveLength(19);
  });
});
