/**
 * Coalesced submission of daily reports. Submissions that arrive within a few milliseconds of each other,
 * or while the previous batch is being written, are written in ONE transaction with multi-row
 * statements: the idempotency answers already given, the reports (`ON CONFLICT DO NOTHING RETURNING`:
 * a row not returned is that caller's 409), supply consumption, the new idempotency answers, and last
 * the roll-ups and audit rows (rows other batches write too: their locks are held for the shortest
 * time). Every caller still gets its own answer. Validation happened before, per request (submitReport);
 * when a batch fails, each of its submissions is retried alone, so one bad row cannot fail the others. Inside a caller's transaction nothing is coalesced.
 */
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import { shanghaiInstant } from '../../../common/business-day';
import type { DailyReport, SubmitReportInput } from '../../../common/contracts/daily-reports';
import type { Institution } from '../../../common/contracts/institutions';
import { parentCode } from '../../../common/region-code';
import { recordAuditMany } from '../../core/audit';
import { withTx, type Actor, type Ctx } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import type { Answer } from '../../core/idempotency';
import { preparedRows, type Db } from '../../db/client';
import type { dailyReports } from '../../db/schema/daily-reports';
import { reportingDeadlines } from '../../db/schema/daily-reports';
import { institutions } from '../../db/schema/institutions';
import { regions } from '../../db/schema/regions';
import { statusOnSql, statusSinceSql } from '../institutions/institutions.scope';
import { findInstitution, toInstitution } from '../institutions/institutions.service';
import { bookConsumption } from '../supplies/supplies.service';
import { DEFAULT_DEADLINE } from './daily-reports.rules';
import { applyReports, rosterLockShared } from './rollups';

type Row = typeof dailyReports.$inferSelect;

/** One validated submission waiting for its batch. */
export interface Submission {
  /** The caller's own context: actor, ip, request id and clock. */
  ctx: Ctx;
  actor: Actor;
  inst: Institution;
  input: SubmitReportInput;
  id: string;
  key?: string | undefined;
  /** sha256 of the canonical body, when there is a key. */
  hash?: string | undefined;
  toBody: (row: Row) => Promise<DailyReport>;
  /** The one-by-one path, used when the batch fails. */
  single: () => Promise<Answer<DailyReport>>;
}

type Outcome = { answer: Answer<DailyReport> } | { error: unknown };

const WINDOW_MS = 2;
const MAX_BATCH = 400;
const MAX_IN_FLIGHT = 2;
const IDEMPOTENCY_SCOPE = 'daily-report';

/** True when ctx is already inside a transaction: then there is nothing to coalesce with. */
const inTransaction = (ctx: Ctx) => ctx.db instanceof PgTransaction;

class Coalescer {
  private queue: Array<{ s: Submission; done: (o: Outcome) => void }> = [];
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;

  submit(s: Submission): Promise<Answer<DailyReport>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ s, done: (o) => ('answer' in o ? resolve(o.answer) : reject(o.error as Error)) });
      if (this.inFlight >= MAX_IN_FLIGHT) return; // a batch in flight takes the queue when it ends
      if (this.queue.length >= MAX_BATCH) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), WINDOW_MS);
    });
  }

  private flush() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      const batch = this.take();
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        if (this.queue.length > 0) this.flush();
      });
    }
  }

  /**
   * Up to MAX_BATCH submissions from the front of the queue, at most one per (user, Idempotency-Key): a
   * repeat waits for the next batch. Scans only as far as the batch fills (the queue can be long).
   */
  private take() {
    const batch: typeof this.queue = [];
    const repeats: typeof this.queue = [];
    const keys = new Set<string>();
    let n = 0;
    for (; n < this.queue.length && batch.length < MAX_BATCH; n++) {
      const q = this.queue[n]!;
      const k = q.s.key === undefined ? null : `${q.s.actor.userId}\u0000${q.s.key}`;
      if (k !== null && keys.has(k)) repeats.push(q);
      else {
        if (k !== null) keys.add(k);
        batch.push(q);
      }
    }
    this.queue = repeats.length > 0 ? [...repeats, ...this.queue.slice(n)] : this.queue.slice(n);
    return batch;
  }

  private async run(batch: typeof this.queue) {
    let outcomes: Outcome[];
    try {
      outcomes = await writeBatch(batch.map((q) => q.s));
    } catch {
      outcomes = [];
      for (const q of batch) outcomes.push(await q.s.single().then((answer) => ({ answer }), (error: unknown) => ({ error })));
    }
    batch.forEach((q, i) => q.done(outcomes[i]!));
  }
}

const coalescers = new WeakMap<Db, WeakMap<object, Coalescer>>();

/** Submits through the coalescer of ctx's database (alone when ctx is inside a transaction). */
export function submitCoalesced(s: Submission): Promise<Answer<DailyReport>> {
  if (inTransaction(s.ctx)) return s.single();
  let bySecrets = coalescers.get(s.ctx.db);
  if (!bySecrets) coalescers.set(s.ctx.db, (bySecrets = new WeakMap()));
  let c = bySecrets.get(s.ctx.secrets);
  if (!c) bySecrets.set(s.ctx.secrets, (c = new Coalescer()));
  return c.submit(s);
}

/**
 * The nearest deadline clock time of each region (own, else an ancestor's, else 17:30), in one query,
 * which also takes `lock` (an advisory-lock expression) first when given.
 */
async function deadlineTimes(db: Db, codes: string[], lock: SQL | null): Promise<Map<string, string>> {
  const chains = new Map(codes.map((code) => [code, chainOf(code)]));
  const all = [...new Set([...chains.values()].flat())];
  // The lock's branch always yields its one row, first, so the lock is taken whatever the deadlines.
  const found = await preparedRows<{ region_code: string | null; time: string | null }>(
    db,
    sql`${lock ? sql`select null::varchar as region_code, null::varchar as time from (select ${lock}) l union all ` : sql``}
      select region_code, time from ${reportingDeadlines} where region_code = any(${`{${all.join(',')}}`}::varchar[])`, // codes are digits: a safe array literal
  );
  const time = new Map(found.filter((r) => r.region_code !== null).map((r) => [r.region_code!, r.time!]));
  return new Map([...chains].map(([code, chain]) => [code, chain.map((c) => time.get(c)).find((t) => t !== undefined) ?? DEFAULT_DEADLINE]));
}

function chainOf(code: string): string[] {
  const chain: string[] = [];
  for (let c: string | null = code; c; c = parentCode(c)) chain.push(c);
  return chain;
}

class KeyRace extends Error {}

/**
 * Writes one batch in one transaction; the outcomes are in the order of the submissions. The reports
 * and their idempotency answers go in first, in one statement; only a submission whose report was
 * already there is then looked up among the stored answers (a retry gets its first answer again, the
 * same key with another body a 422, anyone else a 409), so a batch without retries never reads them.
 */
async function writeBatch(subs: Submission[]): Promise<Outcome[]> {
  const outcomes: Array<Outcome | undefined> = Array.from({ length: subs.length }, () => undefined);
  return withTx(subs[0]!.ctx, async (tx) => {
    // The roll-ups' shared roster lock rides on the deadlines query (one round trip fewer per batch).
    const lock = rosterLockShared();
    const times = await deadlineTimes(tx.db, [...new Set(subs.map((s) => s.inst.regionCode))], lock);
    const planned = subs.map((s, i) => ({ s, i, row: newRow(s, times.get(s.inst.regionCode)!) }));
    // Sorted, so concurrent batches take the unique index's row locks in the same order.
    planned.sort((a, b) => (a.row.institutionId < b.row.institutionId ? -1 : a.row.institutionId > b.row.institutionId ? 1 : a.i - b.i));
    const saved = await insertReports(tx, planned);
    const won = planned.filter((p) => saved.has(p.row.id));
    const lost = planned.filter((p) => !saved.has(p.row.id));
    const earlier = await storedAnswers(tx, lost.map((p) => p.s));
    for (const { s, i } of lost) {
      const e = s.key === undefined ? undefined : earlier.get(`${s.actor.userId}\u0000${s.key}`);
      outcomes[i] = !e
        ? { error: new AppError(409, 'REPORT_ALREADY_SUBMITTED') }
        : e.request_hash === s.hash
          ? { answer: { status: e.status, body: e.response } }
          : { error: new AppError(422, 'IDEMPOTENCY_KEY_REUSED') };
    }
    for (const { s, row } of won) {
      if (!s.input.figures?.supplies?.length) continue;
      await bookConsumption({ ...tx, actor: s.ctx.actor, ip: s.ctx.ip, requestId: s.ctx.requestId, now: s.ctx.now }, { institutionId: s.inst.id, regionCode: s.inst.regionCode, reportId: row.id, day: row.day, supplies: s.input.figures.supplies });
    }
    for (const { s, i, row } of won) outcomes[i] = { answer: { status: 201, body: await s.toBody(row) } };
    // Last, the two statements that lock rows other batches also write: the town roll-up rows and the
    // audit chain head. Their locks are then held only for these statements and the commit.
    await applyReports(tx, won.map(({ row }) => row.id), 1, lock !== null);
    await recordAuditMany(
      tx,
      won.map(({ s, row }) => ({
        origin: s.ctx,
        action: 'daily_report.submit',
        entityType: 'daily_report',
        entityId: row.id,
        regionCode: row.regionCode,
        details: { institutionId: row.institutionId, day: row.day, kind: row.kind, onTime: row.onTime, onBehalf: row.onBehalf },
      })),
    );
    return outcomes as Outcome[];
  });
}

/** The stored idempotency answers of the given submissions (those with a key), by user and key. */
async function storedAnswers(tx: Ctx, subs: Submission[]) {
  const keyed = subs.filter((s) => s.key !== undefined);
  if (keyed.length === 0) return new Map<string, never>();
  const found = await preparedRows<{ user_id: string; key: string; request_hash: string; status: number; response: DailyReport }>(
    tx.db,
    sql`select k.user_id, k.key, k.request_hash, k.status, k.response from idempotency_keys k
      join jsonb_to_recordset(${JSON.stringify(keyed.map((s) => ({ u: s.actor.userId, k: s.key })))}::jsonb) as v(u uuid, k text)
      on k.user_id = v.u and k.key = v.k where k.scope = ${IDEMPOTENCY_SCOPE}`,
  );
  return new Map(found.map((e) => [`${e.user_id}\u0000${e.key}`, e]));
}

function newRow(s: Submission, time: string): Row {
  const now = s.ctx.now();
  const deadline = shanghaiInstant(s.input.date, time);
  const onTime = now <= deadline;
  const figures = s.input.kind === 'report' ? (s.input.figures as Record<string, unknown>) : null;
  return {
    id: s.id,
    institutionId: s.inst.id,
    regionCode: s.inst.regionCode,
    day: s.input.date,
    kind: s.input.kind,
    figures,
    checklist: s.input.checklist ?? null,
    signer: s.input.signer ?? null,
    reason: s.input.reason ?? null,
    submittedAt: now,
    submittedById: s.actor.userId,
    submittedByName: s.actor.name,
    onBehalf: s.actor.institutionId !== s.inst.id,
    deadline,
    onTime,
    officialKind: onTime ? s.input.kind : null,
    officialFigures: onTime ? figures : null,
    version: 1,
    correctedAt: null,
    correctionReason: null,
  };
}

/**
 * One statement: the multi-row insert of the reports (`ON CONFLICT DO NOTHING`: a row not inserted was
 * already submitted) and, for each inserted row with a key, its idempotency answer, built from the row
 * as inserted (the same fields as toReport, so nothing but the rows is sent). Returns the inserted ids;
 * a key already taken by another request (a race, or a reused key) throws KeyRace, and the batch is then
 * written one submission at a time, where the idempotency rules answer it.
 */
async function insertReports(tx: Ctx, list: Array<{ s: Submission; row: Row }>): Promise<Set<string>> {
  const json = JSON.stringify(
    list.map(({ s, row: r }) => ({
      id: r.id, institution_id: r.institutionId, region_code: r.regionCode, day: r.day, kind: r.kind, figures: r.figures, checklist: r.checklist,
      signer: r.signer, reason: r.reason, submitted_at: r.submittedAt, submitted_by_id: r.submittedById, submitted_by_name: r.submittedByName,
      on_behalf: r.onBehalf, deadline: r.deadline, on_time: r.onTime, official_kind: r.officialKind, official_figures: r.officialFigures,
      key: s.key ?? null, request_hash: s.hash ?? null, institution_name: s.inst.name,
    })),
  );
  const cols = 'id, institution_id, region_code, day, kind, figures, checklist, signer, reason, submitted_at, submitted_by_id, submitted_by_name, on_behalf, deadline, on_time, official_kind, official_figures';
  const iso = (c: string) => `to_char(r.${c} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const res = await preparedRows<{ id: string; keys: number }>(
    tx.db,
    sql`with v as (select * from jsonb_to_recordset(${json}::jsonb) as v(
        id uuid, institution_id uuid, region_code varchar, day date, kind report_kind, figures jsonb, checklist jsonb, signer text, reason text,
        submitted_at timestamptz, submitted_by_id uuid, submitted_by_name text, on_behalf boolean, deadline timestamptz, on_time boolean,
        official_kind report_kind, official_figures jsonb, key text, request_hash text, institution_name text)),
      r as (insert into daily_reports (${sql.raw(cols)}) select ${sql.raw(cols)} from v
        on conflict (institution_id, day) do nothing returning *),
      k as (insert into idempotency_keys (user_id, key, scope, request_hash, status, response, created_at)
        select r.submitted_by_id, v.key, ${IDEMPOTENCY_SCOPE}, v.request_hash, 201, jsonb_build_object(
          'id', r.id, 'institutionId', r.institution_id, 'institutionName', v.institution_name, 'regionCode', r.region_code,
          'date', r.day::text, 'kind', r.kind, 'figures', r.figures, 'checklist', r.checklist, 'signer', r.signer, 'reason', r.reason,
          'submittedAt', ${sql.raw(iso('submitted_at'))}, 'submittedByName', r.submitted_by_name, 'onBehalf', r.on_behalf,
          'onTime', r.on_time, 'deadline', ${sql.raw(iso('deadline'))}, 'version', r.version, 'correctedAt', null, 'correctionReason', null),
          r.submitted_at
        from r join v on v.id = r.id where v.key is not null
        on conflict do nothing returning 1)
    select r.id, (select count(*) from k)::int as keys from r`,
  );
  const saved = new Set(res.map((r) => r.id));
  const keyed = list.filter(({ s, row }) => s.key !== undefined && saved.has(row.id)).length;
  if (res.length > 0 && res[0]!.keys !== keyed) throw new KeyRace();
  return saved;
}

const INSTITUTION_COLUMNS = Object.entries(getTableColumns(institutions));

/**
 * The institutions with the given ids as on `day` (status, region name), in one prepared statement:
 * the same rows as the query builder's `selection(day)` gives, mapped column by column with each
 * column's own decoder (the builder's generic mapping cost more than the query on the hot path).
 */
async function institutionsOn(db: Db, ids: string[], day: string): Promise<Institution[]> {
  const found = await preparedRows<Record<string, unknown>>(
    db,
    sql`select ${institutions}.*, ${regions.name} as fx_region_name, ${statusOnSql(day)} as fx_status, ${statusSinceSql(day)} as fx_status_since
      from ${institutions} left join ${regions} on ${regions.code} = ${institutions.regionCode}
      where ${institutions.id} = any(${`{${ids.join(',')}}`}::uuid[])`, // ids passed the contract's uuid check
  );
  return found.map((r) =>
    toInstitution({
      inst: Object.fromEntries(INSTITUTION_COLUMNS.map(([key, column]) => [key, r[column.name] == null ? null : column.mapFromDriverValue(r[column.name])])) as typeof institutions.$inferSelect,
      regionName: (r.fx_region_name as string | null) ?? null,
      status: r.fx_status as Institution['status'],
      statusSince: (r.fx_status_since as string | null) ?? null,
    }),
  );
}

/** Pending institution lookups of one database, answered together: one query per day and batch. */
class InstitutionLoader {
  private queue: Array<{ id: string; day: string; done: (i: Institution | null, err?: unknown) => void }> = [];
  private busy = false;
  constructor(private db: Db) {}

  load(id: string, day: string): Promise<Institution | null> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id, day, done: (i, err) => (err ? reject(err as Error) : resolve(i)) });
      if (!this.busy) {
        this.busy = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain() {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, 1_000);
      for (const day of new Set(batch.map((b) => b.day))) {
        const wanted = batch.filter((b) => b.day === day);
        try {
          const byId = new Map((await institutionsOn(this.db, [...new Set(wanted.map((w) => w.id))], day)).map((i) => [i.id, i]));
          for (const w of wanted) w.done(byId.get(w.id) ?? null);
        } catch (err) {
          for (const w of wanted) w.done(null, err);
        }
      }
    }
    this.busy = false;
  }
}

const loaders = new WeakMap<Db, InstitutionLoader>();

/** findInstitution for a report, with concurrent lookups batched: in the actor's scope on `day`, or 404. */
export async function institutionForReport(ctx: Ctx, actor: Actor, id: string, day: string): Promise<Institution> {
  if (inTransaction(ctx)) return findInstitution(ctx, actor, id, day);
  let loader = loaders.get(ctx.db);
  if (!loader) loaders.set(ctx.db, (loader = new InstitutionLoader(ctx.db)));
  const inst = await loader.load(id, day);
  // The JS twin of institutionScope(actor): the region subtree, and a reporter's own institution only.
  if (!inst || !inst.regionCode.startsWith(actor.scope) || (actor.institutionId !== null && actor.institutionId !== inst.id)) throw notFound('INSTITUTION_NOT_FOUND');
  return inst;
}
