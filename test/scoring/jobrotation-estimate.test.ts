import { describe, expect, it } from 'vitest';
import { estimateJobrotation, workingDays } from '../../scoring/jobrotation-estimate.ts';

describe('jobrotation estimate', () => {
  it('counts Monday to Friday, both dates included', () => {
    // 2027-01-04 is a Monday.
    expect(workingDays('2027-01-04', '2027-01-04')).toBe(1);
    expect(workingDays('2027-01-04', '2027-01-08')).toBe(5);
    expect(workingDays('2027-01-04', '2027-01-10')).toBe(5);
    expect(workingDays('2027-01-09', '2027-01-10')).toBe(0);
    expect(workingDays('2027-01-08', '2027-01-11')).toBe(2);
    expect(workingDays('2027-01-04', '2027-01-17')).toBe(10);
    expect(workingDays('2027-01-05', '2027-01-04')).toBe(0);
    // 2027-01-04 .. 2027-06-30: 26 weeks less Thu/Fri of the last one => 25 weeks and 3 days.
    expect(workingDays('2027-01-04', '2027-06-30')).toBe(128);
  });

  it('is weekly hours x weeks x the sats, named by its rule set', () => {
    const order = { jobrotation: true, weeklyHours: 30, period: { from: '2027-01-04', to: '2027-06-30' } };
    expect(estimateJobrotation(order, { name: 'default', jobrotationsydelsePerHour: 165 })).toEqual({
      vikarHours: 768,
      ratePerHour: 165,
      amount: 126_720,
      ruleSet: 'default',
    });
  });

  it('gives none without jobrotation or without a sats', () => {
    const order = { jobrotation: false, weeklyHours: 30, period: { from: '2027-01-04', to: '2027-01-08' } };
    expect(estimateJobrotation(order, { name: 'default', jobrotationsydelsePerHour: 165 })).toBeUndefined();
    expect(estimateJobrotation({ ...order, jobrotation: true }, { name: 'x' })).toBeUndefined();
  });
});
