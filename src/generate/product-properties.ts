/**
 * The Segment e-commerce properties of each product (`product_id`, `sku`, `name`, `category`, `price`,
 * `currency`), built once per dataset. The objects are frozen because many messages share them.
 */
import type { Catalog, Product } from './catalog.ts';
import type { JsonObject } from '../schema/json.ts';

export type ProductPropertiesTable = readonly Readonly<JsonObject>[];

export function buildProductProperties(catalog: Catalog, currency: string): ProductPropertiesTable {
  return catalog.products.map((product) =>
    Object.freeze({
      product_id: product.id,
      sku: product.sku,
      name: product.name,
      category: product.category,
      price: product.price,
      currency,
    }),
  );
}

export function propertiesOf(table: ProductPropertiesTable, product: Product): Readonly<JsonObject> {
  const properties = table[product.index];
  if (!properties) throw new Error(`no properties for product ${product.id}`);
  return properties;
}
