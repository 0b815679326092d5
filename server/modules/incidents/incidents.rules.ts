import { COUNTRY_CODE, parentCode, regionLevel } from '../../../common/region-code';

/** An occurrence time this far ahead of the server clock is still accepted (phones' clocks drift). */
export const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The levels an incident reaches at once: the institution's town, county, city, province and the
 * country (a village institution reports through its town).
 */
export function alertRegions(regionCode: string): string[] {
  let c: string | null = regionLevel(regionCode) === 'village' ? parentCode(regionCode) : regionCode;
  const out: string[] = [];
  for (; c; c = parentCode(c)) out.push(c);
  if (!out.includes(COUNTRY_CODE)) out.push(COUNTRY_CODE);
  return out;
}

/** Shanghai wall-clock time of an instant, `YYYY-MM-DD HH:MM`. */
export function shanghaiClock(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
