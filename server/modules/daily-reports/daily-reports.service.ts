import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { businessDay, shanghaiInstant } from '../../../common/business-day';
import type { CorrectReportInput, DailyReport, SubmitReportInput } from '../../../common/contracts/daily-reports';
import { parentCode } from '../../../common/region-code';
import { assertRegionInScope, requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Actor, type Ctx } from '../../core/context';
import { AppError, badRequest, notFound } from '../../core/errors';
import { idempotent, type Answer } from '../../core/idempotency';
import type { Db } from '../../db/client';
import { dailyReports, dailyReportVersions, reportingDeadlines } from '../../db/schema/daily-reports';
import { institutions } from '../../db/schema/institutions';
import { findInstitution } from '../institutions/institutions.service';
import type { Institution } from '../../../common/contracts/institutions';
import { canonicalJson } from '../../core/canonical-json';
import { sha256Hex, timeOrderedId } from '../../core/crypto';
import { institutionForReport, submitCoalesced } from './daily-reports.batch';
import { bookConsumption, rebookConsumption } from '../supplies/supplies.service';
import { DEFAULT_DEADLINE, insideWindow, notApplicableAllowed } from './daily-reports.rules';
import { applyReports } from './rollups';

type Row = typeof dailyReports.$inferSelect;

/** The deadline clock time of a region: its own, else its nearest ancestor's, else 17:30. */
export async function deadlineTime(
  db: Db,
  regionCode: string,
): Promise<{ time: string; source: 'own' | 'inherited' | 'default'; inheritedFrom: string | null }> {
  const chain: string[] = [];
  for (let c: string | null = regionCode; c; c = parentCode(c)) chain.push(c);
  const rows = await db.select().from(reportingDeadlines).where(inArray(reportingDeadlines.regionCode, chain));
  for (const code of chain) {
    const hit = rows.find((r) => r.regionCode === code);
    if (hit) return code === regionCode ? { time: hit.time, source: 'own', inheritedFrom: null } : { time: hit.time, source: 'inherited', inheritedFrom: code };
  }
  return { time: DEFAULT_DEADLINE, source: 'default', inheritedFrom: null };
}

export async function toReport(db: Db, r: Row, institutionName?: string): Promise<DailyReport> {
  const [inst] =
    institutionName !== undefined
      ? [{ name: institutionName }]
      : await db.select({ name: institutions.name }).from(institutions).where(eq(institutions.id, r.institutionId));
  return {
    id: r.id,
    institutionId: r.institutionId,
    institutionName: inst?.name ?? '',
    regionCode: r.regionCode,
    date: r.day,
    kind: r.kind,
    figures: r.figures,
    checklist: (r.checklist as DailyReport['checklist']) ?? null,
    signer: r.signer,
    reason: r.reason,
    submittedAt: r.submittedAt.toISOString(),
    submittedByName: r.submittedByName,
    onBehalf: r.onBehalf,
    onTime: r.onTime,
    deadline: r.deadline.toISOString(),
    version: r.version,
    correctedAt: r.correctedAt?.toISOString() ?? null,
    correctionReason: r.correctionReason,
  };
}

const isUniqueViolation = (err: unknown) => {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (e.code === '23505') return true;
  return false;
};

/**
 * Submits one institution's report, zero report or "not applicable" for a business day. A second
 * submission is a 409 (use a correction); an officer may submit on the institution's behalf (代报).
 * Validated here, per request; written together with the submissions arriving at the same moment
 * (daily-reports.batch.ts), each caller getting its own answer.
 */
export async function submitReport(ctx: Ctx, input: SubmitReportInput, idempotencyKey?: string): Promise<Answer<DailyReport>> {
  const actor = requirePermission(ctx, 'reports:submit');
  const inst = await institutionForReport(ctx, actor, input.institutionId, input.date);
  const today = businessDay(ctx.now());
  if (input.date > today) throw badRequest('REPORT_FUTURE_DATE');
  if (!insideWindow(input.date, today)) throw badRequest('REPORT_OUTSIDE_WINDOW');
  if (input.date < inst.registeredOn) throw badRequest('REPORT_BEFORE_REGISTRATION');
  if (input.kind === 'not_applicable' && !notApplicableAllowed(inst.status)) throw badRequest('NOT_APPLICABLE_NOT_ALLOWED');
  return submitCoalesced({
    ctx,
    actor,
    inst,
    input,
    id: timeOrderedId(),
    key: idempotencyKey,
    hash: idempotencyKey === undefined ? undefined : sha256Hex(canonicalJson(input)),
    toBody: (row) => toReport(ctx.db, row, inst.name),
    single: () => submitOne(ctx, actor, inst, input, idempotencyKey),
  });
}

/** The one-by-one path: one transaction for this submission alone. */
async function submitOne(ctx: Ctx, actor: Actor, inst: Institution, input: SubmitReportInput, idempotencyKey?: string): Promise<Answer<DailyReport>> {
  const { time } = await deadlineTime(ctx.db, inst.regionCode);
  const deadline = shanghaiInstant(input.date, time);
  return idempotent(ctx, 'daily-report', idempotencyKey, input, async (tx) => {
    const onTime = tx.now() <= deadline;
    const figures = input.kind === 'report' ? (input.figures as Record<string, unknown>) : null;
    const row = {
      id: timeOrderedId(),
      institutionId: inst.id,
      regionCode: inst.regionCode,
      day: input.date,
      kind: input.kind,
      figures,
      checklist: input.checklist ?? null,
      signer: input.signer ?? null,
      reason: input.reason ?? null,
      submittedAt: tx.now(),
      submittedById: actor.userId,
      submittedByName: actor.name,
      onBehalf: actor.institutionId !== inst.id,
      deadline,
      onTime,
      officialKind: onTime ? input.kind : null,
      officialFigures: onTime ? figures : null,
    };
    // One statement: the unique index refuses a second report of the day (the transaction then ends).
    const [saved] = await tx.db
      .insert(dailyReports)
      .values(row)
      .returning()
      .catch((err: unknown) => {
        throw isUniqueViolation(err) ? new AppError(409, 'REPORT_ALREADY_SUBMITTED') : err;
      });
    await applyReports(tx, [row.id]);
    await bookConsumption(tx, { institutionId: inst.id, regionCode: inst.regionCode, reportId: row.id, day: input.date, supplies: input.figures?.supplies });
    await recordAudit(tx, {
      action: 'daily_report.submit',
      entityType: 'daily_report',
      entityId: row.id,
      regionCode: inst.regionCode,
      details: { institutionId: inst.id, day: input.date, kind: input.kind, onTime, onBehalf: row.onBehalf },
    });
    return { status: 201, body: await toReport(tx.db, saved!, inst.name) };
  });
}

async function reportInScope(ctx: Ctx, actor: Actor, id: string): Promise<Row> {
  const [row] = await ctx.db.select().from(dailyReports).where(eq(dailyReports.id, id));
  if (!row) throw notFound('REPORT_NOT_FOUND');
  await findInstitution(ctx, actor, row.institutionId).catch(() => {
    throw notFound('REPORT_NOT_FOUND');
  });
  return row;
}

export async function getReport(ctx: Ctx, institutionId: string, day?: string): Promise<DailyReport | null> {
  const actor = requirePermission(ctx, 'reports:read');
  await findInstitution(ctx, actor, institutionId);
  const [row] = await ctx.db
    .select()
    .from(dailyReports)
    .where(and(eq(dailyReports.institutionId, institutionId), eq(dailyReports.day, day ?? businessDay(ctx.now()))));
  return row ? toReport(ctx.db, row) : null;
}

/**
 * Corrects a submitted report. Before the deadline it simply replaces the figures (and the official
 * ones); after it, a reason is required and the official figures frozen at the deadline stay as they were.
 * Every earlier version is kept.
 */
export async function correctReport(ctx: Ctx, id: string, input: CorrectReportInput): Promise<DailyReport> {
  const actor = requirePermission(ctx, 'reports:submit');
  const row = await reportInScope(ctx, actor, id);
  const now = ctx.now();
  if (!insideWindow(row.day, businessDay(now))) throw badRequest('REPORT_OUTSIDE_WINDOW');
  const afterDeadline = now > row.deadline;
  if (afterDeadline && !input.correctionReason) throw badRequest('CORRECTION_REASON_REQUIRED');
  if (row.kind === 'report' && !input.figures) throw badRequest('VALIDATION_FAILED', '请填写更正后的数据');
  return withTx(ctx, async (tx) => {
    await applyReports(tx, [id], -1); // the row as it stands, out of the roll-ups; the corrected row goes back in below
    await tx.db.insert(dailyReportVersions).values({
      id: randomUUID(),
      reportId: id,
      version: row.version,
      snapshot: { kind: row.kind, figures: row.figures, checklist: row.checklist, signer: row.signer, submittedAt: row.submittedAt.toISOString() },
      replacedAt: now,
      replacedById: actor.userId,
      reason: input.correctionReason ?? null,
    });
    const figures = row.kind === 'report' ? (input.figures as Record<string, unknown>) : null;
    const [after] = await tx.db
      .update(dailyReports)
      .set({
        figures,
        checklist: input.checklist ?? row.checklist,
        signer: input.signer ?? row.signer,
        version: sql`${dailyReports.version} + 1`,
        correctedAt: now,
        correctionReason: input.correctionReason ?? null,
        ...(afterDeadline ? {} : { officialFigures: figures }),
      })
      .where(and(eq(dailyReports.id, id), eq(dailyReports.version, input.version)))
      .returning();
    if (!after) throw new AppError(409, 'VERSION_CONFLICT');
    await applyReports(tx, [id], 1, true);
    // The corrected figures replace the earlier ones, their supply list included: stock follows them.
    if (row.kind === 'report') await rebookConsumption(tx, { institutionId: row.institutionId, regionCode: row.regionCode, reportId: id, day: row.day, supplies: input.figures?.supplies });
    await recordAudit(tx, {
      action: 'daily_report.correct',
      entityType: 'daily_report',
      entityId: id,
      regionCode: row.regionCode,
      details: { version: after.version, afterDeadline, reason: input.correctionReason ?? null },
    });
    return toReport(tx.db, after);
  });
}

export async function setDeadline(ctx: Ctx, regionCode: string, time: string) {
  const actor = requirePermission(ctx, 'reports:configure');
  assertRegionInScope(actor, regionCode);
  return withTx(ctx, async (tx) => {
    const before = await deadlineTime(tx.db, regionCode);
    await tx.db
      .insert(reportingDeadlines)
      .values({ regionCode, time, updatedAt: tx.now() })
      .onConflictDoUpdate({ target: reportingDeadlines.regionCode, set: { time, updatedAt: tx.now() } });
    await recordAudit(tx, { action: 'daily_report.deadline', entityType: 'region', entityId: regionCode, regionCode, details: { before: before.time, after: time } });
    return { regionCode, time, source: 'own' as const, inheritedFrom: null };
  });
}

export async function getDeadline(ctx: Ctx, regionCode: string) {
  requirePermission(ctx, 'reports:read');
  return { regionCode, ...(await deadlineTime(ctx.db, regionCode)) };
}
