/**
 * Unit registry as CSV (`resources/catalogue/units.csv`). Import checks every row and reports each
 * bad row with its line number; a file with any bad row imports nothing.
 * Former names are `名称@ISO时间` pairs separated by `|` (the time the name stopped being used).
 */
import { parseCsvRecords } from '../text/csv';
import { toCsv } from './csv-write';
import { CatalogueError, type RowProblem } from './errors';
import { UNIT_TYPES, UnitRegistry, checkUnit, type Unit, type UnitType } from './units';

export const UNIT_CSV_COLUMNS = ['id', 'name', 'short_name', 'type', 'sector', 'district_code', 'street_code', 'contact', 'status', 'retired_at', 'replaced_by', 'former_names'] as const;

export function parseUnitsCsv(text: string): Unit[] {
  let records;
  try {
    records = parseCsvRecords(text, ['id', 'name', 'type', 'sector']);
  } catch (error) {
    throw new CatalogueError(`单位名录文件无法读取：${(error as Error).message}`);
  }
  const problems: RowProblem[] = [];
  const units: Unit[] = [];
  const seen = new Map<string, number>();
  for (const { line, record: r } of records) {
    const get = (k: string) => (r[k] ?? '').trim();
    const status = get('status') || 'active';
    const type = get('type') as UnitType;
    const formerNames = get('former_names');
    const nameHistory = formerNames
      ? formerNames.split('|').map((pair) => {
          const [name = '', until = ''] = pair.split('@');
          return { name: name.trim(), until: until.trim() };
        })
      : [];
    const unit: Unit = {
      id: get('id'),
      name: get('name'),
      shortName: get('short_name') || get('name'),
      type,
      sector: get('sector'),
      districtCode: get('district_code') || null,
      streetCode: get('street_code') || null,
      contact: get('contact'),
      status: status as Unit['status'],
      retiredAt: get('retired_at') || null,
      replacedBy: get('replaced_by') || null,
      nameHistory,
    };
    let problem = checkUnit(unit);
    if (!problem && !UNIT_TYPES.includes(type)) problem = `单位类型「${type}」不认识`;
    if (!problem && status !== 'active' && status !== 'retired') problem = `状态「${status}」应为 active 或 retired`;
    if (!problem && status === 'retired' && !unit.retiredAt) problem = '已撤销的单位需要撤销时间（retired_at）';
    if (!problem && nameHistory.some((h) => !h.name || Number.isNaN(Date.parse(h.until)))) problem = '曾用名格式应为 名称@时间，多个用 | 分隔';
    if (!problem && seen.has(unit.id)) problem = `单位编号 ${unit.id} 与第 ${seen.get(unit.id)} 行重复`;
    if (problem) problems.push({ line, message: problem });
    else {
      seen.set(unit.id, line);
      units.push(unit);
    }
  }
  for (const u of units) {
    if (u.replacedBy && !seen.has(u.replacedBy)) problems.push({ line: seen.get(u.id)!, message: `接替单位 ${u.replacedBy} 不在名录中` });
  }
  if (problems.length) throw new CatalogueError(`单位名录有 ${problems.length} 行错误，未导入任何单位`, problems.sort((a, b) => a.line - b.line));
  return units;
}

export function unitRegistryFromCsv(text: string): UnitRegistry {
  return new UnitRegistry(parseUnitsCsv(text));
}

export function unitsToCsv(units: readonly Unit[]): string {
  return toCsv(
    UNIT_CSV_COLUMNS,
    units.map((u) => [
      u.id,
      u.name,
      u.shortName === u.name ? '' : u.shortName,
      u.type,
      u.sector,
      u.districtCode ?? '',
      u.streetCode ?? '',
      u.contact,
      u.status,
      u.retiredAt ?? '',
      u.replacedBy ?? '',
      u.nameHistory.map((h) => `${h.name}@${h.until}`).join('|'),
    ]),
  );
}
