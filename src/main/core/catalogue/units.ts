/**
 * Unit registry (承办单位名录): every unit a ticket can be dispatched to, with its type, jurisdiction
 * and contact. Units are never deleted: a rename keeps the former name with the time it stopped
 * being used, and a retired unit stays readable (old tickets and catalogue versions name it) but
 * can no longer receive dispatches; `replacedBy` points to its successor when there is one.
 */
import { CatalogueError } from './errors';

export const UNIT_TYPES = ['street_office', 'district_government', 'district_department', 'municipal_department', 'enterprise', 'hotline_center'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];
export const UNIT_TYPE_LABELS: Record<UnitType, string> = {
  street_office: '街道/乡镇',
  district_government: '区政府',
  district_department: '区职能部门',
  municipal_department: '市级部门',
  enterprise: '公共服务企业',
  hotline_center: '热线中心',
};

export interface UnitNameChange {
  name: string;
  /** ISO time from which the name is no longer used. */
  until: string;
}

export interface Unit {
  id: string;
  name: string;
  shortName: string;
  type: UnitType;
  /** Line of work used by catalogue entries to find the unit (住建, 城管执法, 供水 …); 属地 for territorial units. */
  sector: string;
  /** District (6-digit) for street offices, district governments and district departments. */
  districtCode: string | null;
  /** Street/township (9-digit) for street offices. */
  streetCode: string | null;
  contact: string;
  status: 'active' | 'retired';
  retiredAt: string | null;
  replacedBy: string | null;
  nameHistory: UnitNameChange[];
}

const ID_PATTERN = /^[a-z][a-z0-9-]{1,47}$/;

export class UnitRegistry {
  private readonly byId = new Map<string, Unit>();
  private bySectorKey = new Map<string, Unit[]>();
  private byStreet = new Map<string, Unit>();
  private byDistrictGov = new Map<string, Unit>();

  constructor(units: readonly Unit[] = []) {
    for (const u of units) {
      const problem = checkUnit(u) ?? (this.byId.has(u.id) ? `单位编号重复：${u.id}` : null);
      if (problem) throw new CatalogueError(problem);
      this.byId.set(u.id, cloneUnit(u));
    }
    for (const u of this.byId.values()) {
      if (u.replacedBy && !this.byId.has(u.replacedBy)) throw new CatalogueError(`单位 ${u.id} 的接替单位 ${u.replacedBy} 不存在`);
    }
    this.reindex();
  }

  get size(): number {
    return this.byId.size;
  }

  all(): Unit[] {
    return [...this.byId.values()].map(cloneUnit);
  }

  get(id: string): Unit | undefined {
    const u = this.byId.get(id);
    return u && cloneUnit(u);
  }

  /** The unit for a dispatch: unknown and retired units are errors with a message for the user. */
  requireActive(id: string): Unit {
    const problem = this.dispatchProblem(id);
    if (problem) throw new CatalogueError(problem);
    return this.get(id)!;
  }

  /** Why a unit cannot receive a dispatch, or null. Fits `DispatchPolicy.checkUnit`. */
  dispatchProblem(id: string): string | null {
    const u = this.byId.get(id);
    if (!u) return `未知的承办单位：${id}`;
    if (u.status === 'retired') {
      const successor = u.replacedBy ? this.byId.get(u.replacedBy) : undefined;
      return `承办单位「${u.name}」已于 ${u.retiredAt?.slice(0, 10) ?? '—'} 撤销${successor ? `，请改派「${successor.name}」` : ''}`;
    }
    return null;
  }

  /** The name a unit had at a time (for old tickets and audit lines). */
  nameAt(id: string, at: string): string | undefined {
    const u = this.byId.get(id);
    if (!u) return undefined;
    const t = Date.parse(at);
    for (const change of u.nameHistory) if (t < Date.parse(change.until)) return change.name;
    return u.name;
  }

  /** Finds a unit by current or former name or short name (CSV imports name units this way). */
  findByName(name: string): Unit | undefined {
    const n = name.trim();
    for (const u of this.byId.values()) {
      if (u.name === n || u.shortName === n || u.nameHistory.some((h) => h.name === n)) return cloneUnit(u);
    }
    return undefined;
  }

  /** Active unit of a type and sector (district departments also by district). */
  findBySector(type: UnitType, sector: string, districtCode: string | null = null): Unit | undefined {
    return this.bySectorKey.get(sectorKey(type, sector, districtCode))?.find((u) => u.status === 'active');
  }

  /** Street/township office for a 9-digit street code, following `replacedBy` when it was merged away. */
  streetOffice(streetCode: string): Unit | undefined {
    return this.followSuccessor(this.byStreet.get(streetCode));
  }

  districtGovernment(districtCode: string): Unit | undefined {
    return this.followSuccessor(this.byDistrictGov.get(districtCode));
  }

  /** Active successor chain end, or undefined when the unit is retired without a successor. */
  followSuccessor(unit: Unit | undefined): Unit | undefined {
    let u = unit;
    for (let hops = 0; u && u.status === 'retired' && hops < 10; hops++) u = u.replacedBy ? this.byId.get(u.replacedBy) : undefined;
    return u && u.status === 'active' ? cloneUnit(u) : undefined;
  }

  add(unit: Omit<Unit, 'status' | 'retiredAt' | 'replacedBy' | 'nameHistory'> & Partial<Pick<Unit, 'status' | 'nameHistory'>>): Unit {
    const full: Unit = { status: 'active', retiredAt: null, replacedBy: null, nameHistory: [], ...unit };
    if (this.byId.has(full.id)) throw new CatalogueError(`单位编号已存在：${full.id}`);
    const problem = checkUnit(full, this);
    if (problem) throw new CatalogueError(problem);
    this.byId.set(full.id, cloneUnit(full));
    this.reindex();
    return cloneUnit(full);
  }

  rename(id: string, newName: string, at: string, newShortName?: string): Unit {
    const u = this.byId.get(id);
    if (!u) throw new CatalogueError(`未知的承办单位：${id}`);
    const name = newName.trim();
    if (!name || name.length > 80) throw new CatalogueError('单位名称不能为空，最多 80 字');
    if (name === u.name) throw new CatalogueError('新名称与现名称相同');
    const clash = [...this.byId.values()].find((o) => o.id !== id && o.name === name && o.status === 'active');
    if (clash) throw new CatalogueError(`名称「${name}」已被单位 ${clash.id} 使用`);
    const next: Unit = { ...u, name, shortName: newShortName?.trim() || name, nameHistory: [...u.nameHistory, { name: u.name, until: at }] };
    this.byId.set(id, next);
    this.reindex();
    return cloneUnit(next);
  }

  retire(id: string, at: string, replacedBy: string | null = null): Unit {
    const u = this.byId.get(id);
    if (!u) throw new CatalogueError(`未知的承办单位：${id}`);
    if (u.status === 'retired') throw new CatalogueError(`单位「${u.name}」已撤销`);
    if (replacedBy) {
      const problem = replacedBy === id ? '单位不能由自己接替' : this.dispatchProblem(replacedBy);
      if (problem) throw new CatalogueError(`接替单位无效：${problem}`);
    }
    const next: Unit = { ...u, status: 'retired', retiredAt: at, replacedBy };
    this.byId.set(id, next);
    this.reindex();
    return cloneUnit(next);
  }

  private reindex(): void {
    this.bySectorKey = new Map();
    this.byStreet = new Map();
    this.byDistrictGov = new Map();
    for (const u of this.byId.values()) {
      const key = sectorKey(u.type, u.sector, u.type === 'district_department' ? u.districtCode : null);
      const list = this.bySectorKey.get(key) ?? [];
      list.push(u);
      this.bySectorKey.set(key, list);
      if (u.type === 'street_office' && u.streetCode) this.byStreet.set(u.streetCode, u);
      if (u.type === 'district_government' && u.districtCode) this.byDistrictGov.set(u.districtCode, u);
    }
  }
}

function sectorKey(type: UnitType, sector: string, districtCode: string | null): string {
  return `${type}|${sector}|${districtCode ?? ''}`;
}

function cloneUnit(u: Unit): Unit {
  return { ...u, nameHistory: u.nameHistory.map((h) => ({ ...h })) };
}

/** Field rules for one unit; returns the first problem in Chinese, or null. */
export function checkUnit(u: Unit, registry?: UnitRegistry): string | null {
  if (!ID_PATTERN.test(u.id)) return `单位编号「${u.id}」格式不对（小写字母开头，字母、数字、连字符，2–48 位）`;
  if (!u.name.trim() || u.name.length > 80) return '单位名称不能为空，最多 80 字';
  if (!UNIT_TYPES.includes(u.type)) return `单位类型「${String(u.type)}」不认识，可选：${UNIT_TYPES.join('、')}`;
  if (!u.sector.trim()) return '单位行业（sector）不能为空';
  if (u.districtCode !== null && !/^\d{6}$/.test(u.districtCode)) return `区代码「${u.districtCode}」应为 6 位数字`;
  if (u.streetCode !== null && !/^\d{9}$/.test(u.streetCode)) return `街道代码「${u.streetCode}」应为 9 位数字`;
  if (u.type === 'street_office' && (!u.streetCode || !u.districtCode)) return '街道/乡镇单位必须有街道代码和区代码';
  if ((u.type === 'district_government' || u.type === 'district_department') && !u.districtCode) return '区级单位必须有区代码';
  if (u.streetCode && u.districtCode && !u.streetCode.startsWith(u.districtCode)) return `街道代码 ${u.streetCode} 不属于区 ${u.districtCode}`;
  if (u.replacedBy && registry && !registry.get(u.replacedBy)) return `接替单位 ${u.replacedBy} 不存在`;
  return null;
}
