import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDuration,
  formatKr,
  formatMonth,
  formatMonthShort,
  formatNumber,
  formatPercent,
  parseDanishNumber,
  secondsToDays,
} from '../../web/src/lib/format.ts';

describe('Danish formatting in the web app', () => {
  it('writes dates as "4. januar 2027"', () => {
    expect(formatDate('2027-01-04')).toBe('4. januar 2027');
    expect(formatDate('2026-12-31')).toBe('31. december 2026');
    expect(formatDate('2027-03-15T12:00:00.000Z')).toBe('15. marts 2027');
    expect(formatDate(null)).toBe('');
    expect(formatMonth('2027-05')).toBe('maj 2027');
  });

  it('uses decimal commas and thousands points', () => {
    expect(formatNumber(6.4)).toBe('6,4');
    expect(formatNumber(6.44)).toBe('6,4');
    expect(formatNumber(10)).toBe('10');
    expect(formatNumber(1234567.5)).toBe('1.234.567,5');
    expect(formatNumber(-2.5, 2)).toBe('-2,50');
    expect(formatNumber(Number.NaN)).toBe('–');
    expect(formatKr(4950)).toBe('4.950 kr.');
    expect(formatKr(12.5)).toBe('12,50 kr.');
    expect(formatPercent(0.873)).toBe('87 %');
  });

  it('says durations in Danish words', () => {
    expect(formatDuration(30)).toBe('30 sekunder');
    expect(formatDuration(60)).toBe('1 minut');
    expect(formatDuration(3 * 3600)).toBe('3 timer');
    expect(formatDuration(5 * 86400)).toBe('5 dage');
    expect(formatDuration(null)).toBe('–');
  });

  it('reads numbers typed the Danish way', () => {
    expect(parseDanishNumber('7,5')).toBe(7.5);
    expect(parseDanishNumber(' 37 ')).toBe(37);
    expect(parseDanishNumber('7.5')).toBe(7.5);
    expect(Number.isNaN(parseDanishNumber('syv'))).toBe(true);
  });

  it('abbreviates months the Danish way for chart axes ("nov. 2026", "maj 2027")', () => {
    expect(formatMonthShort('2026-11')).toBe('nov. 2026');
    expect(formatMonthShort('2027-05')).toBe('maj 2027');
    expect(formatMonthShort('2027-01')).toBe('jan. 2027');
    expect(formatMonthShort('2026-12')).toBe('dec. 2026');
    expect(formatMonthShort('bad')).toBe('bad');
  });

  it('turns seconds into days with one decimal for the charts', () => {
    expect(secondsToDays(129600)).toBe(1.5);
    expect(secondsToDays(86400)).toBe(1);
    expect(secondsToDays(5400)).toBe(0.1);
    expect(secondsToDays(null)).toBeNull();
  });
});
