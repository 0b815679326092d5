import { and, desc, eq, sql } from 'drizzle-orm';
import type { ChangePasswordInput, LoginInput, SecurityPolicy, SecurityPolicyInput, SessionInfo, SessionUser, TotpEnableInput, TotpSetup } from '../../../common/contracts/auth';
import { PASSWORD_HISTORY_DEPTH } from '../../../common/password-policy';
import { ROLE_PERMISSIONS } from '../../../common/permissions';
import { regionLevel } from '../../../common/region-code';
import { usernameKey } from '../../../common/username';
import { requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Ctx } from '../../core/context';
import { decrypt, encrypt, sha256Hex } from '../../core/crypto';
import { AppError, unauthenticated } from '../../core/errors';
import { totpEnrollmentDue, totpRequiredRoles } from '../../core/gate';
import { assertPasswordPolicy, dummyVerify, hashPassword, policyError, verifyPassword } from '../../core/passwords';
import { createSession, destroySession, revokeUserSessions, type UserRow } from '../../core/session';
import type { Db } from '../../db/client';
import { securityPolicy, sessions } from '../../db/schema/auth';
import { regions } from '../../db/schema/regions';
import { passwordHistory, users } from '../../db/schema/users';
import { randomUUID } from 'node:crypto';
import { checkTotp, newTotpSecret, totpUri } from './totp';

export const LOCKOUT = { failures: 5, windowMs: 15 * 60_000, lockMs: 30 * 60_000 } as const;

export async function sessionUser(db: Db, user: UserRow): Promise<SessionUser> {
  const [region] = await db.select({ name: regions.name }).from(regions).where(eq(regions.code, user.regionCode));
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    role: user.role,
    regionCode: user.regionCode,
    regionName: region?.name ?? user.regionCode,
    regionLevel: regionLevel(user.regionCode),
    institutionId: user.institutionId,
    permissions: [...ROLE_PERMISSIONS[user.role]],
    mustChangePassword: user.mustChangePassword,
    totpEnabled: user.totpEnabled,
    totpEnrollmentRequired: await totpEnrollmentDue(db, user),
  };
}

async function findUserByName(db: Db, username: string): Promise<UserRow | undefined> {
  const [user] = await db.select().from(users).where(eq(users.usernameKey, usernameKey(username)));
  return user;
}

/**
 * Records a failed password attempt; the fifth inside the window locks the account. Returns whether it
 * is now locked. Used by login and by every other place a user confirms with a password (an override
 * approver), so guessing a password there counts toward the same lockout.
 */
export async function recordFailure(ctx: Ctx, user: UserRow, reason: string): Promise<boolean> {
  return withTx(ctx, async (tx) => {
    const now = tx.now();
    const windowStart = new Date(now.getTime() - LOCKOUT.windowMs);
    const [row] = await tx.db
      .update(users)
      .set({
        recentFailures: sql`array_append(coalesce((select array_agg(f) from unnest(${users.recentFailures}) f where f > ${windowStart.toISOString()}::timestamptz), '{}'), ${now.toISOString()}::timestamptz)`,
      })
      .where(eq(users.id, user.id))
      .returning({ recentFailures: users.recentFailures });
    const audit = { entityType: 'user', entityId: user.id, regionCode: user.regionCode, actorId: user.id, actorUsername: user.username };
    await recordAudit(tx, { ...audit, action: 'auth.login', result: 'failure', details: { reason } });
    if ((row?.recentFailures.length ?? 0) < LOCKOUT.failures) return false;
    const lockedUntil = new Date(now.getTime() + LOCKOUT.lockMs);
    await tx.db.update(users).set({ lockedUntil, recentFailures: [] }).where(eq(users.id, user.id));
    await recordAudit(tx, { ...audit, action: 'auth.lockout', result: 'success', details: { lockedUntil: lockedUntil.toISOString(), failures: LOCKOUT.failures } });
    return true;
  });
}

export interface LoginResult extends SessionInfo {
  token: string;
}

/** Unknown user and wrong password give the same answer (AUTH_FAILED) after the same argon2 cost. */
export async function login(ctx: Ctx, input: LoginInput): Promise<LoginResult> {
  const now = ctx.now();
  const user = await findUserByName(ctx.db, input.username);
  if (!user) {
    await dummyVerify(input.password);
    await withTx(ctx, (tx) =>
      recordAudit(tx, { action: 'auth.login', result: 'failure', actorUsername: input.username.slice(0, 64), details: { reason: 'unknown_user' } }),
    );
    throw new AppError(401, 'AUTH_FAILED');
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await withTx(ctx, (tx) =>
      recordAudit(tx, { action: 'auth.login', result: 'failure', actorId: user.id, actorUsername: user.username, entityType: 'user', entityId: user.id, regionCode: user.regionCode, details: { reason: 'locked' } }),
    );
    throw new AppError(403, 'ACCOUNT_LOCKED', undefined, { lockedUntil: user.lockedUntil.toISOString() });
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    if (await recordFailure(ctx, user, 'wrong_password')) throw new AppError(403, 'ACCOUNT_LOCKED');
    throw new AppError(401, 'AUTH_FAILED');
  }
  if (user.disabled) {
    await withTx(ctx, (tx) =>
      recordAudit(tx, { action: 'auth.login', result: 'failure', actorId: user.id, actorUsername: user.username, entityType: 'user', entityId: user.id, regionCode: user.regionCode, details: { reason: 'disabled' } }),
    );
    throw new AppError(403, 'ACCOUNT_DISABLED');
  }
  let totpStep = user.totpLastStep;
  if (user.totpEnabled && user.totpSecret) {
    if (!input.totpCode) throw new AppError(401, 'TOTP_REQUIRED');
    const step = await checkTotp(decrypt(ctx.secrets.encryptionKey, user.totpSecret), input.totpCode, now, user.totpLastStep);
    if (step === null) {
      if (await recordFailure(ctx, user, 'wrong_totp')) throw new AppError(403, 'ACCOUNT_LOCKED');
      throw new AppError(401, 'TOTP_INVALID');
    }
    totpStep = step;
  }
  return withTx(ctx, async (tx) => {
    const [fresh] = await tx.db
      .update(users)
      .set({ recentFailures: [], lockedUntil: null, lastLoginAt: now, totpLastStep: totpStep })
      .where(eq(users.id, user.id))
      .returning();
    const { token, csrfToken } = await createSession(tx.db, user.id, now, tx.ip);
    await recordAudit(tx, { action: 'auth.login', actorId: user.id, actorUsername: user.username, entityType: 'user', entityId: user.id, regionCode: user.regionCode });
    return { token, csrfToken, user: await sessionUser(tx.db, fresh!) };
  });
}

export async function logout(ctx: Ctx, token: string): Promise<void> {
  await withTx(ctx, async (tx) => {
    await destroySession(tx.db, token);
    await recordAudit(tx, { action: 'auth.logout', entityType: 'user', entityId: tx.actor?.userId ?? null, regionCode: tx.actor?.regionCode ?? null });
  });
}

async function currentUser(ctx: Ctx): Promise<UserRow> {
  if (!ctx.actor) throw unauthenticated();
  const [user] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId));
  if (!user) throw unauthenticated();
  return user;
}

export async function me(ctx: Ctx, token: string): Promise<SessionInfo> {
  const user = await currentUser(ctx);
  const [session] = await ctx.db
    .select({ csrfToken: sessions.csrfToken })
    .from(sessions)
    .where(and(eq(sessions.userId, user.id), eq(sessions.id, sha256Hex(token))));
  if (!session) throw unauthenticated();
  return { user: await sessionUser(ctx.db, user), csrfToken: session.csrfToken };
}

/** Changes the caller's password; other sessions of the user are revoked, this one stays. */
export async function changePassword(ctx: Ctx, token: string, input: ChangePasswordInput): Promise<SessionInfo> {
  const user = await currentUser(ctx);
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) throw new AppError(400, 'PASSWORD_WRONG');
  assertPasswordPolicy(input.newPassword, user.username);
  const history = await ctx.db
    .select({ hash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, user.id))
    .orderBy(desc(passwordHistory.createdAt))
    .limit(PASSWORD_HISTORY_DEPTH);
  const previous = [user.passwordHash, ...history.map((h) => h.hash)].slice(0, PASSWORD_HISTORY_DEPTH);
  for (const old of previous) if (await verifyPassword(old, input.newPassword)) throw policyError(['reused']);
  const newHash = await hashPassword(input.newPassword);
  return withTx(ctx, async (tx) => {
    const now = tx.now();
    await tx.db.insert(passwordHistory).values({ id: randomUUID(), userId: user.id, passwordHash: user.passwordHash, createdAt: now });
    await tx.db
      .update(users)
      .set({ passwordHash: newHash, passwordChangedAt: now, mustChangePassword: false, version: sql`${users.version} + 1` })
      .where(eq(users.id, user.id));
    await revokeUserSessions(tx.db, user.id, token);
    await recordAudit(tx, { action: 'auth.password.change', entityType: 'user', entityId: user.id, regionCode: user.regionCode });
    return me(tx, token);
  });
}

/** Starts two-factor enrolment: a new secret, kept pending until a code from it is confirmed. */
export async function totpSetup(ctx: Ctx): Promise<TotpSetup> {
  const user = await currentUser(ctx);
  const secret = newTotpSecret();
  await withTx(ctx, async (tx) => {
    await tx.db.update(users).set({ totpPendingSecret: encrypt(tx.secrets.encryptionKey, secret) }).where(eq(users.id, user.id));
    await recordAudit(tx, { action: 'auth.totp.setup', entityType: 'user', entityId: user.id, regionCode: user.regionCode });
  });
  return { secret, otpauthUrl: totpUri(secret, user.username) };
}

export async function totpEnable(ctx: Ctx, input: TotpEnableInput): Promise<SessionUser> {
  const user = await currentUser(ctx);
  if (!user.totpPendingSecret) throw new AppError(400, 'TOTP_NOT_PENDING');
  const secret = decrypt(ctx.secrets.encryptionKey, user.totpPendingSecret);
  const step = await checkTotp(secret, input.code, ctx.now(), null);
  if (step === null) throw new AppError(400, 'TOTP_INVALID');
  return withTx(ctx, async (tx) => {
    const [fresh] = await tx.db
      .update(users)
      .set({ totpSecret: user.totpPendingSecret, totpPendingSecret: null, totpEnabled: true, totpLastStep: step, version: sql`${users.version} + 1` })
      .where(eq(users.id, user.id))
      .returning();
    await recordAudit(tx, { action: 'auth.totp.enable', entityType: 'user', entityId: user.id, regionCode: user.regionCode });
    return sessionUser(tx.db, fresh!);
  });
}

export async function getPolicy(ctx: Ctx): Promise<SecurityPolicy> {
  requirePermission(ctx, 'security:manage');
  return { totpRequiredRoles: (await totpRequiredRoles(ctx.db)) as SecurityPolicy['totpRequiredRoles'] };
}

export async function setPolicy(ctx: Ctx, input: SecurityPolicyInput): Promise<SecurityPolicy> {
  requirePermission(ctx, 'security:manage');
  const roles = [...new Set(input.totpRequiredRoles)];
  return withTx(ctx, async (tx) => {
    const before = await totpRequiredRoles(tx.db);
    await tx.db
      .insert(securityPolicy)
      .values({ id: 1, totpRequiredRoles: roles, updatedAt: tx.now() })
      .onConflictDoUpdate({ target: securityPolicy.id, set: { totpRequiredRoles: roles, updatedAt: tx.now() } });
    await recordAudit(tx, { action: 'auth.policy.update', entityType: 'security_policy', entityId: '1', details: { before: { totpRequiredRoles: before }, after: { totpRequiredRoles: roles } } });
    return { totpRequiredRoles: roles };
  });
}
