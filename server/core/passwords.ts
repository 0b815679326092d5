import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { checkPassword, PASSWORD_PROBLEM_LABELS, type PasswordProblem } from '../../common/password-policy';
import { AppError } from './errors';
import { randomToken } from './crypto';

/** argon2id, OWASP minimum: 19 MiB, 2 passes, 1 lane. Runs on the libuv pool, off the event loop. */
const ARGON2 = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  readFileSync(resolve(import.meta.dirname, 'common-passwords.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean),
);

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash of a random password: an unknown user costs the same verify time as a known one. */
let dummyHash: Promise<string> | null = null;
export function dummyVerify(password: string): Promise<boolean> {
  dummyHash ??= hashPassword(randomToken(16));
  return dummyHash.then((h) => verifyPassword(h, password));
}

export function policyError(problems: PasswordProblem[]): AppError {
  return new AppError(
    400,
    'PASSWORD_POLICY',
    `新密码不符合密码策略：${problems.map((p) => PASSWORD_PROBLEM_LABELS[p]).join('；')}`,
    { problems },
  );
}

/** Throws PASSWORD_POLICY unless the password meets the policy (history is checked by the caller). */
export function assertPasswordPolicy(password: string, username: string): void {
  const problems = checkPassword(password, username, COMMON_PASSWORDS);
  if (problems.length > 0) throw policyError(problems);
}

/** A random password that meets the policy, for accounts created or reset by an admin. */
export function temporaryPassword(): string {
  const body = randomToken(9).replace(/[-_]/g, 'x');
  return `Fx-${body}7a`;
}
