/**
 * The client side of bench/content.bench.ts, in its own process so its CPU is not the server's: requests
 * `GET /v1/content/:slot?userId=…` one at a time over one keep-alive connection, as a website's backend would, and
 * reports each round trip and the block the server chose (null when the answer has none, as /health's).
 */
import { Agent, get } from 'node:http';

export interface ContentClientJob {
  url: string;
  authorization: string;
  /** Profile numbers to ask for, in order; the first `warmUp` are not reported. */
  visitors: number[];
  warmUp: number;
}

export interface ContentClientResult {
  roundTrips: number[];
  blocks: (number | null)[];
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function requestBlock(url: string, authorization: string): Promise<number | null> {
  return new Promise((resolve, reject) => {
    get(url, { agent, headers: { authorization } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        if (response.statusCode !== 200)
          reject(new Error(`content answered ${response.statusCode}: ${body}`));
        else resolve((JSON.parse(body) as { block?: number | null }).block ?? null);
      });
    }).on('error', reject);
  });
}

async function run(job: ContentClientJob): Promise<ContentClientResult> {
  const result: ContentClientResult = { roundTrips: [], blocks: [] };
  for (const [index, visitor] of job.visitors.entries()) {
    const started = performance.now();
    const block = await requestBlock(`${job.url}?userId=u${visitor}`, job.authorization);
    if (index < job.warmUp) continue;
    result.roundTrips.push(performance.now() - started);
    result.blocks.push(block);
  }
  return result;
}

process.once('message', (job: ContentClientJob) => {
  run(job).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
});
