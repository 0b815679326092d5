import { addDays, addWorkingDays, businessDay, shanghaiInstant } from '../../../common/business-day';
import type { HotlineUrgency } from '../../../common/enums';
import { regionLevel } from '../../../common/region-code';

/** Home verification is due the same business day: by 24:00 Asia/Shanghai of the day the call came in. */
export function verifyDueAt(calledAt: Date): Date {
  return shanghaiInstant(addDays(businessDay(calledAt), 1));
}

export const URGENT_PAYMENT_MS = 24 * 3_600_000;
export const ORDINARY_WORKING_DAYS = 3;

/**
 * Assistance is due within 24 hours of the call when urgent (emergency payment), otherwise by the end
 * (24:00 Asia/Shanghai) of the third working day after the call day.
 */
export function paymentDueAt(calledAt: Date, urgency: HotlineUrgency): Date {
  if (urgency === 'urgent') return new Date(calledAt.getTime() + URGENT_PAYMENT_MS);
  return shanghaiInstant(addDays(addWorkingDays(businessDay(calledAt), ORDINARY_WORKING_DAYS), 1));
}

export const YELLOW_BEFORE_MS = 2 * 3_600_000;
export const PAYMENT_YELLOW_BEFORE_MS = 6 * 3_600_000;

export type Light = 'green' | 'yellow' | 'red' | 'done';

/** Traffic light of a clock: green, yellow in its last hours, red when overdue, done when stopped. */
export function slaLight(dueAt: Date, doneAt: Date | null, now: Date, yellowBeforeMs = YELLOW_BEFORE_MS): Light {
  if (doneAt) return 'done';
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return 'red';
  return left <= yellowBeforeMs ? 'yellow' : 'green';
}

export interface Clock {
  dueAt: Date | null;
  doneAt: Date | null;
  light: Light;
  /** true: stopped in time; false: stopped late or overdue now; null: still running in time, or not needed. */
  slaMet: boolean | null;
  /** Closed without needing this step (a consultation, a referral): no light, no verdict. */
  notNeeded: boolean;
}

/** One SLA clock of a case. A clock without a due time (calls older than the clock) never goes red. */
export function clockOf(dueAt: Date | null, doneAt: Date | null, closedAt: Date | null, now: Date, yellowBeforeMs: number): Clock {
  if (doneAt) return { dueAt, doneAt, light: 'done', slaMet: dueAt ? doneAt <= dueAt : null, notNeeded: false };
  if (closedAt || !dueAt) return { dueAt, doneAt: null, light: 'done', slaMet: null, notNeeded: true };
  const light = slaLight(dueAt, null, now, yellowBeforeMs);
  return { dueAt, doneAt: null, light, slaMet: light === 'red' ? false : null, notNeeded: false };
}

const ORDER: Record<Light, number> = { done: 0, green: 1, yellow: 2, red: 3 };

/** The case as a whole: its worst running light, and "SLA met" only when every needed clock stopped in time. */
export function caseSla(clocks: Clock[]): { light: Light; escalated: boolean; slaMet: boolean | null } {
  const light = clocks.reduce<Light>((worst, c) => (ORDER[c.light] > ORDER[worst] ? c.light : worst), 'done');
  const slaMet = clocks.some((c) => c.slaMet === false) ? false : clocks.some((c) => c.light !== 'done') ? null : clocks.some((c) => c.slaMet === true) ? true : null;
  return { light, escalated: light === 'red', slaMet };
}

/** What an officer's claim, verification or closing does to the hold on a case. */
export type Hold = 'held' | 'claim' | 'takeover' | 'refused';

/**
 * The claim lock: one officer holds a case, and only they claim, verify or close it; anyone else is
 * refused (409). An unclaimed case is claimed by whoever verifies or closes it, in the same transaction:
 * in an emergency the officer at the family's door records the visit at once, without a separate 认领
 * step, and the row lock still lets only one of two racing officers become the holder. Once the case is
 * escalated (a clock past due), an officer of the county or above, whose scope holds the case, may take
 * it over from the holder by claiming, verifying or closing it; the audit row names the previous holder.
 */
export function holdOf(claimedById: string | null, actor: { userId: string; regionCode: string }, escalated: boolean): Hold {
  if (claimedById === actor.userId) return 'held';
  if (claimedById === null) return 'claim';
  const level = regionLevel(actor.regionCode);
  return escalated && level !== 'town' && level !== 'village' ? 'takeover' : 'refused';
}
