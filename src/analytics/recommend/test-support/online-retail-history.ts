/**
 * Online Retail as purchase history for the recommendation acceptance test and benchmark, loaded with DuckDB's
 * `read_csv` straight into the events table (seconds, where the importer takes a minute). The properties are the
 * importer's (`StockCode`, `InvoiceNo`, `quantity`, `price`, `amount` = quantity × unit price); each line is one
 * `purchase` event of the customer, whose profile id is the CustomerID. DuckDB stores only.
 *
 * With `holdOutLastInvoice`, each customer's last invoice (the latest that is not a cancellation) is left out of
 * the events and kept in the `held_out` table; `retail_lines` keeps every line with a customer id.
 */
import type { Store } from '../../../store/store.ts';

export async function loadOnlineRetailHistory(
  store: Store,
  options: { file: string; holdOutLastInvoice: boolean },
): Promise<void> {
  if (store.engine !== 'duckdb') throw new Error('the Online Retail loader reads the CSV with DuckDB');
  // Plain tables, not temp ones: reads go through a second DuckDB connection, which cannot see temp tables.
  await store.execute(
    `create table retail_lines as
     select row_number() over () as line, InvoiceNo as invoice, StockCode as item,
            cast(Quantity as double) as quantity, cast(UnitPrice as double) as price,
            strptime(InvoiceDate, '%Y-%m-%d %H:%M:%S') as bought_at,
            cast(cast(cast(CustomerID as double) as bigint) as varchar) as customer
       from read_csv($1, header = true, all_varchar = true, quote = '"', escape = '"')
      where CustomerID is not null`,
    [options.file],
  );
  await store.execute(
    `create table held_out as
     select customer, invoice from (
       select customer, invoice,
              row_number() over (partition by customer order by max(bought_at) desc, invoice desc) as latest
         from retail_lines where not starts_with(invoice, 'C') group by customer, invoice) invoices
      where latest = 1 and $1`,
    [options.holdOutLastInvoice],
  );
  await store.execute(
    `insert into events (message_id, profile_id, type, event, occurred_at, received_at, properties)
     select 'retail-' || line, customer, 'track', 'purchase', bought_at, bought_at,
            json_object('InvoiceNo', invoice, 'StockCode', item, 'quantity', quantity, 'price', price,
                        'amount', quantity * price)
       from retail_lines l
      where not exists (select 1 from held_out h where h.customer = l.customer and h.invoice = l.invoice)`,
  );
}
