import { sql, type SQL } from 'drizzle-orm';
import { SWEEP_RISKS, type BeneficiaryProgramme, type ContactChannel, type ContactOutcome, type SweepRisk } from '../../../common/enums';
import { regionLevel, scopePrefix } from '../../../common/region-code';
import { aged80Cutoff, hotlineSince, noContactBefore, RISK_WEIGHTS } from './sweeps.rules';

export interface WorklistSpec {
  /** The sweep whose contacts mark households as contacted (null: none, e.g. the benchmark). */
  sweepId: string | null;
  programmes: readonly BeneficiaryProgramme[];
  /** The sweep's region: its subtree. */
  sweepRegion: string;
  /** The part asked for: a village, a town (by town_code) or any region (by prefix). */
  region: string;
  /** The actor's scope prefix ('' for the country). */
  scope: string;
  asOf: Date;
  noContactDays: number;
  hotlineDays: number;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface WorklistRow {
  id: string;
  region_code: string;
  region_name: string | null;
  programme: BeneficiaryProgramme;
  member_count: number;
  last_contact_at: Date | string | null;
  name_enc: string | null;
  phone_enc: string | null;
  risks: SweepRisk[];
  score: number;
  total: number;
  c_channel: ContactChannel | null;
  c_outcome: ContactOutcome | null;
  c_note: string | null;
  c_cadre: string | null;
  c_call: string | null;
  c_at: Date | string | null;
}

/** The filter on households that uses an index: the village, the town, else the code prefix. */
function regionFilter(code: string): SQL {
  const level = regionLevel(code);
  if (level === 'village') return sql`h.region_code = ${code}`;
  if (level === 'town') return sql`h.town_code = ${code}`;
  if (level === 'country') return sql`true`;
  return sql`h.region_code like ${`${scopePrefix(code)}%`}`;
}

const risk = (key: SweepRisk, cond: string) => ({ key, cond });

/**
 * The worklist of a sweep for a region, in ONE set-based statement: the sweep's households (region
 * subtree, programmes, active) with their members aggregated per household (aged 80+, disability, a
 * member's phone among the recent hotline calls by blind index), the closed-management test on the
 * household's region and its ancestors, the latest contact in this sweep; ordered by village,
 * not-yet-contacted first, risk score, oldest contact, id.
 *
 * Closed-management area: the household's village, town, county, city or province is named by a closure
 * order in force (started, with at least one institution not lifted) or its current emergency response
 * (newest row per region) is level II or I.
 */
export function worklistSql(s: WorklistSpec): SQL {
  const since = hotlineSince(s.asOf, s.hotlineDays).toISOString();
  const before = noContactBefore(s.asOf, s.noContactDays).toISOString();
  const today = new Date(s.asOf.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const flags = [
    risk('recent_hotline', 'hot.household_id is not null'),
    risk('aged_80', 'm.aged'),
    risk('living_alone', 'h.living_alone'),
    risk('disability', 'm.disabled'),
    risk('closed_area', `array[rpad(left(h.region_code, 2), 12, '0'), rpad(left(h.region_code, 4), 12, '0'), rpad(left(h.region_code, 6), 12, '0'), rpad(left(h.region_code, 9), 12, '0'), h.region_code::text] && (select codes from closed)`),
    risk('no_contact', `(h.last_contact_at is null or h.last_contact_at < '${before}'::timestamptz)`),
  ].sort((a, b) => SWEEP_RISKS.indexOf(a.key) - SWEEP_RISKS.indexOf(b.key));
  const risks = sql.raw(`array_remove(array[${flags.map((f) => `case when ${f.cond} then '${f.key}' end`).join(', ')}]::text[], null)`);
  const score = sql.raw(flags.map((f) => `(case when ${f.cond} then ${RISK_WEIGHTS[f.key]} else 0 end)`).join(' + '));
  const scope = s.scope === '' ? sql`true` : sql`h.region_code like ${`${s.scope}%`}`;
  const programmes = sql.raw(`array[${s.programmes.map((p) => `'${p}'`).join(',')}]::beneficiary_programme[]`);
  const contacts = s.sweepId
    ? sql`select distinct on (c.household_id) c.household_id, c.channel, c.outcome, c.note, c.cadre_name, c.call_id, c.at from sweep_contacts c where c.sweep_id = ${s.sweepId} order by c.household_id, c.seq desc`
    : sql`select null::uuid household_id, null::contact_channel channel, null::contact_outcome outcome, null::text note, null::text cadre_name, null::uuid call_id, null::timestamptz at where false`;
  const page = s.limit !== undefined ? sql`limit ${s.limit} offset ${s.offset ?? 0}` : sql``;
  return sql`
with closed as (
  select coalesce(array_agg(distinct code), '{}')::text[] as codes from (
    select o.region_code::text as code from closure_orders o
     where o.starts_on <= ${today}::date
       and exists (select 1 from closure_order_institutions i where i.order_id = o.id and i.lifted_at is null)
    union all
    select r.region_code::text from (
      select distinct on (e.region_code) e.region_code, e.level from emergency_responses e order by e.region_code, e.seq desc
    ) r where r.level in ('I', 'II')
  ) x
),
h as (
  select h.* from beneficiary_households h
   where ${regionFilter(s.region)} and ${regionFilter(s.sweepRegion)} and ${scope}
     and h.programme = any(${programmes}) and h.status = 'active'
),
m as (
  select mm.household_id,
         bool_or(mm.birth_date <= ${aged80Cutoff(s.asOf)}::date) as aged,
         bool_or(mm.disability) as disabled,
         (array_agg(mm.name_enc order by (mm.relation = 'head') desc, mm.created_at, mm.id))[1] as name_enc,
         (array_agg(mm.phone_enc order by (mm.phone_enc is null), (mm.relation = 'head') desc, mm.created_at, mm.id))[1] as phone_enc
    from beneficiary_members mm
    join h on h.id = mm.household_id
   group by mm.household_id
),
hot as (
  select distinct mm.household_id from h
    join beneficiary_members mm on mm.household_id = h.id
    join hotline_calls hc on hc.caller_phone_index = mm.phone_index
   where hc.created_at >= ${since}::timestamptz
),
lc as (${contacts})
select h.id, h.region_code, g.name as region_name, h.programme, h.member_count, h.last_contact_at,
       m.name_enc, m.phone_enc, ${risks} as risks, (${score})::int as score, ${s.limit !== undefined ? sql`(count(*) over ())::int` : sql`0`} as total,
       lc.channel as c_channel, lc.outcome as c_outcome, lc.note as c_note, lc.cadre_name as c_cadre, lc.call_id as c_call, lc.at as c_at
  from h
  left join m on m.household_id = h.id
  left join hot on hot.household_id = h.id
  left join lc on lc.household_id = h.id
  left join regions g on g.code = h.region_code
 order by h.region_code, (lc.household_id is not null), score desc, h.last_contact_at asc nulls first, h.id
 ${page}`;
}
