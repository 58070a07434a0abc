/** The shipped unit registry and starter catalogue (resources/catalogue), parsed once per process. */
import fs from 'node:fs';
import { resourcePath } from '../resources';
import { loadTaxonomy } from '../taxonomy/taxonomy';
import { parseCatalogueCsv } from './catalogue-csv';
import { categoryPathSet, type CatalogueEntry, type EntryCheckContext } from './entries';
import { CatalogueMatcher } from './matcher';
import { unitRegistryFromCsv } from './units-csv';
import type { UnitRegistry } from './units';
import { CatalogueStore } from './versions';

/** Version number of the shipped starter catalogue (a server's first publish builds on it). */
export const STARTER_CATALOGUE_VERSION = 1;
const STARTER_PUBLISHED_AT = '2026-01-01T00:00:00.000Z';

let unitsCsv: string | undefined;
let starter: CatalogueEntry[] | undefined;

/** A fresh registry each call: callers may add, rename and retire units in their own copy. */
export function loadUnitRegistry(): UnitRegistry {
  unitsCsv ??= fs.readFileSync(resourcePath('catalogue/units.csv'), 'utf8');
  return unitRegistryFromCsv(unitsCsv);
}

export function categoryCheckContext(units: UnitRegistry): EntryCheckContext {
  return { registry: units, categoryPaths: categoryPathSet(loadTaxonomy().map((l) => l.path)) };
}

export function loadStarterEntries(units: UnitRegistry = loadUnitRegistry()): CatalogueEntry[] {
  starter ??= parseCatalogueCsv(fs.readFileSync(resourcePath('catalogue/catalogue.csv'), 'utf8'), categoryCheckContext(units));
  return starter.map((e) => ({ ...e, keywords: [...e.keywords] }));
}

/** A store whose version 1 is the starter catalogue. */
export function createStarterStore(units: UnitRegistry = loadUnitRegistry()): CatalogueStore {
  return new CatalogueStore(categoryCheckContext(units), {
    versions: [{ version: STARTER_CATALOGUE_VERSION, publishedAt: STARTER_PUBLISHED_AT, publishedBy: 'system', note: '内置示例职责目录（手写样例数据）', entries: loadStarterEntries(units) }],
    draft: null,
  });
}

/** Matcher over the starter catalogue and the shipped registry. */
export function loadStarterMatcher(units: UnitRegistry = loadUnitRegistry()): CatalogueMatcher {
  return new CatalogueMatcher(loadStarterEntries(units), units, STARTER_CATALOGUE_VERSION);
}
