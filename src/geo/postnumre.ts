import { readFileSync } from 'node:fs';

/**
 * Danish postnumre with a representative point, shipped in ./data (source and licence: ./data/SOURCES.md).
 * Loaded once, synchronously: 1,089 rows, well under a millisecond to parse, and every validation needs it.
 */
export interface PostalArea {
  postalCode: string;
  name: string;
  lat: number;
  lon: number;
  /** Kommunekoder (jobcenter ids without leading zero) the postnummer lies in; a few span several. */
  kommuner: string[];
}

export interface Kommune {
  /** Jobcenter id: the kommunekode without leading zeros, e.g. '751' for Aarhus, '101' for København. */
  id: string;
  name: string;
  region: string;
}

const dataDir = new URL('./data/', import.meta.url);

function readCsv(file: string): string[][] {
  const text = readFileSync(new URL(file, dataDir), 'utf8');
  return text
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => line.split(','));
}

/** '0751' and '751' name the same kommune; ids drop the leading zeros, as the API writes them. */
export function normaliseKommunekode(code: string): string {
  return /^\d{1,4}$/.test(code) ? String(Number(code)) : code;
}

const kommuneById = new Map<string, Kommune>(
  readCsv('dk-kommuner.csv').map(([kode, navn, region]) => {
    const id = normaliseKommunekode(kode!);
    return [id, { id, name: navn!, region: region! }];
  }),
);

const kommunerByPostalCode = new Map<string, string[]>();
for (const [postnr, kode] of readCsv('dk-postnr-kommune.csv')) {
  const list = kommunerByPostalCode.get(postnr!) ?? [];
  list.push(normaliseKommunekode(kode!));
  kommunerByPostalCode.set(postnr!, list);
}

const areaByPostalCode = new Map<string, PostalArea>(
  readCsv('dk-postnumre.csv').map(([postnr, navn, lat, lon]) => [
    postnr!,
    {
      postalCode: postnr!,
      name: navn!,
      lat: Number(lat),
      lon: Number(lon),
      kommuner: kommunerByPostalCode.get(postnr!) ?? [],
    },
  ]),
);

export function lookupPostalCode(postalCode: string): PostalArea | undefined {
  return areaByPostalCode.get(postalCode.trim());
}

export function allPostalAreas(): PostalArea[] {
  return [...areaByPostalCode.values()];
}

export function lookupKommune(id: string): Kommune | undefined {
  return kommuneById.get(normaliseKommunekode(id));
}

/** Denmark's extent with a margin (Skagen to Gedser, Blåvandshuk to Ertholmene): catches swapped lat/lon. */
export const DENMARK_BOUNDS = { minLat: 54.4, maxLat: 57.9, minLon: 7.9, maxLon: 15.4 } as const;

export function isInDenmark(lat: number, lon: number): boolean {
  return (
    lat >= DENMARK_BOUNDS.minLat &&
    lat <= DENMARK_BOUNDS.maxLat &&
    lon >= DENMARK_BOUNDS.minLon &&
    lon <= DENMARK_BOUNDS.maxLon
  );
}

/**
 * Spellings a Danish place name is typed in: as written (lower case), with æ/ø/å spelt ae/oe/aa ("Aarhus" for
 * "Århus"), and with the letters stripped to their base (a keyboard without them: "Kobenhavn").
 */
function spellings(text: string): [string, string, string] {
  const lower = text.toLocaleLowerCase('da').normalize('NFC').replace(/\s+/g, ' ').trim();
  const spelt = lower.replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa');
  const base = lower
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
  return [lower, spelt, base];
}

const searchable = [...areaByPostalCode.values()]
  .sort((a, b) => a.postalCode.localeCompare(b.postalCode))
  .map((area) => ({ area, names: spellings(area.name) }));

/**
 * Postnumre whose number starts with the digits typed, or whose town name starts with the text typed (ignoring
 * case and how æ, ø and å were typed). Town names that start with it come before those with a later word that
 * does; within each, by postnummer.
 */
export function searchPostalAreas(query: string, limit = 20): PostalArea[] {
  const q = query.trim();
  if (q === '') return [];
  if (/^\d+$/.test(q)) {
    return searchable
      .filter((s) => s.area.postalCode.startsWith(q))
      .slice(0, limit)
      .map((s) => s.area);
  }
  const wanted = spellings(q);
  const starts: PostalArea[] = [];
  const wordStarts: PostalArea[] = [];
  for (const { area, names } of searchable) {
    if (names.some((n, i) => n.startsWith(wanted[i]!))) starts.push(area);
    else if (names.some((n, i) => n.includes(` ${wanted[i]!}`) || n.includes(`-${wanted[i]!}`))) {
      wordStarts.push(area);
    }
    if (starts.length >= limit) break;
  }
  return [...starts, ...wordStarts].slice(0, limit);
}
