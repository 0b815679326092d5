import { sql, type SQL } from 'drizzle-orm';
import {
  SWEEP_RISKS,
  type BeneficiaryProgramme,
  type ContactChannel,
  type ContactOutcome,
  type SweepRisk,
} from '../../../common/enums';
import { regionLevel, scopePrefix } from '../../../common/region-code';
import { aged80Cutoff, hotlineSince, noContactBefore, RISK_WEIGHTS } from './sweeps.rules';

export interface WorklistSpec {
  /** The sweep whose contacts mark households as contacted (null: none, e.g. the benchmark). */
  sweepId: string | null;
  programmes: readonly BeneficiaryProgramme[];
  /** The sweep's region: its subtree. */
  sweepRegion: string;
  /** The part asked for: a village, a town (by town_code) or any region (by code range). */
  region: string;
  /** The actor's scope prefix ('' for the country). */
  scope: string;
  /**
   * Only villages with codes in [from, to]: one part of a wide region, so that a whole-country pass can be
   * split into parts of whole provinces, one per connection (parts in code order give the whole list in order).
   */
  codeRange?: readonly [string, string] | undefined;
  asOf: Date;
  noContactDays: number;
  hotlineDays: number;
  limit?: number | undefined;
  offset?: number | undefined;
  /**
   * With the columns a page shows (region name, the masked head's name and phone, the total): default true.
   * Without them the statement is the worklist itself — households in order with their risk flags — as the
   * benchmark computes it for the whole country.
   */
  display?: boolean;
}

export interface WorklistRow {
  id: string;
  region_code: string;
  programme: BeneficiaryProgramme;
  member_count: number;
  last_contact_at: Date | string | null;
  /** Risk flags as bits: bit i is SWEEP_RISKS[i] (see risksOfFlags). */
  flags: number;
  score: number;
  c_channel: ContactChannel | null;
  c_outcome: ContactOutcome | null;
  c_note: string | null;
  c_cadre: string | null;
  c_call: string | null;
  c_at: Date | string | null;
  // Display columns (absent with display: false).
  region_name?: string | null;
  name_enc?: string | null;
  phone_enc?: string | null;
  total?: number;
}

/** The risk keys of a row's flag bits, in SWEEP_RISKS order. */
export const risksOfFlags = (flags: number): SweepRisk[] =>
  SWEEP_RISKS.filter((_, i) => (Number(flags) & (1 << i)) !== 0);

/**
 * The filter on households that uses an index: the village, the town, else the code range of the region
 * (a range, not LIKE: the btree serves it under any collation, codes being 12 digits).
 */
function regionFilter(code: string): SQL {
  const level = regionLevel(code);
  if (level === 'village') return sql`h.region_code = ${code}`;
  if (level === 'town') return sql`h.town_code = ${code}`;
  if (level === 'country') return sql`true`;
  return prefixFilter(scopePrefix(code));
}
function prefixFilter(prefix: string, alias: 'h' | 'm' = 'h'): SQL {
  return prefix === ''
    ? sql`true`
    : sql`${sql.raw(alias)}.region_code between ${prefix.padEnd(12, '0')} and ${prefix.padEnd(12, '9')}`;
}
/** Codes of [from, to] (a part of a wide region), on households or members. */
function rangeFilter(range: WorklistSpec['codeRange'], alias: 'h' | 'm'): SQL {
  return range ? sql`and ${sql.raw(alias)}.region_code between ${range[0]} and ${range[1]}` : sql``;
}

/**
 * The worklist of a sweep for a region, in ONE set-based statement with no per-row subquery:
 *
 * - closed: the closed-management regions as a small set of code prefixes, computed once (a closure order in
 *   force — started, at least one institution not lifted — or the newest emergency response of a region at
 *   level II or I). A household is in a closed area when one of its five prefixes (province … village) is
 *   in the set: five hash probes, no string padding.
 * - mf: the members that raise a flag (aged 80+, disability, or a phone among the recent hotline callers by
 *   blind index), grouped once per household: for a village or a town reached from its households by index
 *   (an index probe per member into the calls), for anything wider one scan of the members probing one hash
 *   of the recent callers, joined to the households afterwards.
 * - the flags are computed once per household (behind a fence) and returned as bits with the score;
 *   the latest contact in this sweep comes from one DISTINCT ON over the sweep's contacts.
 *
 * Ordered by village, not-yet-contacted first, risk score, oldest contact, id. The display columns (region
 * name, the head's encrypted name, the first phone) are read for the page only, after the limit.
 */
export function worklistSql(s: WorklistSpec): SQL {
  const since = hotlineSince(s.asOf, s.hotlineDays).toISOString();
  const before = noContactBefore(s.asOf, s.noContactDays).toISOString();
  const today = new Date(s.asOf.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const cutoff = aged80Cutoff(s.asOf);
  const display = s.display ?? true;
  // For a village or a town the flagged members are found from its households by index, and a recent call
  // from a member's phone is an index probe per member. For anything wider, one scan of the members with one
  // hash of the recent callers' blind indexes, grouped per household and then joined to the households.
  const level = regionLevel(s.region);
  const narrow = level === 'village' || level === 'town';
  const hot = narrow
    ? sql`exists (select 1 from hotline_calls hc where hc.caller_phone_index = m.phone_index and hc.created_at >= ${since}::timestamptz)`
    : sql`m.phone_index in (select hc.caller_phone_index from hotline_calls hc where hc.created_at >= ${since}::timestamptz)`;
  // Wide: only the members of the region's households, by the members' own region code (a member's region
  // is its household's: both written together by the import, never changed apart), so that a province or a
  // part of the country groups its own members, not the whole registry's.
  const memberRegion = sql`and ${prefixFilter(scopePrefix(s.region), 'm')} and ${prefixFilter(scopePrefix(s.sweepRegion), 'm')}
     and ${prefixFilter(s.scope, 'm')} ${rangeFilter(s.codeRange, 'm')}`;
  const closedTest = [2, 4, 6, 9]
    .map((n) => `left(h.region_code, ${n}) in (select prefix from closed)`)
    .concat('h.region_code::text in (select prefix from closed)')
    .join(' or ');
  const conds: Record<SweepRisk, string> = {
    recent_hotline: 'coalesce(mf.hot, false)',
    aged_80: 'coalesce(mf.aged, false)',
    living_alone: 'h.living_alone',
    disability: 'coalesce(mf.disabled, false)',
    closed_area: `(${closedTest})`,
    no_contact: `(h.last_contact_at is null or h.last_contact_at < '${before}'::timestamptz)`,
  };
  const flagCols = sql.raw(SWEEP_RISKS.map((k, i) => `${conds[k]} as f${i}`).join(',\n         '));
  const bits = sql.raw(SWEEP_RISKS.map((_, i) => `(f${i}::int << ${i})`).join(' | '));
  const score = sql.raw(SWEEP_RISKS.map((k, i) => `(f${i}::int * ${RISK_WEIGHTS[k]})`).join(' + '));
  const programmes = sql.raw(
    `array[${s.programmes.map((p) => `'${p}'`).join(',')}]::beneficiary_programme[]`,
  );
  // The latest contact per household in this sweep (none without a sweep, e.g. the benchmark).
  const contacts = s.sweepId
    ? sql`select distinct on (c.household_id) c.household_id, c.channel, c.outcome, c.note, c.cadre_name, c.call_id, c.at from sweep_contacts c where c.sweep_id = ${s.sweepId} order by c.household_id, c.seq desc`
    : null;
  const contactCols = contacts
    ? sql`lc.household_id is not null as contacted, lc.channel, lc.outcome, lc.note, lc.cadre_name, lc.call_id, lc.at`
    : sql`false as contacted, null::contact_channel as channel, null::contact_outcome as outcome, null::text as note, null::text as cadre_name, null::uuid as call_id, null::timestamptz as at`;
  // Codes are 12 digits: byte order is their order, and much cheaper to sort by than the locale's.
  const order = sql.raw('region_code collate "C", contacted, score desc, last_contact_at asc nulls first, id');
  const page = s.limit !== undefined ? sql`limit ${s.limit} offset ${s.offset ?? 0}` : sql``;
  const worklist = sql`
with closed as (
  select distinct case when x.code like '__0000000000' then left(x.code, 2)
                       when x.code like '____00000000' then left(x.code, 4)
                       when x.code like '______000000' then left(x.code, 6)
                       when x.code like '_________000' then left(x.code, 9)
                       else x.code end as prefix
    from (
      select o.region_code::text as code from closure_orders o
       where o.starts_on <= ${today}::date
         and exists (select 1 from closure_order_institutions i where i.order_id = o.id and i.lifted_at is null)
      union all
      select r.region_code::text from (
        select distinct on (e.region_code) e.region_code, e.level from emergency_responses e order by e.region_code, e.seq desc
      ) r where r.level in ('I', 'II')
    ) x
   where x.code <> '000000000000'
),
h as not materialized (
  select h.id, h.region_code, h.programme, h.member_count, h.living_alone, h.last_contact_at from beneficiary_households h
   where ${regionFilter(s.region)} and ${regionFilter(s.sweepRegion)} and ${prefixFilter(s.scope)}
     ${rangeFilter(s.codeRange, 'h')}
     and h.programme = any(${programmes}) and h.status = 'active'
),
mf as (
  select m.household_id,
         bool_or(m.birth_date <= ${cutoff}::date) as aged,
         bool_or(m.disability) as disabled,
         bool_or(${hot}) as hot
    from beneficiary_members m
    ${narrow ? sql`join h on h.id = m.household_id` : sql``}
   where (m.birth_date <= ${cutoff}::date or m.disability or ${hot})
     ${narrow ? sql`` : memberRegion}
   group by m.household_id
),
${contacts ? sql`lc as (${contacts}),` : sql``}
f as (
  select h.id, h.region_code, h.programme, h.member_count, h.last_contact_at, ${contactCols},
         ${flagCols}
    from h
    left join mf on mf.household_id = h.id
    ${contacts ? sql`left join lc on lc.household_id = h.id` : sql``}
  offset 0
)
select w.id, w.region_code, w.programme, w.member_count, w.last_contact_at, (${bits}) as flags, (${score}) as score, w.contacted,
       w.channel as c_channel, w.outcome as c_outcome, w.note as c_note, w.cadre_name as c_cadre, w.call_id as c_call, w.at as c_at
  from f w`;
  // The bare worklist: the household, its village, flags and score, in order (nothing else to sort or ship).
  if (!display) return sql`select id, region_code, flags, score from (${worklist}) w\n order by ${order} ${page}`;
  return sql`
select w.*, g.name as region_name, n.name_enc, p.phone_enc
  from (
    select w.*, (count(*) over ())::int as total from (${worklist}) w
     order by ${order} ${page}
  ) w
  left join regions g on g.code = w.region_code
  left join lateral (
    select m.name_enc from beneficiary_members m where m.household_id = w.id
     order by (m.relation = 'head') desc, m.created_at, m.id limit 1
  ) n on true
  left join lateral (
    select m.phone_enc from beneficiary_members m where m.household_id = w.id and m.phone_enc is not null
     order by (m.relation = 'head') desc, m.created_at, m.id limit 1
  ) p on true
 order by ${order}`;
}
