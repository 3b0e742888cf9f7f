/**
 * Acceptance: item-to-item recommendations on the UCI Online Retail data set beat the popularity baseline.
 *
 * Each customer's last invoice (the latest one that is not a cancellation) is held out; everything else is
 * loaded as `purchase` events with the importer's property names (`StockCode`, `InvoiceNo`, `amount` = quantity ×
 * unit price), straight from DuckDB's `read_csv` to keep the test fast (test-support/online-retail-history.ts). The similarities are built on that
 * history, and every customer with history whose held-out invoice holds at least one item it had not bought
 * before gets 10 recommendations. A hit is one of those new items among the 10. The baseline is the most popular
 * items the customer has not bought, through the same code path (`method: 'popular'`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/open-store.ts';
import type { Store } from '../../store/store.ts';
import { reportSkippedSharedData, sharedDataFile } from '../../test-support/shared-data.ts';
import { buildItemSimilarities } from './build-item-similarities.ts';
import { recommendForProfiles } from './recommend-for-profiles.ts';
import type { RecommendationMethod } from './recommend-options.ts';
import { loadOnlineRetailHistory } from './test-support/online-retail-history.ts';

const FILE = sharedDataFile('online_retail', 'online_retail.csv');
if (!FILE)
  reportSkippedSharedData('Online Retail recommendations hit rate', 'online_retail', 'online_retail.csv');

/** Customer → the items of its held-out invoice that it had not bought before; customers with history only. */
async function newItemsInHeldOutInvoices(store: Store): Promise<Map<string, Set<string>>> {
  const { dialect } = store;
  const isPurchase = `${dialect.tryCastDouble(dialect.jsonText('e.properties', ['amount']))} >= 0`;
  const rows = await store.query<{ customer: string; item: string }>(
    `select distinct h.customer, l.item
       from held_out h
       join retail_lines l on l.customer = h.customer and l.invoice = h.invoice and l.quantity > 0
      where exists (select 1 from events e where e.profile_id = h.customer and ${isPurchase})
        and not exists (select 1 from events e where e.profile_id = h.customer and ${isPurchase}
                           and ${dialect.jsonText('e.properties', ['StockCode'])} = l.item)`,
  );
  const byCustomer = new Map<string, Set<string>>();
  for (const row of rows) {
    const items = byCustomer.get(row.customer) ?? new Set<string>();
    items.add(row.item);
    byCustomer.set(row.customer, items);
  }
  return byCustomer;
}

async function hitRateAt10(
  store: Store,
  truth: Map<string, Set<string>>,
  method: RecommendationMethod,
): Promise<number> {
  const recommendations = await recommendForProfiles(store, { profileIds: [...truth.keys()], n: 10, method });
  let hits = 0;
  for (const [customer, items] of truth) {
    if ((recommendations.get(customer) ?? []).some((item) => items.has(item.itemId))) hits++;
  }
  return hits / truth.size;
}

describe.runIf(FILE)('recommendations on Online Retail (last invoice held out)', () => {
  let store: Store;

  beforeAll(async () => {
    store = await openStore({ duckdbPath: ':memory:' });
    await loadOnlineRetailHistory(store, { file: FILE ?? '', holdOutLastInvoice: true });
  });
  afterAll(async () => {
    await store.close();
  });

  it('hits the held-out invoice more often than the popularity baseline', { timeout: 600_000 }, async () => {
    const started = performance.now();
    const build = await buildItemSimilarities(store, { itemProperty: 'StockCode' });
    const buildSeconds = (performance.now() - started) / 1000;
    const truth = await newItemsInHeldOutInvoices(store);
    const similar = await hitRateAt10(store, truth, 'similar');
    const popular = await hitRateAt10(store, truth, 'popular');
    console.info(
      `Online Retail hit rate @10 over ${truth.size} customers: item-to-item ${(similar * 100).toFixed(1)} %, ` +
        `popularity ${(popular * 100).toFixed(1)} % (build ${buildSeconds.toFixed(1)} s: ${build.items} items, ` +
        `${build.pairs} neighbour rows, ${build.profiles} customers)`,
    );
    expect(truth.size).toBeGreaterThan(2000);
    expect(popular).toBeGreaterThan(0.1);
    // Measured: 31.0 % against 21.3 %.
    expect(similar).toBeGreaterThan(popular * 1.25);
  });
});
