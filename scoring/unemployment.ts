import { monthsBetween } from './dates.ts';

/** Ledighedslængde in whole months at the job's start; 0 when the ledighed starts on or after it. */
export function unemployedMonths(since: string, at: string): number {
  return since >= at ? 0 : Math.max(0, monthsBetween(since, at));
}

/** Months at which ledighed counts in full: two years or more gets the whole component. */
export const UNEMPLOYMENT_SATURATION_MONTHS = 24;

export function unemploymentScore(months: number): number {
  return Math.min(1, Math.max(0, months) / UNEMPLOYMENT_SATURATION_MONTHS);
}
