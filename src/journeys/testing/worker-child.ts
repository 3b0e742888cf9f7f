/**
 * A journey worker in its own process, for the crash and parallel-worker tests: executes due runs in batches and
 * prints one JSON line per committed batch (`{"claimed":…,"steps":…,"runIds":[…]}`), then `{"done":true}` once
 * nothing is due. Usage: node --import tsx worker-child.ts (--db FILE | --database-url URL) [--batch-size N]
 */
import { systemClock } from '../../clock.ts';
import { openStore } from '../../store/open-store.ts';
import { JourneyDefinitions } from '../engine/journey-definitions.ts';
import { runJourneyBatch } from '../engine/run-batch.ts';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

const store = await openStore({ duckdbPath: argument('--db'), databaseUrl: argument('--database-url') });
const batchSize = Number(argument('--batch-size') ?? '100');
const definitions = new JourneyDefinitions();
for (;;) {
  const batch = await runJourneyBatch({ store, clock: systemClock, definitions, batchSize });
  if (batch.claimed === 0) break;
  process.stdout.write(`${JSON.stringify(batch)}\n`);
}
await store.close();
process.stdout.write(`${JSON.stringify({ done: true })}\n`);
