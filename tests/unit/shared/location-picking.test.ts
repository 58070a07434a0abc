import { describe, expect, it } from 'vitest';
import { loadGazetteer } from '../../../src/main/core/gazetteer/gazetteer';
import { pickDistrict, pickStreet } from '../../../src/shared/location-picking';

const g = loadGazetteer();
const chaoyang = g.get('110105')!;
const haidian = g.get('110108')!;
const wangjing = g.get('110105026')!;

describe('district and street pickers move together', () => {
  it('a street brings its district', () => {
    expect(pickStreet({ districtCode: null, streetCode: null }, wangjing)).toEqual({ districtCode: '110105', streetCode: '110105026' });
    expect(pickStreet({ districtCode: '110108', streetCode: null }, wangjing)).toEqual({ districtCode: '110105', streetCode: '110105026' });
  });
  it('a district keeps the street only if it lies inside', () => {
    const here = { districtCode: '110105', streetCode: '110105026' };
    expect(pickDistrict(here, chaoyang)).toEqual(here);
    expect(pickDistrict(here, haidian)).toEqual({ districtCode: '110108', streetCode: null });
    expect(pickDistrict(here, null)).toEqual({ districtCode: null, streetCode: null });
  });
  it('clearing the street keeps the district', () => {
    expect(pickStreet({ districtCode: '110105', streetCode: '110105026' }, null)).toEqual({ districtCode: '110105', streetCode: null });
  });
});
