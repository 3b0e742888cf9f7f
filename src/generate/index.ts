/** The synthetic e-commerce data generator: see README.md in this folder for the model behind the data. */
export { ARCHETYPES, type Archetype, type LoyaltyTier } from './archetypes.ts';
export { generateCatalog, type Bundle, type Catalog, type Product } from './catalog.ts';
export type { CustomerTruth, GeneratedCustomer } from './customer.ts';
export type { CustomerActivity } from './customer-activity.ts';
export { customerTraits, PROFILE_CSV_COLUMNS, profileCsvRow } from './customer-traits.ts';
export { DatasetTally, type DatasetSummary } from './dataset-tally.ts';
export type { GeneratedMessage } from './generated-message.ts';
export { generateActivity, generateCustomers, generateMessages } from './generate-messages.ts';
export { GROUND_TRUTH_CSV_COLUMNS } from './ground-truth-csv.ts';
export {
  generateOptionsSchema,
  resolveGenerateOptions,
  type GenerateOptions,
  type ResolvedGenerateOptions,
} from './options.ts';
export {
  writeDatasetFiles,
  writeDatasetFilesOptionsSchema,
  type DatasetFiles,
  type WriteDatasetFilesOptions,
  type WrittenDataset,
} from './write-dataset-files.ts';
