/** `segmint scoring …`: set the lead-scoring rules, show them with the top scores, recompute now. */
import type { Command } from 'commander';
import { z } from 'zod';
import { readDefinitionFile } from '../../read-definition-file.ts';
import { systemClock } from '../../clock.ts';
import type { LeadScoreRule } from '../../schema/lead-score.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import {
  listTopLeadScores,
  recomputeAndRefreshSegments,
  requireLeadScoring,
  setLeadScoring,
} from '../../scoring/index.ts';
import { printJson, printTable, withStore } from '../context.ts';

const showOptionsSchema = z.object({ top: z.coerce.number().int().min(1).max(10_000) });
const asOfSchema = z.object({ asOf: z.coerce.date().optional() });

function describeRule(rule: LeadScoreRule): string {
  const what =
    rule.type === 'track' ? `"${rule.event ?? ''}"` : `${rule.type}${rule.event ? ` "${rule.event}"` : ''}`;
  const where = Object.entries(rule.where).map(([key, value]) => `${key} = ${JSON.stringify(value)}`);
  return `${rule.name ? `${rule.name}: ` : ''}${what}${where.length > 0 ? ` where ${where.join(' and ')}` : ''}`;
}

export function registerScoringCommands(program: Command): void {
  const scoring = program
    .command('scoring')
    .description('Lead scoring: rules on events → computed lead_score');

  scoring
    .command('set <file>')
    .description('Save the rules from a JSON/YAML file (a new version); scores follow on the next recompute')
    .option('--json', 'print JSON')
    .action(async (file: string, options: { json?: boolean }, command: Command) => {
      const input = await readDefinitionFile(
        file,
        'lead-scoring rules: { "rules": [{ "event": "Demo Requested", "points": 20 }], "halfLifeDays": 30 }',
      );
      const saved = await withStore(command, (store) => setLeadScoring(store, input, systemClock.now()));
      if (options.json) return printJson(saved);
      process.stdout.write(
        `Saved lead-scoring rules version ${saved.version} (${saved.definition.rules.length} rules). ` +
          'Recompute now with `segmint scoring recompute`, or let `segmint serve` do it.\n',
      );
    });

  scoring
    .command('show')
    .description('The rules and the highest scores')
    .option('--top <n>', 'how many profiles', '10')
    .option('--json', 'print JSON')
    .action(async (options: { top: string; json?: boolean }, command: Command) => {
      const { top } = parseOrThrow(showOptionsSchema, options, 'options');
      const { saved, leaders } = await withStore(command, async (store) => ({
        saved: await requireLeadScoring(store),
        leaders: await listTopLeadScores(store, top),
      }));
      if (options.json) return printJson({ ...saved, top: leaders });
      const { definition } = saved;
      process.stdout.write(
        `Lead scoring version ${saved.version}, ${definition.halfLifeDays ? `points halve every ${definition.halfLifeDays} days` : 'no decay'}, ` +
          `recomputed ${saved.recomputedAt?.toISOString() ?? 'never'} (every ${definition.recomputeEveryMinutes} min under serve)\n`,
      );
      printTable(
        definition.rules.map((rule) => ({
          rule: describeRule(rule),
          points: rule.points,
          maxPoints: rule.maxPoints ?? '',
        })),
        ['rule', 'points', 'maxPoints'],
      );
      process.stdout.write('\n');
      printTable(
        leaders.map((entry) => ({ ...entry })),
        ['score', 'profileId', 'userId', 'email'],
      );
    });

  scoring
    .command('recompute')
    .description('Recompute every lead score now and re-evaluate real-time segments for the changed profiles')
    .option('--as-of <date>', 'score as of this time (default: now)')
    .option('--json', 'print JSON')
    .action(async (options: { asOf?: string; json?: boolean }, command: Command) => {
      const asOf = parseOrThrow(asOfSchema, { asOf: options.asOf }, 'options').asOf ?? systemClock.now();
      const result = await withStore(command, (store) => recomputeAndRefreshSegments(store, asOf));
      if (options.json) return printJson(result);
      process.stdout.write(
        `Lead scores recomputed as of ${asOf.toISOString()}: ${result.changedProfiles} changed, ` +
          `${result.segmentTransitions} segment transitions.\n`,
      );
    });
}
