import { addDays } from '../../../common/business-day';
import type { InstitutionStatus } from '../../../common/enums';

export const DEFAULT_DEADLINE = '17:30';
/** Submissions and corrections are accepted for today and this many days back. */
export const CORRECTION_WINDOW_DAYS = 7;

/**
 * Who is expected to report on a day: every institution registered by then, except one that was already
 * closed before that day (on the day it closes it still files its "not applicable").
 */
export function isExpected(day: string, registeredOn: string, status: InstitutionStatus | null, statusSince: string | null): boolean {
  if (day < registeredOn || status === null) return false;
  return !(status === 'closed' && statusSince !== null && statusSince < day);
}

/** "Not applicable" is for institutions whose services are suspended or that are closed. */
export function notApplicableAllowed(status: InstitutionStatus): boolean {
  return status === 'services_suspended' || status === 'closed';
}

export function insideWindow(day: string, today: string): boolean {
  return day <= today && day >= addDays(today, -CORRECTION_WINDOW_DAYS);
}
