/**
 * What the core needs from the classification assist (src/main/core/classify) and the catalogue
 * matcher (src/main/core/catalogue). Injected, so the core starts even when a model file is missing
 * and tests can run without one.
 */
import type { AssistInput, AssistResult } from '../../shared/contract';
import type { CatalogueEntry, MatchInput, ResolvedCatalogueMatch } from './catalogue';

export interface AssistProvider {
  suggest(input: AssistInput): AssistResult;
  /** Responsibility-catalogue matches for a recorded ticket (the dispatch panel). */
  matchCatalogue(input: MatchInput): ResolvedCatalogueMatch[];
  /** The catalogue version matches are made against (shipped starter, or the last one fetched). */
  catalogue(): { version: number; entries: readonly CatalogueEntry[] };
  /** Switch to another published catalogue version (fetched from the server, or the local cache). */
  useCatalogue(version: number, entries: CatalogueEntry[]): void;
}
