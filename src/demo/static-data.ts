import { readFileSync } from 'node:fs';
import { allPostalAreas, lookupKommune, normaliseKommunekode } from '../geo/postnumre.ts';
import {
  type EducationLevel,
  GENERAL_COMPETENCES,
  GENERAL_EDUCATIONS,
  OCCUPATIONS,
  type Occupation,
} from './occupations.ts';
import { WeightedTable } from './random.ts';
import { compileTemplate, inSentence, type Template } from './templates.ts';

/**
 * The generator's static tables (names, kommuner, compiled occupations), built on first use and shared by every
 * call.
 */

export interface NameEntry {
  name: string;
  /** ascii, lowercase, for e-mail addresses */
  slug: string;
}

export interface KommuneEntry {
  id: string;
  name: string;
  slug: string;
  population: number;
  areas: WeightedTable<{ postalCode: string; lat: number; lon: number }>;
  /** Town names for company names ('Aarhus', 'Viby J'), district letters dropped ('København K' -> 'København'). */
  towns: readonly string[];
  publicName: string;
}

export interface CompiledOccupation {
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

export interface StaticData {
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
export function rankWeights(n: number, exponent: number): number[] {
  return Array.from({ length: n }, (_, i) => 1 / (i + 1) ** exponent);
}

export const LICENCE_ORDER = ['B', 'BE', 'C', 'CE', 'D', 'DE', 'T'] as const;
export const LICENCE_BIT: Readonly<Record<string, number>> = Object.fromEntries(
  LICENCE_ORDER.map((l, i) => [l, 1 << i]),
);
/** The licence each one needs first (CE needs C, everything heavy needs B), as bits of LICENCE_ORDER. */
export const REQUIRES_BITS: readonly number[] = LICENCE_ORDER.map((l) => {
  const needs: Record<string, string[]> = { BE: ['B'], C: ['B'], CE: ['B', 'C'], D: ['B'], DE: ['B', 'D'] };
  return (needs[l] ?? []).reduce((mask, n) => mask | LICENCE_BIT[n]!, 0);
});

function nonEmpty<T>(list: T[], message: string): T[] {
  if (list.length === 0) throw new Error(message);
  return list;
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

export function staticData(): StaticData {
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
