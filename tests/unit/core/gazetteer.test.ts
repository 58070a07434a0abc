import { describe, expect, it } from 'vitest';
import { buildGazetteer, loadGazetteer } from '../../../src/main/core/gazetteer/gazetteer';
import { loadTaxonomy } from '../../../src/main/core/taxonomy/taxonomy';
import { parseCsv } from '../../../src/main/core/text/csv';

describe('gazetteer', () => {
  const g = loadGazetteer();
  const names = (query: string, opts = {}) => g.search(query, opts).map((d) => d.name);

  it('has Beijing’s 16 districts and 349 streets/townships', () => {
    expect(g.districts).toHaveLength(16);
    expect(g.streets).toHaveLength(349);
  });
  it('finds by name, pinyin and pinyin initials', () => {
    expect(names('wj')[0]).toBe('望京街道');
    expect(names('wangjing')[0]).toBe('望京街道');
    expect(names('望京')[0]).toBe('望京街道');
    expect(names('朝阳')[0]).toBe('朝阳区');
    expect(names('hd', { level: 'district' })).toEqual(['海淀区']);
  });
  it('knows spoken aliases of streets and townships', () => {
    expect(names('南磨房乡')).toEqual(['南磨房地区']);
    expect(names('北宫')[0]).toBe('北宫镇');
    expect(g.get('110105')?.aliases).toContain('朝阳');
  });
  it('limits street search to the chosen district', () => {
    const streets = g.search('', { districtCode: '110108', level: 'street', limit: 100 });
    expect(streets.length).toBeGreaterThan(20);
    expect(streets.every((s) => s.districtCode === '110108')).toBe(true);
  });
  it('can be rebuilt from a newer code list, and reports the bad line of a broken one', () => {
    const newer = buildGazetteer('code,name,areaCode,areaName\n110199001,新区街道,110199,新区\n');
    expect(newer.get('110199001')?.districtName).toBe('新区');
    expect(() => buildGazetteer('code,name,areaCode,areaName\n110199001,新区街道,110199,新区\n12,坏,1,\n')).toThrow(/第 3 行/);
  });
});

describe('taxonomy', () => {
  it('has 517 leaves in 15 level-1 classes', () => {
    const leaves = loadTaxonomy();
    expect(leaves).toHaveLength(517);
    expect(new Set(leaves.map((l) => l.level1)).size).toBe(15);
  });
});

describe('csv reader', () => {
  it('handles quotes, doubled quotes, CRLF and reports line numbers', () => {
    const rows = parseCsv('a,b\r\n"x, y","say ""hi"""\r\n"multi\nline",z\r\nlast,row');
    expect(rows.map((r) => r.fields)).toEqual([['a', 'b'], ['x, y', 'say "hi"'], ['multi\nline', 'z'], ['last', 'row']]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });
});
