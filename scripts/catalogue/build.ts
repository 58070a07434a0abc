/**
 * Generates resources/catalogue/units.csv and resources/catalogue/catalogue.csv.
 *
 *   npx tsx scripts/catalogue/build.ts
 *
 * Units: every street/township office and district government from the shipped division codes,
 * the municipal departments and enterprises from resources/catalogue/sources (copied from the
 * project's shared public data), plus the few units in units-data.ts EXTRA_MUNICIPAL.
 * Catalogue: the hand-written entries of entries-data.ts, then one entry per taxonomy leaf using the
 * level-2 rules there, so every one of the 15 level-1 classes is covered. Both files are validated
 * with the same importers the app uses before they are written.
 */
import fs from 'node:fs';
import { buildGazetteer } from '../../src/main/core/gazetteer/gazetteer';
import { buildTaxonomy } from '../../src/main/core/taxonomy/taxonomy';
import { parseCsvRecords } from '../../src/main/core/text/csv';
import { catalogueToCsv, parseCatalogueCsv } from '../../src/main/core/catalogue/catalogue-csv';
import { categoryPathSet, type CatalogueEntry } from '../../src/main/core/catalogue/entries';
import { CatalogueError } from '../../src/main/core/catalogue/errors';
import { unitRegistryFromCsv, unitsToCsv } from '../../src/main/core/catalogue/units-csv';
import type { Unit } from '../../src/main/core/catalogue/units';
import { resourcePath } from '../../src/main/core/resources';
import { HOTLINE_CENTER_UNIT_ID } from '../../src/shared/dispatch';
import { ENTERPRISE_IDS, EXTRA_MUNICIPAL, MUNICIPAL_IDS } from './units-data';
import { HAND_WRITTEN, LEAF_RULES } from './entries-data';

const DEFAULT_CONTACT = '12345派单系统（单位账号）';

function read(relative: string): string {
  return fs.readFileSync(resourcePath(relative), 'utf8');
}

function buildUnits(): Unit[] {
  const gazetteer = buildGazetteer(read('data/divisions/beijing_streets.csv'));
  const base = { status: 'active' as const, retiredAt: null, replacedBy: null, nameHistory: [], contact: DEFAULT_CONTACT };
  const units: Unit[] = [];
  units.push({ ...base, id: HOTLINE_CENTER_UNIT_ID, name: '北京市12345市民热线服务中心', shortName: '市民热线服务中心', type: 'hotline_center', sector: '热线', districtCode: null, streetCode: null, contact: '12345' });
  for (const d of gazetteer.districts) {
    units.push({ ...base, id: `dg-${d.code}`, name: `${d.name}人民政府`, shortName: d.name, type: 'district_government', sector: '属地', districtCode: d.code, streetCode: null });
  }
  for (const s of gazetteer.streets) {
    units.push({ ...base, id: `st-${s.code}`, name: `${s.districtName}${officeName(s.name)}`, shortName: s.name, type: 'street_office', sector: '属地', districtCode: s.districtCode, streetCode: s.code });
  }
  for (const { record } of parseCsvRecords(read('catalogue/sources/municipal_units.csv'), ['name', 'short_name', 'kind'])) {
    const name = record.name!.trim();
    if (record.kind === '区人民政府' || name === '北京市12345市民热线服务中心') continue; // from the gazetteer / above
    const known = MUNICIPAL_IDS[name];
    if (!known) throw new Error(`municipal_units.csv 中的「${name}」没有编号，请在 units-data.ts 中补上`);
    units.push({ ...base, id: known.id, name, shortName: record.short_name!.trim() || name, type: 'municipal_department', sector: known.sector, districtCode: null, streetCode: null });
  }
  for (const extra of EXTRA_MUNICIPAL) {
    units.push({ ...base, id: extra.id, name: extra.name, shortName: extra.shortName, type: 'municipal_department', sector: extra.sector, districtCode: null, streetCode: null });
  }
  for (const { record } of parseCsvRecords(read('catalogue/sources/enterprises.csv'), ['name', 'service'])) {
    const name = record.name!.trim();
    const known = ENTERPRISE_IDS[name];
    if (!known) throw new Error(`enterprises.csv 中的「${name}」没有编号，请在 units-data.ts 中补上`);
    units.push({ ...base, id: known.id, name, shortName: name, type: 'enterprise', sector: known.sector, districtCode: null, streetCode: null, contact: known.contact ?? DEFAULT_CONTACT });
  }
  return units;
}

/** 望京街道 → 望京街道办事处; 南磨房地区 → 南磨房地区办事处; 镇/乡 → 人民政府; development zones → 管理委员会. */
function officeName(name: string): string {
  if (name.endsWith('街道') || name.endsWith('地区')) return `${name}办事处`;
  if (name.endsWith('镇') || name.endsWith('乡')) return `${name}人民政府`;
  return `${name}管理委员会`;
}

function handWritten(): CatalogueEntry[] {
  const lines = HAND_WRITTEN.split('\n').filter((l) => l.trim());
  return lines.map((line, i) => {
    const [matter, categoryPath, keywords, responsible, co, tier, basis] = line.split('|').map((f) => f.trim());
    if (basis === undefined) throw new Error(`entries-data.ts 手写事项第 ${i + 1} 条字段不全：${line}`);
    return {
      id: `H${String(i + 1).padStart(3, '0')}`,
      matter: matter!,
      categoryPath: categoryPath!,
      keywords: keywords!.split('、').map((k) => k.trim()).filter(Boolean),
      responsible: responsible!,
      coHandling: co || null,
      dispatchMode: co ? 'dual' : 'direct',
      timeTier: tier as CatalogueEntry['timeTier'],
      legalBasis: basis,
    };
  });
}

/** Splits a leaf name into keyword phrases: 工作时间和休息休假 → 工作时间, 休息休假. */
function leafKeywords(name: string): string[] {
  const parts = name.split(/[和及与、，]/).map((p) => p.replace(/[“”"]/g, '').trim());
  return [...new Set(parts.filter((p) => p.length >= 2 && p !== '其他' && p.length <= 20))];
}

function leafEntries(): CatalogueEntry[] {
  const rules = new Map<string, { rule: string; tier: string; basis: string }>();
  for (const line of LEAF_RULES.split('\n').filter((l) => l.trim())) {
    const [path, rule, tier, basis] = line.split('|').map((f) => f.trim());
    rules.set(path!, { rule: rule!, tier: tier!, basis: basis! });
  }
  const leaves = buildTaxonomy(read('data/taxonomy/three-level-taxonomy.csv'));
  return leaves.map((leaf, i) => {
    const rule = rules.get(leaf.path) ?? rules.get(`${leaf.level1}/${leaf.level2}`);
    if (!rule) throw new Error(`分类 ${leaf.level1}/${leaf.level2} 没有派单规则，请在 entries-data.ts LEAF_RULES 中补上`);
    const isOther = leaf.level3 === '其他';
    const matter = isOther ? (leaf.level2 === '其他' ? `${leaf.level1}其他事项` : `${leaf.level2}其他事项`) : `${leaf.level3}（${leaf.level2}）`;
    let keywords = leafKeywords(isOther ? (leaf.level2 === '其他' ? leaf.level1 : leaf.level2) : leaf.level3);
    if (keywords.length === 0) keywords = leafKeywords(leaf.level2);
    if (keywords.length === 0) keywords = leafKeywords(leaf.level1);
    return {
      id: `L${String(i + 1).padStart(3, '0')}`,
      matter,
      categoryPath: leaf.path,
      keywords,
      responsible: rule.rule,
      coHandling: null,
      dispatchMode: 'direct',
      timeTier: rule.tier as CatalogueEntry['timeTier'],
      legalBasis: rule.basis,
    };
  });
}

function main(): void {
  const unitsCsv = unitsToCsv(buildUnits());
  const registry = unitRegistryFromCsv(unitsCsv);
  const taxonomy = buildTaxonomy(read('data/taxonomy/three-level-taxonomy.csv'));
  const catalogueCsv = catalogueToCsv([...handWritten(), ...leafEntries()]);
  try {
    const entries = parseCatalogueCsv(catalogueCsv, { registry, categoryPaths: categoryPathSet(taxonomy.map((l) => l.path)) });
    const classes = new Set(entries.map((e) => e.categoryPath.split('/')[0]));
    fs.writeFileSync(resourcePath('catalogue/units.csv'), unitsCsv);
    fs.writeFileSync(resourcePath('catalogue/catalogue.csv'), catalogueCsv);
    console.log(`units.csv: ${registry.size} 个单位；catalogue.csv: ${entries.length} 个事项，覆盖 ${classes.size} 个一级分类`);
  } catch (error) {
    if (error instanceof CatalogueError) {
      console.error(error.message);
      for (const p of error.problems) console.error(`  第 ${p.line} 行：${p.message}`);
      process.exit(1);
    }
    throw error;
  }
}

main();
