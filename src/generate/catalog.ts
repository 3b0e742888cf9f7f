/**
 * The seeded product catalog. Structure that recommendations can learn from:
 * - popularity within a category is Zipf-like (a few best-sellers, a long tail);
 * - every product has fixed complements: two from its own category and one from a related category, which
 *   shoppers view and buy alongside it;
 * - a few bundles (2–4 products across related categories) are often bought together as a whole.
 */
import { CATEGORIES, type CategoryName } from './data/categories.ts';
import { cumulativeWeights, Random } from '../random.ts';

export interface Product {
  /** Position in `Catalog.products`. */
  index: number;
  id: string;
  sku: string;
  name: string;
  category: CategoryName;
  price: number;
  /** Indices of products bought together with this one. */
  complements: readonly number[];
  /** Index in `Catalog.bundles`, or -1. */
  bundle: number;
}

export interface Bundle {
  name: string;
  productIndices: readonly number[];
}

export interface Catalog {
  products: readonly Product[];
  bundles: readonly Bundle[];
  /** Product indices per category, and their popularity as a cumulative table for `Random.pickIndex`. */
  byCategory: ReadonlyMap<CategoryName, CategoryShelf>;
}

export interface CategoryShelf {
  productIndices: readonly number[];
  popularity: Float64Array;
}

/** The shelf of one category; every category has one (the catalog holds at least two products per category). */
export function shelfOf(catalog: Pick<Catalog, 'byCategory'>, category: CategoryName): CategoryShelf {
  const shelf = catalog.byCategory.get(category);
  if (!shelf) throw new Error(`the catalog has no category ${category}`);
  return shelf;
}

const STREAM_CATALOG = 0x0ca7a106;
const NAME_VARIANTS = ['', 'Plus', 'Pro', 'Mini', 'Max', 'Classic', 'Travel', 'Deluxe'];
const ZIPF_EXPONENT = 0.9;
const SAME_CATEGORY_COMPLEMENTS = 2;

/** Shelf prices end in .99 (and never fall below 0.99). */
function shelfPrice(random: Random, median: number, sigma: number): number {
  return Math.max(0, Math.floor(random.logNormal(median, sigma))) + 0.99;
}

function categoryShares(total: number): Map<CategoryName, number> {
  const weightSum = CATEGORIES.reduce((sum, category) => sum + category.weight, 0);
  const shares = new Map<CategoryName, number>();
  let assigned = 0;
  CATEGORIES.forEach((category, position) => {
    const isLast = position === CATEGORIES.length - 1;
    const count = isLast ? total - assigned : Math.max(2, Math.round((total * category.weight) / weightSum));
    shares.set(category.name, count);
    assigned += count;
  });
  return shares;
}

function productNames(
  random: Random,
  brands: readonly string[],
  nouns: readonly string[],
  count: number,
  isBook: boolean,
): string[] {
  const bases = random.sample(
    brands.flatMap((brand) => nouns.map((noun) => (isBook ? `${brand} (${noun})` : `${brand} ${noun}`))),
    Number.MAX_SAFE_INTEGER,
  );
  const names: string[] = [];
  for (let position = 0; position < count; position++) {
    const base = bases[position % bases.length] ?? 'Product';
    const variant = NAME_VARIANTS[Math.floor(position / bases.length) % NAME_VARIANTS.length] ?? '';
    const edition = Math.floor(position / (bases.length * NAME_VARIANTS.length));
    names.push([base, variant, edition > 0 ? `No. ${edition + 1}` : ''].filter(Boolean).join(' '));
  }
  return names;
}

export function generateCatalog(options: { seed: number; size: number }): Catalog {
  const random = Random.for(options.seed, STREAM_CATALOG);
  const shares = categoryShares(options.size);
  const drafts: Omit<Product, 'complements' | 'bundle'>[] = [];
  const byCategory = new Map<CategoryName, CategoryShelf>();
  for (const category of CATEGORIES) {
    const count = shares.get(category.name) ?? 0;
    const names = productNames(random, category.brands, category.products, count, category.name === 'books');
    const productIndices: number[] = [];
    names.forEach((name) => {
      const index = drafts.length;
      const number = String(index + 1).padStart(4, '0');
      drafts.push({
        index,
        id: `prod-${number}`,
        sku: `${category.name.slice(0, 3).toUpperCase()}-${number}`,
        name,
        category: category.name,
        price: shelfPrice(random, category.medianPrice, category.priceSigma),
      });
      productIndices.push(index);
    });
    // Popularity ranks are shuffled so a product's position in the list says nothing about its sales.
    const ranks = random.sample(
      productIndices.map((_, rank) => rank + 1),
      productIndices.length,
    );
    byCategory.set(category.name, {
      productIndices,
      popularity: cumulativeWeights(ranks.map((rank) => 1 / Math.pow(rank, ZIPF_EXPONENT))),
    });
  }
  const complements = drafts.map((product) => {
    const spec = CATEGORIES.find((category) => category.name === product.category);
    const shelves = { byCategory };
    const ownCategory = shelfOf(shelves, product.category).productIndices.filter(
      (index) => index !== product.index,
    );
    const related = shelfOf(shelves, spec?.relatedCategories[0] ?? product.category).productIndices;
    return [...random.sample(ownCategory, SAME_CATEGORY_COMPLEMENTS), random.pick(related)];
  });
  const bundles = buildBundles(random, byCategory, drafts.length);
  const bundleOf = new Int32Array(drafts.length).fill(-1);
  bundles.forEach((bundle, bundleIndex) =>
    bundle.productIndices.forEach((index) => (bundleOf[index] = bundleIndex)),
  );
  return {
    products: drafts.map((draft, index) => ({
      ...draft,
      complements: complements[index] ?? [],
      bundle: bundleOf[index] ?? -1,
    })),
    bundles,
    byCategory,
  };
}

/** One bundle per ~25 products: a product plus 1–3 products from its own and related categories, none shared. */
function buildBundles(
  random: Random,
  byCategory: ReadonlyMap<CategoryName, CategoryShelf>,
  productCount: number,
): Bundle[] {
  const taken = new Set<number>();
  const bundles: Bundle[] = [];
  const target = Math.max(2, Math.round(productCount / 25));
  for (let attempt = 0; bundles.length < target && attempt < target * 10; attempt++) {
    const spec = random.pick(CATEGORIES);
    const pools = [spec.name, spec.name, ...spec.relatedCategories].slice(0, random.integer(2, 4));
    const members = pools.map((category) => random.pick(shelfOf({ byCategory }, category).productIndices));
    if (new Set(members).size !== members.length || members.some((index) => taken.has(index))) continue;
    members.forEach((index) => taken.add(index));
    bundles.push({ name: `${spec.name} bundle ${bundles.length + 1}`, productIndices: members });
  }
  return bundles;
}
