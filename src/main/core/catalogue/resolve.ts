/**
 * Jurisdiction resolution (属地): turns an entry's unit rule plus the appeal's district/street into
 * the concrete unit. A street-level entry with a street code goes to that street's office; without a
 * street it goes to the district government; municipal and enterprise rules ignore the location.
 */
import { parseUnitSpec, type UnitSpec } from './entries';
import type { Unit, UnitRegistry } from './units';

export interface Location {
  districtCode?: string | null;
  streetCode?: string | null;
}

export interface ResolvedUnit {
  unit: Unit | null;
  /** Why this unit (or why none): shown in the dispatch panel. */
  why: string;
}

export function resolveUnit(rule: string, location: Location, registry: UnitRegistry): ResolvedUnit {
  const spec = parseUnitSpec(rule);
  if (!spec) return { unit: null, why: `单位规则「${rule}」无效` };
  return resolveSpec(spec, location, registry);
}

export function resolveSpec(spec: UnitSpec, location: Location, registry: UnitRegistry): ResolvedUnit {
  const streetCode = location.streetCode || null;
  // A street code carries its district; trust it over a missing or inconsistent district code.
  const districtCode = (streetCode ? streetCode.slice(0, 6) : null) ?? location.districtCode ?? null;
  const districtGov = () => (districtCode ? registry.districtGovernment(districtCode) : undefined);
  switch (spec.level) {
    case 'street': {
      const office = streetCode ? registry.streetOffice(streetCode) : undefined;
      if (office) return { unit: office, why: `属地街道/乡镇：${office.name}` };
      const gov = districtGov();
      if (gov) return { unit: gov, why: streetCode ? `街道 ${streetCode} 不在名录中，派区政府：${gov.name}` : `未定位到街道，派区政府：${gov.name}` };
      return { unit: null, why: '属地街道/乡镇（地址未定位，请先确定街道）' };
    }
    case 'district': {
      const gov = districtGov();
      return gov ? { unit: gov, why: `属地区政府：${gov.name}` } : { unit: null, why: '属地区政府（地址未定位，请先确定区）' };
    }
    case 'district_department': {
      const dept = districtCode ? registry.findBySector('district_department', spec.sector, districtCode) : undefined;
      if (dept) return { unit: dept, why: `属地区${spec.sector}部门：${dept.name}` };
      const gov = districtGov();
      if (gov) return { unit: gov, why: `派${gov.name}（由区政府转区${spec.sector}部门）` };
      return { unit: null, why: `属地区${spec.sector}部门（地址未定位，请先确定区）` };
    }
    case 'municipal':
    case 'enterprise': {
      const unit = registry.findBySector(spec.level === 'municipal' ? 'municipal_department' : 'enterprise', spec.sector);
      if (unit) return { unit, why: `${spec.level === 'municipal' ? '市级主管部门' : '公共服务企业'}：${unit.name}` };
      return { unit: null, why: `没有可派的「${spec.sector}」单位（可能已撤销）` };
    }
    case 'unit': {
      const raw = registry.get(spec.unitId);
      const unit = registry.followSuccessor(raw);
      if (unit) return { unit, why: raw && raw.id !== unit.id ? `原单位「${raw.name}」已撤销，由「${unit.name}」接替` : `指定单位：${unit.name}` };
      return { unit: null, why: raw ? `单位「${raw.name}」已撤销，请人工派单` : `未知单位 ${spec.unitId}` };
    }
  }
}
