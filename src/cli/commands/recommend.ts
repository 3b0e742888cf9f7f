import type { Command } from 'commander';
import { buildItemSimilarities } from '../../analytics/recommend/build-item-similarities.ts';
import { recommendForProfile } from '../../analytics/recommend/recommend-for-profiles.ts';
import {
  buildRecommendationsOptionsSchema,
  recommendationMethodSchema,
} from '../../analytics/recommend/recommend-options.ts';
import { SegmintError } from '../../errors.ts';
import { getProfile } from '../../profiles/profile-queries.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { printJson, printTable, withStore } from '../context.ts';

interface RecommendFlags {
  profile?: string;
  n: string;
  method: string;
  json?: boolean;
}

interface BuildFlags {
  event: string;
  itemProperty: string;
  amountProperty: string;
  similarity: string;
  minCoBuyers: string;
  neighbours: string;
  maxItemsPerProfile: string;
}

export function registerRecommendCommands(program: Command): void {
  const recommend = program
    .command('recommend')
    .description('Recommend items for a profile (item-to-item co-purchase, popular items for cold starts)')
    .option('--profile <id>', 'profile id, user id, anonymous id or email')
    .option('--n <count>', 'how many items (1–100)', '5')
    .option('--method <method>', 'similar (item-to-item, with the popularity fallback) | popular', 'similar')
    .option('--json', 'print JSON')
    .action(async (flags: RecommendFlags, command: Command) => {
      if (!flags.profile) {
        throw new SegmintError(
          'invalid_input',
          'Name the profile: `segmint recommend --profile ID`, or refresh the similarities with `segmint recommend build`.',
        );
      }
      const profileKey = flags.profile;
      const method = parseOrThrow(recommendationMethodSchema, flags.method, 'method');
      const result = await withStore(command, async (store) => {
        const profile = await getProfile(store, profileKey, { events: 0 });
        const items = await recommendForProfile(store, {
          profileId: profile.id,
          n: flags.n,
          method,
        });
        return { profileId: profile.id, userId: profile.userId, items };
      });
      if (flags.json) return printJson(result);
      process.stdout.write(
        `Recommendations for profile ${result.profileId}${result.userId ? ` (user ${result.userId})` : ''}\n\n`,
      );
      printTable(
        result.items.map((item) => ({ ...item, score: Number(item.score.toFixed(4)) })),
        ['position', 'itemId', 'reason', 'score'],
      );
    });

  recommend
    .command('build')
    .description('Rebuild the item-to-item similarities and item popularity from the purchases in the store')
    .option('--event <name>', 'purchase event', 'purchase')
    .option(
      '--item-property <name>',
      'event property naming the item (Online Retail: StockCode)',
      'product_id',
    )
    .option('--amount-property <name>', 'event property holding the amount (negative = refund)', 'amount')
    .option('--similarity <kind>', 'cosine | lift', 'cosine')
    .option('--min-co-buyers <n>', 'pairs bought together by fewer profiles are not stored', '2')
    .option('--neighbours <n>', 'neighbours kept per item', '50')
    .option('--max-items-per-profile <n>', "only each profile's most recent items count", '500')
    .action(async (flags: BuildFlags, command: Command) => {
      const options = parseOrThrow(buildRecommendationsOptionsSchema, flags, 'options');
      const build = await withStore(command, (store) => buildItemSimilarities(store, options));
      // --json belongs to the parent command (commander hands it there), so it is read with the globals.
      if (command.optsWithGlobals<{ json?: boolean }>().json) return printJson(build);
      process.stdout.write(
        `Built recommendations v${build.version} in ${(build.elapsedMs / 1000).toFixed(1)} s: ` +
          `${build.items.toLocaleString('en-US')} items bought by ${build.profiles.toLocaleString('en-US')} profiles; ` +
          `${build.itemsWithNeighbours.toLocaleString('en-US')} items have neighbours ` +
          `(${build.pairs.toLocaleString('en-US')} pairs, ${build.settings.similarity}, ≥ ${build.settings.minCoBuyers} co-buyers).\n`,
      );
    });
}
