import { daysFromCivil } from '../../scoring/dates.ts';
import { addMonthsMinusOneDay, isoFromDays } from './calendar.ts';

/**
 * Seeded synthetic candidates (ledige) and job orders (vikariater) for demos, tests and benchmarks.
 *
 * Same seed and options give byte-identical output. Everything that can be computed once (weighted tables,
 * compiled templates, slugs) is, so the per-record loop is only random draws and string concatenation: dates
 * are day numbers turned into ISO strings arithmetically, never parsed.
 *
 * The parts: setup.ts (options, seed streams, places), static-data.ts (names, kommuner, compiled occupations from
 * data/), templates.ts, calendar.ts, candidate-parts.ts and candidates.ts, job-orders.ts.
 */
export { generateCandidates } from './candidates.ts';
export { generateJobOrders } from './job-orders.ts';
export type { GenOptions } from './setup.ts';
export { slugify } from './static-data.ts';

/** Exposed for tests of the date arithmetic. */
export const dates = { daysFromCivil, isoFromDays, addMonthsMinusOneDay };
