import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { COUNTRY_CODE, countyOf, isWithin, townOf, parentCode, regionLevel, scopePrefix, toRegionCode } from './region-code';

describe('region codes', () => {
  it.each([
    [COUNTRY_CODE, 'country', ''],
    ['520000000000', 'province', '52'],
    ['520300000000', 'city', '5203'],
    ['520302000000', 'county', '520302'],
    ['520302001000', 'town', '520302001'],
    ['520302001001', 'village', '520302001001'],
    ['441900003000', 'town', '441900003'],
  ])('%s is a %s with prefix "%s"', (code, level, prefix) => {
    expect(regionLevel(code)).toBe(level);
    expect(scopePrefix(code)).toBe(prefix);
  });

  const digits = (n: number, min = 0) => fc.integer({ min, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, '0'));
  const code = fc
    .tuple(digits(2, 11), digits(2, 1), digits(2, 1), digits(3, 1), digits(3, 1), fc.integer({ min: 1, max: 5 }))
    .map(([p, c, k, t, v, depth]) => toRegionCode([p, c, k, t, v].slice(0, depth).join('')));

  it('every ancestor contains its descendant and the parent chain ends at the country', () => {
    fc.assert(
      fc.property(code, (c) => {
        const chain: string[] = [];
        for (let p = parentCode(c); p; p = parentCode(p)) chain.push(p);
        expect(chain[chain.length - 1]).toBe(COUNTRY_CODE);
        for (const a of chain) expect(isWithin(c, a)).toBe(true);
        expect(isWithin(c, c)).toBe(true);
      }),
    );
  });

  it('two regions contain each other only when they are the same', () => {
    fc.assert(
      fc.property(code, code, (a, b) => {
        if (isWithin(a, b) && isWithin(b, a)) expect(a).toBe(b);
      }),
    );
  });
  it('names the county of a village, a town and a county', () => {
    expect(['520302007201', '520302007000', '520302000000'].map(countyOf)).toEqual(['520302000000', '520302000000', '520302000000']);
  });
  it('names the town of a village and a town', () => {
    expect(['520302007201', '520302007000'].map(townOf)).toEqual(['520302007000', '520302007000']);
  });
});
