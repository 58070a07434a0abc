/**
 * Beijing's districts and streets/townships with aliases and pinyin, for pickers and for finding
 * places in appeal text. Built from a division-code CSV (`code,name,areaCode,areaName`) so a newer
 * code list can replace the shipped 2022 vintage without code changes.
 */
import fs from 'node:fs';
import type { Division } from '../../../shared/contract';
import { searchDivisions } from '../../../shared/picker-search';
import { parseCsvRecords } from '../text/csv';
import { pinyinKeys } from '../text/pinyin';
import { resourcePath } from '../resources';

/** Suffixes of township-level names; the part before one is a spoken alias (望京街道 → 望京). */
const STREET_SUFFIXES = ['地区办事处', '街道办事处', '民族乡', '街道', '地区', '镇', '乡'];

export class Gazetteer {
  readonly districts: Division[];
  readonly streets: Division[];
  private readonly byCode: Map<string, Division>;

  constructor(districts: Division[], streets: Division[]) {
    this.districts = districts;
    this.streets = streets;
    this.byCode = new Map([...districts, ...streets].map((d) => [d.code, d]));
  }

  get(code: string): Division | undefined {
    return this.byCode.get(code);
  }

  all(): Division[] {
    return [...this.districts, ...this.streets];
  }

  /** "朝阳区 望京街道" for a ticket's location codes; unknown codes are shown as they are. */
  label(districtCode: string | null, streetCode: string | null): string {
    const parts: string[] = [];
    if (districtCode) parts.push(this.get(districtCode)?.name ?? districtCode);
    if (streetCode) parts.push(this.get(streetCode)?.name ?? streetCode);
    return parts.join(' ');
  }

  /**
   * Picker search by name, alias, full pinyin or pinyin initials (`wj` finds 望京街道).
   * Ranked: exact name/alias, name prefix, initials prefix, pinyin prefix, then substring.
   */
  search(query: string, options: { districtCode?: string | null; limit?: number; level?: 'district' | 'street' } = {}): Division[] {
    return searchDivisions(this.pool(options), query, options.limit ?? 20);
  }

  private pool(options: { districtCode?: string | null; level?: 'district' | 'street' }): Division[] {
    if (options.level === 'district') return this.districts;
    const streets = options.districtCode ? this.streets.filter((s) => s.districtCode === options.districtCode) : this.streets;
    return options.level === 'street' ? streets : [...this.districts, ...streets];
  }
}

/** Ethnic townships (于家务回族乡, 喇叭沟门满族乡): people say the place name alone. */
const ETHNIC_TOWNSHIP = /^(.{2,})(回族|满族|蒙古族|朝鲜族)乡$/;

export function streetAliases(name: string): string[] {
  const ethnic = ETHNIC_TOWNSHIP.exec(name);
  if (ethnic) return [ethnic[1]!, `${ethnic[1]}乡`];
  for (const suffix of STREET_SUFFIXES) {
    if (name.endsWith(suffix) && name.length - suffix.length >= 2) {
      const base = name.slice(0, -suffix.length);
      // 地区 offices are the former townships: people say 南磨房乡 or 南磨房地区办事处.
      const extra = suffix === '地区' ? [`${base}乡`, `${base}地区办事处`] : suffix === '街道' ? [`${base}街道办事处`] : [];
      return [base, ...extra];
    }
  }
  return [];
}

export function districtAliases(name: string): string[] {
  return name.endsWith('区') && name.length >= 3 ? [name.slice(0, -1)] : [];
}

export function buildGazetteer(csvText: string): Gazetteer {
  const records = parseCsvRecords(csvText, ['code', 'name', 'areaCode', 'areaName']);
  const districts = new Map<string, Division>();
  const streets: Division[] = [];
  for (const { line, record } of records) {
    const { code, name, areaCode, areaName } = record as Record<'code' | 'name' | 'areaCode' | 'areaName', string>;
    if (!/^\d{9}$/.test(code) || !/^\d{6}$/.test(areaCode) || !name || !areaName) {
      throw new Error(`区划文件第 ${line} 行格式不对：${JSON.stringify(record)}`);
    }
    if (!districts.has(areaCode)) {
      districts.set(areaCode, {
        code: areaCode,
        name: areaName,
        districtCode: null,
        districtName: areaName,
        aliases: districtAliases(areaName),
        ...pinyinKeys(areaName),
      });
    }
    streets.push({ code, name, districtCode: areaCode, districtName: areaName, aliases: streetAliases(name), ...pinyinKeys(name) });
  }
  return new Gazetteer([...districts.values()].sort((a, b) => a.code.localeCompare(b.code)), streets);
}

let shipped: Gazetteer | undefined;
/** The gazetteer built from the shipped data pack (cached: it never changes while running). */
export function loadGazetteer(): Gazetteer {
  shipped ??= buildGazetteer(fs.readFileSync(resourcePath('data/divisions/beijing_streets.csv'), 'utf8'));
  return shipped;
}
