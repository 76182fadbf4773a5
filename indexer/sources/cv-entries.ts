import { findPeriod } from './cv-dates.ts';

/**
 * List items of a CV section: experience entries, educations and plain item lists. CVs lay these out in many
 * ways; the rules here aim at the common ones and otherwise keep the text, which a konsulent can correct.
 */

const BULLET = /^[•●▪◦■□►▸‣∙·*–-]\s*/u;
const MAX_ITEM = 150;

export function stripBullet(line: string): string {
  return line.replace(BULLET, '').trim();
}

/** 'Truckcertifikat B, lagerstyring; plukning' -> three items. */
export function splitItems(lines: string[]): string[] {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const line of lines) {
    for (const part of stripBullet(line).split(/\s*[,;•]\s*/u)) {
      const item = stripBullet(part)
        .replace(/[.:]+$/, '')
        .trim();
      const key = item.toLowerCase();
      // Long items are sentences of prose, not competences a job order could ask for.
      if (item === '' || item.length > MAX_ITEM || seen.has(key)) continue;
      seen.add(key);
      items.push(item);
    }
  }
  return items;
}

const COMPANY = /\b(?:A\/S|ApS|I\/S|K\/S|P\/S|IVS|kommune|region)\b/iu;

/** The line without its period and the punctuation that joined them. */
function withoutPeriod(line: string, index: number, length: number): string {
  return (line.slice(0, index) + ' ' + line.slice(index + length))
    .replace(/\(\s*\)/g, '')
    .replace(/^[\s,:;|–—-]+|[\s,:;|–—-]+$/gu, '')
    .replace(/\s{2,}/g, ' ');
}

export interface ExperienceEntry {
  title: string;
  from?: string;
  to?: string;
  description?: string;
}

/** 'Lagermedarbejder, Nordlager A/S' -> title and employer, whichever order they come in. */
function splitTitle(text: string): { title: string; employer?: string } {
  const m = /^(.+?)(?:\s*,\s*|\s+hos\s+|\s+[|–—-]\s+)(.+)$/u.exec(text);
  if (!m) return { title: text };
  const [a, b] = [m[1]!.trim(), m[2]!.trim()];
  if (COMPANY.test(a) && !COMPANY.test(b)) return { title: b, employer: a };
  return { title: a, employer: b };
}

function entry(text: string, period: { from?: string; to?: string }): ExperienceEntry {
  const { title, employer } = splitTitle(stripBullet(text));
  const e: ExperienceEntry = { title: title.slice(0, 200) };
  if (period.from) e.from = period.from;
  if (period.to) e.to = period.to;
  if (employer) e.description = employer;
  return e;
}

function addDescription(e: ExperienceEntry, lines: string[]): void {
  const text = lines.map(stripBullet).filter(Boolean).join('\n');
  if (text === '') return;
  e.description = (e.description ? `${e.description}\n${text}` : text).slice(0, 5000);
}

/**
 * A dated line starts an entry. Its title is the rest of that line; when the line holds only the period, the title
 * is the line just above it (the line above that when it names a company), else the line below. Undated lines
 * after an entry describe it. A section without any period is a plain list of job titles.
 */
export function readExperience(lines: string[]): ExperienceEntry[] {
  const dated = lines.map((line) => findPeriod(line));
  if (dated.every((p) => p === undefined))
    return lines.map((l) => entry(l, {})).filter((e) => e.title !== '');
  const entries: ExperienceEntry[] = [];
  let pending: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const period = dated[i];
    if (!period) {
      pending.push(lines[i]!);
      continue;
    }
    const rest = withoutPeriod(lines[i]!, period.index, period.length);
    const previous = entries[entries.length - 1];
    if (rest !== '') {
      if (previous) addDescription(previous, pending);
      entries.push(entry(rest, period));
    } else if (pending.length > 0) {
      let take = 1;
      if (pending.length >= 2 && COMPANY.test(pending[pending.length - 1]!) && previous) take = 2;
      if (!previous) take = pending.length;
      const titleLines = pending.slice(pending.length - take);
      if (previous) addDescription(previous, pending.slice(0, pending.length - take));
      const e = entry(titleLines[0]!, period);
      addDescription(e, titleLines.slice(1));
      entries.push(e);
    } else if (i + 1 < lines.length && !dated[i + 1]) {
      entries.push(entry(lines[++i]!, period));
    }
    pending = [];
  }
  const last = entries[entries.length - 1];
  if (last) addDescription(last, pending);
  return entries.filter((e) => e.title !== '');
}

export type EducationLevel = 'grundskole' | 'gymnasial' | 'eud' | 'kvu' | 'mvu' | 'lvu';

/** Most specific first: 'erhvervsakademi' is not an 'erhvervsuddannelse', 'professionsbachelor' is no master. */
const LEVELS: [RegExp, EducationLevel][] = [
  [/kandidat|\bcand\.|\bmaster|\bph\.?d/iu, 'lvu'],
  [/bachelor|\bdiplomingeniør|\bpædagog(?:uddannelse)?\b|\bsygeplejerske/iu, 'mvu'],
  [/erhvervsakademi|akademiuddannelse|akademi|\bAK\b|\bAP\b|datamatiker/u, 'kvu'],
  [/\b(?:HF|STX|HHX|HTX)\b|gymnasi|studentereksamen|\bstudent\b/u, 'gymnasial'],
  [/\bEUD\b|erhvervsuddannelse|svendeprøve|svendebrev|\bsvend\b|faglært|lærling/iu, 'eud'],
  [/folkeskole|grundskole|\b(?:9|10)\.\s?klasse|afgangsprøve/iu, 'grundskole'],
];

export function guessEducationLevel(text: string): EducationLevel | undefined {
  for (const [pattern, level] of LEVELS) if (pattern.test(text)) return level;
  return undefined;
}

const INSTITUTION =
  /\b(?:skole|gymnasium|universitet|university|college|seminarium|EUC|VUC|SOSU|tech|handelsskole|erhvervsskole)\b/iu;

/**
 * One education per line, its period removed. A line naming only a school (no level word) right after an
 * education is where it was taken, not a second education.
 */
export function readEducations(lines: string[]): { title: string; level?: EducationLevel }[] {
  const out: { title: string; level?: EducationLevel }[] = [];
  for (const raw of lines) {
    const period = findPeriod(raw);
    const line = stripBullet(period ? withoutPeriod(raw, period.index, period.length) : raw);
    if (line === '') continue;
    const level = guessEducationLevel(line);
    if (!level && INSTITUTION.test(line) && out.length > 0) continue;
    const title = line.slice(0, 200);
    out.push(level ? { title, level } : { title });
  }
  return out;
}
