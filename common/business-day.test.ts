import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { addDays, addWorkingDays, isWorkingDay } from './business-day';

const day = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

describe('working days', () => {
  it('skips weekends and the calendar holidays, and counts make-up working days', () => {
    expect(addWorkingDays('2022-09-09', 3)).toBe('2022-09-14'); // Friday -> Mon, Tue, Wed
    expect(addWorkingDays('2022-09-12', 1)).toBe('2022-09-13');
    expect(isWorkingDay('2022-09-10')).toBe(false);
    const midAutumn = { holidays: new Set(['2022-09-12']), workdays: new Set<string>() };
    expect(addWorkingDays('2022-09-09', 3, midAutumn)).toBe('2022-09-15');
    const makeUp = { holidays: new Set<string>(), workdays: new Set(['2022-10-08']) };
    expect(addWorkingDays('2022-10-07', 1, makeUp)).toBe('2022-10-08');
  });

  test.prop([day, fc.integer({ min: 1, max: 30 })])('lands on a working day with exactly n working days after the start', (start, n) => {
    const end = addWorkingDays(start, n);
    expect(isWorkingDay(end)).toBe(true);
    let counted = 0;
    for (let d = addDays(start, 1); d <= end; d = addDays(d, 1)) if (isWorkingDay(d)) counted++;
    expect(counted).toBe(n);
    // Never more than n working days plus the weekends in between: at most n + 2 * ceil(n / 5) + 2 calendar days.
    const span = (Date.parse(end) - Date.parse(start)) / 86_400_000;
    expect(span).toBeGreaterThanOrEqual(n);
    expect(span).toBeLessThanOrEqual(n + 2 * Math.ceil(n / 5) + 2);
  });

  test.prop([day])('a weekend is never a working day, a weekday always is (no calendar)', (d) => {
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    expect(isWorkingDay(d)).toBe(weekday >= 1 && weekday <= 5);
  });
});
