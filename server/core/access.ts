import { like, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { can, type Permission } from '../../common/permissions';
import { isWithin } from '../../common/region-code';
import type { Actor, Ctx } from './context';
import { AppError, forbidden, unauthenticated } from './errors';

/** The first line of every service verb. Returns the actor for convenience. */
export function requirePermission(ctx: Ctx, permission: Permission): Actor {
  if (!ctx.actor) throw unauthenticated();
  if (!can(ctx.actor.role, permission)) throw forbidden('FORBIDDEN', { permission });
  return ctx.actor;
}

/** Filter for region-owned rows: the column starts with the actor's scope prefix. */
export function inScope(actor: Actor, column: AnyColumn | SQL): SQL {
  if (actor.scope === '') return sql`true`;
  return like(column as AnyColumn, `${actor.scope}%`);
}

/** For a region code named in input: outside the actor's scope it does not exist for them. */
export function assertRegionInScope(actor: Actor, regionCode: string, code = 'REGION_NOT_FOUND'): void {
  if (!isWithin(regionCode, actor.regionCode)) throw new AppError(404, code);
}
