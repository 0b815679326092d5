import { addDays, businessDay, shanghaiInstant } from '../../../common/business-day';

/** Home verification is due the same business day: by 24:00 Asia/Shanghai of the day the call came in. */
export function verifyDueAt(calledAt: Date): Date {
  return shanghaiInstant(addDays(businessDay(calledAt), 1));
}

export const YELLOW_BEFORE_MS = 2 * 3_600_000;

/** Traffic light of the same-day verification clock. */
export function slaLight(dueAt: Date, verifiedAt: Date | null, now: Date): 'green' | 'yellow' | 'red' | 'done' {
  if (verifiedAt) return 'done';
  const left = dueAt.getTime() - now.getTime();
  if (left < 0) return 'red';
  return left <= YELLOW_BEFORE_MS ? 'yellow' : 'green';
}

/** The town a hardship belongs to: the first 9 digits of its (town or village) code. */
export function townOf(regionCode: string): string {
  return regionCode.slice(0, 9).padEnd(12, '0');
}
