import { businessDay } from '../../common/business-day';
import type { Ctx } from '../core/context';
import type { Secrets } from '../core/crypto';
import type { Database } from '../db/client';
import { escalateOverdueCalls } from '../modules/hotline/hotline.cases';
import { deliverWebhooks } from '../modules/notifications/notifications.service';
import { raiseWelfareChecks, runReminders } from '../modules/reminders/reminder-jobs.service';
import { systemCtx } from '../runtime';

export const TICK_MS = 60_000;

/** What the scheduler needs of a logger (pino, Fastify's app.log, or console in a pinch). */
export interface JobLog {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface Scheduler {
  /** Runs all jobs once now (unless a run is in progress, which it then waits for). */
  tick(): Promise<void>;
  /** Stops the timer and waits for a run in progress, so the database is not closed under it. */
  stop(): Promise<void>;
}

/**
 * The business jobs act as a national bureau officer (like the demo seed): the system admin runs
 * accounts only, and the jobs' audit rows name the scheduler.
 */
export function jobCtx(database: Database, secrets: Secrets, now: () => Date = () => new Date()): Ctx {
  const ctx = systemCtx(database, secrets);
  return { ...ctx, now, actor: { ...ctx.actor!, username: 'scheduler', name: '定时任务', role: 'officer' } };
}

/** A `daily` job needs one successful run per business day (its inputs are closed days). */
type Job = { name: string; daily?: boolean; run: (ctx: Ctx, now: Date) => Promise<object> };

export const JOBS: Job[] = [
  { name: 'reminders', run: (ctx, now) => runReminders(ctx, now) },
  { name: 'welfare-checks', daily: true, run: (ctx, now) => raiseWelfareChecks(ctx, businessDay(now)) },
  { name: 'hotline-escalation', run: (ctx, now) => escalateOverdueCalls(ctx, now) },
  { name: 'webhooks', run: (ctx) => deliverWebhooks(ctx) },
];

/**
 * Runs the jobs once at start (the catch-up after downtime) and then every minute. A run never overlaps
 * the previous one; a failing job is logged and the others still run. The jobs are idempotent, so a
 * crash or a second process costs nothing but a repeated check.
 */
export function startScheduler(database: Database, secrets: Secrets, log: JobLog, intervalMs = TICK_MS): Scheduler {
  let running: Promise<void> | null = null;
  let stopped = false;
  const doneFor = new Map<string, string>();
  const runOnce = async () => {
    const now = new Date();
    const ctx = jobCtx(database, secrets, () => new Date());
    for (const job of JOBS) {
      if (stopped) return;
      if (job.daily && doneFor.get(job.name) === businessDay(now)) continue;
      const started = Date.now();
      try {
        const result = await job.run(ctx, now);
        if (job.daily) doneFor.set(job.name, businessDay(now));
        if (Object.values(result).some((v) => typeof v === 'number' && v > 0)) log.info({ job: job.name, ms: Date.now() - started, ...result }, 'job done');
      } catch (err) {
        log.error({ job: job.name, err: { message: (err as Error).message } }, 'job failed');
      }
    }
  };
  const tick = (): Promise<void> => {
    if (!running && !stopped) running = runOnce().finally(() => (running = null));
    return running ?? Promise.resolve();
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return {
    tick,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
