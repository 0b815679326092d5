import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { CreateUserInput, UpdateUserInput, User, UserList, UserQuery, UserWithPassword } from '../../../common/contracts/users';
import type { Role } from '../../../common/enums';
import { ASSIGNABLE_ROLES } from '../../../common/permissions';
import { scopePrefix } from '../../../common/region-code';
import { usernameKey } from '../../../common/username';
import { assertRegionInScope, inScope, requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import type { Actor, Ctx } from '../../core/context';
import { withTx } from '../../core/context';
import { AppError, conflict, forbidden, notFound } from '../../core/errors';
import { assertPasswordPolicy, hashPassword, temporaryPassword } from '../../core/passwords';
import { revokeUserSessions } from '../../core/session';
import { regions } from '../../db/schema/regions';
import { users } from '../../db/schema/users';
import { regionExists } from '../regions/regions.service';

type Row = typeof users.$inferSelect;

const columns = { user: users, regionName: regions.name };

function toUser(row: Row, regionName: string | null): User {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    role: row.role,
    regionCode: row.regionCode,
    regionName: regionName ?? row.regionCode,
    disabled: row.disabled,
    mustChangePassword: row.mustChangePassword,
    totpEnabled: row.totpEnabled,
    lockedUntil: row.lockedUntil?.toISOString() ?? null,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
}

function assertAssignable(actor: Actor, role: Role): void {
  if (!ASSIGNABLE_ROLES[actor.role]?.includes(role)) throw forbidden('ROLE_NOT_ASSIGNABLE', { role });
}

async function assertRegion(ctx: Ctx, actor: Actor, code: string): Promise<void> {
  assertRegionInScope(actor, code);
  if (!(await regionExists(ctx.db, code))) throw notFound('REGION_NOT_FOUND');
}

export async function listUsers(ctx: Ctx, q: UserQuery): Promise<UserList> {
  const actor = requirePermission(ctx, 'users:read');
  const where: SQL[] = [inScope(actor, users.regionCode)];
  if (q.region) {
    assertRegionInScope(actor, q.region);
    where.push(sql`${users.regionCode} like ${scopePrefix(q.region) + '%'}`);
  }
  if (q.role) where.push(eq(users.role, q.role));
  if (q.q) {
    const p = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(users.username, p), ilike(users.name, p))!);
  }
  const [total] = await ctx.db.select({ n: count() }).from(users).where(and(...where));
  const rows = await ctx.db
    .select(columns)
    .from(users)
    .leftJoin(regions, eq(regions.code, users.regionCode))
    .where(and(...where))
    .orderBy(asc(users.regionCode), asc(users.username))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: rows.map((r) => toUser(r.user, r.regionName)), total: Number(total?.n ?? 0) };
}

async function findInScope(ctx: Ctx, actor: Actor, id: string): Promise<{ user: Row; regionName: string | null }> {
  const [row] = await ctx.db
    .select(columns)
    .from(users)
    .leftJoin(regions, eq(regions.code, users.regionCode))
    .where(and(eq(users.id, id), inScope(actor, users.regionCode)));
  if (!row) throw notFound('USER_NOT_FOUND');
  return row;
}

export async function getUser(ctx: Ctx, id: string): Promise<User> {
  const actor = requirePermission(ctx, 'users:read');
  const row = await findInScope(ctx, actor, id);
  return toUser(row.user, row.regionName);
}

export async function createUser(ctx: Ctx, input: CreateUserInput): Promise<UserWithPassword> {
  const actor = requirePermission(ctx, 'users:manage');
  assertAssignable(actor, input.role);
  await assertRegion(ctx, actor, input.regionCode);
  const generated = input.password === undefined ? temporaryPassword() : undefined;
  const password = input.password ?? generated!;
  assertPasswordPolicy(password, input.username);
  const passwordHash = await hashPassword(password);
  return withTx(ctx, async (tx) => {
    const key = usernameKey(input.username);
    const [taken] = await tx.db.select({ id: users.id }).from(users).where(eq(users.usernameKey, key));
    if (taken) throw conflict('USERNAME_TAKEN');
    const now = tx.now();
    const [row] = await tx.db
      .insert(users)
      .values({
        id: randomUUID(),
        username: input.username,
        usernameKey: key,
        name: input.name,
        role: input.role,
        regionCode: input.regionCode,
        passwordHash,
        passwordChangedAt: now,
        mustChangePassword: true,
        createdAt: now,
      })
      .returning();
    await recordAudit(tx, {
      action: 'user.create',
      entityType: 'user',
      entityId: row!.id,
      regionCode: row!.regionCode,
      details: { username: row!.username, name: row!.name, role: row!.role, regionCode: row!.regionCode },
    });
    const created = await findInScope(tx, actor, row!.id);
    return { ...toUser(created.user, created.regionName), ...(generated ? { temporaryPassword: generated } : {}) };
  });
}

export async function updateUser(ctx: Ctx, id: string, input: UpdateUserInput): Promise<UserWithPassword> {
  const actor = requirePermission(ctx, 'users:manage');
  const { user: before } = await findInScope(ctx, actor, id);
  assertAssignable(actor, before.role);
  if (input.role !== undefined && input.role !== before.role) {
    if (before.id === actor.userId) throw forbidden('FORBIDDEN', { reason: 'own_role' });
    assertAssignable(actor, input.role);
  }
  if (input.disabled === true && before.id === actor.userId) throw forbidden('FORBIDDEN', { reason: 'own_account' });
  if (input.regionCode !== undefined) await assertRegion(ctx, actor, input.regionCode);
  const generated = input.resetPassword ? temporaryPassword() : undefined;
  const passwordHash = generated ? await hashPassword(generated) : undefined;

  return withTx(ctx, async (tx) => {
    const now = tx.now();
    const changes: Partial<typeof users.$inferInsert> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.role !== undefined) changes.role = input.role;
    if (input.regionCode !== undefined) changes.regionCode = input.regionCode;
    if (input.disabled !== undefined) changes.disabled = input.disabled;
    if (input.unlock) Object.assign(changes, { lockedUntil: null, recentFailures: [] });
    if (passwordHash) Object.assign(changes, { passwordHash, passwordChangedAt: now, mustChangePassword: true });
    const [after] = await tx.db
      .update(users)
      .set({ ...changes, version: sql`${users.version} + 1` })
      .where(and(eq(users.id, id), eq(users.version, input.version)))
      .returning();
    if (!after) throw new AppError(409, 'VERSION_CONFLICT', undefined, { currentVersion: before.version });
    if (input.disabled || generated || (input.role && input.role !== before.role)) await revokeUserSessions(tx.db, id);
    const diff: Record<string, { before: unknown; after: unknown }> = {};
    for (const k of ['name', 'role', 'regionCode', 'disabled'] as const) {
      if (input[k] !== undefined && input[k] !== before[k]) diff[k] = { before: before[k], after: input[k] };
    }
    if (input.unlock) diff.unlock = { before: before.lockedUntil?.toISOString() ?? null, after: null };
    await recordAudit(tx, {
      action: generated ? 'user.password.reset' : 'user.update',
      entityType: 'user',
      entityId: id,
      regionCode: after.regionCode,
      details: { changes: diff },
    });
    const fresh = await findInScope(tx, actor, id);
    return { ...toUser(fresh.user, fresh.regionName), ...(generated ? { temporaryPassword: generated } : {}) };
  });
}
