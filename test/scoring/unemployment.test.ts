import { describe, expect, it } from 'vitest';
import { unemployedMonths, unemploymentScore } from '../../scoring/unemployment.ts';

describe('ledighedslængde', () => {
  it('counts whole months up to the period start', () => {
    expect(unemployedMonths('2026-01-15', '2027-01-04')).toBe(11);
    expect(unemployedMonths('2026-01-04', '2027-01-04')).toBe(12);
  });
  it('is 0 when ledighed starts on or after the period start', () => {
    expect(unemployedMonths('2027-02-01', '2027-01-04')).toBe(0);
    expect(unemployedMonths('2027-01-04', '2027-01-04')).toBe(0);
  });
  it('scores linearly up to two years, then stays at 1', () => {
    expect(unemploymentScore(0)).toBe(0);
    expect(unemploymentScore(12)).toBe(0.5);
    expect(unemploymentScore(24)).toBe(1);
    expect(unemploymentScore(60)).toBe(1);
  });
});
