import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { timeOrderedId } from './crypto';

describe('timeOrderedId', () => {
  const time = fc.integer({ min: 0, max: 2 ** 48 - 1 });

  it('is a version 7 UUID carrying its millisecond time in the first 48 bits', () => {
    fc.assert(
      fc.property(time, (t) => {
        const id = timeOrderedId(t);
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(z.uuid().safeParse(id).success).toBe(true);
        expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(t);
      }),
    );
  });

  it('sorts by time: an id made in a later millisecond compares greater', () => {
    fc.assert(
      fc.property(time, time, (a, b) => {
        fc.pre(a !== b);
        expect(timeOrderedId(a) < timeOrderedId(b)).toBe(a < b);
      }),
    );
  });

  it('differs between calls in the same millisecond', () => {
    const ids = new Set(Array.from({ length: 1_000 }, () => timeOrderedId(1_700_000_000_000)));
    expect(ids.size).toBe(1_000);
  });
});
