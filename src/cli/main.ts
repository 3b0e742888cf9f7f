/**
 * The `segmint` command. Each command lives in its own file under commands/; expected failures are typed errors
 * that print their message and exit with their code, anything else prints a short report and exits 1.
 */
import { Command, CommanderError } from 'commander';
import { isSegmintError } from '../errors.ts';
import { DEFAULT_DUCKDB_PATH } from '../store/open-store.ts';
import { registerAnalyticsCommands, registerClusterCommand } from './commands/analytics.ts';
import { registerCampaignsCommands } from './commands/campaigns.ts';
import { registerChurnCommands } from './commands/churn.ts';
import { registerClvCommands } from './commands/clv.ts';
import { registerConsentCommands } from './commands/consent.ts';
import { registerContentCommands } from './commands/content.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerGenerateCommand } from './commands/generate.ts';
import { registerImportCommands } from './commands/import.ts';
import { registerJourneysCommands } from './commands/journeys.ts';
import { registerKeysCommands } from './commands/keys.ts';
import { registerPrivacyCommands } from './commands/privacy.ts';
import { registerProfilesCommands } from './commands/profiles.ts';
import { registerRecommendCommands } from './commands/recommend.ts';
import { registerScoringCommands } from './commands/scoring.ts';
import { registerSegmentsCommands } from './commands/segments.ts';
import { registerSocialCommands } from './commands/social.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerSourcesCommands } from './commands/sources.ts';
import { registerReportCommands } from './commands/report.ts';
import { registerTraitsCommands } from './commands/traits.ts';
import { registerMessagesCommands } from './commands/messages.ts';
import { registerTemplatesCommands } from './commands/templates.ts';

export function buildProgram(): Command {
  const program = new Command('segmint')
    .description('Customer data and marketing automation: collect, unify, segment, automate, measure.')
    .option(
      '--db <path>',
      'DuckDB store file (the embedded default)',
      process.env.SEGMINT_DB ?? DEFAULT_DUCKDB_PATH,
    )
    .option(
      '--database-url <url>',
      'PostgreSQL URL (overrides --db; default: DATABASE_URL)',
      process.env.DATABASE_URL,
    )
    .showHelpAfterError()
    .exitOverride();
  registerServeCommand(program);
  registerDemoCommand(program);
  registerGenerateCommand(program);
  registerImportCommands(program);
  registerProfilesCommands(program);
  registerSourcesCommands(program);
  registerAnalyticsCommands(program);
  registerClvCommands(program);
  registerChurnCommands(program);
  registerRecommendCommands(program);
  registerClusterCommand(program);
  registerSegmentsCommands(program);
  registerPrivacyCommands(program);
  registerKeysCommands(program);
  registerTraitsCommands(program);
  registerReportCommands(program);
  registerMessagesCommands(program);
  registerTemplatesCommands(program);
  registerJourneysCommands(program);
  registerCampaignsCommands(program);
  registerScoringCommands(program);
  registerConsentCommands(program);
  registerContentCommands(program);
  registerSocialCommands(program);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (isSegmintError(error)) {
      process.stderr.write(`Error: ${error.message}\n`);
      for (const detail of error.details.slice(0, 20))
        process.stderr.write(`  ${detail.path}: ${detail.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(
      `Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}

// `segmint … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const isEntryPoint = process.argv[1] !== undefined && /segmint(\.js)?$|main\.ts$/.test(process.argv[1]);
if (isEntryPoint) {
  const code = await runCli(process.argv);
  // serve keeps the process alive through its listening socket; everything else ends here.
  if (code !== 0) process.exit(code);
}
