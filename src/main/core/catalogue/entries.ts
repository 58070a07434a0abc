/**
 * Responsibility catalogue entries (职责目录事项): which unit handles a matter, found by keywords and
 * category. The responsible unit is not a fixed unit id but a rule per jurisdiction level, so one
 * entry serves all 349 streets:
 *
 *   street                 the street/township office where the appeal is located (属地)
 *   district               the district government
 *   district:<sector>      that district's department of the sector (falls back to the district government)
 *   municipal:<sector>     the municipal department of the sector (市住建委 for 住建)
 *   enterprise:<sector>    the public-service enterprise of the sector (供水, 电力, 燃气 …)
 *   unit:<id>              one named unit
 */
import { TIME_TIERS, type TimeTier } from '../../../shared/domain';
import type { UnitRegistry } from './units';

export const ENTRY_DISPATCH_MODES = ['direct', 'dual'] as const;
export type EntryDispatchMode = (typeof ENTRY_DISPATCH_MODES)[number];

export interface CatalogueEntry {
  id: string;
  /** 事项, e.g. 小区停水. */
  matter: string;
  /** Taxonomy path: level1, level1/level2 or level1/level2/level3. */
  categoryPath: string;
  keywords: string[];
  responsible: string;
  /** Co-handling unit rule for 双派, else null. */
  coHandling: string | null;
  dispatchMode: EntryDispatchMode;
  timeTier: TimeTier;
  legalBasis: string;
}

export type UnitSpec =
  | { level: 'street' }
  | { level: 'district' }
  | { level: 'district_department'; sector: string }
  | { level: 'municipal'; sector: string }
  | { level: 'enterprise'; sector: string }
  | { level: 'unit'; unitId: string };

export const UNIT_SPEC_LABELS: Record<UnitSpec['level'], string> = {
  street: '属地街道/乡镇',
  district: '属地区政府',
  district_department: '区职能部门',
  municipal: '市级部门',
  enterprise: '公共服务企业',
  unit: '指定单位',
};

export function parseUnitSpec(raw: string): UnitSpec | null {
  const s = raw.trim();
  if (s === 'street') return { level: 'street' };
  if (s === 'district') return { level: 'district' };
  const m = /^(district|municipal|enterprise|unit):(.+)$/.exec(s);
  if (!m) return null;
  const arg = m[2]!.trim();
  if (!arg) return null;
  switch (m[1]) {
    case 'district':
      return { level: 'district_department', sector: arg };
    case 'municipal':
      return { level: 'municipal', sector: arg };
    case 'enterprise':
      return { level: 'enterprise', sector: arg };
    default:
      return { level: 'unit', unitId: arg };
  }
}

export function formatUnitSpec(spec: UnitSpec): string {
  switch (spec.level) {
    case 'street':
    case 'district':
      return spec.level;
    case 'district_department':
      return `district:${spec.sector}`;
    case 'unit':
      return `unit:${spec.unitId}`;
    default:
      return `${spec.level}:${spec.sector}`;
  }
}

/**
 * Problems with a unit rule against the registry: unknown units and retired units are errors, so a
 * catalogue can never be published pointing at a unit that cannot receive dispatches.
 */
export function unitSpecProblem(raw: string, registry: UnitRegistry): string | null {
  const spec = parseUnitSpec(raw);
  if (!spec) return `单位规则「${raw}」不认识（可用 street、district、district:行业、municipal:行业、enterprise:行业、unit:单位编号）`;
  switch (spec.level) {
    case 'unit': {
      const u = registry.get(spec.unitId);
      if (!u) return `未知的承办单位：${spec.unitId}`;
      if (u.status === 'retired') return `事项指向已撤销的单位「${u.name}」（${u.id}）`;
      return null;
    }
    case 'municipal':
    case 'enterprise': {
      const type = spec.level === 'municipal' ? 'municipal_department' : 'enterprise';
      if (registry.findBySector(type, spec.sector)) return null;
      const retired = registry.all().find((u) => u.type === type && u.sector === spec.sector);
      return retired ? `事项指向已撤销的单位「${retired.name}」（${retired.id}）` : `没有行业为「${spec.sector}」的${spec.level === 'municipal' ? '市级部门' : '公共服务企业'}`;
    }
    default:
      return null;
  }
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

export interface EntryCheckContext {
  registry: UnitRegistry;
  /** Known taxonomy paths, including level-1 and level-2 prefixes. */
  categoryPaths: ReadonlySet<string>;
}

/** All problems of one entry, in Chinese (empty when the entry is fine). */
export function entryProblems(e: CatalogueEntry, ctx: EntryCheckContext): string[] {
  const p: string[] = [];
  if (!ID_PATTERN.test(e.id)) p.push(`编号「${e.id}」格式不对（字母、数字、_、-，最多 32 位）`);
  if (!e.matter.trim() || e.matter.length > 100) p.push('事项名称不能为空，最多 100 字');
  if (!ctx.categoryPaths.has(e.categoryPath)) p.push(`分类「${e.categoryPath}」不在分类体系中`);
  if (e.keywords.length === 0) p.push('至少需要一个关键词');
  for (const k of e.keywords) if (k.length < 2 || k.length > 20) p.push(`关键词「${k}」长度应为 2–20 字`);
  const responsibleProblem = unitSpecProblem(e.responsible, ctx.registry);
  if (responsibleProblem) p.push(`主办单位：${responsibleProblem}`);
  if (!ENTRY_DISPATCH_MODES.includes(e.dispatchMode)) p.push(`派单方式「${String(e.dispatchMode)}」应为 直派 或 双派`);
  if (e.dispatchMode === 'dual' && !e.coHandling) p.push('双派事项需要协办单位');
  if (e.dispatchMode === 'direct' && e.coHandling) p.push('直派事项不能有协办单位');
  if (e.coHandling) {
    const coProblem = unitSpecProblem(e.coHandling, ctx.registry);
    if (coProblem) p.push(`协办单位：${coProblem}`);
    else if (e.coHandling.trim() === e.responsible.trim()) p.push('协办单位不能与主办单位相同');
  }
  if (!TIME_TIERS.includes(e.timeTier)) p.push(`办理时限「${String(e.timeTier)}」应为 ${TIME_TIERS.join('/')}`);
  if (!e.legalBasis.trim() || e.legalBasis.length > 500) p.push('依据不能为空，最多 500 字');
  return p;
}

/** Every taxonomy path and its level-1/level-2 prefixes, for `EntryCheckContext.categoryPaths`. */
export function categoryPathSet(leafPaths: Iterable<string>): Set<string> {
  const set = new Set<string>();
  for (const path of leafPaths) {
    const [l1, l2] = path.split('/');
    set.add(path);
    if (l1) set.add(l1);
    if (l1 && l2) set.add(`${l1}/${l2}`);
  }
  return set;
}

/** Keywords normalised the way the matcher sees text (trimmed, deduplicated, full-width letters folded). */
export function normaliseKeywords(keywords: Iterable<string>): string[] {
  const out: string[] = [];
  for (const k of keywords) {
    const n = normaliseText(k).trim();
    if (n && !out.includes(n)) out.push(n);
  }
  return out;
}

/** NFKC folds full-width digits/letters (１２３４５ → 12345); lower-case for Latin keywords. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}
