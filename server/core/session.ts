import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sessions } from '../db/schema/auth';
import { users } from '../db/schema/users';
import { randomToken, sha256Hex } from './crypto';


export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

export type UserRow = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;

/** Creates a server-side session; the cookie carries the token, the table only its hash. */
export async function createSession(
  db: Db,
  userId: string,
  now: Date,
  ip: string | null,
): Promise<{ token: string; csrfToken: string }> {
  const token = randomToken(32);
  const csrfToken = randomToken(32);
  await db.insert(sessions).values({ id: sha256Hex(token), userId, csrfToken, createdAt: now, lastSeenAt: now, ip });
  return { token, csrfToken };
}

export type LoadedSession =
  | { status: 'ok'; session: SessionRow; user: UserRow }
  | { status: 'expired' }
  | { status: 'none' };

/** Only refresh last_seen_at when it is this old, so reads do not each write. */
const TOUCH_AFTER_MS = 60_000;

export async function loadSession(db: Db, token: string, now: Date, t: SessionTimeouts): Promise<LoadedSession> {
  const id = sha256Hex(token);
  const [found] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .limit(1);
  if (!found) return { status: 'none' };
  const { session, user } = found;
  const idle = now.getTime() - session.lastSeenAt.getTime();
  const age = now.getTime() - session.createdAt.getTime();
  if (idle > t.idleMs || age > t.absoluteMs || user.disabled) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return { status: 'expired' };
  }
  if (idle > TOUCH_AFTER_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return { status: 'ok', session, user };
}

export async function destroySession(db: Db, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sha256Hex(token)));
}

/** Revokes every session of a user, optionally keeping one (the one that changed the password). */
export async function revokeUserSessions(db: Db, userId: string, keepToken?: string): Promise<void> {
  const where = keepToken
    ? and(eq(sessions.userId, userId), ne(sessions.id, sha256Hex(keepToken)))
    : eq(sessions.userId, userId);
  await db.delete(sessions).where(where);
}
