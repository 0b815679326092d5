import type { Role } from '../../common/enums';
import type { Permission } from '../../common/permissions';
import { scopePrefix } from '../../common/region-code';
import type { Db } from '../db/client';
import type { Secrets } from './crypto';

/** Who is acting: resolved from the session, or built by the CLI and jobs. */
export interface Actor {
  userId: string;
  username: string;
  name: string;
  role: Role;
  regionCode: string;
  /** Significant prefix of the actor's region: every row they may see starts with it. */
  scope: string;
  /** An institution reporter acts for this one institution only. */
  institutionId: string | null;
}

/** What every service verb receives. It knows nothing of HTTP. */
export interface Ctx {
  db: Db;
  secrets: Secrets;
  actor: Actor | null;
  ip: string | null;
  requestId: string | null;
  now: () => Date;
}

export function actorOf(user: {
  id: string;
  username: string;
  name: string;
  role: Role;
  regionCode: string;
  institutionId?: string | null;
}): Actor {
  return {
    institutionId: user.institutionId ?? null,
    userId: user.id,
    username: user.username,
    name: user.name,
    role: user.role,
    regionCode: user.regionCode,
    scope: scopePrefix(user.regionCode),
  };
}

/** Runs fn in one transaction (a savepoint when ctx is already inside one). */
export function withTx<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  return ctx.db.transaction((db) => fn({ ...ctx, db: db as unknown as Db }));
}

export type { Permission };
