import { addDays } from '../../../common/business-day';
import type { Blocker } from '../../../common/contracts/isolation';
import type { IsolationReason } from '../../../common/enums';
import { ERROR_MESSAGES } from '../../../common/errors';
import { parentCode } from '../../../common/region-code';

/** The isolation period when no region in the chain has set one. */
export const DEFAULT_ISOLATION_DAYS = 14;
/** A temperature from which a symptom check counts as feverish, whatever was ticked. */
export const FEVER_FROM = 37.3;
/** Foundlings and vagrant minors go to a designated hospital for screening first. */
export const SCREENED_REASONS: readonly IsolationReason[] = ['foundling', 'vagrant_minor'];

/*
 * The clock. The start day counts as day 1, so a 14-day isolation started on 1 September covers
 * 1–14 September; admission or return to work is possible from 15 September (day 15), the first day
 * after the period. Day 13 and day 14 are refused.
 */

/** Today's day of isolation (start day = day 1). */
export function dayOfIsolation(startDate: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The first day the period has run: the day after the last isolation day. */
export function earliestRelease(startDate: string, requiredDays: number): string {
  return addDays(startDate, requiredDays);
}

export function periodMet(startDate: string, requiredDays: number, today: string): boolean {
  return today >= earliestRelease(startDate, requiredDays);
}

/** The region chain nearest first: the region itself, its parent, ... the country. */
export function regionChain(code: string): string[] {
  const chain: string[] = [];
  for (let c: string | null = code; c; c = parentCode(c)) chain.push(c);
  return chain;
}

export interface PolicyLike {
  regionCode: string;
  effectiveFrom: string;
  days: number;
}

/**
 * The policy in force for a region on a day: the nearest region of the chain (itself first) that has a
 * policy effective by then, and of that region's policies the latest effective; else 14 days.
 * (A region has at most one policy per effective day: setting it again the same day replaces it.)
 */
export function policyInForce<P extends PolicyLike>(policies: readonly P[], regionCode: string, day: string): P | null {
  for (const code of regionChain(regionCode)) {
    let best: P | null = null;
    for (const p of policies) {
      if (p.regionCode !== code || p.effectiveFrom > day) continue;
      if (!best || p.effectiveFrom > best.effectiveFrom) best = p;
    }
    if (best) return best;
  }
  return null;
}

export const requiredDaysOf = (policy: PolicyLike | null) => policy?.days ?? DEFAULT_ISOLATION_DAYS;

export interface CheckLike {
  kind: string;
  day: string;
  symptoms: boolean | null;
  temperature: number | null;
  testResult: string | null;
  createdAt: Date;
}

export interface ClockLike {
  startDate: string;
  requiredDays: number;
  screeningRequired: boolean;
  screeningDone: boolean;
}

const latest = <C extends CheckLike>(checks: readonly C[]): C | undefined =>
  [...checks].sort((a, b) => (a.day === b.day ? a.createdAt.getTime() - b.createdAt.getTime() : a.day < b.day ? -1 : 1)).at(-1);

const blocker = (code: keyof typeof ERROR_MESSAGES, message?: string): Blocker => ({ code, message: message ?? ERROR_MESSAGES[code] });

/**
 * Why a person may not be admitted (or return to work) today; empty when they may:
 * the period has run, the latest test dated after the start day is negative, the latest symptom check
 * shows no symptoms (nor a fever), and foundlings and vagrant minors have been screened at the hospital.
 */
export function admissionBlockers(p: ClockLike, checks: readonly CheckLike[], today: string): Blocker[] {
  const out: Blocker[] = [];
  if (!periodMet(p.startDate, p.requiredDays, today)) {
    const day = dayOfIsolation(p.startDate, today);
    const from = earliestRelease(p.startDate, p.requiredDays);
    out.push(blocker('ISOLATION_PERIOD_NOT_MET', `隔离期未满：须隔离 ${p.requiredDays} 天（开始当天为第 1 天），今天是第 ${day} 天，${from} 起方可入院或返岗`));
  }
  const test = latest(checks.filter((c) => c.kind === 'test' && c.day > p.startDate));
  if (!test) out.push(blocker('ISOLATION_NEGATIVE_TEST_MISSING'));
  else if (test.testResult !== 'negative') out.push(blocker('ISOLATION_TEST_POSITIVE', `${test.day} 检测结果为阳性，不能入院或返岗`));
  const symptom = latest(checks.filter((c) => c.kind === 'symptom'));
  if (!symptom) out.push(blocker('ISOLATION_SYMPTOM_CHECK_MISSING'));
  else if (symptom.symptoms || (symptom.temperature !== null && symptom.temperature >= FEVER_FROM)) {
    out.push(blocker('ISOLATION_SYMPTOMS_PRESENT', `${symptom.day} 的检查有症状${symptom.temperature !== null ? `（体温 ${symptom.temperature}℃）` : ''}，不能入院或返岗`));
  }
  if (p.screeningRequired && !p.screeningDone) out.push(blocker('ISOLATION_SCREENING_MISSING'));
  return out;
}
