import type { NotTested } from '../../../common/contracts/test-rounds';
import { isWithin } from '../../../common/region-code';

export type RoundState = 'planned' | 'in_progress' | 'ended';

export function roundState(startsOn: string, endsOn: string, today: string): RoundState {
  if (today < startsOn) return 'planned';
  return today > endsOn ? 'ended' : 'in_progress';
}

export interface ResultFigures {
  residentsTested: number;
  staffTested: number;
  negative: number;
  positive: number;
  notTested: NotTested[];
}

export const testedOf = (r: Pick<ResultFigures, 'residentsTested' | 'staffTested'>) => r.residentsTested + r.staffTested;

/** Every tested person has exactly one result: negative + positive = tested. */
export function resultsAddUp(r: ResultFigures): boolean {
  return r.negative + r.positive === testedOf(r);
}

/**
 * Plausibility warnings (the result is saved anyway): more people tested than the institution's
 * registered residents + staff, or people neither tested nor listed as not tested.
 */
export function resultWarnings(r: ResultFigures, headcount: number): Array<{ code: string; message: string }> {
  const tested = testedOf(r);
  const out: Array<{ code: string; message: string }> = [];
  if (tested > headcount) {
    out.push({ code: 'TESTED_EXCEEDS_HEADCOUNT', message: `检测人数 ${tested} 多于机构登记的服务对象与工作人员合计 ${headcount}，请核实机构人数` });
  } else if (tested + r.notTested.length < headcount) {
    out.push({
      code: 'PEOPLE_UNACCOUNTED',
      message: `机构登记 ${headcount} 人，已检测 ${tested} 人、未检测 ${r.notTested.length} 人，尚有 ${headcount - tested - r.notTested.length} 人未说明`,
    });
  }
  return out;
}

/**
 * The region a round is looked at from: the one asked for, else the deeper of the round's region and
 * the viewer's own (a town officer sees their town of a county round). Null when the two are unrelated.
 */
export function viewRegion(roundRegion: string, actorRegion: string, requested?: string): string | null {
  if (requested) return isWithin(requested, roundRegion) && isWithin(requested, actorRegion) ? requested : null;
  if (isWithin(actorRegion, roundRegion)) return actorRegion;
  if (isWithin(roundRegion, actorRegion)) return roundRegion;
  return null;
}
