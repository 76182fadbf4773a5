import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addMonthsClamped,
  daysInMonth,
  formatIsoDate,
  fromDayNumber,
  isRealDate,
  isValidIsoDate,
  monthsBetween,
  rangesOverlap,
  toDayNumber,
} from '../../scoring/dates.ts';

// 1900-01-01 .. 2100-12-31 as day numbers: wide enough for leap-century cases, narrow enough to stay readable.
const dayNumber = fc.integer({ min: toDayNumber('1900-01-01'), max: toDayNumber('2100-12-31') });
const isoDate = dayNumber.map(fromDayNumber);

describe('isValidIsoDate', () => {
  it.each(['2026-01-15', '2028-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '9999-12-31'])(
    'accepts %s',
    (d) => {
      expect(isValidIsoDate(d)).toBe(true);
    },
  );

  it.each([
    '2026-02-29', // not a leap year
    '1900-02-29', // century, not divisible by 400
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-5',
    '26-01-15',
    '2026-01-15T00:00:00Z',
    ' 2026-01-15',
    '',
    'i morgen',
  ])('rejects %j', (d) => {
    expect(isValidIsoDate(d)).toBe(false);
  });

  it('makes every helper throw a RangeError instead of guessing', () => {
    expect(() => toDayNumber('2026-02-30')).toThrow(RangeError);
    expect(() => monthsBetween('2026-01-15', '2026-02-30')).toThrow(/2026-02-30/);
    expect(() => addMonths('2026-13-01', 1)).toThrow(RangeError);
    expect(() =>
      rangesOverlap({ from: '2026-01-01', to: 'x' }, { from: '2026-01-01', to: '2026-01-02' }),
    ).toThrow(RangeError);
  });
});

describe('day numbers', () => {
  it('counts days since 1970-01-01 in UTC', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1970-01-02')).toBe(1);
    expect(toDayNumber('1969-12-31')).toBe(-1);
    expect(toDayNumber('2026-01-15')).toBe(Date.UTC(2026, 0, 15) / 86_400_000);
  });

  it('round-trips and agrees with Date.UTC', () => {
    fc.assert(
      fc.property(dayNumber, (n) => {
        const iso = fromDayNumber(n);
        expect(isValidIsoDate(iso)).toBe(true);
        expect(toDayNumber(iso)).toBe(n);
        expect(iso).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
      }),
    );
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('knows month lengths, leap years included', () => {
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });
});

describe('monthsBetween', () => {
  it.each([
    ['2026-01-15', '2026-01-15', 0],
    ['2026-01-15', '2026-02-14', 0],
    ['2026-01-15', '2026-02-15', 1],
    ['2026-01-15', '2026-04-14', 2],
    ['2026-01-15', '2026-04-15', 3],
    ['2025-10-01', '2026-01-04', 3],
    ['2025-06-20', '2027-06-20', 24],
  ])('%s -> %s is %i whole months', (from, to, months) => {
    expect(monthsBetween(from, to)).toBe(months);
  });

  it.each([
    ['2026-01-31', '2026-02-28', 0],
    ['2026-01-31', '2026-03-01', 1],
    ['2026-01-31', '2026-03-30', 1],
    ['2026-01-31', '2026-03-31', 2],
    ['2026-03-31', '2026-04-30', 0],
    ['2026-03-31', '2026-05-01', 1],
  ])('month end: %s -> %s is %i', (from, to, months) => {
    expect(monthsBetween(from, to)).toBe(months);
  });

  it.each([
    ['2028-01-29', '2028-02-29', 1], // leap year: 29 February exists
    ['2027-01-29', '2027-02-28', 0], // ... and not the year before
    ['2027-01-29', '2027-03-01', 1],
    ['2028-02-29', '2029-02-28', 11], // a leap-day start waits for 1 March in a common year
    ['2028-02-29', '2029-03-01', 12],
    ['2028-02-29', '2032-02-29', 48],
  ])('leap years: %s -> %s is %i', (from, to, months) => {
    expect(monthsBetween(from, to)).toBe(months);
  });

  it('is negative when `to` is before `from` (the caller clamps)', () => {
    expect(monthsBetween('2026-04-15', '2026-01-15')).toBe(-3);
    expect(monthsBetween('2026-04-15', '2026-04-14')).toBe(-1);
  });

  it('never decreases as `to` moves later', () => {
    fc.assert(
      fc.property(isoDate, dayNumber, dayNumber, (from, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(monthsBetween(from, fromDayNumber(early))).toBeLessThanOrEqual(
          monthsBetween(from, fromDayNumber(late)),
        );
      }),
    );
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-01-15', 3, '2026-04-15'],
    ['2026-11-15', 3, '2027-02-15'],
    ['2026-04-15', -3, '2026-01-15'],
    ['2026-01-15', 0, '2026-01-15'],
    ['2026-01-31', 1, '2026-03-01'], // February has no 31st: the month is completed on 1 March
    ['2028-01-31', 1, '2028-03-01'],
    ['2026-01-30', 1, '2026-03-01'],
    ['2028-01-29', 1, '2028-02-29'],
    ['2026-11-30', 3, '2027-03-01'],
    ['2026-10-31', 1, '2026-12-01'],
    ['2026-12-31', 2, '2027-03-01'],
  ])('%s + %i months is %s', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });

  it('rejects fractional months', () => {
    expect(() => addMonths('2026-01-15', 1.5)).toThrow(RangeError);
  });

  it('is what monthsBetween counts: exactly n months, and the earliest such day', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -240, max: 240 }), (from, n) => {
        const reached = addMonths(from, n);
        expect(monthsBetween(from, reached)).toBe(n);
        if (n >= 0) expect(monthsBetween(from, addDays(reached, -1))).toBe(n - 1);
      }),
    );
  });
});

describe('rangesOverlap', () => {
  const period = { from: '2027-01-04', to: '2027-06-30' };

  it.each([
    [{ from: '2027-02-01', to: '2027-03-31' }, true], // inside
    [{ from: '2026-12-01', to: '2027-01-04' }, true], // shares the first day
    [{ from: '2027-06-30', to: '2027-07-15' }, true], // shares the last day
    [{ from: '2026-01-01', to: '2028-01-01' }, true], // covers it
    [{ from: '2026-12-01', to: '2027-01-03' }, false], // ends the day before
    [{ from: '2027-07-01', to: '2027-07-15' }, false], // starts the day after
  ])('%j overlaps 2027-01-04–2027-06-30: %s', (range, expected) => {
    expect(rangesOverlap(range, period)).toBe(expected);
    expect(rangesOverlap(period, range)).toBe(expected);
  });
});

describe('addMonthsClamped', () => {
  const clamped = (from: string, months: number) =>
    fromDayNumber(addMonthsClamped(toDayNumber(from), months));

  it('keeps the day of month, or the target month’s last day when it has fewer', () => {
    expect(clamped('2027-01-04', 6)).toBe('2027-07-04');
    expect(clamped('2027-01-31', 1)).toBe('2027-02-28');
    expect(clamped('2028-01-31', 1)).toBe('2028-02-29');
    expect(clamped('2026-03-31', -1)).toBe('2026-02-28');
    expect(clamped('2026-12-15', 1)).toBe('2027-01-15');
    expect(clamped('2024-02-29', -12 * 5)).toBe('2019-02-28');
  });

  it('agrees with Date#setUTCMonth on the first of the month, then clamps', () => {
    fc.assert(
      fc.property(dayNumber, fc.integer({ min: -600, max: 600 }), (day, months) => {
        const d = new Date(day * 86_400_000);
        const dom = d.getUTCDate();
        d.setUTCDate(1);
        d.setUTCMonth(d.getUTCMonth() + months);
        const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
        d.setUTCDate(Math.min(dom, last));
        return addMonthsClamped(day, months) === Math.round(d.getTime() / 86_400_000);
      }),
    );
  });
});

describe('isRealDate and formatIsoDate', () => {
  it('accepts real dates only, without the Date.UTC quirk for years below 100', () => {
    expect(isRealDate(2028, 2, 29)).toBe(true);
    expect(isRealDate(2026, 2, 29)).toBe(false);
    expect(isRealDate(2026, 13, 1)).toBe(false);
    expect(isRealDate(2026, 4, 31)).toBe(false);
    expect(isRealDate(2026, 1.5, 1)).toBe(false);
    expect(isRealDate(50, 1, 1)).toBe(true);
    expect(formatIsoDate(50, 1, 1)).toBe('0050-01-01');
    expect(formatIsoDate(2026, 3, 9)).toBe('2026-03-09');
  });
});
