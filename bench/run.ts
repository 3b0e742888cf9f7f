/**
 * `npm run bench [-- NAME… [--quick]]`: runs bench/NAME.bench.ts (all of them without a name) and writes each
 * report into its own section of BENCHMARKS.md, with the machine and the date, leaving other sections as they were.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Benchmark, BenchmarkReport } from './benchmark.ts';

const benchDir = import.meta.dirname;
const outputFile = resolve(benchDir, '../BENCHMARKS.md');

function availableBenchmarks(): string[] {
  return readdirSync(benchDir)
    .filter((file) => file.endsWith('.bench.ts'))
    .map((file) => file.replace(/\.bench\.ts$/, ''))
    .sort();
}

function machineLine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const memory = (totalmem() / 2 ** 30).toFixed(0);
  return `${cpus().length} × ${cpu}, ${memory} GiB RAM, Node ${process.version}`;
}

function writeSection(name: string, report: BenchmarkReport): void {
  const header =
    '# Benchmarks\n\nWritten by `npm run bench` (one section per benchmark, each rewritten when it runs). ' +
    'Machines are shared and noisy: read medians and ratios, not single absolute times.\n';
  const existing = existsSync(outputFile) ? readFileSync(outputFile, 'utf8') : header;
  const begin = `<!-- bench:${name}:begin -->`;
  const end = `<!-- bench:${name}:end -->`;
  const date = new Date().toISOString().slice(0, 10);
  const section = `${begin}\n## ${report.title}\n\n_Run ${date} on ${machineLine()}._\n\n${report.markdown.trim()}\n${end}`;
  const pattern = new RegExp(`${begin}[\\s\\S]*?${end}`);
  const updated = pattern.test(existing)
    ? existing.replace(pattern, section)
    : `${existing.trimEnd()}\n\n${section}\n`;
  writeFileSync(outputFile, updated);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const known = availableBenchmarks();
  const requested = args.filter((arg) => !arg.startsWith('--'));
  const unknown = requested.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark ${unknown.join(', ')}. Available: ${known.join(', ')}`);
    process.exit(2);
  }
  for (const name of requested.length > 0 ? requested : known) {
    const workDir = mkdtempSync(join(tmpdir(), `segmint-bench-${name}-`));
    try {
      console.log(`▶ ${name}${quick ? ' (quick)' : ''}`);
      const module = (await import(`./${name}.bench.ts`)) as { default: Benchmark };
      const report = await module.default({ quick, workDir, log: (line) => console.log(`  ${line}`) });
      writeSection(name, report);
      console.log(report.markdown);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  }
  console.log(`Figures written to ${outputFile}`);
}

await main();
