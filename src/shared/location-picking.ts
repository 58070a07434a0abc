/**
 * How the district and street pickers move together, in the intake form and the edit form alike:
 * picking a district keeps the street only if it lies in that district; picking a street brings its
 * district along. (Division codes nest: a street's 9-digit code starts with its district's 6.)
 */
import type { Division } from './contract';

export interface LocationCodes {
  districtCode: string | null;
  streetCode: string | null;
}

export function pickDistrict(current: LocationCodes, district: Division | null): LocationCodes {
  return {
    districtCode: district?.code ?? null,
    streetCode: district && current.streetCode?.startsWith(district.code) ? current.streetCode : null,
  };
}

export function pickStreet(current: LocationCodes, street: Division | null): LocationCodes {
  return { streetCode: street?.code ?? null, districtCode: street?.districtCode ?? current.districtCode };
}
