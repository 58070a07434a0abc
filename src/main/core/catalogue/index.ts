/**
 * Unit registry, responsibility catalogue (职责目录) and catalogue matcher. Plain Node, no electron.
 *
 * Registry
 * - `loadUnitRegistry()`: the shipped registry (349 street/township offices, 16 district
 *   governments, municipal departments, public-service enterprises, the 12345 centre).
 * - `UnitRegistry`: `add`, `rename` (keeps the former name, see `nameAt`), `retire` (optionally with a
 *   successor), `dispatchProblem(id)` → Chinese reason an id cannot receive a dispatch (fits
 *   `DispatchPolicy.checkUnit` of src/shared/dispatch).
 * - `parseUnitsCsv` / `unitsToCsv`.
 *
 * Catalogue
 * - `CatalogueEntry`: matter, category path, keywords, responsible unit rule (see entries.ts),
 *   optional co-handling rule (双派), dispatch mode, time tier, legal basis.
 * - `CatalogueStore`: draft → publish versions, `delta(from)` for sync, `importDraftCsv` (all rows
 *   checked, bad rows reported with line numbers, nothing imported on error), `exportCsv`.
 * - `applyCatalogueDelta`: the client side of a delta.
 * - `createStarterStore()`: a store whose version 1 is the shipped starter catalogue.
 *
 * Matching
 * - `CatalogueMatcher(entries, registry, version).match({ text, categoryPath?, districtCode?, streetCode? })`
 *   → ranked `ResolvedCatalogueMatch` (the `CatalogueMatch` contract plus unit ids, tier, version).
 * - `loadStarterMatcher()`: matcher over the shipped catalogue.
 * - `assignmentFromMatch(match)`: the `dispatch` command's assignment for a chosen match.
 */
export { UNIT_TYPES, UNIT_TYPE_LABELS, UnitRegistry, checkUnit, type Unit, type UnitNameChange, type UnitType } from './units';
export { UNIT_CSV_COLUMNS, parseUnitsCsv, unitRegistryFromCsv, unitsToCsv } from './units-csv';
export {
  ENTRY_DISPATCH_MODES,
  UNIT_SPEC_LABELS,
  categoryPathSet,
  entryProblems,
  formatUnitSpec,
  normaliseKeywords,
  parseUnitSpec,
  unitSpecProblem,
  type CatalogueEntry,
  type EntryCheckContext,
  type EntryDispatchMode,
  type UnitSpec,
} from './entries';
export { CATALOGUE_CSV_COLUMNS, catalogueToCsv, parseCatalogueCsv } from './catalogue-csv';
export { CatalogueStore, applyCatalogueDelta, diffEntries, type CatalogueDelta, type CatalogueStoreSnapshot, type CatalogueVersion } from './versions';
export { resolveUnit, type Location, type ResolvedUnit } from './resolve';
export { CatalogueMatcher, type MatchInput, type ResolvedCatalogueMatch } from './matcher';
export { CatalogueError, type RowProblem } from './errors';
export { STARTER_CATALOGUE_VERSION, categoryCheckContext, createStarterStore, loadStarterEntries, loadStarterMatcher, loadUnitRegistry } from './load';
export { assignmentFromMatch } from './assignment';
