import type { RegionLevel } from './enums';

/** The root of the hierarchy: the whole country. */
export const COUNTRY_CODE = '000000000000';

const PREFIX_LENGTH: Record<RegionLevel, number> = {
  country: 0,
  province: 2,
  city: 4,
  county: 6,
  town: 9,
  village: 12,
};

export const REGION_CODE_PATTERN = /^\d{12}$/;

export function isRegionCode(code: string): boolean {
  return REGION_CODE_PATTERN.test(code);
}

/** Level of a 12-digit 统计用区划代码, read from which digit groups are zero. */
export function regionLevel(code: string): RegionLevel {
  if (code === COUNTRY_CODE) return 'country';
  if (code.slice(2) === '0000000000') return 'province';
  if (code.slice(4) === '00000000') return 'city';
  if (code.slice(6) === '000000') return 'county';
  if (code.slice(9) === '000') return 'town';
  return 'village';
}

/** The significant prefix of a region: every descendant's code starts with it ('' for the country). */
export function scopePrefix(code: string): string {
  return code.slice(0, PREFIX_LENGTH[regionLevel(code)]);
}

/** Pads a short code (52, 5203, 520302, 520302001) to 12 digits. */
export function toRegionCode(short: string): string {
  return short.padEnd(12, '0');
}

export function isWithin(code: string, ancestor: string): boolean {
  return code.startsWith(scopePrefix(ancestor));
}

/** Parent code of a region, or null for the country. */
export function parentCode(code: string): string | null {
  const level = regionLevel(code);
  switch (level) {
    case 'country':
      return null;
    case 'province':
      return COUNTRY_CODE;
    case 'city':
      return toRegionCode(code.slice(0, 2));
    case 'county':
      return toRegionCode(code.slice(0, 4));
    case 'town':
      return toRegionCode(code.slice(0, 6));
    case 'village':
      return toRegionCode(code.slice(0, 9));
  }
}

/** The county of a town or village code (its first 6 digits); a county's own code for a county. */
export function countyOf(code: string): string {
  return code.slice(0, 6).padEnd(12, '0');
}

/** The town (乡镇/街道) of a town or village code (its first 9 digits); a town's own code for a town. */
export function townOf(code: string): string {
  return code.slice(0, 9).padEnd(12, '0');
}
