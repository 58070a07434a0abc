import { describe, expect, it } from 'vitest';
import { CatalogueError, UnitRegistry, loadUnitRegistry, parseUnitsCsv, unitsToCsv } from '../../../src/main/core/catalogue';
import { apply, createDispatchState } from '../../../src/shared/dispatch';

describe('unit registry', () => {
  it('ships every street/township office and district government, the municipal departments and the utilities', () => {
    const r = loadUnitRegistry();
    const all = r.all();
    expect(all.filter((u) => u.type === 'street_office')).toHaveLength(349);
    expect(all.filter((u) => u.type === 'district_government')).toHaveLength(16);
    expect(r.streetOffice('110105026')?.name).toBe('朝阳区望京街道办事处');
    expect(r.districtGovernment('110108')?.name).toBe('海淀区人民政府');
    expect(r.findBySector('municipal_department', '住建')?.name).toBe('北京市住房和城乡建设委员会');
    expect(r.findBySector('enterprise', '供水')).toMatchObject({ name: '北京市自来水集团有限责任公司', contact: '96116' });
    expect(new Set(all.map((u) => u.id)).size).toBe(all.length);
  });

  it('rename keeps the former name in the history', () => {
    const r = loadUnitRegistry();
    r.rename('mu-cgw', '北京市城市管理委员会（新）', '2026-06-01T00:00:00.000Z');
    expect(r.get('mu-cgw')!.name).toBe('北京市城市管理委员会（新）');
    expect(r.nameAt('mu-cgw', '2026-05-31T23:00:00.000Z')).toBe('北京市城市管理委员会');
    expect(r.nameAt('mu-cgw', '2026-06-02T00:00:00.000Z')).toBe('北京市城市管理委员会（新）');
    expect(r.findByName('北京市城市管理委员会')?.id).toBe('mu-cgw');
    // The history survives a CSV round trip.
    const again = new UnitRegistry(parseUnitsCsv(unitsToCsv(r.all())));
    expect(again.nameAt('mu-cgw', '2026-01-01T00:00:00.000Z')).toBe('北京市城市管理委员会');
  });

  it('a retired unit stays readable but cannot receive dispatches; the dispatch machine uses the same check', () => {
    const r = loadUnitRegistry();
    r.retire('en-tietong', '2026-04-01T00:00:00.000Z', 'en-cmcc');
    expect(r.get('en-tietong')).toMatchObject({ status: 'retired', name: '中国铁通北京分公司' });
    expect(r.dispatchProblem('en-tietong')).toContain('已于 2026-04-01 撤销，请改派「中国移动通信集团北京有限公司」');
    expect(() => r.requireActive('en-tietong')).toThrow(CatalogueError);
    expect(r.dispatchProblem('no-such-unit')).toBe('未知的承办单位：no-such-unit');
    expect(() => r.retire('en-tietong', '2026-05-01T00:00:00.000Z')).toThrow('已撤销');

    const policy = { returnWindowMs: { '2h': 1, '24h': 1, '7d': 1, '15d': 1 }, checkUnit: (id: string) => r.dispatchProblem(id) };
    const result = apply(createDispatchState('T-9', '7d', 'to_dispatch'), { type: 'dispatch', assignment: { leadUnitId: 'en-tietong', mode: 'direct', catalogueVersion: 1 } }, { id: 'a', role: 'agent' }, Date.now(), policy);
    expect(result.ok).toBe(false);
  });

  it('rejects bad additions and changes nothing', () => {
    const r = loadUnitRegistry();
    const size = r.size;
    expect(() => r.add({ id: 'mu-zjw', name: '重复', shortName: '重复', type: 'municipal_department', sector: 'x', districtCode: null, streetCode: null, contact: '' })).toThrow('已存在');
    expect(() => r.add({ id: 'st-x', name: '某街道', shortName: '某街道', type: 'street_office', sector: '属地', districtCode: null, streetCode: null, contact: '' })).toThrow('街道代码');
    expect(() => r.rename('nope', '新名字', '2026-01-01T00:00:00Z')).toThrow('未知的承办单位');
    expect(r.size).toBe(size);
  });

  it('reports every bad row of a units CSV with its line number and imports nothing', () => {
    const csv = [
      'id,name,type,sector,district_code,street_code',
      'mu-a,北京市甲局,municipal_department,甲,,',
      'Bad Id,北京市乙局,municipal_department,乙,,',
      'mu-c,北京市丙局,ministry,丙,,',
      'mu-a,北京市丁局,municipal_department,丁,,',
    ].join('\n');
    try {
      parseUnitsCsv(csv);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CatalogueError);
      expect((error as CatalogueError).problems.map((p) => p.line)).toEqual([3, 4, 5]);
      expect((error as CatalogueError).problems[2]!.message).toContain('与第 2 行重复');
    }
  });
});
