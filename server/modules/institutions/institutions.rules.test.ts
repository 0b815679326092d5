import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../../../common/business-day';
import { INSTITUTION_STATUSES } from '../../../common/enums';
import { nameKey, statusOn, type StatusEventLike } from './institutions.rules';

const BASE = '2022-08-01';
const day = fc.integer({ min: 0, max: 60 }).map((n) => addDays(BASE, n));
const events = fc
  .array(fc.record({ status: fc.constantFrom(...INSTITUTION_STATUSES), effectiveFrom: day }), { maxLength: 12 })
  .map((es) => es.map((e, seq): StatusEventLike => ({ ...e, seq })));

/** Oracle: replay the events day by day, in recording order within a day. */
function replay(es: StatusEventLike[], d: string, registeredOn: string) {
  if (d < registeredOn) return null;
  let status: StatusEventLike['status'] = 'operating';
  for (let cur = BASE; cur <= d; cur = addDays(cur, 1)) {
    for (const e of [...es].sort((a, b) => a.seq - b.seq)) if (e.effectiveFrom === cur) status = e.status;
  }
  return status;
}

describe('statusOn', () => {
  it('agrees with a day-by-day replay of the events', () => {
    fc.assert(
      fc.property(events, day, (es, d) => {
        expect(statusOn(es, d, BASE)).toBe(replay(es, d, BASE));
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order events are listed in', () => {
    fc.assert(
      fc.property(events, day, fc.nat(), (es, d, k) => {
        const shuffled = [...es].sort((a, b) => ((a.seq * 7919 + k) % 13) - ((b.seq * 7919 + k) % 13));
        expect(statusOn(shuffled, d, BASE)).toBe(statusOn(es, d, BASE));
      }),
    );
  });

  it('is null before registration, operating without events, and a future event has no effect today', () => {
    expect(statusOn([], '2022-07-31', BASE)).toBeNull();
    expect(statusOn([], '2022-08-10', BASE)).toBe('operating');
    const es: StatusEventLike[] = [{ status: 'closed_management', effectiveFrom: '2022-08-31', seq: 1 }];
    expect(statusOn(es, '2022-08-30', BASE)).toBe('operating');
    expect(statusOn(es, '2022-08-31', BASE)).toBe('closed_management');
    expect(statusOn(es, '2022-12-31', BASE)).toBe('closed_management');
  });

  it('lets a later recording of the same day win', () => {
    const es: StatusEventLike[] = [
      { status: 'closed_management', effectiveFrom: '2022-09-01', seq: 5 },
      { status: 'operating', effectiveFrom: '2022-09-01', seq: 9 },
    ];
    expect(statusOn(es, '2022-09-01', BASE)).toBe('operating');
  });
});

describe('nameKey', () => {
  it('ignores spaces, width and case', () => {
    expect(nameKey(' 老城街道 养老院 ')).toBe(nameKey('老城街道养老院'));
    expect(nameKey('ＡＢＣ敬老院')).toBe(nameKey('abc敬老院'));
  });
});
