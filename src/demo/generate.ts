import { readFileSync } from 'node:fs';
import { civilFromDays, daysFromCivil, isValidIsoDate } from '../../scoring/dates.ts';
import type { CandidateInput } from '../domain/candidate.ts';
import type { JobOrderInput } from '../domain/job-order.ts';
import { allPostalAreas, DENMARK_BOUNDS, lookupKommune, normaliseKommunekode } from '../geo/postnumre.ts';
import {
  type EducationLevel,
  GENERAL_COMPETENCES,
  GENERAL_EDUCATIONS,
  OCCUPATIONS,
  type Occupation,
} from './occupations.ts';
import { Random, WeightedTable } from './random.ts';

/**
 * Seeded synthetic candidates (ledige) and job orders (vikariater) for demos, tests and benchmarks.
 *
 * Same seed and options give byte-identical output. Everything that can be computed once (weighted tables,
 * compiled templates, slugs) is, so the per-record loop is only random draws and string concatenation: dates
 * are day numbers turned into ISO strings arithmetically, never parsed.
 */
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
const STREAM_CANDIDATES = 1;
const STREAM_JOB_ORDERS = 2;
const STREAM_CPR = 3;
const STREAM_PUBLIC_CVR = 4;

// ---------------------------------------------------------------------------------------------------------------
// Dates as day numbers (days since 1970-01-01), Howard Hinnant's civil-calendar algorithms: no Date objects.

const ymd = [0, 0, 0];

// The same few thousand dates recur in every record; formatting each once saves work and garbage in the hot loop.
const ISO_CACHE_FROM = daysFromCivil(1900, 1, 1);
const ISO_CACHE_SIZE = 110_000;
const isoCache: (string | undefined)[] = new Array(ISO_CACHE_SIZE).fill(undefined);

function isoFromDays(days: number): string {
  const i = days - ISO_CACHE_FROM;
  const cached = isoCache[i];
  if (cached !== undefined) return cached;
  const iso = formatIso(days);
  if (i >= 0 && i < ISO_CACHE_SIZE) isoCache[i] = iso;
  return iso;
}

function formatIso(days: number): string {
  civilFromDays(days, ymd);
  const m = ymd[1]!;
  const d = ymd[2]!;
  return `${ymd[0]}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

function firstOfMonth(days: number): number {
  civilFromDays(days, ymd);
  return days - ymd[2]! + 1;
}

function lastOfMonth(days: number): number {
  civilFromDays(days, ymd);
  const [y, m] = [ymd[0]!, ymd[1]!];
  return (m === 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, m + 1, 1)) - 1;
}

/** The day before the same date `months` later: a period of whole months ('2027-01-04' + 6 -> '2027-07-03'). */
function addMonthsMinusOneDay(days: number, months: number): number {
  civilFromDays(days, ymd);
  const total = ymd[0]! * 12 + (ymd[1]! - 1) + months;
  const [y, m] = [Math.floor(total / 12), (total % 12) + 1];
  const dim = daysFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - daysFromCivil(y, m, 1);
  return daysFromCivil(y, m, Math.min(ymd[2]!, dim)) - 1;
}

function parseToday(today: string | undefined): number {
  if (today === undefined) {
    const now = new Date();
    return daysFromCivil(now.getFullYear(), now.getMonth() + 1, now.getDate());
  }
  if (!isValidIsoDate(today))
    throw new RangeError(`today must be a real date written YYYY-MM-DD, got '${today}'`);
  return daysFromCivil(Number(today.slice(0, 4)), Number(today.slice(5, 7)), Number(today.slice(8, 10)));
}

// ---------------------------------------------------------------------------------------------------------------
// Static tables, built on first use and shared by every call.

interface NameEntry {
  name: string;
  /** ascii, lowercase, for e-mail addresses */
  slug: string;
}

interface KommuneEntry {
  id: string;
  name: string;
  slug: string;
  population: number;
  areas: WeightedTable<{ postalCode: string; lat: number; lon: number }>;
  /** Town names for company names ('Aarhus', 'Viby J'), district letters dropped ('København K' -> 'København'). */
  towns: readonly string[];
  publicName: string;
}

interface Template {
  parts: readonly (string | number)[];
  /** 'Jeg er uddannet ...' only fits someone who has the occupation's education. */
  claimsEducation: boolean;
}

interface CompiledOccupation {
  occ: Occupation;
  titles: WeightedTable<number>;
  /** Title as written inside a sentence ('lagermedarbejder', but 'SOSU-hjælper'). */
  titlesInText: readonly string[];
  educationInText: string;
  /** Title as a wish ('sosu-hjælper'). */
  titlesLower: readonly string[];
  /** Kørekort beyond B held in the occupation, as [bit of LICENCE_ORDER, share]. */
  licences: readonly (readonly [bit: number, share: number])[];
  concepts: WeightedTable<number>;
  variants: readonly WeightedTable<string>[];
  experience: readonly Template[];
  cv: readonly Template[];
  /** The cv templates that do not claim the occupation's education. */
  cvWithoutEducation: readonly Template[];
}

interface StaticData {
  firstNames: WeightedTable<NameEntry>;
  lastNames: WeightedTable<NameEntry>;
  kommuner: readonly KommuneEntry[];
  kommuneIndex: ReadonlyMap<string, number>;
  occupations: readonly CompiledOccupation[];
  bySupply: WeightedTable<number>;
  byDemand: WeightedTable<number>;
  generalVariants: readonly WeightedTable<string>[];
  generalEducations: WeightedTable<readonly [string, EducationLevel]>;
}

const dataDir = new URL('./data/', import.meta.url);

function readCsv(file: string): string[][] {
  const rows = readFileSync(new URL(file, dataDir), 'utf8')
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));
  return rows.slice(1).map((line) => line.split(','));
}

/** ascii slug: æ->ae, ø->oe, å->aa, other accents stripped, spaces -> '-'. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, '-')
    .replace(/[^a-z0-9-]/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Decreasing weights for lists ordered most-common-first. */
function rankWeights(n: number, exponent: number): number[] {
  return Array.from({ length: n }, (_, i) => 1 / (i + 1) ** exponent);
}

const SLOT = { title: 0, c1: 1, c2: 2, years: 3, education: 4 } as const;

function compileTemplate(text: string): Template {
  const parts: (string | number)[] = [];
  let last = 0;
  for (const m of text.matchAll(/\{(\w+)\}/g)) {
    const slot = SLOT[m[1] as keyof typeof SLOT];
    if (slot === undefined) throw new Error(`unknown placeholder ${m[0]} in template '${text}'`);
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push(slot);
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return { parts, claimsEducation: text.includes('uddannet') };
}

function render(template: Template, values: readonly string[]): string {
  let s = '';
  for (const part of template.parts) s += typeof part === 'number' ? values[part] : part;
  // A sentence may open with a competence ('{c1} og {c2} ...'), which is written in lower case.
  return typeof template.parts[0] === 'number' ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

function nonEmpty<T>(list: T[], message: string): T[] {
  if (list.length === 0) throw new Error(message);
  return list;
}

/** A title inside a sentence: the capital goes, unless the word opens with an abbreviation ('SOSU-hjælper'). */
function inSentence(title: string): string {
  const second = title.charAt(1);
  return second !== '' && second === second.toLowerCase()
    ? title.charAt(0).toLowerCase() + title.slice(1)
    : title;
}

function compileOccupation(occ: Occupation): CompiledOccupation {
  return {
    occ,
    titles: new WeightedTable(
      occ.titles.map((_, i) => i),
      rankWeights(occ.titles.length, 1),
    ),
    titlesInText: occ.titles.map(inSentence),
    educationInText: inSentence(occ.education.title),
    titlesLower: occ.titles.map((t) => t.toLowerCase()),
    licences: occ.licences.map(([licence, share]) => {
      const bit = LICENCE_BIT[licence];
      if (bit === undefined) throw new Error(`occupation ${occ.id}: unknown kørekort ${licence}`);
      return [bit, share] as const;
    }),
    concepts: new WeightedTable(
      occ.competences.map((_, i) => i),
      rankWeights(occ.competences.length, 0.7),
    ),
    variants: occ.competences.map((v) => new WeightedTable(v, rankWeights(v.length, 1.2))),
    experience: occ.experience.map(compileTemplate),
    cv: occ.cv.map(compileTemplate),
    cvWithoutEducation: nonEmpty(
      occ.cv.map(compileTemplate).filter((t) => !t.claimsEducation),
      `occupation ${occ.id} needs a cv template without 'uddannet'`,
    ),
  };
}

const DISTRICT_SUFFIX = new Set(['C', 'K', 'V', 'N', 'S', 'Ø', 'NV', 'NØ', 'SV', 'SØ', 'J']);

/** The kommune as an employer; a few carry a genitive or a special name. */
function publicEmployerName(name: string): string {
  if (name === 'København') return 'Københavns Kommune';
  if (name === 'Bornholm') return 'Bornholms Regionskommune';
  return `${name} Kommune`;
}

function loadNames(): { first: WeightedTable<NameEntry>; last: WeightedTable<NameEntry> } {
  const lists = { first: [] as NameEntry[], last: [] as NameEntry[] };
  const weights = { first: [] as number[], last: [] as number[] };
  for (const [kind, name, count] of readCsv('dk-names-weighted.csv')) {
    if ((kind !== 'first' && kind !== 'last') || !name) continue;
    lists[kind].push({ name, slug: slugify(name).replace(/-/g, '') || 'kandidat' });
    weights[kind].push(Number(count));
  }
  return {
    first: new WeightedTable(lists.first, weights.first),
    last: new WeightedTable(lists.last, weights.last),
  };
}

function loadKommuner(): KommuneEntry[] {
  const areasByKommune = new Map<string, { postalCode: string; lat: number; lon: number }[]>();
  for (const area of allPostalAreas()) {
    for (const id of area.kommuner) {
      const list = areasByKommune.get(id) ?? [];
      list.push({ postalCode: area.postalCode, lat: area.lat, lon: area.lon });
      areasByKommune.set(id, list);
    }
  }
  const namesByKommune = new Map<string, Set<string>>();
  for (const area of allPostalAreas()) {
    const words = area.name.split(' ');
    if (words.length > 1 && DISTRICT_SUFFIX.has(words.at(-1)!)) words.pop();
    for (const id of area.kommuner) {
      const set = namesByKommune.get(id) ?? new Set<string>();
      set.add(words.join(' '));
      namesByKommune.set(id, set);
    }
  }
  return readCsv('kommune-population.csv').map(([kode, , population]) => {
    const id = normaliseKommunekode(kode!);
    const kommune = lookupKommune(id);
    if (!kommune) throw new Error(`kommune-population.csv: unknown kommunekode ${kode}`);
    if (!(Number(population) > 0)) throw new Error(`kommune-population.csv: bad population for ${kode}`);
    const areas = areasByKommune.get(id);
    if (!areas) throw new Error(`kommune ${id} has no postnumre`);
    return {
      id,
      name: kommune.name,
      slug: slugify(kommune.name),
      population: Number(population),
      // Postnumre below 2000 are single streets of inner København and Frederiksberg; weighting them like a
      // suburb would put most Copenhageners in the city centre.
      areas: new WeightedTable(
        areas,
        areas.map((a) => (a.postalCode < '2000' ? 0.1 : 1)),
      ),
      towns: [...(namesByKommune.get(id) ?? [kommune.name])],
      publicName: publicEmployerName(kommune.name),
    };
  });
}

let staticCache: StaticData | undefined;

function staticData(): StaticData {
  if (staticCache) return staticCache;
  const names = loadNames();
  const kommuner = loadKommuner();
  const occupations = OCCUPATIONS.map(compileOccupation);
  staticCache = {
    firstNames: names.first,
    lastNames: names.last,
    kommuner,
    kommuneIndex: new Map(kommuner.map((k, i) => [k.id, i])),
    occupations,
    bySupply: new WeightedTable(
      occupations.map((_, i) => i),
      OCCUPATIONS.map((o) => o.supply),
    ),
    byDemand: new WeightedTable(
      occupations.map((_, i) => i),
      OCCUPATIONS.map((o) => o.demand),
    ),
    generalVariants: GENERAL_COMPETENCES.map((v) => new WeightedTable(v, rankWeights(v.length, 1.2))),
    generalEducations: new WeightedTable(
      GENERAL_EDUCATIONS.map(([title, level]) => [title, level] as const),
      GENERAL_EDUCATIONS.map((e) => e[2]),
    ),
  };
  return staticCache;
}

// ---------------------------------------------------------------------------------------------------------------
// Shared per-call setup and helpers.

interface Setup {
  data: StaticData;
  today: number;
  places: WeightedTable<number>;
}

function setup(count: number, opts: GenOptions): Setup {
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

interface Place {
  kommune: number;
  postalCode: string;
  location?: { lat: number; lon: number };
}

const KM_PER_DEGREE = 111.32;

function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

/** A kommune by population, one of its postnumre, and for ~20% a point within ~2 km of the postnummer's point. */
function pickPlace(rng: Random, s: Setup): Place {
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

/** One-letter slip ('truckcertfikat'): a dropped, doubled or swapped letter, never the first one. */
function typo(rng: Random, word: string): string {
  if (word.length < 6) return word;
  const i = rng.int(1, word.length - 2);
  const ch = word.charAt(i);
  const next = word.charAt(i + 1);
  if (ch === ' ' || ch === '-' || next === ' ' || next === '-') return word;
  const kind = rng.int(0, 2);
  if (kind === 0) return word.slice(0, i) + word.slice(i + 1);
  if (kind === 1) return word.slice(0, i) + ch + word.slice(i);
  return word.slice(0, i) + next + ch + word.slice(i + 2);
}

/** Up to `count` distinct indices from a weighted table (tables here hold at most a few dozen items). */
function pickDistinct(rng: Random, table: WeightedTable<number>, count: number, exclude = 0): number[] {
  const out: number[] = [];
  let used = exclude;
  const n = table.items.length;
  for (let attempts = 0; out.length < count && attempts < count * 8; attempts++) {
    const i = table.pick(rng);
    if (used & (1 << i)) continue;
    used |= 1 << i;
    out.push(i);
  }
  // Rejection can run dry on short lists; fill from the top so the count is still met when possible.
  for (let i = 0; out.length < count && i < n; i++) {
    if (!(used & (1 << i))) {
      used |= 1 << i;
      out.push(i);
    }
  }
  return out;
}

function bitmask(indices: readonly number[]): number {
  let m = 0;
  for (const i of indices) m |= 1 << i;
  return m;
}

// ---------------------------------------------------------------------------------------------------------------
// Candidates.

const BENEFITS = WeightedTable.of<NonNullable<CandidateInput['benefit']>>([
  // dagpenge is set a little above the target ~55% because long-term ledige are moved to kontanthjælp below.
  ['dagpenge', 57],
  ['kontanthjaelp', 23],
  ['uddannelseshjaelp', 7],
  ['sygedagpenge', 4],
  ['ledighedsydelse', 4],
  ['selvforsoergelse', 3],
  ['ingen', 2],
]);

const WEEKLY_HOURS = WeightedTable.of([
  [37, 70],
  [30, 12],
  [25, 8],
  [20, 6],
  [15, 4],
]);

const UNAVAILABLE = WeightedTable.of([
  ['uddannelse', 4],
  ['ferie', 4],
  ['orlov', 2],
] as const);

const OTHER_LANGUAGES = WeightedTable.of([
  ['tysk', 30],
  ['svensk', 8],
  ['norsk', 6],
  ['polsk', 8],
  ['arabisk', 6],
  ['tyrkisk', 4],
  ['ukrainsk', 5],
  ['rumænsk', 4],
  ['litauisk', 3],
  ['spansk', 8],
  ['fransk', 7],
  ['somali', 2],
  ['farsi', 2],
  ['urdu', 2],
]);

const SCHEMES = WeightedTable.of([
  ['loentilskud', 4],
  ['virksomhedspraktik', 3],
  ['veu-godtgoerelse', 2],
  ['svu', 1],
]);

const LICENCE_ORDER = ['B', 'BE', 'C', 'CE', 'D', 'DE', 'T'] as const;
const LICENCE_BIT: Readonly<Record<string, number>> = Object.fromEntries(
  LICENCE_ORDER.map((l, i) => [l, 1 << i]),
);
/** The licence each one needs first (CE needs C, everything heavy needs B), as bits of LICENCE_ORDER. */
const REQUIRES_BITS: readonly number[] = LICENCE_ORDER.map((l) => {
  const needs: Record<string, string[]> = { BE: ['B'], C: ['B'], CE: ['B', 'C'], D: ['B'], DE: ['B', 'D'] };
  return (needs[l] ?? []).reduce((mask, n) => mask | LICENCE_BIT[n]!, 0);
});

const DAYS_PER_YEAR = 365.25;

function languagesSentence(languages: readonly string[]): string {
  if (languages.length === 1) return `Jeg taler ${languages[0]}.`;
  let s = `Jeg taler ${languages[0]}`;
  for (let i = 1; i < languages.length - 1; i++) s += `, ${languages[i]}`;
  return `${s} og ${languages[languages.length - 1]}.`;
}

const EXTRA_SENTENCES = [
  'Jeg er mødestabil og fleksibel.',
  'Jeg kan starte med kort varsel.',
  'Jeg er god til at samarbejde og tager gerne ansvar.',
  'Jeg lærer hurtigt og er ikke bange for nye opgaver.',
  'Jeg søger gerne et vikariat med mulighed for fast ansættelse.',
];

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** A CPR with a real date of birth in [lowest, highest], and a 7th digit that fits the century rule. */
function makeCpr(rng: Random, lowest: number, highest: number): string {
  const birth = rng.int(lowest, Math.max(lowest, highest));
  civilFromDays(birth, ymd);
  const [y, m, d] = [ymd[0]!, ymd[1]!, ymd[2]!];
  const yy = y % 100;
  let seventh: number;
  if (y < 2000) {
    // 0-3 mean the 1900s for every year; 4 and 9 do too from 1937 on, but are rare in practice.
    seventh = yy >= 37 && rng.chance(0.05) ? (rng.chance(0.5) ? 4 : 9) : rng.int(0, 3);
  } else {
    seventh = yy <= 36 && rng.chance(0.5) ? (rng.chance(0.5) ? 4 : 9) : rng.int(5, 8);
  }
  return `${pad2(d)}${pad2(m)}${pad2(yy)}${seventh}${String(rng.int(0, 999)).padStart(3, '0')}`;
}

/** The same date `years` earlier; 29 February becomes the 28th in a year without it. */
function yearsBefore(days: number, years: number): number {
  civilFromDays(days, ymd);
  const [y, m, d] = [ymd[0]! - years, ymd[1]!, ymd[2]!];
  const dim = (m === 12 ? daysFromCivil(y + 1, 1, 1) : daysFromCivil(y, m + 1, 1)) - daysFromCivil(y, m, 1);
  return daysFromCivil(y, m, Math.min(d, dim));
}

function addCompetence(rng: Random, list: string[], variant: string): void {
  // Now and then a one-letter slip, so typo tolerance in matching gets exercised.
  const written = rng.chance(0.03) ? typo(rng, variant) : variant;
  if (!list.includes(written)) list.push(written);
}

/** Variants of `count` distinct concepts of an occupation, most central concepts most likely. */
function pickVariants(rng: Random, occ: CompiledOccupation, count: number): string[] {
  const concepts = pickDistinct(rng, occ.concepts, count);
  const out: string[] = [];
  for (const c of concepts) out.push(occ.variants[c]!.pick(rng));
  return out;
}

/** A variant of some concept other than the one `not` is a variant of, for '{c1} og {c2}'. */
function otherVariant(rng: Random, occ: CompiledOccupation, not: string): string {
  for (let attempt = 0; attempt < 8; attempt++) {
    const concept = occ.concepts.pick(rng);
    if (!occ.occ.competences[concept]!.includes(not)) return occ.variants[concept]!.pick(rng);
  }
  return occ.variants[occ.concepts.items.length - 1]!.pick(rng);
}

function variantAt(rng: Random, occ: CompiledOccupation, picked: readonly string[], i: number): string {
  if (picked[i] !== undefined) return picked[i];
  return i === 0 ? occ.variants[occ.concepts.pick(rng)]!.pick(rng) : otherVariant(rng, occ, picked[0] ?? '');
}

/** Walks back in time from the ledighed; one instance per generator, reset per candidate. */
interface WorkHistory {
  end: number;
  mainDays: number;
  earliest: number;
  readonly earliestWork: number;
  readonly entries: NonNullable<CandidateInput['experience']>;
}

/** Adds one job ending at `history.end`; false once the history reaches back to the earliest working year. */
function addJob(
  rng: Random,
  history: WorkHistory,
  occ: CompiledOccupation,
  isMain: boolean,
  values: string[],
  picked: readonly string[],
): boolean {
  const { end, earliestWork } = history;
  if (end - 60 < earliestWork) return false;
  const length = Math.min(20 * 365, Math.max(60, rng.lognormal(2.5 * 365, 0.8)));
  const from = Math.max(firstOfMonth(earliestWork + 31), firstOfMonth(Math.round(end - length)));
  const entry: NonNullable<CandidateInput['experience']>[number] = {
    title: occ.occ.titles[occ.titles.pick(rng)]!,
    from: isoFromDays(from),
    to: isoFromDays(end),
  };
  if (rng.chance(0.85)) {
    // Each job describes its own pair of the person's competences, so two jobs do not read the same.
    const a = picked.length > 0 ? rng.int(0, picked.length - 1) : -1;
    const b = picked.length > 1 ? (a + rng.int(1, picked.length - 1)) % picked.length : -1;
    values[SLOT.c1] = a >= 0 ? picked[a]! : occ.variants[occ.concepts.pick(rng)]!.pick(rng);
    values[SLOT.c2] = b >= 0 ? picked[b]! : otherVariant(rng, occ, values[SLOT.c1]!);
    entry.description = render(rng.pick(occ.experience), values);
  }
  history.entries.push(entry);
  if (isMain) history.mainDays += end - from + 1;
  history.earliest = from;
  history.end = lastOfMonth(from - 1 - rng.int(0, 120));
  return true;
}

function pickLanguages(rng: Random): string[] {
  const languages: string[] = [];
  if (rng.chance(0.97)) languages.push('dansk');
  if (rng.chance(0.65)) languages.push('engelsk');
  if (rng.chance(0.22) || languages.length === 0) {
    const other = OTHER_LANGUAGES.pick(rng);
    languages.push(other);
    if (rng.chance(0.15)) {
      const third = OTHER_LANGUAGES.pick(rng);
      if (third !== other) languages.push(third);
    }
  }
  return languages;
}

/** Bits of LICENCE_ORDER: B for most, the occupation's heavy licences for some, prerequisites implied. */
function pickLicences(rng: Random, main: CompiledOccupation, second: CompiledOccupation | undefined): number {
  let held = rng.chance(0.75) ? LICENCE_BIT.B! : 0;
  for (const occ of second ? [main, second] : [main]) {
    for (const [bit, share] of occ.licences) if (rng.chance(share)) held |= bit;
  }
  for (let i = 0; i < LICENCE_ORDER.length; i++) if (held & (1 << i)) held |= REQUIRES_BITS[i]!;
  return held;
}

function licenceList(held: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < LICENCE_ORDER.length; i++) if (held & (1 << i)) out.push(LICENCE_ORDER[i]!);
  return out;
}

function pickWishes(
  rng: Random,
  main: CompiledOccupation,
  second: CompiledOccupation | undefined,
): CandidateInput['wishes'] {
  if (!rng.chance(0.35)) return undefined;
  const roll = rng.float();
  const wishes: NonNullable<CandidateInput['wishes']> = {};
  if (roll < 0.7) wishes.maxDistanceKm = rng.int(2, 10) * 5;
  if (roll >= 0.4) {
    const titles = [main.titlesLower[main.titles.pick(rng)]!];
    const other = second && rng.chance(0.5) ? second : rng.chance(0.3) ? main : undefined;
    if (other) {
      const title = other.titlesLower[other.titles.pick(rng)]!;
      if (!titles.includes(title)) titles.push(title);
    }
    wishes.jobTitles = titles;
  }
  return wishes;
}

export function generateCandidates(count: number, opts: GenOptions): Generator<CandidateInput> {
  return candidates(count, opts, setup(count, opts));
}

function* candidates(count: number, opts: GenOptions, s: Setup): Generator<CandidateInput> {
  const { data, today } = s;
  const rng = new Random(opts.seed, STREAM_CANDIDATES);
  const cprRng = new Random(opts.seed, STREAM_CPR);
  const seq = new Int32Array(data.kommuner.length);
  // Aged 18-66 at today: born after the day 67 years back, and no later than 18 years back.
  const oldestBirth = yearsBefore(today, 67) + 1;
  const youngestBirth = yearsBefore(today, 18);
  const earliestWork = yearsBefore(today, 45);
  const values = ['', '', '', '', ''];
  const general = data.generalVariants;

  for (let n = 0; n < count; n++) {
    const place = pickPlace(rng, s);
    const kommune = data.kommuner[place.kommune]!;
    const externalId = `${kommune.slug}-${String(++seq[place.kommune]!).padStart(6, '0')}`;

    const first = data.firstNames.pick(rng);
    const last = data.lastNames.pick(rng);
    let name = first.name;
    const middleRoll = rng.float();
    if (middleRoll < 0.1) {
      const second = data.firstNames.pick(rng);
      if (second.name !== first.name) name += ` ${second.name}`;
    } else if (middleRoll < 0.22) {
      const middle = data.lastNames.pick(rng);
      if (middle.name !== last.name) name += ` ${middle.name}`;
    }
    name += ` ${last.name}`;

    let email: string | undefined;
    if (rng.chance(0.85)) {
      const style = rng.float();
      const local =
        style < 0.45
          ? `${first.slug}.${last.slug}`
          : style < 0.65
            ? `${first.slug}${last.slug}${rng.int(1, 99)}`
            : style < 0.8
              ? `${first.slug.charAt(0)}${last.slug}`
              : `${first.slug}.${last.slug}${rng.int(1, 9999)}`;
      email = `${local}@example.dk`;
    }
    const phone = rng.chance(0.9)
      ? `+45${rng.int(2, 9)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`
      : undefined;

    // Ledighed: most spells are short, a minority is long-term (the tail reaches 4+ years).
    const back = Math.round(rng.chance(0.8) ? rng.lognormal(100, 0.75) : rng.lognormal(500, 0.7));
    const daysUnemployed = Math.min(365 * 8, Math.max(3, back));
    const unemployedSince = today - daysUnemployed;
    let benefit = BENEFITS.pick(rng);
    // The dagpengeperiode is two years; after that most ledige are on kontanthjælp.
    if (benefit === 'dagpenge' && daysUnemployed > 730 && rng.chance(0.7)) benefit = 'kontanthjaelp';

    const weeklyHours = WEEKLY_HOURS.pick(rng);
    const availRoll = rng.float();
    const availableFrom =
      availRoll < 0.65
        ? undefined
        : isoFromDays(availRoll < 0.9 ? today + rng.int(0, 21) : today + rng.int(22, 90));

    let unavailable: CandidateInput['unavailable'];
    if (rng.chance(0.1)) {
      const reason = UNAVAILABLE.pick(rng);
      const from = today + rng.int(-10, 120);
      const length =
        reason === 'ferie' ? rng.int(7, 21) : reason === 'uddannelse' ? rng.int(5, 60) : rng.int(30, 180);
      unavailable = [{ from: isoFromDays(from), to: isoFromDays(from + length - 1), reason }];
    }

    // Occupations: a main one, sometimes a secondary one.
    const mainIndex = data.bySupply.pick(rng);
    const main = data.occupations[mainIndex]!;
    const secondIndex = rng.chance(0.4) ? data.bySupply.pick(rng) : mainIndex;
    const second = secondIndex !== mainIndex ? data.occupations[secondIndex]! : undefined;

    // Competences: 3-8 in all, mostly from the main occupation.
    const target = rng.int(3, 8);
    const fromSecond = second ? rng.int(1, 2) : 0;
    const fromGeneral = rng.chance(0.4) ? (rng.chance(0.35) ? 2 : 1) : 0;
    const fromMain = Math.min(main.variants.length, Math.max(2, target - fromSecond - fromGeneral));
    const competences: string[] = [];
    const mainVariants = pickVariants(rng, main, fromMain);
    for (const v of mainVariants) addCompetence(rng, competences, v);
    const secondVariants = second ? pickVariants(rng, second, fromSecond) : [];
    for (const v of secondVariants) addCompetence(rng, competences, v);
    for (let i = 0; (i < fromGeneral || competences.length < 3) && i < 20; i++)
      addCompetence(rng, competences, general[rng.int(0, general.length - 1)]!.pick(rng));

    // Experience, most recent first: the main occupation up to the ledighed, the secondary before it.
    const history: WorkHistory = {
      end: unemployedSince - 1 - (rng.chance(0.2) ? rng.int(0, 60) : 0),
      mainDays: 0,
      earliest: unemployedSince,
      earliestWork,
      entries: [],
    };
    const mainJobs = rng.chance(0.35) ? 2 : 1;
    for (let j = 0; j < mainJobs; j++) if (!addJob(rng, history, main, true, values, mainVariants)) break;
    if (second) addJob(rng, history, second, false, values, secondVariants);

    // Educations: 0-2; the occupation's own education as often as it is held in the trade.
    const educations: NonNullable<CandidateInput['educations']> = [];
    const own = main.occ.education;
    const hasOwnEducation = rng.chance(own.share);
    if (hasOwnEducation) educations.push({ title: own.title, level: own.level });
    if (rng.chance(hasOwnEducation ? 0.3 : 0.5)) {
      const [title, level] = data.generalEducations.pick(rng);
      if (title !== own.title) educations.push(rng.chance(0.95) ? { title, level } : { title });
    }

    const languages = pickLanguages(rng);
    const licences = pickLicences(rng, main, second);

    // CV text: 2-5 sentences, occupation templates first, then general ones.
    values[SLOT.title] = main.titlesInText[main.titles.pick(rng)]!;
    values[SLOT.c1] = variantAt(rng, main, mainVariants, 0);
    values[SLOT.c2] = variantAt(rng, main, mainVariants, 1);
    values[SLOT.education] = main.educationInText;
    values[SLOT.years] = String(Math.max(1, Math.round(history.mainDays / DAYS_PER_YEAR)));
    const sentenceTarget = rng.int(2, 5);
    const cvTemplates = hasOwnEducation ? main.cv : main.cvWithoutEducation;
    const firstCv = rng.int(0, cvTemplates.length - 1);
    let cvText = render(cvTemplates[firstCv]!, values);
    let sentences = 1;
    if (cvTemplates.length > 1 && rng.chance(0.6)) {
      cvText += ` ${render(cvTemplates[(firstCv + 1) % cvTemplates.length]!, values)}`;
      sentences++;
    }
    if (second && rng.chance(0.7)) {
      values[SLOT.title] = second.titlesInText[second.titles.pick(rng)]!;
      values[SLOT.c1] = variantAt(rng, second, secondVariants, 0);
      values[SLOT.c2] = variantAt(rng, second, secondVariants, 1);
      values[SLOT.years] = String(rng.int(1, 6));
      cvText += ` ${render(rng.pick(second.cvWithoutEducation), values)}`;
      sentences++;
    }
    if (sentences < sentenceTarget) {
      cvText += ` ${languagesSentence(languages)}`;
      sentences++;
    }
    if (sentences < sentenceTarget && licences & LICENCE_BIT.B!) {
      cvText += rng.chance(0.7) ? ' Jeg har kørekort B og egen bil.' : ' Jeg har kørekort B.';
      sentences++;
    }
    if (sentences < sentenceTarget) {
      cvText += ` Jeg søger job i ${rng.pick(kommune.towns)} og omegn.`;
      sentences++;
    }
    for (; sentences < sentenceTarget; sentences++) cvText += ` ${rng.pick(EXTRA_SENTENCES)}`;

    const activeSchemes = rng.chance(0.08) ? [SCHEMES.pick(rng)] : undefined;
    const consent = { searchable: rng.chance(0.97), shareWithPool: rng.chance(0.7) };
    const wishes = pickWishes(rng, main, second);

    // Filled in contract order so the NDJSON reads like CONTRACT.md; the cast only allows building it up field by
    // field (absent optional fields are left out rather than set to undefined). The tests validate every record.
    const candidate = { externalId, jobcenter: kommune.id, name } as CandidateInput;
    if (opts.withCpr) {
      // Born at least 16 years before the first job; the birth date lives only inside the CPR.
      const youngest = Math.min(youngestBirth, yearsBefore(history.earliest, 16));
      candidate.cpr = makeCpr(cprRng, oldestBirth, youngest);
    }
    if (email) candidate.email = email;
    if (phone) candidate.phone = phone;
    candidate.postalCode = place.postalCode;
    if (place.location) candidate.location = place.location;
    candidate.unemployedSince = isoFromDays(unemployedSince);
    candidate.benefit = benefit;
    candidate.weeklyHours = weeklyHours;
    if (availableFrom) candidate.availableFrom = availableFrom;
    if (unavailable) candidate.unavailable = unavailable;
    candidate.competences = competences;
    if (educations.length > 0) candidate.educations = educations;
    candidate.experience = history.entries;
    candidate.languages = languages;
    candidate.driversLicences = licenceList(licences);
    candidate.cvText = cvText;
    if (activeSchemes) candidate.activeSchemes = activeSchemes;
    candidate.consent = consent;
    if (wishes) candidate.wishes = wishes;
    yield candidate;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Job orders.

const CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2];

/** 8 digits, no leading zero, modulus-11 check digit; a draw whose check digit would be 10 is redrawn. */
function makeCvr(rng: Random): string {
  for (;;) {
    let s = '';
    let sum = 0;
    for (let i = 0; i < 7; i++) {
      const digit = i === 0 ? rng.int(1, 9) : rng.int(0, 9);
      s += digit;
      sum += digit * CVR_WEIGHTS[i]!;
    }
    const check = (11 - (sum % 11)) % 11;
    if (check < 10) return s + check;
  }
}

const LEGAL_FORMS = WeightedTable.of([
  ['ApS', 55],
  ['A/S', 35],
  ['I/S', 10],
]);

const JOBROTATION_SUFFIXES = [
  'vikar for medarbejder på uddannelse',
  'vikar for medarbejder på efteruddannelse',
  'jobrotationsvikar',
  'jobrotation',
];
const OTHER_SUFFIXES = ['barselsvikariat', 'vikariat', 'sæsonvikar', 'tidsbegrænset ansættelse'];

const JOB_HOURS = WeightedTable.of([
  [37, 60],
  [30, 18],
  [25, 12],
  [20, 10],
]);

const TEAM_SENTENCES = [
  'Du bliver en del af et mindre team.',
  'Vi lægger vægt på stabilt fremmøde.',
  'Der er god oplæring de første uger.',
  'Arbejdstiden ligger primært i dagtimerne.',
];

interface Company {
  cvr: string;
  name: string;
}

export function generateJobOrders(count: number, opts: GenOptions): Generator<JobOrderInput> {
  return jobOrders(count, opts, setup(count, opts));
}

function* jobOrders(count: number, opts: GenOptions, s: Setup): Generator<JobOrderInput> {
  const { data, today } = s;
  const rng = new Random(opts.seed, STREAM_JOB_ORDERS);
  civilFromDays(today, ymd);
  const year = ymd[0]!;
  // Companies recur: a vikarbureau-like pool per kommune and occupation, so one CVR posts several orders.
  const companies = new Map<string, Company[]>();
  const publicCvr = new Map<number, string>();
  const generalConcepts = new WeightedTable(
    data.generalVariants.map((_, i) => i),
    data.generalVariants.map(() => 1),
  );

  for (let n = 0; n < count; n++) {
    const place = pickPlace(rng, s);
    const kommune = data.kommuner[place.kommune]!;
    const occ = data.occupations[data.byDemand.pick(rng)]!;
    const jobrotation = rng.chance(0.7);

    let company: Company;
    if (rng.chance(occ.occ.publicShare)) {
      let cvr = publicCvr.get(place.kommune);
      if (!cvr) {
        // The kommune's CVR depends on the kommune only, so it is the same whatever the seed.
        cvr = makeCvr(new Random(Number(kommune.id), STREAM_PUBLIC_CVR));
        publicCvr.set(place.kommune, cvr);
      }
      company = { cvr, name: kommune.publicName };
    } else {
      const key = `${place.kommune}:${occ.occ.id}`;
      const known = companies.get(key);
      if (known && rng.chance(0.3)) company = rng.pick(known);
      else {
        const prefix = rng.chance(0.55) ? rng.pick(kommune.towns) : data.lastNames.pick(rng).name;
        company = {
          cvr: makeCvr(rng),
          name: `${prefix} ${rng.pick(occ.occ.trades)} ${LEGAL_FORMS.pick(rng)}`,
        };
        if (known) known.push(company);
        else companies.set(key, [company]);
      }
    }

    const title = occ.occ.titles[occ.titles.pick(rng)]!;
    const suffixRoll = rng.float();
    const fullTitle = jobrotation
      ? `${title} (${rng.pick(JOBROTATION_SUFFIXES)})`
      : suffixRoll < 0.7
        ? `${title} (${rng.pick(OTHER_SUFFIXES)})`
        : title;
    let tasks = rng.pick(occ.occ.tasks);
    if (rng.chance(0.3)) tasks += ` ${rng.pick(TEAM_SENTENCES)}`;

    const mustConcepts = pickDistinct(rng, occ.concepts, rng.int(1, 3));
    const mustHave = mustConcepts.map((c) => occ.variants[c]!.pick(rng));
    const niceCount = rng.int(0, 3);
    const niceFromOcc = rng.int(0, niceCount);
    const niceToHave = pickDistinct(rng, occ.concepts, niceFromOcc, bitmask(mustConcepts)).map((c) =>
      occ.variants[c]!.pick(rng),
    );
    for (const c of pickDistinct(rng, generalConcepts, niceCount - niceToHave.length)) {
      const v = data.generalVariants[c]!.pick(rng);
      if (!niceToHave.includes(v) && !mustHave.includes(v)) niceToHave.push(v);
    }

    // Start 2-10 weeks out, usually on a Monday (day 4 since the epoch was a Monday).
    let from = today + rng.int(14, 70);
    if (rng.chance(0.6)) {
      const toMonday = (((4 - from) % 7) + 7) % 7;
      from = from + toMonday <= today + 70 ? from + toMonday : from + toMonday - 7;
    }
    // A few run past 12 months, which the jobrotation rules must catch.
    const months = rng.chance(0.05) ? rng.int(13, 24) : rng.int(1, 12);
    const to = addMonthsMinusOneDay(from, months);

    const positionsRoll = rng.float();
    const positions = positionsRoll < 0.75 ? 1 : positionsRoll < 0.92 ? 2 : 3;
    let radiusKm: JobOrderInput['radiusKm'];
    if (rng.chance(0.25)) {
      const full = rng.int(5, 20);
      radiusKm = { full, max: full + rng.int(5, 15) };
    }
    const ruleSet = rng.chance(0.85) ? 'default' : 'kommune-6-maaneder';
    let driversLicence: string | undefined;
    for (const [licence, share] of occ.occ.jobLicences) {
      if (rng.chance(share)) {
        driversLicence = licence;
        break;
      }
    }
    if (!driversLicence && occ.occ.jobLicences.length === 0 && rng.chance(0.03)) driversLicence = 'B';

    // Built up in contract order, like candidates above.
    const order = {
      externalId: `jo-${year}-${String(n + 1).padStart(5, '0')}`,
      jobcenter: kommune.id,
      company: { cvr: company.cvr, name: company.name },
      title: fullTitle,
      postalCode: place.postalCode,
    } as JobOrderInput;
    if (place.location) order.location = place.location;
    order.tasks = tasks;
    order.mustHave = mustHave;
    order.niceToHave = niceToHave;
    order.weeklyHours = JOB_HOURS.pick(rng);
    order.period = { from: isoFromDays(from), to: isoFromDays(to) };
    order.positions = positions;
    if (radiusKm) order.radiusKm = radiusKm;
    order.jobrotation = jobrotation;
    order.ruleSet = ruleSet;
    if (driversLicence) order.driversLicence = driversLicence;
    yield order;
  }
}

/** Exposed for tests of the date arithmetic. */
export const dates = { daysFromCivil, isoFromDays, addMonthsMinusOneDay };
