import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { idCheckChar, maskIdNumber, maskName, validIdNumber } from './id-card';

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
/** 17 digits with a plausible address code and a real birth date. */
const body17 = fc
  .tuple(
    fc.integer({ min: 110000, max: 829999 }),
    fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
    digits(3),
  )
  .map(([area, birth, seq]) => `${area}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${seq}`);
const validId = body17.map((b) => b + idCheckChar(b));

describe('GB 11643 ID numbers', () => {
  it('accepts the standard example and known good numbers, lower-case x too', () => {
    expect(validIdNumber('11010519491231002X')).toBe(true);
    expect(validIdNumber('11010519491231002x')).toBe(true);
    expect(validIdNumber(' 520302198805120017 ')).toBe(validIdNumber('520302198805120017'));
  });

  it.each([
    ['', 'empty'],
    ['110105194912310021', 'wrong check character'],
    ['11010519491331002X', 'month 13'],
    ['11010518001231002X', 'born 1800'],
    ['110105194912310', '15-digit legacy number'],
    ['01010519491231002X', 'leading zero'],
    ['1101051949123100XX', 'X inside'],
  ])('refuses %s (%s)', (id) => {
    expect(validIdNumber(id)).toBe(false);
  });

  it('every body with its computed check character is valid', () => {
    fc.assert(fc.property(validId, (id) => validIdNumber(id)));
  });

  it('any single changed character is detected', () => {
    fc.assert(
      fc.property(validId, fc.nat(17), fc.integer({ min: 1, max: 10 }), (id, pos, shift) => {
        const alphabet = pos === 17 ? '0123456789X' : '0123456789';
        const current = alphabet.indexOf(id[pos]!);
        const replaced = alphabet[(current + shift) % alphabet.length]!;
        fc.pre(replaced !== id[pos]);
        expect(validIdNumber(id.slice(0, pos) + replaced + id.slice(pos + 1))).toBe(false);
      }),
    );
  });

  it('masks all but the first 3 and last 4 characters, keeping the length', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    fc.assert(
      fc.property(validId, (id) => {
        const m = maskIdNumber(id);
        expect(m).toHaveLength(18);
        expect(m.slice(0, 3)).toBe(id.slice(0, 3));
        expect(m.slice(-4)).toBe(id.slice(-4));
        expect(m.slice(3, 14)).toBe('*'.repeat(11));
      }),
    );
    expect(maskIdNumber('1234')).toBe('****');
  });

  it('masks a name to its surname and one star, whatever its length', () => {
    expect(maskName('张三丰')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧*');
    expect(maskName('')).toBe('');
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0), (name) => {
        const m = maskName(name);
        expect([...m]).toHaveLength(2);
        expect(m.endsWith('*')).toBe(true);
        expect(name.trim().startsWith(m.slice(0, -1))).toBe(true);
      }),
    );
  });
});
