import { businessDay } from '../../../common/business-day';
import { SWEEP_RISKS, type SweepRisk } from '../../../common/enums';
import { isWithin, parentCode } from '../../../common/region-code';

/**
 * Risk weights on a sweep's worklist. A recent call to the hotline is the strongest signal (the
 * household already asked for help); age 80+, living alone, disability and living in a closed-management
 * area weigh 2; not contacted for the sweep's N days weighs 1.
 */
export const RISK_WEIGHTS: Record<SweepRisk, number> = { recent_hotline: 3, aged_80: 2, living_alone: 2, disability: 2, closed_area: 2, no_contact: 1 };

/** The day on or before which a member was born to be 80 or older on `asOf` (Shanghai day). */
export function aged80Cutoff(asOf: Date): string {
  const day = businessDay(asOf);
  return `${String(Number(day.slice(0, 4)) - 80).padStart(4, '0')}${day.slice(4)}`;
}

/** Contacts before this instant are too old: "no contact for N days". */
export function noContactBefore(asOf: Date, days: number): Date {
  return new Date(asOf.getTime() - days * 86_400_000);
}

/** Hotline calls since this instant are "recent". */
export function hotlineSince(asOf: Date, days: number): Date {
  return new Date(asOf.getTime() - days * 86_400_000);
}

export const scoreOf = (risks: readonly SweepRisk[]) => risks.reduce((a, r) => a + RISK_WEIGHTS[r], 0);

/** The 12-digit codes of a region and its ancestors below the country (a household is in a closed area when one is closed). */
export function selfAndAncestors(code: string): string[] {
  const out: string[] = [];
  for (let c: string | null = code; c && c !== '000000000000'; c = parentCode(c)) out.push(c);
  return out;
}

// ---- The reference: the worklist rule one household at a time (the SQL in sweeps.worklist.ts must agree). ----

export interface RefMember {
  birthDate: string;
  disability: boolean;
  phoneIndex: string | null;
}
export interface RefHousehold {
  id: string;
  regionCode: string;
  programme: string;
  status: string;
  livingAlone: boolean;
  lastContactAt: Date | null;
  members: RefMember[];
}
export interface RefInput {
  households: RefHousehold[];
  programmes: readonly string[];
  region: string;
  asOf: Date;
  noContactDays: number;
  hotlineDays: number;
  /** Blind phone indexes of hotline calls with their time. */
  calls: Array<{ phoneIndex: string; at: Date }>;
  /** Regions closed today (closure order in force, or response level I/II). */
  closedRegions: ReadonlySet<string>;
  /** householdIds contacted in this sweep. */
  contacted: ReadonlySet<string>;
}

export function risksOf(h: RefHousehold, input: RefInput): SweepRisk[] {
  const cutoff = aged80Cutoff(input.asOf);
  const since = hotlineSince(input.asOf, input.hotlineDays);
  const recent = new Set(input.calls.filter((c) => c.at >= since).map((c) => c.phoneIndex));
  const before = noContactBefore(input.asOf, input.noContactDays);
  const has: Record<SweepRisk, boolean> = {
    recent_hotline: h.members.some((m) => m.phoneIndex !== null && recent.has(m.phoneIndex)),
    aged_80: h.members.some((m) => m.birthDate <= cutoff),
    living_alone: h.livingAlone,
    disability: h.members.some((m) => m.disability),
    closed_area: selfAndAncestors(h.regionCode).some((c) => input.closedRegions.has(c)),
    no_contact: h.lastContactAt === null || h.lastContactAt < before,
  };
  return SWEEP_RISKS.filter((r) => has[r]);
}

/** The worklist, household by household: in the sweep, then village, not-yet-contacted first, score, oldest contact, id. */
export function referenceWorklist(input: RefInput): Array<{ id: string; regionCode: string; risks: SweepRisk[]; score: number }> {
  const rows = input.households
    .filter((h) => isWithin(h.regionCode, input.region) && input.programmes.includes(h.programme) && h.status === 'active')
    .map((h) => {
      const risks = risksOf(h, input);
      return { h, id: h.id, regionCode: h.regionCode, risks, score: scoreOf(risks), contacted: input.contacted.has(h.id) };
    });
  const time = (d: Date | null) => (d === null ? -Infinity : d.getTime());
  rows.sort(
    (a, b) =>
      (a.regionCode < b.regionCode ? -1 : a.regionCode > b.regionCode ? 1 : 0) ||
      Number(a.contacted) - Number(b.contacted) ||
      b.score - a.score ||
      time(a.h.lastContactAt) - time(b.h.lastContactAt) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return rows.map(({ id, regionCode, risks, score }) => ({ id, regionCode, risks, score }));
}
