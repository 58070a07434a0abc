/**
 * Bridge from a catalogue match to the dispatch command's assignment, so the agent's one-key
 * confirm dispatches exactly what the panel showed, including the catalogue version and entry.
 */
import type { AssignmentInput } from '../../../shared/dispatch';
import { CatalogueError } from './errors';
import type { ResolvedCatalogueMatch } from './matcher';

export function assignmentFromMatch(match: ResolvedCatalogueMatch): AssignmentInput {
  if (!match.unitId) throw new CatalogueError(`「${match.matter}」的承办单位尚未确定：${match.unitName}`);
  return {
    leadUnitId: match.unitId,
    coUnitIds: match.dispatchMode === 'dual' ? match.coUnitIds : [],
    mode: match.dispatchMode,
    timeTier: match.timeTier,
    catalogueVersion: match.catalogueVersion,
    entryId: match.entryId,
  };
}
