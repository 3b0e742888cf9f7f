import { describe, expect, it } from 'vitest';
import { generateCatalog, shelfOf } from './catalog.ts';
import { CATEGORY_NAMES } from './data/categories.ts';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

describe('generateCatalog', () => {
  const catalog = generateCatalog({ seed: 1, size: 300 });

  it('is the same for the same seed and differs for another', () => {
    expect(generateCatalog({ seed: 1, size: 300 })).toEqual(catalog);
    expect(generateCatalog({ seed: 2, size: 300 }).products.map((p) => p.price)).not.toEqual(
      catalog.products.map((p) => p.price),
    );
  });

  it('holds the requested number of products in every category, with unique ids, SKUs and names', () => {
    expect(catalog.products).toHaveLength(300);
    for (const category of CATEGORY_NAMES)
      expect(shelfOf(catalog, category).productIndices.length).toBeGreaterThan(10);
    for (const key of ['id', 'sku', 'name'] as const) {
      expect(new Set(catalog.products.map((product) => product[key])).size).toBe(300);
    }
    expect(generateCatalog({ seed: 1, size: 2000 }).products.map((p) => p.name)).toSatisfy(
      (names: string[]) => new Set(names).size === 2000,
    );
  });

  it('prices products as shelf prices ending in .99, dearer in electronics than in groceries', () => {
    for (const product of catalog.products) {
      expect(product.price).toBeGreaterThan(0);
      expect(Math.round(product.price * 100) % 100).toBe(99);
    }
    const pricesIn = (category: string): number[] =>
      catalog.products.filter((product) => product.category === category).map((product) => product.price);
    expect(median(pricesIn('electronics'))).toBeGreaterThan(3 * median(pricesIn('grocery')));
    expect(median(pricesIn('books'))).toBeGreaterThan(8);
    expect(median(pricesIn('books'))).toBeLessThan(25);
  });

  it('gives every product three complements: two from its own category and one from a related one', () => {
    for (const product of catalog.products) {
      expect(product.complements).toHaveLength(3);
      expect(product.complements).not.toContain(product.index);
      const [first, second] = product.complements.map((index) => catalog.products[index]?.category);
      expect([first, second]).toEqual([product.category, product.category]);
    }
  });

  it('builds disjoint bundles of 2–4 products and marks their members', () => {
    expect(catalog.bundles.length).toBeGreaterThanOrEqual(10);
    const members = catalog.bundles.flatMap((bundle) => bundle.productIndices);
    expect(new Set(members).size).toBe(members.length);
    catalog.bundles.forEach((bundle, bundleIndex) => {
      expect(bundle.productIndices.length).toBeGreaterThanOrEqual(2);
      expect(bundle.productIndices.length).toBeLessThanOrEqual(4);
      for (const index of bundle.productIndices) expect(catalog.products[index]?.bundle).toBe(bundleIndex);
    });
    expect(catalog.products.filter((product) => product.bundle >= 0)).toHaveLength(members.length);
  });
});
