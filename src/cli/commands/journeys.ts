/** `segmint journeys …`: save (create or new version), validate, list, show with node counts, pause/resume/archive, run. */
import type { Command } from 'commander';
import { systemClock } from '../../clock.ts';
import { SegmintError } from '../../errors.ts';
import {
  changeJourneyStatus,
  listJourneys,
  readGlobalHoldoutPercent,
  readJourneyFile,
  reportJourney,
  runJourneyPass,
  saveJourney,
  setGlobalHoldoutPercent,
  validateJourney,
  type JourneyStatusAction,
} from '../../journeys/index.ts';
import { printJson, printTable, withStore } from '../context.ts';

export function registerJourneysCommands(program: Command): void {
  const journeys = program
    .command('journeys')
    .description('Automated journeys: triggers, waits, branches, sends');

  journeys
    .command('create <file>')
    .description('Save a journey from a JSON or YAML file (a new version when its name exists)')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      const definition = await readJourneyFile(file);
      const saved = await withStore(command, (store) =>
        saveJourney(store, definition, { now: systemClock.now() }),
      );
      if (options.json) return printJson(saved);
      process.stdout.write(
        `${saved.created ? 'Created' : 'Updated'} journey "${saved.journey.name}" (${saved.journey.id}), version ${saved.version}, ${saved.journey.status}.\n`,
      );
    });

  journeys
    .command('validate <file>')
    .description('Check a journey file without saving it; every problem is listed')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      const definition = await readJourneyFile(file);
      const result = await withStore(command, (store) => validateJourney(store, definition));
      if (options.json) printJson(result.ok ? { ok: true } : result);
      else if (result.ok) process.stdout.write(`${file} is a valid journey.\n`);
      if (!result.ok) {
        throw new SegmintError('invalid_input', `${file} is not a valid journey.`, result.problems);
      }
    });

  journeys
    .command('list')
    .description('List journeys')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const rows = await withStore(command, (store) => listJourneys(store));
      if (options.json) return printJson(rows);
      printTable(
        rows.map((row) => ({ ...row })),
        ['name', 'id', 'status', 'currentVersion', 'updatedAt'],
      );
    });

  journeys
    .command('show <journey>')
    .description('A journey (id or name) with per-node counts: entered, waiting, exited, converted')
    .option('--json', 'print JSON')
    .action(async (journey: string, options: { json?: boolean }, command: Command) => {
      const report = await withStore(command, (store) => reportJourney(store, journey));
      if (options.json) return printJson(report);
      const { runs } = report;
      process.stdout.write(
        `${report.journey.name} (${report.journey.id}) — ${report.journey.status}, version ${report.journey.currentVersion}, trigger ${report.definition.trigger.type}\n` +
          `runs: ${runs.total} (live ${runs.live}, completed ${runs.completed}, exited ${runs.exited}, converted ${runs.converted}, cancelled ${runs.cancelled}, holdout ${runs.holdout})\n\n`,
      );
      printTable(
        report.nodes.map((node) => ({ ...node })),
        ['nodeId', 'type', 'entered', 'waiting', 'exited', 'converted'],
      );
    });

  for (const action of ['pause', 'resume', 'archive'] as const satisfies readonly JourneyStatusAction[]) {
    journeys
      .command(`${action} <journey>`)
      .description(
        {
          pause: 'Stop entries and steps (runs keep their place)',
          resume: 'Go on; triggers that happened while paused are skipped',
          archive: 'End a journey for good: live runs are cancelled',
        }[action],
      )
      .action(async (journey: string, _options: unknown, command: Command) => {
        const changed = await withStore(command, (store) =>
          changeJourneyStatus(store, journey, action, { now: systemClock.now() }),
        );
        process.stdout.write(`Journey "${changed.name}" is ${changed.status}.\n`);
      });
  }

  journeys
    .command('run')
    .description(
      'Run the journey worker once (scan triggers, execute due steps) — `segmint serve` does this continually',
    )
    .option('--batch-size <n>', 'runs per transaction (default: 10000 on DuckDB, 2000 on PostgreSQL)')
    .option('--json', 'print JSON')
    .action(async (options: { batchSize?: string; json?: boolean }, command: Command) => {
      const batchSize = options.batchSize === undefined ? undefined : Number(options.batchSize);
      if (batchSize !== undefined && (!Number.isInteger(batchSize) || batchSize < 1)) {
        throw new SegmintError(
          'invalid_input',
          `--batch-size must be a positive integer, got "${options.batchSize}".`,
        );
      }
      const pass = await withStore(command, (store) =>
        runJourneyPass({ store, clock: systemClock, batchSize }),
      );
      if (options.json) return printJson(pass);
      process.stdout.write(
        `Started ${pass.scan?.started ?? 0} runs (${pass.scan?.heldOut ?? 0} held out), executed ${pass.steps} steps, queued ${pass.messages} messages.\n`,
      );
    });

  journeys
    .command('holdout [percent]')
    .description('Show or set the global holdout: the % of all profiles no journey sends to (0–50)')
    .action(async (percent: string | undefined, _options: unknown, command: Command) => {
      const value = await withStore(command, (store) =>
        percent === undefined
          ? readGlobalHoldoutPercent(store)
          : store.transaction((tx) => setGlobalHoldoutPercent(tx, Number(percent))),
      );
      process.stdout.write(`Global holdout: ${value}% of profiles are held out of every journey.\n`);
    });
}
