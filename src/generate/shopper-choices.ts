/**
 * What a shopper looks at and buys: a category by their own preferences, a product by popularity and price taste,
 * the next product viewed often a complement of the last, and baskets that carry bundles and complements. This is
 * where item-to-item recommendations get their signal.
 */
import type { PriceTaste } from './archetypes.ts';
import { shelfOf, type Catalog, type Product } from './catalog.ts';
import { CATEGORIES, type CategoryName } from './data/categories.ts';
import type { Random } from '../random.ts';

export interface Shopper {
  categoryWeights: Float64Array;
  priceTaste: PriceTaste;
  /** Probability that an order holds more than the main product. */
  basketExtras: number;
}

export interface BasketItem {
  product: Product;
  quantity: number;
}

/** Chance that a basket holding a bundle product takes the whole bundle. */
const WHOLE_BUNDLE_CHANCE = 0.4;
/** Chance that the next product viewed is a complement of the one just viewed. */
const FOLLOW_COMPLEMENT_CHANCE = 0.5;
const MAX_QUANTITY = new Map(CATEGORIES.map((category) => [category.name, category.maxQuantity]));

function productAt(catalog: Catalog, index: number): Product {
  const product = catalog.products[index];
  if (!product) throw new Error(`no product at index ${index}`);
  return product;
}

export function pickCategory(random: Random, shopper: Shopper): CategoryName {
  return CATEGORIES[random.pickIndex(shopper.categoryWeights)]?.name ?? 'books';
}

/** A product of the category by popularity; premium shoppers take the dearer of two, budget ones the cheaper. */
export function pickProduct(
  random: Random,
  catalog: Catalog,
  shopper: Shopper,
  category: CategoryName,
): Product {
  const shelf = shelfOf(catalog, category);
  const draw = (): Product =>
    productAt(catalog, shelf.productIndices[random.pickIndex(shelf.popularity)] ?? 0);
  const first = draw();
  if (shopper.priceTaste === 'neutral') return first;
  const second = draw();
  const dearer = first.price >= second.price ? first : second;
  const cheaper = dearer === first ? second : first;
  return shopper.priceTaste === 'premium' ? dearer : cheaper;
}

export function pickAnyProduct(random: Random, catalog: Catalog, shopper: Shopper): Product {
  return pickProduct(random, catalog, shopper, pickCategory(random, shopper));
}

/** "Customers who viewed this also viewed": half the time a complement of the previous product. */
export function nextViewedProduct(
  random: Random,
  catalog: Catalog,
  shopper: Shopper,
  previous: Product,
): Product {
  if (previous.complements.length > 0 && random.chance(FOLLOW_COMPLEMENT_CHANCE)) {
    return productAt(catalog, random.pick(previous.complements));
  }
  return pickAnyProduct(random, catalog, shopper);
}

function quantityFor(random: Random, product: Product): number {
  const max = MAX_QUANTITY.get(product.category) ?? 1;
  return max > 1 && random.chance(0.25) ? random.integer(2, max) : 1;
}

/** The main product first, then the rest of its bundle or one or two of its complements. */
export function buildBasket(random: Random, catalog: Catalog, shopper: Shopper): BasketItem[] {
  const main = pickAnyProduct(random, catalog, shopper);
  const products = [main];
  const bundle = catalog.bundles[main.bundle];
  if (bundle && random.chance(WHOLE_BUNDLE_CHANCE)) {
    for (const index of bundle.productIndices)
      if (index !== main.index) products.push(productAt(catalog, index));
  } else if (random.chance(shopper.basketExtras)) {
    for (const index of random.sample(main.complements, random.integer(1, 2))) {
      products.push(productAt(catalog, index));
    }
  }
  return products.map((product) => ({ product, quantity: quantityFor(random, product) }));
}
