/**
 * Per-day town roll-ups of the daily reports (daily_report_rollups), maintained inside the writing
 * transaction. Every writer of a report row calls applyReports with the rows it inserts (and takes a
 * corrected row out and puts it back); every
 * writer that changes who is expected (an institution created, imported, moved, or given a status event)
 * calls refreshRoster. Both take the roster advisory lock (shared / exclusive), so a submission and a
 * status change of the same moment can never each miss the other.
 */
import { sql, type SQL } from 'drizzle-orm';
import { COMPLETENESS_COUNTERS, FIGURE_KEYS, type CompletenessNode } from '../../../common/contracts/daily-reports';
import { townOf } from '../../../common/region-code';
import type { Ctx } from '../../core/context';
import { preparedRows, rows } from '../../db/client';
import { dailyReportRollups, dailyReportRosterDays, figureColumn } from '../../db/schema/daily-reports';

const LIVE_SUMS = FIGURE_KEYS.map((k) => figureColumn('live', k));
const OFFICIAL_SUMS = FIGURE_KEYS.map((k) => figureColumn('official', k));

/** Transaction-level advisory lock serialising roster changes against roll-up writes. */
const ROSTER_LOCK = sql.raw('7342001');

/** The town of an institution row `i`: the first 9 digits of its region code, padded to 12. */
const TOWN = sql.raw(`rpad(substr(i.region_code, 1, 9), 12, '0')`);

/** Whether institution `i` is expected on `day` (SQL twin of isExpected, with a column for the day). */
export function expectedOn(day: SQL): SQL {
  return sql`(i.registered_on <= ${day} and not coalesce((select e.status = 'closed' and e.effective_from < ${day}
    from institution_status_events e where e.institution_id = i.id and e.effective_from <= ${day}
    order by e.effective_from desc, e.seq desc limit 1), false))`;
}

/** For the rollup-cost benchmark only: switching maintenance off measures the path without it. */
const maintenance = { enabled: true };
export function setRollupMaintenance(enabled: boolean): void {
  maintenance.enabled = enabled;
}

/**
 * The shared roster lock as an expression, for a caller that takes it within an earlier statement of its
 * transaction (saving applyReports a round trip); null when roll-ups are not maintained. Statements after
 * the one that took it see every roster refresh committed before (READ COMMITTED takes a snapshot per
 * statement), which is all the lock is for.
 */
export function rosterLockShared(): SQL | null {
  return maintenance.enabled ? sql`pg_advisory_xact_lock_shared(${ROSTER_LOCK})` : null;
}

/**
 * Recomputes, from the raw rows, the whole roll-up of the given towns for every day from `fromDay`
 * (all days when null) that has a roll-up row or a computed roster: called inside the transaction of
 * any write that changes who is expected or where an institution counts. A town has a handful of
 * institutions, so this is cheap; the exclusive roster lock makes it exact under concurrent submissions.
 */
export async function refreshRoster(tx: Ctx, townCodes: string[], fromDay: string | null): Promise<void> {
  const towns = [...new Set(townCodes.map(townOf))].sort();
  if (towns.length === 0) return;
  await tx.db.execute(sql`select pg_advisory_xact_lock(${ROSTER_LOCK})`);
  const from = fromDay ?? '0001-01-01';
  const townList = sql.join(
    towns.map((t) => sql`${t}`),
    sql`, `,
  );
  const days = sql`select day from ${dailyReportRollups} where town_code in (${townList}) and day >= ${from}::date
    union select day from ${dailyReportRosterDays} where day >= ${from}::date`;
  await tx.db
    .execute(sql`insert into ${dailyReportRollups} (day, town_code, ${sql.raw(RAW_COLUMNS.join(', '))})
    ${rawTownRows(sql`select unnest(array[${townList}]::varchar[]) as town`, days, towns)}
    on conflict (day, town_code) do update set ${sql.raw(RAW_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', '))}`);
}

const RAW_COLUMNS = [
  'expected',
  'submitted',
  'submitted_expected',
  'reports',
  'zero',
  'not_applicable',
  'on_time',
  'late',
  'o_submitted_expected',
  'o_reports',
  'o_zero',
  'o_not_applicable',
  ...LIVE_SUMS,
  ...OFFICIAL_SUMS,
];

/**
 * The roll-up columns after `expected` (RAW_COLUMNS[1..]) over report rows `r` of institutions `i`,
 * `expected` telling whether `i` is expected on the row's day: the one definition of what a report
 * row counts for, used by the raw recomputation and by the maintenance of new rows.
 */
function reportCounters(expected: SQL): SQL {
  const present = `r.id is not null`;
  const onTime = `coalesce(r.on_time, false)`;
  const fig = (col: string, k: string, when: string) =>
    `coalesce(sum((r.${col}->>'${k}')::numeric) filter (where ${when}), 0)::bigint`;
  return sql`count(*) filter (where ${sql.raw(present)})::int,
      count(*) filter (where ${sql.raw(present)} and ${expected})::int,
      count(*) filter (where r.kind = 'report')::int,
      count(*) filter (where r.kind = 'zero')::int,
      count(*) filter (where r.kind = 'not_applicable')::int,
      count(*) filter (where r.on_time)::int,
      count(*) filter (where ${sql.raw(present)} and not r.on_time)::int,
      count(*) filter (where ${sql.raw(onTime)} and ${expected})::int,
      count(*) filter (where r.on_time and r.official_kind = 'report')::int,
      count(*) filter (where r.on_time and r.official_kind = 'zero')::int,
      count(*) filter (where r.on_time and r.official_kind = 'not_applicable')::int,
      ${sql.raw([...FIGURE_KEYS.map((k) => fig('figures', k, present)), ...FIGURE_KEYS.map((k) => fig('official_figures', k, onTime))].join(', '))}`;
}

/**
 * Adds report rows (by id, as they are now in the transaction) to their towns' roll-ups, or with
 * sign -1 takes them out (a correction takes the old row out before its update and puts the new one
 * in after). One INSERT … SELECT … GROUP BY over the rows themselves, so nothing but their ids is sent;
 * keys sorted so concurrent batches lock roll-up rows in the same order. Every writer of a report row
 * calls this inside its transaction.
 */
export async function applyReports(tx: Ctx, ids: string[], sign: 1 | -1 = 1, lockHeld = false): Promise<void> {
  if (!maintenance.enabled || ids.length === 0) return;
  if (!lockHeld) await tx.db.execute(sql`select pg_advisory_xact_lock_shared(${ROSTER_LOCK})`);
  const cols = RAW_COLUMNS.slice(1);
  await preparedRows(tx.db, sql`insert into ${dailyReportRollups} (day, town_code, ${sql.raw(cols.join(', '))})
    select day, town, ${sql.raw(cols.map((c) => `${sign} * ${c}`).join(', '))} from (
      select r.day, ${TOWN} as town, ${reportCounters(expectedOn(sql`r.day`))}
      from daily_reports r join institutions i on i.id = r.institution_id and i.registered_on <= r.day
      where r.id = any(${`{${ids.join(',')}}`}::uuid[])
      group by 1, 2) x (day, town, ${sql.raw(cols.join(', '))})
    order by 1, 2
    on conflict (day, town_code) do update set ${sql.raw(cols.map((c) => `${c} = daily_report_rollups.${c} + excluded.${c}`).join(', '))}`);
}

/** (day, town_code, RAW_COLUMNS…) recomputed from the raw rows for the given towns × days, sorted. */
function rawTownRows(towns: SQL, days: SQL, only: string[] | null): SQL {
  // Institutions with their town, read by region-code ranges when the towns are few (index ranges).
  const ranges =
    only && only.length <= 50
      ? sql`where ${sql.join(
          only.map((t) => sql`region_code between ${t} and ${`${t.slice(0, 9)}999`}`),
          sql` or `,
        )}`
      : sql``;
  const expected = expectedOn(sql`d.day`);
  return sql`select d.day, t.town,
      count(i.id) filter (where ${expected})::int,
      ${reportCounters(expected)}
    from (${days}) d
    cross join (${towns}) t
    left join (select *, rpad(substr(region_code, 1, 9), 12, '0') as town from institutions ${ranges}) i on i.town = t.town and i.registered_on <= d.day
    left join daily_reports r on r.institution_id = i.id and r.day = d.day
    group by d.day, t.town
    order by d.day, t.town`;
}

/**
 * Town roll-up rows of a day that differ from a recomputation from the raw rows (both directions):
 * 0 means every node of the tree is exact, since every higher level is a sum of town rows.
 */
export async function rollupMismatches(ctx: Ctx, day: string): Promise<number> {
  const towns = sql`select distinct rpad(substr(region_code, 1, 9), 12, '0') as town from institutions
    union select town_code from ${dailyReportRollups} where day = ${day}::date`;
  const stored = sql`select day, town_code, ${sql.raw(RAW_COLUMNS.join(', '))} from ${dailyReportRollups} where day = ${day}::date`;
  const raw = rawTownRows(towns, sql`select ${day}::date as day`, null);
  const [r] = await rows<{ n: number }>(
    ctx.db,
    sql`select count(*)::int as n from (((${raw}) except (${stored})) union all ((${stored}) except (${raw}))) x`,
  );
  return r?.n ?? 0;
}

/**
 * Makes sure `expected` is computed for every town on the given days: on the first read of a day, one
 * grouped query over the institutions fills it (later roster changes keep it exact via refreshRoster).
 */
export async function ensureRoster(ctx: Ctx, days: string[]): Promise<void> {
  // Roster days are never removed, so "already ensured" is remembered per database handle (a
  // transaction handle is its own key and dies with it): a read of a known day costs no query.
  let known = ensuredDays.get(ctx.db);
  if (!known) ensuredDays.set(ctx.db, (known = new Set()));
  if (days.every((d) => known.has(d))) return;
  await ensureRosterUncached(ctx, days);
  for (const d of days) known.add(d);
}

const ensuredDays = new WeakMap<object, Set<string>>();

async function ensureRosterUncached(ctx: Ctx, days: string[]): Promise<void> {
  if (days.length === 0) return;
  const have = await rows<{ day: string }>(
    ctx.db,
    sql`select day::text as day from ${dailyReportRosterDays} where day in (${sql.join(
      days.map((d) => sql`${d}::date`),
      sql`, `,
    )})`,
  );
  const done = new Set(have.map((h) => h.day));
  const todo = days.filter((d) => !done.has(d)).sort();
  if (todo.length === 0) return;
  await ctx.db.transaction(async (db) => {
    await db.execute(sql`select pg_advisory_xact_lock_shared(${ROSTER_LOCK})`);
    const dayList = sql.join(
      todo.map((d) => sql`${d}::date`),
      sql`, `,
    );
    await db.execute(sql`insert into ${dailyReportRollups} (day, town_code, expected)
      select d.day, ${TOWN}, count(*) filter (where ${expectedOn(sql`d.day`)})
      from (select unnest(array[${dayList}]) as day) d join institutions i on i.registered_on <= d.day
      group by 1, 2 order by 1, 2
      on conflict (day, town_code) do update set expected = excluded.expected`);
    await db.execute(sql`insert into ${dailyReportRosterDays} (day, computed_at)
      select unnest(array[${dayList}]), now() on conflict (day) do nothing`);
  });
}

/** refreshRoster for the towns of the given institutions (for writers that hold only ids). */
export async function refreshRosterOf(
  tx: Ctx,
  institutionIds: string[],
  fromDay: string | null,
): Promise<void> {
  if (institutionIds.length === 0) return;
  const towns = await rows<{ town: string }>(
    tx.db,
    sql`select distinct ${TOWN} as town from institutions i where i.id in (select unnest(${`{${institutionIds.join(',')}}`}::uuid[]))`,
  );
  await refreshRoster(
    tx,
    towns.map((t) => t.town),
    fromDay,
  );
}

/** Counters and figure sums of a group of roll-up rows, as the completeness node has them. */
export type RollupTotals = Pick<CompletenessNode, (typeof COMPLETENESS_COUNTERS)[number] | 'figures'>;

/** All counters and figure sums at zero. */
export function emptyTotals(): RollupTotals {
  const out = Object.fromEntries(COMPLETENESS_COUNTERS.map((k) => [k, 0])) as Omit<RollupTotals, 'figures'>;
  return { ...out, figures: Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])) as RollupTotals['figures'] };
}

/** a + b, counter by counter and figure by figure (values may arrive as numeric strings from SQL). */
export function addTotals(a: RollupTotals, b: { [K in keyof RollupTotals]: unknown }): RollupTotals {
  const out = { ...a, figures: { ...a.figures } };
  for (const k of COMPLETENESS_COUNTERS) out[k] += Number(b[k]);
  const figures = b.figures as Record<string, unknown>;
  for (const k of FIGURE_KEYS) out.figures[k] += Number(figures[k] ?? 0);
  return out;
}

/** Select list summing roll-up rows for a view (official: on time only, as frozen at the deadline). */
export function rollupSums(view: 'live' | 'official'): SQL {
  const live = view === 'live';
  const cols: [string, string][] = [
    ['expected', 'expected'],
    ['submitted', live ? 'submitted' : 'on_time'],
    ['reports', live ? 'reports' : 'o_reports'],
    ['zero', live ? 'zero' : 'o_zero'],
    ['not_applicable', live ? 'not_applicable' : 'o_not_applicable'],
    ['on_time', 'on_time'],
    ['late', live ? 'late' : '0'],
    ['submitted_expected', live ? 'submitted_expected' : 'o_submitted_expected'],
    ...FIGURE_KEYS.map((k, n): [string, string] => [`f${n}`, figureColumn(view, k)]),
  ];
  return sql.raw(cols.map(([as, c]) => `coalesce(sum(${c}), 0)::bigint as ${as}`).join(', '));
}

/** A row selected with rollupSums, as counters (missing and unexpected derived). */
export function rollupTotals(r: Record<string, unknown>): RollupTotals {
  const n = (k: string) => Number(r[k] ?? 0);
  const submittedExpected = n('submitted_expected');
  return {
    expected: n('expected'),
    submitted: n('submitted'),
    reports: n('reports'),
    zero: n('zero'),
    notApplicable: n('not_applicable'),
    onTime: n('on_time'),
    late: n('late'),
    missing: n('expected') - submittedExpected,
    unexpected: n('submitted') - submittedExpected,
    figures: Object.fromEntries(FIGURE_KEYS.map((k, i) => [k, n(`f${i}`)])) as RollupTotals['figures'],
  };
}

/** Town codes of a region as a range on the roll-up key (digits compare the same in every collation). */
export function townRange(prefix: string): SQL {
  return sql`town_code between ${prefix.padEnd(12, '0')} and ${prefix.padEnd(12, '9')}`;
}
