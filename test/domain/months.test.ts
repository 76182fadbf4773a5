import { describe, expect, it } from 'vitest';
import { addMonths, copenhagenMonth, monthCount, monthSpans, monthsOf } from '../../src/domain/months.ts';

describe('calendar months in Danish time', () => {
  it('starts a month at local midnight: 23:00 UTC in winter, 22:00 UTC in summer', () => {
    expect(monthSpans({ from: '2026-03', to: '2026-04' })).toEqual([
      { month: '2026-03', start: '2026-02-28T23:00:00.000Z', end: '2026-03-31T22:00:00.000Z' },
      { month: '2026-04', start: '2026-03-31T22:00:00.000Z', end: '2026-04-30T22:00:00.000Z' },
    ]);
  });

  it('puts an instant in the month it is in Copenhagen', () => {
    expect(copenhagenMonth(new Date('2026-11-30T23:30:00Z'))).toBe('2026-12');
    expect(copenhagenMonth(new Date('2026-11-30T22:59:59Z'))).toBe('2026-11');
    expect(copenhagenMonth(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07');
    expect(copenhagenMonth(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01');
  });

  it('counts and lists months across a year end', () => {
    expect(addMonths('2026-11', 3)).toBe('2027-02');
    expect(addMonths('2027-01', -11)).toBe('2026-02');
    expect(monthCount({ from: '2026-11', to: '2027-02' })).toBe(4);
    expect(monthCount({ from: '2027-01', to: '2026-12' })).toBe(0);
    expect(monthsOf({ from: '2026-12', to: '2027-01' })).toEqual(['2026-12', '2027-01']);
  });
});
