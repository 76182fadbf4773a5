import { describe, expect, it } from 'vitest';
import {
  danishDatesIn,
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
import { danishMessage } from '../../web/src/lib/text.ts';

describe('Danish formatting in the web app', () => {
  it('writes dates as "4. januar 2027"', () => {
    expect(formatDate('2027-01-04')).toBe('4. januar 2027');
    expect(formatDate('2026-12-31')).toBe('31. december 2026');
    expect(formatDate('2027-03-15T12:00:00.000Z')).toBe('15. marts 2027');
    expect(formatDate(null)).toBe('');
    expect(formatMonth('2027-05')).toBe('maj 2027');
  });

  it("writes the API's ISO dates inside reasons the Danish way", () => {
    expect(danishDatesIn('ikke ledig 2027-03-25–2027-07-21 i perioden')).toBe(
      'ikke ledig 25. marts 2027–21. juli 2027 i perioden',
    );
    expect(danishDatesIn('tidligst ledig fra 2027-02-01, perioden starter 2027-01-04')).toBe(
      'tidligst ledig fra 1. februar 2027, perioden starter 4. januar 2027',
    );
    expect(danishDatesIn('afstand 18,9 km > 15,0 km')).toBe('afstand 18,9 km > 15,0 km');
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

describe("the API's field messages in Danish", () => {
  it('names the allowed values of a choice instead of showing the English message', () => {
    expect(danishMessage('Invalid option: expected one of "dagpenge"|"kontanthjaelp"')).toBe(
      'Skal være en af: dagpenge, kontanthjaelp',
    );
    expect(danishMessage('something new')).toBe('Ugyldig værdi (something new)');
  });
});
