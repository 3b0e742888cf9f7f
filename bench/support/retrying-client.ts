/**
 * A tracking client that retries as Segment's SDKs do: on a connection error, a 5xx or a 429 it backs off
 * (exponentially, with jitter) and resends the same batch, same messageIds, until the server acknowledges it.
 * Any other answer is a bug for the batches a reliability run sends, so it stops the run.
 */

export interface DeliveryStats {
  requests: number;
  /** Attempts that had to be repeated (connection errors, 5xx, 429). */
  retries: number;
  /** Answers by HTTP status. */
  statuses: Map<number, number>;
  /** Failed attempts without an HTTP answer, by error code (ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET…). */
  connectionErrors: Map<string, number>;
  /** Acknowledgements dropped on purpose (`loseAnswer`): the batch was committed, the client resends it anyway. */
  lostAnswers: number;
}

export interface Acknowledgement {
  stored: number;
  duplicates: number;
}

export function createDeliveryStats(): DeliveryStats {
  return { requests: 0, retries: 0, statuses: new Map(), connectionErrors: new Map(), lostAnswers: 0 };
}

function increment(counts: Map<string | number, number>, key: string | number): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** The innermost `code` of a fetch failure (undici wraps the socket error in `cause`). */
function errorCode(error: unknown): string {
  let current: unknown = error;
  let code = 'unknown';
  while (current instanceof Error) {
    if ('code' in current && typeof current.code === 'string') code = current.code;
    current = current.cause;
  }
  return code;
}

function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429;
}

function isAcknowledgement(value: unknown): value is Acknowledgement {
  return (
    typeof value === 'object' &&
    value !== null &&
    'stored' in value &&
    typeof value.stored === 'number' &&
    'duplicates' in value &&
    typeof value.duplicates === 'number'
  );
}

const wait = (milliseconds: number) => new Promise((done) => setTimeout(done, milliseconds));

/** Sends `body` to POST /v1/batch until it is acknowledged; gives up (throws) after `giveUpAfterMs`. */
export async function deliverUntilAcknowledged(options: {
  url: string;
  writeKey: string;
  body: string;
  stats: DeliveryStats;
  giveUpAfterMs?: number;
  /** Stops retrying (the run failed elsewhere). */
  signal?: AbortSignal;
  /**
   * Asked for each acknowledgement; true drops it as if the connection broke after the server answered, so the
   * committed batch is sent again and must be answered as duplicates.
   */
  loseAnswer?: () => boolean;
}): Promise<Acknowledgement & { answersLost: number }> {
  const authorization = `Basic ${Buffer.from(`${options.writeKey}:`).toString('base64')}`;
  const giveUpAt = Date.now() + (options.giveUpAfterMs ?? 180_000);
  let answersLost = 0;
  for (let attempt = 0; ; attempt++) {
    options.signal?.throwIfAborted();
    if (attempt > 0) {
      options.stats.retries += 1;
      if (Date.now() > giveUpAt) throw new Error(`batch not acknowledged after ${attempt} attempts`);
      // Full jitter, 20 ms doubling up to 1 s: clients spread out while the server restarts.
      await wait(Math.random() * Math.min(1000, 20 * 2 ** attempt));
    }
    options.stats.requests += 1;
    let response: Response;
    try {
      response = await fetch(`${options.url}/v1/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: options.body,
      });
    } catch (error) {
      increment(options.stats.connectionErrors, errorCode(error));
      continue;
    }
    increment(options.stats.statuses, response.status);
    const text = await response.text().catch((error: unknown) => {
      // The server died while answering: the outcome is unknown, so the batch is sent again.
      increment(options.stats.connectionErrors, errorCode(error));
      return undefined;
    });
    if (text === undefined || isRetryableStatus(response.status)) continue;
    const answer: unknown = JSON.parse(text);
    if (response.status !== 200 || !isAcknowledgement(answer)) {
      throw new Error(`batch rejected: ${response.status} ${text.slice(0, 500)}`);
    }
    if (options.loseAnswer?.()) {
      options.stats.lostAnswers += 1;
      answersLost += 1;
      continue;
    }
    return { ...answer, answersLost };
  }
}
