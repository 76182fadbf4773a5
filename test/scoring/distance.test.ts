import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distanceScore, haversineKm } from '../../scoring/geo.ts';

describe('haversineKm', () => {
  it('measures Aarhus C to Herning as about 75 km', () => {
    expect(haversineKm(56.1508, 10.1994, 56.1191, 8.9878)).toBeCloseTo(75, -1);
  });
  it('is zero for the same point and symmetric', () => {
    expect(haversineKm(55.7, 12.5, 55.7, 12.5)).toBe(0);
    expect(haversineKm(55.7, 12.5, 56.1, 10.2)).toBeCloseTo(haversineKm(56.1, 10.2, 55.7, 12.5), 9);
  });
});

describe('distanceScore', () => {
  const radius = { full: 10, max: 15 };
  it('gives full score within the inner radius and 0 at the outer', () => {
    expect(distanceScore(0, radius)).toBe(1);
    expect(distanceScore(10, radius)).toBe(1);
    expect(distanceScore(12.5, radius)).toBeCloseTo(0.5);
    expect(distanceScore(15, radius)).toBe(0);
    expect(distanceScore(40, radius)).toBe(0);
  });
  it('is a step when inner and outer radius are equal', () => {
    expect(distanceScore(5, { full: 5, max: 5 })).toBe(1);
    expect(distanceScore(5.01, { full: 5, max: 5 })).toBe(0);
  });
  it('never increases with distance and stays in [0,1] (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (a, b, full, extra) => {
          const r = { full, max: full + extra };
          const [near, far] = a <= b ? [a, b] : [b, a];
          const sNear = distanceScore(near, r);
          const sFar = distanceScore(far, r);
          return sNear >= sFar && sNear <= 1 && sFar >= 0;
        },
      ),
    );
  });
});
