/**
 * How a CSV cell becomes a field value (the table in CSV.md). A spreadsheet has only text cells, so numbers,
 * yes/no values, lists and the few structured fields are read from their written forms here; anything that does
 * not read is passed on as the original text for the schema to reject with its own message.
 */

import { EDUCATION_LEVELS } from '../../src/domain/candidate.ts';

export type CellType =
  | 'string'
  | 'number'
  | 'boolean'
  | 'list'
  | 'date'
  | 'educations'
  | 'experience'
  | 'unavailable';

/** Column (dotted path) -> type. Columns not listed are strings; unknown columns pass through unchanged. */
export const COLUMN_TYPES: Record<string, CellType> = {
  weeklyHours: 'number',
  positions: 'number',
  'location.lat': 'number',
  'location.lon': 'number',
  'radiusKm.full': 'number',
  'radiusKm.max': 'number',
  'wishes.maxDistanceKm': 'number',
  jobrotation: 'boolean',
  'consent.searchable': 'boolean',
  'consent.shareWithPool': 'boolean',
  'consent.contactByCompany': 'boolean',
  competences: 'list',
  languages: 'list',
  driversLicences: 'list',
  activeSchemes: 'list',
  mustHave: 'list',
  niceToHave: 'list',
  'wishes.jobTitles': 'list',
  unemployedSince: 'date',
  availableFrom: 'date',
  'period.from': 'date',
  'period.to': 'date',
  educations: 'educations',
  experience: 'experience',
  unavailable: 'unavailable',
};

/** Known columns by lower case, so a header written `PostalCode` or `Period.From` still maps. */
const KNOWN_COLUMNS = new Map<string, string>(
  [
    ...Object.keys(COLUMN_TYPES),
    'externalId',
    'jobcenter',
    'name',
    'cpr',
    'email',
    'phone',
    'postalCode',
    'benefit',
    'cvText',
    'company.cvr',
    'company.name',
    'title',
    'tasks',
    'ruleSet',
    'driversLicence',
    'rankingStrategy',
  ].map((name) => [name.toLowerCase(), name]),
);

export function canonicalColumn(header: string): string {
  const name = header.trim();
  return KNOWN_COLUMNS.get(name.toLowerCase()) ?? name;
}

export class CellError extends Error {}

export interface CellContext {
  /** Danish decimal comma (56,17) is only unambiguous when the delimiter is not a comma. */
  decimalComma: boolean;
}

const BOOLEANS: Record<string, boolean> = {
  true: true,
  false: false,
  ja: true,
  nej: false,
  yes: true,
  no: false,
  '1': true,
  '0': false,
};

const EDUCATION_LEVEL_NAMES: ReadonlySet<string> = new Set(EDUCATION_LEVELS);

const ISO = String.raw`\d{4}-\d{2}-\d{2}`;
/** `–` (en dash), `—`, `..` or ` - ` between two ISO dates; a bare `-` also works as ISO dates have fixed width. */
const RANGE_SEPARATOR = String.raw`\s*(?:–|—|\.\.|-)\s*`;
const EXPERIENCE_PERIOD = new RegExp(`^(${ISO})?${RANGE_SEPARATOR}(${ISO})?$`);
const UNAVAILABLE_ITEM = new RegExp(`^(${ISO})${RANGE_SEPARATOR}(${ISO})(?:\\s+(.*))?$`);

/** Turns one non-empty cell into its field value. Throws CellError when a structured cell cannot be read. */
export function convertCell(type: CellType, cell: string, ctx: CellContext): unknown {
  switch (type) {
    case 'string':
      return cell;
    case 'number':
      return toNumber(cell, ctx);
    case 'boolean':
      return BOOLEANS[cell.toLowerCase()] ?? cell;
    case 'date':
      return toIsoDate(cell);
    case 'list':
      return splitList(cell);
    case 'educations':
      return splitList(cell).map(toEducation);
    case 'experience':
      return splitList(cell).map(toExperience);
    case 'unavailable':
      return splitList(cell).map(toUnavailable);
  }
}

function toNumber(cell: string, ctx: CellContext): unknown {
  if (/^[-+]?\d+(?:\.\d+)?$/.test(cell)) return Number(cell);
  if (ctx.decimalComma && /^[-+]?\d+,\d+$/.test(cell)) return Number(cell.replace(',', '.'));
  return cell;
}

/**
 * Danish Excel shows and saves dates as 15-01-2026 (or 15.01.2026); those are read as the ISO date they mean.
 * Anything else is passed on for the schema to judge.
 */
export function toIsoDate(cell: string): string {
  const m = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(cell);
  if (!m) return cell;
  return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

/** List items are separated by `;` (quoted when the delimiter is `;` too) or `|`. */
export function splitList(cell: string): string[] {
  return cell
    .split(/[;|]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** A trailing parenthesis, e.g. `(eud)` in `Lagerassistent (eud)`, with the text before it. */
function trailingParens(item: string): { head: string; inner: string } | undefined {
  const m = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(item);
  return m ? { head: m[1]!.trim(), inner: m[2]!.trim() } : undefined;
}

function toEducation(item: string): Record<string, unknown> {
  const p = trailingParens(item);
  if (p && p.head !== '' && EDUCATION_LEVEL_NAMES.has(p.inner.toLowerCase()))
    return { title: p.head, level: p.inner.toLowerCase() };
  return { title: item };
}

function toExperience(item: string): Record<string, unknown> {
  const p = trailingParens(item);
  const period = p ? EXPERIENCE_PERIOD.exec(p.inner) : null;
  if (!p || !period || p.head === '' || (!period[1] && !period[2])) return { title: item };
  const entry: Record<string, unknown> = { title: p.head };
  if (period[1]) entry.from = period[1];
  if (period[2]) entry.to = period[2];
  return entry;
}

function toUnavailable(item: string): Record<string, unknown> {
  const m = UNAVAILABLE_ITEM.exec(item);
  if (!m) throw new CellError(`cannot read "${item}": expected YYYY-MM-DD..YYYY-MM-DD and a reason`);
  const entry: Record<string, unknown> = { from: m[1], to: m[2] };
  const reason = m[3]?.replace(/^\((.*)\)$/, '$1').trim();
  if (reason) entry.reason = reason;
  return entry;
}

/** Sets `a.b.c` in a nested object, creating the intermediate objects. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next === 'object' && next !== null && !Array.isArray(next))
      node = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    }
  }
  node[keys[keys.length - 1]!] = value;
}
