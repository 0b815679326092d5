import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { characterClasses, checkPassword } from './password-policy';

const common = new Set(['123456', 'woaini1314', 'password', 'admin', 'fangxian', 'qwerty']);

describe('password policy (mlps3)', () => {
  it.each([
    ['Zunyi#2026ok', 'hhg_officer', []],
    ['short1A', 'u1', ['too_short']],
    ['alllowercase', 'u1', ['too_few_classes']],
    ['lower12345', 'u1', ['too_few_classes']],
    ['Hhg_Officer#1', 'hhg_officer', ['contains_username']],
    ['Woaini1314', 'u1', ['common']],
    ['Password!2026', 'u1', ['common']],
    ['Fangxian@2026', 'u1', ['common']],
    ['长城长城长城Aa1', 'u1', []],
  ])('%s for %s -> %j', (password, username, problems) => {
    expect(checkPassword(password, username, common)).toEqual(problems);
  });

  it('accepts long passphrases (never truncated) and refuses over 128', () => {
    expect(checkPassword('Correct horse battery staple 2026!'.repeat(3), 'u1', common)).toEqual([]);
    expect(checkPassword('Aa1!'.repeat(33), 'u1', common)).toContain('too_long');
  });

  it('agrees with an independent oracle on length and classes', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 20 }), (p) => {
        const problems = checkPassword(p, 'zz_user', new Set());
        expect(problems.includes('too_short')).toBe([...p].length < 8);
        const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(p)).length;
        expect(characterClasses(p)).toBe(classes);
        expect(problems.includes('too_few_classes')).toBe(classes < 3);
      }),
    );
  });
});
