import { DENMARK_BOUNDS, normaliseKommunekode } from '../geo/postnumre.ts';
import { parseToday } from './calendar.ts';
import { type Random, WeightedTable } from './random.ts';
import { type StaticData, staticData } from './static-data.ts';

/** What every generator call shares: the options, the random streams of one seed, the places records are put. */

export interface GenOptions {
  seed: number;
  /** ISO date the data is generated "as of"; default: today's local date. */
  today?: string;
  /** Restrict to these jobcenter ids (kommunekoder); default: all of Denmark weighted by population. */
  jobcentre?: string[];
  /** Add a CPR-nummer (synthetic, valid date part) to candidates; default false. */
  withCpr?: boolean;
}

// Streams of one seed: candidates and job orders differ for the same seed, and CPRs have their own stream so
// turning withCpr on adds the field without changing anything else in the record.
export const STREAM_CANDIDATES = 1;
export const STREAM_JOB_ORDERS = 2;
export const STREAM_CPR = 3;
export const STREAM_PUBLIC_CVR = 4;

export interface Setup {
  data: StaticData;
  today: number;
  places: WeightedTable<number>;
}

export function setup(count: number, opts: GenOptions): Setup {
  if (!Number.isSafeInteger(count) || count < 0)
    throw new RangeError(`count must be a whole number >= 0, got ${count}`);
  if (!Number.isSafeInteger(opts.seed)) throw new RangeError(`seed must be a whole number, got ${opts.seed}`);
  const data = staticData();
  const today = parseToday(opts.today);
  let indices = data.kommuner.map((_, i) => i);
  if (opts.jobcentre !== undefined) {
    if (opts.jobcentre.length === 0) throw new RangeError('jobcentre must name at least one jobcenter id');
    indices = [
      ...new Set(
        opts.jobcentre.map((raw) => {
          const index = data.kommuneIndex.get(normaliseKommunekode(raw.trim()));
          if (index === undefined)
            throw new RangeError(`unknown jobcenter id '${raw}' (a kommunekode, e.g. 751)`);
          return index;
        }),
      ),
    ].sort((a, b) => a - b);
  }
  const places = new WeightedTable(
    indices,
    indices.map((i) => data.kommuner[i]!.population),
  );
  return { data, today, places };
}

export interface Place {
  kommune: number;
  postalCode: string;
  location?: { lat: number; lon: number };
}

const KM_PER_DEGREE = 111.32;

function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

/** A kommune by population, one of its postnumre, and for ~20% a point within ~2 km of the postnummer's point. */
export function pickPlace(rng: Random, s: Setup): Place {
  const kommune = s.places.pick(rng);
  const area = s.data.kommuner[kommune]!.areas.pick(rng);
  if (!rng.chance(0.2)) return { kommune, postalCode: area.postalCode };
  const r = 2 * Math.sqrt(rng.float());
  const angle = 2 * Math.PI * rng.float();
  const lat = area.lat + (r * Math.cos(angle)) / KM_PER_DEGREE;
  const lon = area.lon + (r * Math.sin(angle)) / (KM_PER_DEGREE * Math.cos((area.lat * Math.PI) / 180));
  const b = DENMARK_BOUNDS;
  return {
    kommune,
    postalCode: area.postalCode,
    location: {
      lat: round5(Math.min(b.maxLat, Math.max(b.minLat, lat))),
      lon: round5(Math.min(b.maxLon, Math.max(b.minLon, lon))),
    },
  };
}
