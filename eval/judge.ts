import type { EvalCandidate, EvalOrder } from './generate.ts';
import { haversineKm } from './geo.ts';

export type Grade = 0 | 1 | 2 | 3;

export function distanceKm(c: EvalCandidate, o: EvalOrder): number {
  return haversineKm(c.place.lat, c.place.lon, o.place.lat, o.place.lon);
}

/** The hard filters, judged from the truth: reachable, enough hours, free for the whole period. */
export function passesFilters(c: EvalCandidate, o: EvalOrder): boolean {
  if (distanceKm(c, o) > o.radiusKm.max) return false;
  if (c.weeklyHours < o.weeklyHours) return false;
  if (c.availableFrom > o.period.from) return false;
  return c.unavailable.every((u) => u.to < o.period.from || u.from > o.period.to);
}

/**
 * How well a candidate fits an order, from what the person truly holds (never from any scorer):
 * 3 every must-have, a nice-to-have when the order has any, home inside the inner radius;
 * 2 every must-have within the outer radius; 1 some must-haves within the outer radius; 0 otherwise.
 */
export function grade(c: EvalCandidate, o: EvalOrder): Grade {
  if (!passesFilters(c, o)) return 0;
  const mustHeld = o.must.filter((m) => c.held.has(m.competence)).length;
  if (mustHeld === 0) return 0;
  if (mustHeld < o.must.length) return 1;
  const niceOk = o.nice.length === 0 || o.nice.some((n) => c.held.has(n.competence));
  return niceOk && distanceKm(c, o) <= o.radiusKm.full ? 3 : 2;
}

/** Whether a phrase of the order, claimed as matched for this candidate, is true of them. */
export function claimIsTrue(c: EvalCandidate, o: EvalOrder, phrase: string): boolean {
  const key = phrase.trim().toLowerCase();
  const p = [...o.must, ...o.nice].find((x) => x.phrase.trim().toLowerCase() === key);
  if (!p) throw new Error(`'${phrase}' is not a phrase of ${o.externalId}`);
  return c.held.has(p.competence);
}
