import { and, asc, count, desc, eq, inArray, like, type SQL } from 'drizzle-orm';
import { businessDay } from '../../../common/business-day';
import type { Ladder, LadderInput, LadderStep, ReminderLog, ReminderLogQuery, WelfareTask, WelfareTaskList, WelfareTaskQuery } from '../../../common/contracts/reminders';
import { parentCode, scopePrefix } from '../../../common/region-code';
import { assertRegionInScope, requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Actor, type Ctx } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import type { Db } from '../../db/client';
import { institutions } from '../../db/schema/institutions';
import { regions } from '../../db/schema/regions';
import { reminderLadders, reminderLog, welfareTasks } from '../../db/schema/reminders';
import { institutionScope } from '../institutions/institutions.scope';
import { resolveLadder } from './reminders.rules';

/** Every configured ladder (one row per region that set its own; a small table), for resolving in memory. */
export async function loadLadders(db: Db, regionCodes?: string[]): Promise<Map<string, LadderStep[]>> {
  const rows = regionCodes
    ? await db.select().from(reminderLadders).where(inArray(reminderLadders.regionCode, regionCodes))
    : await db.select().from(reminderLadders);
  return new Map(rows.map((r) => [r.regionCode, r.steps as LadderStep[]]));
}

/** The ladder in force for a region, with where it is inherited from. */
export async function ladderOf(db: Db, regionCode: string): Promise<Ladder> {
  const chain: string[] = [];
  for (let c: string | null = regionCode; c; c = parentCode(c)) chain.push(c);
  return { regionCode, ...resolveLadder(regionCode, await loadLadders(db, chain)) };
}

async function existingRegion(ctx: Ctx, actor: Actor, code: string): Promise<void> {
  assertRegionInScope(actor, code);
  const [region] = await ctx.db.select({ code: regions.code }).from(regions).where(eq(regions.code, code));
  if (!region) throw notFound('REGION_NOT_FOUND');
}

export async function getLadder(ctx: Ctx, region?: string): Promise<Ladder> {
  const actor = requirePermission(ctx, 'reports:read');
  const code = region ?? actor.regionCode;
  await existingRegion(ctx, actor, code);
  return ladderOf(ctx.db, code);
}

/** Sets a region's own ladder; every region below it without its own inherits it. */
export async function setLadder(ctx: Ctx, region: string | undefined, input: LadderInput): Promise<Ladder> {
  const actor = requirePermission(ctx, 'reports:configure');
  const code = region ?? actor.regionCode;
  await existingRegion(ctx, actor, code);
  return withTx(ctx, async (tx) => {
    const before = await ladderOf(tx.db, code);
    const steps = [...input.steps].sort((a, b) => a.minutes - b.minutes);
    await tx.db
      .insert(reminderLadders)
      .values({ regionCode: code, steps, updatedAt: tx.now() })
      .onConflictDoUpdate({ target: reminderLadders.regionCode, set: { steps, updatedAt: tx.now() } });
    await recordAudit(tx, { action: 'reminder.ladder', entityType: 'region', entityId: code, regionCode: code, details: { before: before.steps, after: steps } });
    return ladderOf(tx.db, code);
  });
}

/** Institutions of a region (a prefix), as far as the actor may see them. */
function institutionsUnder(actor: Actor, code: string): SQL {
  return and(institutionScope(actor), like(institutions.regionCode, `${scopePrefix(code)}%`))!;
}

/** Every reminder sent for a business day in a region. */
export async function listReminderLog(ctx: Ctx, q: ReminderLogQuery): Promise<ReminderLog> {
  const actor = requirePermission(ctx, 'reports:read');
  const code = q.region ?? actor.regionCode;
  assertRegionInScope(actor, code);
  const day = q.date ?? businessDay(ctx.now());
  const where = and(eq(reminderLog.day, day), institutionsUnder(actor, code));
  const [total] = await ctx.db.select({ n: count() }).from(reminderLog).innerJoin(institutions, eq(institutions.id, reminderLog.institutionId)).where(where);
  const rows = await ctx.db
    .select({ log: reminderLog, name: institutions.name })
    .from(reminderLog)
    .innerJoin(institutions, eq(institutions.id, reminderLog.institutionId))
    .where(where)
    .orderBy(desc(reminderLog.sentAt), asc(institutions.regionCode), asc(reminderLog.step))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    date: day,
    total: Number(total?.n ?? 0),
    items: rows.map(({ log, name }) => ({
      id: log.id,
      institutionId: log.institutionId,
      institutionName: name,
      regionCode: log.regionCode,
      date: log.day,
      step: log.step,
      target: log.target as LadderStep['target'],
      recipients: log.recipients,
      sentAt: log.sentAt.toISOString(),
    })),
  };
}

const taskSelection = {
  task: welfareTasks,
  name: institutions.name,
  responsiblePerson: institutions.responsiblePerson,
  responsiblePhone: institutions.responsiblePhone,
  dutyPhone: institutions.dutyPhone,
  regionName: regions.name,
};

type TaskRow = { task: typeof welfareTasks.$inferSelect; name: string; responsiblePerson: string; responsiblePhone: string; dutyPhone: string | null; regionName: string | null };

function toTask(r: TaskRow): WelfareTask {
  return {
    id: r.task.id,
    institutionId: r.task.institutionId,
    institutionName: r.name,
    regionCode: r.task.regionCode,
    regionName: r.regionName ?? r.task.regionCode,
    responsiblePerson: r.responsiblePerson,
    responsiblePhone: r.responsiblePhone,
    dutyPhone: r.dutyPhone,
    date: r.task.day,
    reason: r.task.reason,
    status: r.task.status === 'done' ? 'done' : 'open',
    note: r.task.note,
    createdAt: r.task.createdAt.toISOString(),
    doneAt: r.task.doneAt?.toISOString() ?? null,
    doneByName: r.task.doneByName,
  };
}

function tasksFrom(db: Db) {
  return db
    .select(taskSelection)
    .from(welfareTasks)
    .innerJoin(institutions, eq(institutions.id, welfareTasks.institutionId))
    .leftJoin(regions, eq(regions.code, welfareTasks.regionCode));
}

/** Welfare-check tasks of a region (open ones first), with the institution's contacts for the visit. */
export async function listWelfareTasks(ctx: Ctx, q: WelfareTaskQuery): Promise<WelfareTaskList> {
  const actor = requirePermission(ctx, 'reports:read');
  const code = q.region ?? actor.regionCode;
  assertRegionInScope(actor, code);
  const where = and(institutionsUnder(actor, code), q.status ? eq(welfareTasks.status, q.status) : undefined);
  const [total] = await ctx.db.select({ n: count() }).from(welfareTasks).innerJoin(institutions, eq(institutions.id, welfareTasks.institutionId)).where(where);
  const rows = await tasksFrom(ctx.db)
    .where(where)
    .orderBy(desc(eq(welfareTasks.status, 'open')), desc(welfareTasks.day), asc(institutions.name))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: rows.map(toTask), total: Number(total?.n ?? 0) };
}

/** One welfare-check task inside the caller's scope (404 outside it). */
export async function getWelfareTask(ctx: Ctx, id: string): Promise<WelfareTask> {
  const actor = requirePermission(ctx, 'reports:read');
  const [row] = await tasksFrom(ctx.db).where(and(eq(welfareTasks.id, id), institutionScope(actor)));
  if (!row) throw notFound('WELFARE_TASK_NOT_FOUND');
  return toTask(row);
}

/** The town (or an officer above it) records the outcome of the check and closes the task. */
export async function completeWelfareTask(ctx: Ctx, id: string, note: string): Promise<WelfareTask> {
  const actor = requirePermission(ctx, 'reminders:welfare');
  const [row] = await tasksFrom(ctx.db).where(and(eq(welfareTasks.id, id), institutionScope(actor)));
  if (!row) throw notFound('WELFARE_TASK_NOT_FOUND');
  if (row.task.status === 'done') throw new AppError(409, 'WELFARE_TASK_ALREADY_DONE');
  return withTx(ctx, async (tx) => {
    const [after] = await tx.db
      .update(welfareTasks)
      .set({ status: 'done', note, doneAt: tx.now(), doneByName: actor.name })
      .where(and(eq(welfareTasks.id, id), eq(welfareTasks.status, 'open')))
      .returning();
    if (!after) throw new AppError(409, 'WELFARE_TASK_ALREADY_DONE');
    await recordAudit(tx, { action: 'welfare_task.done', entityType: 'welfare_task', entityId: id, regionCode: after.regionCode, details: { institutionId: after.institutionId, day: after.day } });
    return toTask({ ...row, task: after });
  });
}
