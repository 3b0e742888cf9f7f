/** Computed traits: definitions, text form, SQL, materialisation into `profiles.computed`. */
export { compileComputedTrait, type CompiledComputedTrait } from './compile-computed-trait.ts';
export { parseComputedTraitText, printComputedTraitText } from './computed-trait-text.ts';
export {
  deleteComputedTrait,
  getComputedTrait,
  listComputedTraitNames,
  listComputedTraits,
  saveComputedTrait,
  saveComputedTraitInputSchema,
  type SaveComputedTraitInput,
} from './computed-trait-store.ts';
export {
  refreshComputedTraits,
  refreshComputedTraitsForProfiles,
  type ComputedTraitRefreshResult,
} from './refresh-computed-traits.ts';
export { previewComputedTrait, type ComputedTraitPreview } from './preview-computed-trait.ts';
