import { describe, expect, it } from 'vitest';
import {
  CatalogueError,
  CatalogueStore,
  applyCatalogueDelta,
  catalogueToCsv,
  categoryCheckContext,
  createStarterStore,
  loadStarterEntries,
  loadUnitRegistry,
  parseCatalogueCsv,
  type CatalogueEntry,
} from '../../../src/main/core/catalogue';
import { loadTaxonomy } from '../../../src/main/core/taxonomy/taxonomy';

const HEADER = 'id,matter,category_path,keywords,responsible,co_handling,dispatch_mode,time_tier,legal_basis';
const GOOD = 'X1,小区停水,城乡建设/城市建设和市政管理/自来水供应,停水|没水,enterprise:供水,street,双派,24h,供水服务';

function errorOf(fn: () => unknown): CatalogueError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CatalogueError) return error;
    throw error;
  }
  throw new Error('expected a CatalogueError');
}

describe('starter catalogue', () => {
  it('has at least 300 valid entries covering all 15 level-1 classes', () => {
    const entries = loadStarterEntries();
    expect(entries.length).toBeGreaterThanOrEqual(300);
    const classes = new Set(loadTaxonomy().map((l) => l.level1));
    expect(classes.size).toBe(15);
    expect(new Set(entries.map((e) => e.categoryPath.split('/')[0]))).toEqual(classes);
    expect(entries.some((e) => e.dispatchMode === 'dual')).toBe(true);
  });
});

describe('catalogue CSV import', () => {
  const ctx = () => categoryCheckContext(loadUnitRegistry());

  it('reports each bad row with its line number and imports nothing into the draft', () => {
    const store = createStarterStore();
    const before = store.draftEntries();
    const csv = [
      HEADER,
      GOOD, // line 2: fine
      'X2,,城乡建设/城市建设和市政管理/自来水供应,停水,enterprise:供水,,直派,24h,依据', // 3: no matter
      'X3,占道经营,不存在的分类,摆摊,street,,直派,7d,依据', // 4: unknown category
      'X4,快递,交通运输/邮政管理/快递市场管理,快递,unit:no-such-unit,,直派,7d,依据', // 5: unknown unit
      'X5,"施工噪声，夜间",环境保护/环境污染/噪音污染,施工,municipal:城管执法,,双派,3d,依据', // 6: dual without co, bad tier
      GOOD.replace('X1', 'X1'), // 7: duplicate id
    ].join('\n');
    const error = errorOf(() => store.importDraftCsv(csv));
    expect(error.message).toContain('5 行错误，未导入任何事项');
    expect(error.problems.map((p) => p.line)).toEqual([3, 4, 5, 6, 7]);
    expect(error.problems[0]!.message).toContain('事项名称不能为空');
    expect(error.problems[1]!.message).toContain('不在分类体系中');
    expect(error.problems[2]!.message).toContain('未知的承办单位：no-such-unit');
    expect(error.problems[3]!.message).toContain('办理时限「3d」');
    expect(error.problems[3]!.message).toContain('双派事项需要协办单位');
    expect(error.problems[4]!.message).toContain('与第 2 行重复');
    expect(store.draftEntries()).toEqual(before);
  });

  it('counts lines correctly when a quoted field spans lines', () => {
    const csv = [HEADER, 'Y1,"多行\n事项",城乡建设/城市建设和市政管理/自来水供应,停水,enterprise:供水,,直派,24h,依据', 'Y2,坏行,城乡建设,停水,nowhere,,直派,24h,依据'].join('\n');
    expect(errorOf(() => parseCatalogueCsv(csv, ctx())).problems).toEqual([{ line: 4, message: expect.stringContaining('单位规则「nowhere」不认识') }]);
  });

  it('rejects an entry pointing to a retired unit', () => {
    const registry = loadUnitRegistry();
    registry.retire('en-tietong', '2026-04-01T00:00:00.000Z');
    const csv = [HEADER, 'Z1,铁通固话,科技与信息产业/电信/运营商监管,铁通|固话,unit:en-tietong,,直派,7d,电信条例', 'Z2,铁通业务,科技与信息产业/电信/运营商监管,铁通,enterprise:铁通,,直派,7d,电信条例'].join('\n');
    const error = errorOf(() => parseCatalogueCsv(csv, categoryCheckContext(registry)));
    expect(error.problems.map((p) => [p.line, p.message.includes('已撤销的单位「中国铁通北京分公司」')])).toEqual([
      [2, true],
      [3, true],
    ]);
  });

  it('exports and re-imports the starter catalogue unchanged', () => {
    const entries = loadStarterEntries();
    expect(parseCatalogueCsv(catalogueToCsv(entries), ctx())).toEqual(entries);
  });
});

describe('catalogue versions', () => {
  const edit = (e: CatalogueEntry): CatalogueEntry => ({ ...e, keywords: [...e.keywords, '没水了'] });

  it('publishes a draft as the next version and serves the delta that brings a client up to date', () => {
    const store = createStarterStore();
    expect(store.currentVersion).toBe(1);
    const v1 = store.current()!.entries;
    const changed = edit(v1.find((e) => e.id === 'H001')!);
    store.upsertDraftEntry(changed);
    store.removeDraftEntry('H002');
    store.upsertDraftEntry({ ...changed, id: 'N001', matter: '二次供水水箱清洗', keywords: ['二次供水', '水箱'], dispatchMode: 'direct', coHandling: null, responsible: 'street' });
    const { version, delta } = store.publish('admin-1', '2026-03-01T00:00:00.000Z', '补充二次供水');
    expect(version.version).toBe(2);
    expect(delta).toMatchObject({ fromVersion: 1, toVersion: 2, removedIds: ['H002'] });
    expect(delta.upserts.map((e) => e.id).sort()).toEqual(['H001', 'N001']);
    expect(store.delta(1)).toEqual(delta);
    // A client on version 1 applies the delta and holds exactly version 2.
    const client = applyCatalogueDelta(v1, 1, delta);
    expect(client.version).toBe(2);
    const sortById = (xs: CatalogueEntry[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
    expect(sortById(client.entries)).toEqual(sortById(store.current()!.entries));
    expect(() => applyCatalogueDelta(v1, 0, delta)).toThrow('本地是第 0 版');
    // Old versions stay readable: a ticket dispatched under v1 can still show its entry.
    expect(store.version(1)!.entries.some((e) => e.id === 'H002')).toBe(true);
    expect(store.listVersions().map((v) => v.version)).toEqual([1, 2]);
  });

  it('refuses to publish while an entry points to a unit retired after it was written, and keeps the draft', () => {
    const registry = loadUnitRegistry();
    const store = new CatalogueStore(categoryCheckContext(registry), createStarterStore(registry).toJSON());
    store.upsertDraftEntry(edit(store.current()!.entries.find((e) => e.matter === '快递')!));
    registry.retire('mu-yzglj', '2026-04-01T00:00:00.000Z');
    expect(() => store.publish('admin-1', '2026-04-02T00:00:00.000Z')).toThrow(/已撤销的单位「北京市邮政管理局」/);
    expect(store.currentVersion).toBe(1);
    expect(store.hasDraft()).toBe(true);
  });

  it('rejects a bad draft edit and publishing an unchanged draft', () => {
    const store = createStarterStore();
    const e = store.current()!.entries[0]!;
    expect(() => store.upsertDraftEntry({ ...e, responsible: 'unit:ghost' })).toThrow('未知的承办单位：ghost');
    expect(store.hasDraft()).toBe(false); // the failed edit did not even open a draft
    expect(() => store.publish('admin-1', '2026-03-01T00:00:00.000Z')).toThrow('没有待发布的草稿');
    expect(store.draftEntries()).toEqual(store.current()!.entries);
    expect(() => store.publish('admin-1', '2026-03-01T00:00:00.000Z')).toThrow('无需发布');
    expect(() => store.delta(7)).toThrow('没有第 7 版');
  });
});
