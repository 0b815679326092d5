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
