/**
 * The server's dispatch domain: unit registry, catalogue versions and the workflow, one set per
 * database handle (like the ticket store's prepared statements). Created on first use, which on a
 * fresh database seeds the shipped registry and catalogue version 1.
 */
import type { ServerDb } from '../db/open';
import { CatalogueService } from './catalogue';
import { UnitDirectory } from './units';
import { DispatchWorkflow } from './workflow';

export interface DispatchDomain {
  units: UnitDirectory;
  catalogue: CatalogueService;
  workflow: DispatchWorkflow;
}

const domains = new WeakMap<ServerDb, DispatchDomain>();

export function dispatchDomain(db: ServerDb, now: () => Date = () => new Date()): DispatchDomain {
  let domain = domains.get(db);
  if (!domain) {
    UnitDirectory.seedIfEmpty(db, now().toISOString());
    const units = new UnitDirectory(db);
    CatalogueService.seedIfEmpty(db, units);
    const catalogue = new CatalogueService(db, units);
    domain = { units, catalogue, workflow: new DispatchWorkflow(units, catalogue) };
    domains.set(db, domain);
  }
  return domain;
}
