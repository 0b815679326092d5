import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { addDays, businessDay } from '../../../common/business-day';
import type { LadderStep } from '../../../common/contracts/reminders';
import type { ReminderTarget } from '../../../common/enums';
import { requirePermission } from '../../core/access';
import { recordAudit } from '../../core/audit';
import { withTx, type Ctx } from '../../core/context';
import { reminderLog, welfareTasks } from '../../db/schema/reminders';
import { users } from '../../db/schema/users';
import { missingInstitutions } from '../daily-reports/completeness.service';
import { deadlineTime } from '../daily-reports/daily-reports.service';
import { notify, notifyAll } from '../notifications/notifications.service';
import { countyOf, townOf } from '../../../common/region-code';
import { dueSteps, reminderText, resolveLadder } from './reminders.rules';
import { loadLadders } from './reminders.service';

/** An institution on the daily-reports missing list (the roster rule lives there, not here). */
type Missing = Awaited<ReturnType<typeof missingInstitutions>>['items'][number];

/** One step due for one institution and day. */
interface Due {
  inst: Missing;
  day: string;
  time: string;
  step: LadderStep;
}

/** Reminders written per transaction (one audit row each, for one county). */
const BATCH = 200;

const ROLE_OF = { institution: 'reporter', town: 'town_officer', county: 'officer' } as const;

/** Whom a step reaches: the institution's reporters, the town officers of its town, the county's officers. */
function recipientKey(inst: Pick<Missing, 'institutionId' | 'regionCode'>, target: ReminderTarget): string {
  if (target === 'institution') return `institution|${inst.institutionId}`;
  return `${target}|${target === 'town' ? townOf(inst.regionCode) : countyOf(inst.regionCode)}`;
}

/** Recipients of one run, looked up in bulk once per institution, town or county. */
type RecipientCache = Map<string, string[]>;

async function loadRecipients(ctx: Ctx, cache: RecipientCache, wanted: Array<{ inst: Pick<Missing, 'institutionId' | 'regionCode'>; target: ReminderTarget }>): Promise<void> {
  const keys = [...new Set(wanted.map((w) => recipientKey(w.inst, w.target)))].filter((k) => !cache.has(k));
  for (const target of ['institution', 'town', 'county'] as const) {
    const values = keys.filter((k) => k.startsWith(`${target}|`)).map((k) => k.slice(target.length + 1));
    for (let i = 0; i < values.length; i += 1_000) {
      const chunk = values.slice(i, i + 1_000);
      const column = target === 'institution' ? users.institutionId : users.regionCode;
      const rows = await ctx.db
        .select({ id: users.id, on: column })
        .from(users)
        .where(and(eq(users.role, ROLE_OF[target]), inArray(column, chunk), eq(users.disabled, false)));
      for (const v of chunk) cache.set(`${target}|${v}`, rows.filter((r) => r.on === v).map((r) => r.id));
    }
  }
}

const logKey = (institutionId: string, day: string, step: number) => `${institutionId}|${day}|${step}`;

/**
 * Sends a batch of due steps (one county) at most once: the reminder_log rows are written first, and
 * their unique index (institution, day, step) leaves out whatever another run already sent.
 */
async function sendBatch(ctx: Ctx, items: Due[], cache: RecipientCache): Promise<ReminderRun> {
  await loadRecipients(ctx, cache, items.map((d) => ({ inst: d.inst, target: d.step.target })));
  const to = (d: Due) => cache.get(recipientKey(d.inst, d.step.target)) ?? [];
  return withTx(ctx, async (tx) => {
    const inserted = await tx.db
      .insert(reminderLog)
      .values(
        items.map((d) => ({
          id: randomUUID(),
          institutionId: d.inst.institutionId,
          regionCode: d.inst.regionCode,
          day: d.day,
          step: d.step.minutes,
          target: d.step.target,
          recipients: to(d).length,
          sentAt: tx.now(),
        })),
      )
      .onConflictDoNothing()
      .returning({ i: reminderLog.institutionId, d: reminderLog.day, s: reminderLog.step });
    const fresh = new Set(inserted.map((r) => logKey(r.i, r.d, r.s)));
    const sent = items.filter((d) => fresh.has(logKey(d.inst.institutionId, d.day, d.step.minutes)));
    if (sent.length === 0) return { sent: 0, notified: 0 };
    const results = await notifyAll(
      tx,
      sent.map((d) => ({
        userIds: to(d),
        kind: 'reminder',
        ...reminderText(d.step, d.inst, d.day, d.time, tx.now()),
        link: `/daily-reports?date=${d.day}`,
        regionCode: d.inst.regionCode,
        data: { institutionId: d.inst.institutionId, institutionName: d.inst.name, day: d.day, deadline: d.time, step: d.step.minutes, target: d.step.target },
      })),
    );
    await recordAudit(tx, {
      action: 'reminder.send',
      entityType: 'reminder',
      regionCode: countyOf(sent[0]!.inst.regionCode),
      details: {
        reminders: sent.map((d, n) => ({ institutionId: d.inst.institutionId, day: d.day, step: d.step.minutes, target: d.step.target, recipients: results[n]!.notified })),
      },
    });
    return { sent: sent.length, notified: results.reduce((sum, r) => sum + r.notified, 0) };
  });
}

export interface ReminderRun {
  /** Reminder steps sent in this run. */
  sent: number;
  /** In-app notifications written. */
  notified: number;
}

/**
 * The reminder job. For today and the previous business day it takes the institutions still missing
 * (daily-reports' own roster and missing rule), and sends every ladder step whose time has passed by
 * `now` and is not yet logged: run every minute it sends each step on time, run after downtime it
 * catches up, run twice it sends nothing twice.
 */
export async function runReminders(ctx: Ctx, now: Date): Promise<ReminderRun> {
  const actor = requirePermission(ctx, 'reports:configure');
  const at: Ctx = { ...ctx, now: () => now };
  const today = businessDay(now);
  const days = [addDays(today, -1), today];
  const ladders = await loadLadders(ctx.db);
  const logged = new Set(
    (await ctx.db.select({ i: reminderLog.institutionId, d: reminderLog.day, s: reminderLog.step }).from(reminderLog).where(inArray(reminderLog.day, days))).map((r) =>
      logKey(r.i, r.d, r.s),
    ),
  );
  const deadlines = new Map<string, string>();
  const due: Due[] = [];
  for (const day of days) {
    const { items } = await missingInstitutions(at, { region: actor.regionCode, date: day });
    for (const inst of items) {
      if (!deadlines.has(inst.regionCode)) deadlines.set(inst.regionCode, (await deadlineTime(ctx.db, inst.regionCode)).time);
      const time = deadlines.get(inst.regionCode)!;
      for (const step of dueSteps(resolveLadder(inst.regionCode, ladders).steps, day, time, now)) {
        if (!logged.has(logKey(inst.institutionId, day, step.minutes))) due.push({ inst, day, time, step });
      }
    }
  }
  const byCounty = new Map<string, Due[]>();
  for (const d of due) {
    const county = countyOf(d.inst.regionCode);
    if (!byCounty.has(county)) byCounty.set(county, []);
    byCounty.get(county)!.push(d);
  }
  const cache: RecipientCache = new Map();
  const run: ReminderRun = { sent: 0, notified: 0 };
  for (const items of byCounty.values()) {
    for (let i = 0; i < items.length; i += BATCH) {
      const r = await sendBatch(at, items.slice(i, i + BATCH), cache);
      run.sent += r.sent;
      run.notified += r.notified;
    }
  }
  return run;
}

/**
 * An institution expected but silent two days running (yesterday and the day before) gets one
 * welfare-check task for its town, and the town officers are told. While a task is open no second one
 * is raised; the unique index (institution, day) makes reruns harmless.
 */
export async function raiseWelfareChecks(ctx: Ctx, today: string): Promise<{ created: number; notified: number }> {
  const actor = requirePermission(ctx, 'reports:configure');
  const yesterday = addDays(today, -1);
  const dayBefore = addDays(today, -2);
  const first = await missingInstitutions(ctx, { region: actor.regionCode, date: dayBefore });
  const second = await missingInstitutions(ctx, { region: actor.regionCode, date: yesterday });
  const silentBefore = new Set(first.items.map((i) => i.institutionId));
  const silent = second.items.filter((i) => silentBefore.has(i.institutionId));
  const open = new Set<string>();
  for (let i = 0; i < silent.length; i += 1_000) {
    const ids = silent.slice(i, i + 1_000).map((s) => s.institutionId);
    const rows = await ctx.db
      .select({ id: welfareTasks.institutionId })
      .from(welfareTasks)
      .where(and(eq(welfareTasks.status, 'open'), inArray(welfareTasks.institutionId, ids)));
    for (const r of rows) open.add(r.id);
  }
  const cache: RecipientCache = new Map();
  const result = { created: 0, notified: 0 };
  for (const inst of silent.filter((s) => !open.has(s.institutionId))) {
    const town = townOf(inst.regionCode);
    await loadRecipients(ctx, cache, [{ inst, target: 'town' }]);
    const userIds = cache.get(recipientKey(inst, 'town')) ?? [];
    const notified = await withTx(ctx, async (tx) => {
      const id = randomUUID();
      const [task] = await tx.db
        .insert(welfareTasks)
        .values({ id, institutionId: inst.institutionId, regionCode: town, day: yesterday, reason: `${dayBefore}、${yesterday} 连续两日未报送日报告`, createdAt: tx.now() })
        .onConflictDoNothing()
        .returning({ id: welfareTasks.id });
      if (!task) return null;
      const sent = await notify(tx, {
        userIds,
        kind: 'welfare_check',
        title: `探访核查：${inst.name}`,
        body: `${inst.name} 已连续两日（${dayBefore}、${yesterday}）未报送日报告，请尽快电话联系或上门探访，核实机构和服务对象情况，并在平台记录核查结果。`,
        link: `/reminders/welfare-tasks/${id}`,
        regionCode: town,
        data: { taskId: id, institutionId: inst.institutionId, institutionName: inst.name, days: [dayBefore, yesterday] },
      });
      await recordAudit(tx, {
        action: 'welfare_task.create',
        entityType: 'welfare_task',
        entityId: id,
        regionCode: town,
        details: { institutionId: inst.institutionId, days: [dayBefore, yesterday], recipients: sent.notified },
      });
      return sent.notified;
    });
    if (notified === null) continue;
    result.created++;
    result.notified += notified;
  }
  return result;
}
