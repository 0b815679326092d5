/** Business days are Asia/Shanghai calendar days (UTC+8 all year, no daylight saving). */
const OFFSET_MS = 8 * 3_600_000;

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** The Shanghai calendar day of an instant, as YYYY-MM-DD. */
export function businessDay(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Shanghai clock time happens on a business day (e.g. 17:30 on 2022-09-01). */
export function shanghaiInstant(day: string, time = '00:00'): Date {
  return new Date(new Date(`${day}T${time}:00Z`).getTime() - OFFSET_MS);
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function isValidDay(day: string): boolean {
  if (!DATE_PATTERN.test(day)) return false;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === day;
}

/**
 * Working days: Monday to Friday, unless the calendar names a day as a public holiday (放假) or a
 * weekend day as a make-up working day (调休上班). Without a calendar, weekends only.
 */
export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

export function isWorkingDay(day: string, calendar?: WorkCalendar): boolean {
  if (calendar?.workdays.has(day)) return true;
  if (calendar?.holidays.has(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The n-th working day after `day` (n >= 1): "within 3 working days" of a Friday call ends on Wednesday. */
export function addWorkingDays(day: string, n: number, calendar?: WorkCalendar): string {
  let d = day;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d, calendar)) left--;
  }
  return d;
}
