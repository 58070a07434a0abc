/**
 * The unit registry as the server keeps it: rows in `units` (never deleted), loaded into the core's
 * `UnitRegistry` (src/main/core/catalogue) for checks and jurisdiction resolution. Seeded from the
 * shipped registry on first start. Every change validates on a copy first and is written in one
 * transaction; the in-memory registry is swapped only after the commit.
 */
import { eq } from 'drizzle-orm';
import { CatalogueError, UnitRegistry, loadUnitRegistry, type Unit, type UnitType } from '../../main/core/catalogue';
import type { ServerDb } from '../db/open';
import { units } from '../db/schema';

type UnitRow = typeof units.$inferSelect;

function toUnit(row: UnitRow): Unit {
  return {
    id: row.id,
    name: row.name,
    shortName: row.shortName,
    type: row.type as UnitType,
    sector: row.sector,
    districtCode: row.districtCode,
    streetCode: row.streetCode,
    contact: row.contact,
    status: row.status === 'retired' ? 'retired' : 'active',
    retiredAt: row.retiredAt,
    replacedBy: row.replacedBy,
    nameHistory: JSON.parse(row.nameHistory) as Unit['nameHistory'],
  };
}

function toRow(u: Unit, at: string): UnitRow {
  return { ...u, nameHistory: JSON.stringify(u.nameHistory), updatedAt: at };
}

export interface NewUnit {
  id: string;
  name: string;
  shortName?: string;
  type: UnitType;
  sector: string;
  districtCode?: string | null;
  streetCode?: string | null;
  contact?: string;
}

export class UnitDirectory {
  private registry: UnitRegistry;

  constructor(private readonly db: ServerDb) {
    this.registry = this.load();
  }

  /** First start: the shipped registry (resources/catalogue/units.csv). */
  static seedIfEmpty(db: ServerDb, at: string): boolean {
    if (db.select({ id: units.id }).from(units).limit(1).get()) return false;
    const shipped = loadUnitRegistry().all();
    db.transaction((tx) => {
      for (const u of shipped) tx.insert(units).values(toRow(u, at)).run();
    });
    return true;
  }

  private load(): UnitRegistry {
    return new UnitRegistry(this.db.select().from(units).all().map(toUnit));
  }

  /** The current registry (read only by convention: writes go through this directory). */
  get current(): UnitRegistry {
    return this.registry;
  }

  get(id: string): Unit | undefined {
    return this.registry.get(id);
  }

  /** The unit's current name, or its id when unknown (audit lines must never fail). */
  nameOf(id: string): string {
    return this.registry.get(id)?.name ?? id;
  }

  add(input: NewUnit, at: string): Unit {
    const copy = new UnitRegistry(this.registry.all());
    const unit = copy.add({
      id: input.id.trim(),
      name: input.name.trim(),
      shortName: input.shortName?.trim() || input.name.trim(),
      type: input.type,
      sector: input.sector.trim(),
      districtCode: input.districtCode ?? null,
      streetCode: input.streetCode ?? null,
      contact: input.contact?.trim() ?? '',
    });
    this.db.insert(units).values(toRow(unit, at)).run();
    this.registry = copy;
    return unit;
  }

  rename(id: string, name: string, at: string, shortName?: string): Unit {
    const copy = new UnitRegistry(this.registry.all());
    const unit = copy.rename(id, name, at, shortName);
    this.db.update(units).set(toRow(unit, at)).where(eq(units.id, id)).run();
    this.registry = copy;
    return unit;
  }

  retire(id: string, at: string, replacedBy: string | null): Unit {
    const copy = new UnitRegistry(this.registry.all());
    const unit = copy.retire(id, at, replacedBy);
    this.db.update(units).set(toRow(unit, at)).where(eq(units.id, id)).run();
    this.registry = copy;
    return unit;
  }

  /** Why a unit account cannot act (unknown or retired unit), or null. */
  accountProblem(unitId: string | null | undefined): string | null {
    if (!unitId) return '该承办单位账号未绑定单位，请联系管理员';
    const unit = this.registry.get(unitId);
    if (!unit) return `账号所属单位 ${unitId} 不在单位名录中，请联系管理员`;
    if (unit.status === 'retired') return `本单位「${unit.name}」已撤销，不能再办理工单`;
    return null;
  }
}

export { CatalogueError };
