import { and, eq } from 'drizzle-orm';
import { idempotencyKeys } from '../db/schema/idempotency';
import { canonicalJson } from './canonical-json';
import { withTx, type Ctx } from './context';
import { sha256Hex } from './crypto';
import { AppError } from './errors';

export interface Answer<T> {
  status: number;
  body: T;
}

/**
 * Runs a create verb at most once per (user, scope, Idempotency-Key): a retry with the same body gets the
 * first answer again, the same key with another body is a 422. The key row is written in the verb's
 * transaction; a concurrent duplicate that loses the race replays the winner's answer.
 */
export async function idempotent<T>(
  ctx: Ctx,
  scope: string,
  key: string | undefined,
  body: unknown,
  run: (tx: Ctx) => Promise<Answer<T>>,
): Promise<Answer<T>> {
  if (!key) return withTx(ctx, run);
  const userId = ctx.actor!.userId;
  const hash = sha256Hex(canonicalJson(body));
  const find = async () => {
    const [row] = await ctx.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
    if (!row) return null;
    if (row.requestHash !== hash) throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED');
    return { status: row.status, body: row.response as T };
  };
  const earlier = await find();
  if (earlier) return earlier;
  try {
    return await withTx(ctx, async (tx) => {
      const answer = await run(tx);
      await tx.db.insert(idempotencyKeys).values({
        userId,
        scope,
        key,
        requestHash: hash,
        status: answer.status,
        response: JSON.parse(JSON.stringify(answer.body)) as object,
        createdAt: tx.now(),
      });
      return answer;
    });
  } catch (err) {
    const winner = await find();
    if (winner) return winner;
    throw err;
  }
}
