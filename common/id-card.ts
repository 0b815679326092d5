import { isValidDay } from './business-day';

/**
 * Resident identity card numbers (公民身份号码, GB 11643-1999): 6-digit address code, 8-digit birth
 * date, 3-digit sequence, and a check character computed with ISO 7064 MOD 11-2.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The canonical form: trimmed, with a lower-case check character x upper-cased. */
export function normalizeIdNumber(raw: string): string {
  return raw.trim().toUpperCase();
}

/** The check character of the first 17 digits. */
export function idCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** 18 characters, a real birth date from 1900 to 2099, and the right check character. */
export function validIdNumber(raw: string): boolean {
  const id = normalizeIdNumber(raw);
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return false;
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!/^(19|20)/.test(birth) || !isValidDay(birth)) return false;
  return idCheckChar(id) === id[17];
}

/** First 3 and last 4 characters, the rest starred: 110***********123X. */
export function maskIdNumber(raw: string): string {
  const id = normalizeIdNumber(raw);
  if (id.length <= 7) return '*'.repeat(id.length);
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

/** The surname (first character) and one star: 张三丰 -> 张*. The star count does not reveal the length. */
export function maskName(raw: string): string {
  const chars = [...raw.trim()];
  return chars.length === 0 ? '' : `${chars[0]}*`;
}
