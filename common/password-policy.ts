/** Password policy (profile mlps3, 等保 level 3). Pure rules; the server adds the history check. */

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_HISTORY_DEPTH = 5;

export type PasswordProblem =
  | 'too_short'
  | 'too_long'
  | 'too_few_classes'
  | 'contains_username'
  | 'common'
  | 'reused';

export const PASSWORD_PROBLEM_LABELS: Record<PasswordProblem, string> = {
  too_short: `至少 ${PASSWORD_MIN_LENGTH} 个字符`,
  too_long: `最多 ${PASSWORD_MAX_LENGTH} 个字符`,
  too_few_classes: '须包含大写字母、小写字母、数字、符号中的至少三类',
  contains_username: '不能包含用户名',
  common: '不能使用常见密码',
  reused: `不能与最近 ${PASSWORD_HISTORY_DEPTH} 次使用过的密码相同`,
};

export function characterClasses(password: string): number {
  let n = 0;
  if (/[a-z]/.test(password)) n++;
  if (/[A-Z]/.test(password)) n++;
  if (/[0-9]/.test(password)) n++;
  if (/[^a-zA-Z0-9]/.test(password)) n++;
  return n;
}

/** Lower-cased and stripped of digits and symbols at the ends: "Woaini1314!" -> "woaini". */
function core(password: string): string {
  return password.toLowerCase().replace(/^[^a-z]+|[^a-z]+$/g, '');
}

export function checkPassword(
  password: string,
  username: string,
  commonPasswords: ReadonlySet<string>,
): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if ([...password].length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  if (characterClasses(password) < 3) problems.push('too_few_classes');
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name)) problems.push('contains_username');
  const lower = password.toLowerCase();
  if (commonPasswords.has(lower) || (core(password).length >= 4 && commonPasswords.has(core(password))))
    problems.push('common');
  return problems;
}
