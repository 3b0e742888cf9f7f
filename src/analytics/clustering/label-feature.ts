/**
 * Turns a column or trait name into words for descriptions: `annual_income` → "annual income",
 * `daysSinceLastOrder` → "days since last order", `order-count` → "order count". Units in brackets are dropped
 * (`Spending_Score(1-100)` → "spending score"): a description says high or low, not how much. Acronyms stay as
 * written (`avgOrderValueEUR` → "avg order value EUR"). A path to a stored trait is named by its leaf
 * (`traits.annual_income` → "annual income"), except for RFM, where the prefix matters (`rfm.recency_days` →
 * "rfm recency days").
 */
export function labelFeature(name: string): string {
  const leaf = name.replace(/^(traits|computed)\./, '').replaceAll('.', ' ');
  const words = leaf.replace(/\s*[([{][^)\]}]*[)\]}]\s*/g, ' ').trim();
  return (words === '' ? name : words)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2') // camelCase boundaries
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2') // an acronym followed by a word: "EURValue" → "EUR Value"
    .replace(/[_\s]+/g, ' ')
    .replace(/(\p{L})-(?=\p{L})/gu, '$1 ') // kebab-case, but not ranges such as "1-100"
    .trim()
    .split(' ')
    .map((word) => (isAcronym(word) ? word : word.toLowerCase()))
    .join(' ');
}

function isAcronym(word: string): boolean {
  return /^[A-Z][A-Z0-9]+$/.test(word.replace(/[^A-Za-z0-9]/g, ''));
}
