import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, like, or, sql } from 'drizzle-orm';
import { businessDay } from '../../../common/business-day';
import type { Policy, PolicyInput } from '../../../common/contracts/isolation';
import { scopePrefix } from '../../../common/region-code';
import { assertRegionInScope, requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Ctx } from '../../core/context';
import { badRequest, notFound } from '../../core/errors';
import type { Db } from '../../db/client';
import { isolationPersons, isolationPolicies } from '../../db/schema/isolation';
import { regions } from '../../db/schema/regions';
import { regionExists } from '../regions/regions.service';
import { policyInForce, regionChain, requiredDaysOf } from './isolation.rules';

/** Serialises policy changes against registrations, so no clock is computed from a policy being replaced. */
export const POLICY_LOCK = sql`727004`;

/** The policies that can apply anywhere under `code`: its chain of ancestors and its whole subtree. */
async function policiesAround(db: Db, code: string) {
  const prefix = scopePrefix(code);
  return db
    .select()
    .from(isolationPolicies)
    .where(or(inArray(isolationPolicies.regionCode, regionChain(code)), prefix ? like(isolationPolicies.regionCode, `${prefix}%`) : sql`true`));
}

/** Isolation days in force today for an institution's region (the clock of a new person). */
export async function requiredDaysFor(db: Db, regionCode: string, day: string): Promise<number> {
  return requiredDaysOf(policyInForce(await policiesAround(db, regionCode), regionCode, day));
}

async function policyView(db: Db, code: string, day: string): Promise<Policy> {
  const chain = regionChain(code);
  const rows = await db
    .select({ p: isolationPolicies, regionName: regions.name })
    .from(isolationPolicies)
    .leftJoin(regions, eq(regions.code, isolationPolicies.regionCode))
    .where(inArray(isolationPolicies.regionCode, chain))
    .orderBy(desc(isolationPolicies.effectiveFrom), desc(isolationPolicies.createdAt));
  const inForce = policyInForce(
    rows.map((r) => r.p),
    code,
    day,
  );
  return {
    regionCode: code,
    days: requiredDaysOf(inForce),
    source: inForce?.regionCode ?? null,
    effectiveFrom: inForce?.effectiveFrom ?? null,
    history: rows.map(({ p, regionName }) => ({
      regionCode: p.regionCode,
      regionName: regionName ?? p.regionCode,
      days: p.days,
      effectiveFrom: p.effectiveFrom,
      reason: p.reason,
      createdByName: p.createdByName,
    })),
  };
}

export async function getPolicy(ctx: Ctx, region?: string): Promise<Policy> {
  const actor = requirePermission(ctx, 'isolation:read');
  const code = region ?? actor.regionCode;
  assertRegionInScope(actor, code);
  return policyView(ctx.db, code, businessDay(ctx.now()));
}

/**
 * Sets a region's isolation period from a day (today, or back-dated; never in the future, so a change
 * always takes effect at once) and recomputes the required days of every open isolation it now governs,
 * in the same transaction, audited with each change.
 */
export async function setPolicy(ctx: Ctx, input: PolicyInput): Promise<Policy & { recomputed: number }> {
  const actor = requirePermission(ctx, 'isolation:configure');
  assertRegionInScope(actor, input.regionCode);
  if (!(await regionExists(ctx.db, input.regionCode))) throw notFound('REGION_NOT_FOUND');
  const today = businessDay(ctx.now());
  const effectiveFrom = input.effectiveFrom ?? today;
  if (effectiveFrom > today) throw badRequest('ISOLATION_POLICY_FUTURE');
  return withTx(ctx, async (tx) => {
    await tx.db.execute(sql`select pg_advisory_xact_lock(${POLICY_LOCK})`);
    const before = await policyView(tx.db, input.regionCode, today);
    const values = { days: input.days, reason: input.reason, createdByName: actor.name, createdAt: tx.now() };
    const [same] = await tx.db
      .update(isolationPolicies)
      .set(values)
      .where(and(eq(isolationPolicies.regionCode, input.regionCode), eq(isolationPolicies.effectiveFrom, effectiveFrom)))
      .returning({ id: isolationPolicies.id });
    if (!same) await tx.db.insert(isolationPolicies).values({ id: randomUUID(), regionCode: input.regionCode, effectiveFrom, ...values });

    const policies = await policiesAround(tx.db, input.regionCode);
    const open = await tx.db
      .select({ id: isolationPersons.id, regionCode: isolationPersons.regionCode, requiredDays: isolationPersons.requiredDays })
      .from(isolationPersons)
      .where(and(eq(isolationPersons.status, 'isolating'), like(isolationPersons.regionCode, `${scopePrefix(input.regionCode)}%`)));
    const changes = open
      .map((p) => ({ id: p.id, before: p.requiredDays, after: requiredDaysOf(policyInForce(policies, p.regionCode, today)) }))
      .filter((c) => c.before !== c.after);
    for (const days of new Set(changes.map((c) => c.after))) {
      const ids = changes.filter((c) => c.after === days).map((c) => c.id);
      await tx.db.update(isolationPersons).set({ requiredDays: days }).where(and(inArray(isolationPersons.id, ids), eq(isolationPersons.status, 'isolating')));
    }
    await recordAudit(tx, {
      action: 'isolation.policy',
      entityType: 'region',
      entityId: input.regionCode,
      regionCode: input.regionCode,
      details: {
        days: input.days,
        effectiveFrom,
        reason: input.reason,
        before: { days: before.days, source: before.source },
        recomputed: changes.length,
        changes: changes.slice(0, 1_000),
      },
    });
    return { ...(await policyView(tx.db, input.regionCode, today)), recomputed: changes.length };
  });
}
