import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { normaliseCpr } from '../../src/domain/cpr.ts';

/** A valid CPR split into its parts, so it can be written the ways people write it. */
export interface CprParts {
  dd: string;
  mm: string;
  yy: string;
  serial: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export const digitsOf = (p: CprParts) => `${p.dd}${p.mm}${p.yy}${p.serial}`;

/** The spellings seen in case systems, CVs and free-text notes. */
export const SPELLINGS: ReadonlyArray<(p: CprParts) => string> = [
  (p) => `${p.dd}${p.mm}${p.yy}${p.serial}`,
  (p) => `${p.dd}${p.mm}${p.yy}-${p.serial}`,
  (p) => `${p.dd}${p.mm}${p.yy} ${p.serial}`,
  (p) => `${p.dd}${p.mm}${p.yy} - ${p.serial}`,
  (p) => `${p.dd}.${p.mm}.${p.yy}-${p.serial}`,
  (p) => `${p.dd} ${p.mm} ${p.yy} ${p.serial}`,
  (p) => `${p.dd}-${p.mm}-${p.yy}-${p.serial}`,
  (p) => `${p.dd}.${p.mm}.${p.yy} ${p.serial}`,
  (p) => `${p.dd}/${p.mm}/${p.yy}-${p.serial}`,
  // Word turns " - " into an en dash.
  (p) => `${p.dd}${p.mm}${p.yy} \u2013 ${p.serial}`,
];

export const cprParts: fc.Arbitrary<CprParts> = fc
  .record({
    dd: fc.integer({ min: 1, max: 31 }),
    mm: fc.integer({ min: 1, max: 12 }),
    yy: fc.integer({ min: 0, max: 99 }),
    serial: fc.integer({ min: 0, max: 9999 }),
  })
  .map((r) => ({ dd: pad(r.dd), mm: pad(r.mm), yy: pad(r.yy), serial: pad(r.serial, 4) }))
  .filter((p) => normaliseCpr(digitsOf(p)) !== undefined);

export interface PlantedCpr {
  parts: CprParts;
  /** As planted. */
  spelled: string;
}

export const plantedCpr: fc.Arbitrary<PlantedCpr> = fc
  .tuple(cprParts, fc.integer({ min: 0, max: SPELLINGS.length - 1 }))
  .map(([parts, i]) => ({ parts, spelled: SPELLINGS[i]!(parts) }));

/** Every form in which a planted CPR would be recognisable in an output. */
export function traces(cpr: PlantedCpr): string[] {
  const p = cpr.parts;
  return [...new Set([cpr.spelled, digitsOf(p), `${p.dd}${p.mm}${p.yy}-${p.serial}`])];
}

/** The first trace of the CPR found in `text`, or undefined. */
export function leakIn(text: string, cpr: PlantedCpr): string | undefined {
  return traces(cpr).find((t) => text.includes(t));
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type Path = Array<string | number>;

/** The paths of every string in a JSON value (array items included). */
export function stringPaths(value: unknown, at: Path = []): Path[] {
  if (typeof value === 'string') return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...at, i]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...at, k]));
  return [];
}

export type PlantMode = 'replace' | 'append' | 'prepend';

/** A deep copy of `value` with the CPR written into the string at `at`. */
export function plant<T>(value: T, at: Path, cpr: string, mode: PlantMode): T {
  const copy = structuredClone(value) as Json;
  let parent = copy as Record<string | number, Json>;
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = at[at.length - 1]!;
  const old = parent[last] as string;
  parent[last] = mode === 'replace' ? cpr : mode === 'append' ? `${old} ${cpr}` : `CPR: ${cpr}, ${old}`;
  return copy as T;
}

export const plantMode = fc.constantFrom<PlantMode>('replace', 'append', 'prepend');

export function formatPath(at: Path): string {
  return at.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

/** Every row of every table of every SQLite file in `dir`, as text; plus the raw bytes of the files (WAL too). */
export function dumpDataDir(dir: string): string {
  const out: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!fs.statSync(file).isFile()) continue;
    out.push(fs.readFileSync(file).toString('latin1'));
    if (!name.endsWith('.db')) continue;
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{
        name: string;
      }>;
      for (const { name: table } of tables) {
        const rows = db.prepare(`SELECT * FROM "${table.replaceAll('"', '""')}"`).all();
        out.push(JSON.stringify(rows));
      }
    } finally {
      db.close();
    }
  }
  return out.join('\n');
}
