import { readFileSync } from 'node:fs';
import { allPostalAreas } from '../../src/geo/postnumre.ts';
import { HEADING_VOCABULARY, matchHeading } from './cv-sections.ts';

/**
 * Finds the candidate's name in the text of a CV, or in its file name. A wrong name is worse than none: an empty
 * name leaves the candidate incomplete and editable, a wrong one sends a konsulent to phone the wrong person. So a
 * line counts only with evidence (a 'Navn:' label, or a word that is a known first name) and never when one of its
 * words is a heading, an occupation, a company, an address or a town.
 */

/** Known Danish first and last names (source and licence: ./data/SOURCES.md), lowercased. */
const KNOWN = (() => {
  const first = new Set<string>();
  const last = new Set<string>();
  const text = readFileSync(new URL('./data/dk-names.csv', import.meta.url), 'utf8');
  for (const row of text.split('\n').slice(1)) {
    const [kind, name] = row.split(',');
    if (!name) continue;
    (kind === 'first' ? first : last).add(name.trim().toLowerCase());
  }
  return { first, last };
})();

/** The whole word, or for a hyphenated one ('Anne-Sofie', 'Østergaard-Nielsen') any of its parts. */
function known(set: Set<string>, word: string): boolean {
  const w = word.toLowerCase();
  return set.has(w) || (w.includes('-') && w.split('-').some((part) => set.has(part)));
}
const isFirstName = (w: string) => known(KNOWN.first, w);
const isKnownName = (w: string) => known(KNOWN.first, w) || known(KNOWN.last, w);

const PARTICLES = new Set([
  'von',
  'van',
  'de',
  'da',
  'la',
  'le',
  'du',
  'af',
  'bin',
  'ibn',
  'el',
  'al',
  'der',
  'den',
]);

/** Words that make a line something other than a name, whatever else it holds. */
const NOT_NAME_WORDS = new Set([
  ...HEADING_VOCABULARY,
  ...[
    'cv',
    'curriculum',
    'vitae',
    'resume',
    'resumé',
    'ansøgning',
    'jobansøgning',
    'ansøger',
    'personlig',
    'oplysninger',
    'mine',
    'min',
    'mit',
    'om',
    'kære',
    'hej',
    'til',
    'att',
    'fra',
    'hilsen',
    'venlig',
    'adresse',
    'telefon',
    'tlf',
    'mobil',
    'mail',
    'e-mail',
    'email',
    'født',
    'fødselsdato',
    'nationalitet',
    'civilstand',
    'side',
    'dansk',
    'engelsk',
    'danmark',
    'denmark',
    // Company and institution words
    'aps',
    'ivs',
    'amba',
    'a.m.b.a.',
    'holding',
    'group',
    'gruppen',
    'koncern',
    'international',
    'nordic',
    'scandinavia',
    'service',
    'services',
    'transport',
    'logistik',
    'logistics',
    'foods',
    'food',
    'byg',
    'entreprise',
    'consult',
    'consulting',
    'solutions',
    'systems',
    'kommune',
    'region',
    'plejecenter',
    'plejehjem',
    'børnehave',
    'vuggestue',
    'skole',
    'gymnasium',
    'universitet',
    'hotel',
    'restaurant',
    'café',
    'cafe',
    'kantine',
    'netto',
    'føtex',
    'bilka',
    'coop',
    'rema',
    'lidl',
    'aldi',
    'irma',
    'iss',
    'dsv',
    'vestas',
    'arla',
    'danfoss',
    'lego',
    'carlsberg',
    'mærsk',
    'maersk',
    'crown',
  ],
]);

/** Occupations, written alone or as the end of a compound ('Lagermedarbejder', 'Rengøringsassistent'). */
const OCCUPATION =
  /(?:medarbejder|assistent|hjælper|arbejder|arbejdsmand|fører|chauffør|tekniker|montør|mekaniker|elektriker|operatør|konsulent|pædagog|sygeplejerske|leder|chef|direktør|elev|lærling|kok|tjener|smed|svejser|tømrer|snedker|murer|maler|sælger|ekspedient|specialist|koordinator|ingeniør|udvikler|supporter|lærer|frisør|bager|slagter|gartner|landmand|vagt|portør|servitrice|pedel|vicevært|håndværker|blikkenslager|ansvarlig|student|studerende|praktikant|vikar|økonom|bogholder|sekretær|receptionist)$/u;
/** Institutions and workplaces named after a person ('Mads Clausen Instituttet', 'Karen Blixen Skolen'). */
const INSTITUTION =
  /(?:institut|instituttet|skolen|skole|centret|centeret|center|huset|fonden|hallen|kirken|akademi|akademiet|afdelingen|klinik|klinikken|apotek)$/u;
/** Street names ('Vestergade', 'Toftegårds Allé', 'Rosenvænget'). */
const STREET = /(?:gade|vej|vejen|vænge|vænget|allé|alle|torv|plads|stræde|boulevard|parken|stien|toften)$/u;

/** Town names as written in addresses: 'Aarhus C', and 'Aarhus' without the district letter. */
const TOWNS = (() => {
  const towns = new Set<string>();
  for (const area of allPostalAreas()) {
    const name = area.name.toLowerCase();
    towns.add(name);
    towns.add(name.replace(/ (?:c|k|v|n|s|ø|nv|nø|sv|sø|j)$/u, ''));
  }
  return towns;
})();

const isInitial = (w: string) => /^\p{Lu}\.$/u.test(w);

function titleCase(word: string): string {
  return word
    .toLowerCase()
    .replace(/(^|[-'’])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

function isTrapWord(word: string): boolean {
  const w = word.toLowerCase();
  if (NOT_NAME_WORDS.has(w)) return true;
  // A surname may look like a trade ('Smed', 'Bager'): a known name is not taken for one.
  return !isKnownName(w) && (OCCUPATION.test(w) || STREET.test(w) || INSTITUTION.test(w));
}

/** 'CV – ', 'Curriculum Vitae for ' and the like around a name. */
const CV_TITLE = /^(?:cv|curriculum vitae|resum[eé])(?:\s*(?:for|af|[:–—|-]))?\s+/iu;
const CV_SUFFIX = /\s*[–—|:-]?\s*(?:cv|curriculum vitae|resum[eé])$/iu;

/**
 * The line as a person's name when it has a name's shape: 2 to 5 capitalised words (particles such as 'van der'
 * aside, initials allowed), no digits or symbols, no heading, occupation, company, street or town word. Capitals
 * ('METTE HANSEN') come back as 'Mette Hansen'. Whether it really is a name needs evidence besides: see below.
 */
export function asPersonName(line: string): string | undefined {
  const text = line.replace(CV_TITLE, '').replace(CV_SUFFIX, '').replace(/\s+/g, ' ').trim();
  if (text.length > 60 || /[\d@:/()&,;|·•+]/u.test(text) || matchHeading(text)) return undefined;
  if (TOWNS.has(text.toLowerCase())) return undefined;
  const words = text.split(' ');
  if (words.length < 2 || words.length > 5) return undefined;
  let full = 0;
  for (const w of words) {
    if (PARTICLES.has(w)) continue;
    if (!/^\p{Lu}[\p{L}'’.-]*$/u.test(w) || /\.\p{L}|--/u.test(w) || isTrapWord(w)) return undefined;
    if (!isInitial(w)) {
      if (w.length < 2 || w.endsWith('.')) return undefined;
      full++;
    }
  }
  if (full < 2) return undefined;
  return text === text.toUpperCase()
    ? words.map((w) => (PARTICLES.has(w.toLowerCase()) ? w.toLowerCase() : titleCase(w))).join(' ')
    : text;
}

/**
 * Evidence that a name-shaped string is a person's name: its first word is a known first name, or (names written
 * family name first, 'Nguyen Thi Lan') its first word is a known last name and a later one a known first name.
 */
function hasNameEvidence(name: string): boolean {
  const words = name.split(' ').filter((w) => !PARTICLES.has(w) && !isInitial(w));
  if (isFirstName(words[0]!)) return true;
  return known(KNOWN.last, words[0]!) && words.slice(1).some(isFirstName);
}

/** A name the evidence supports, from a line or one of its parts ('Peter Holm | Tlf. 22 33 44 55'). */
function nameIn(line: string): string | undefined {
  const stripped = line.replace(CV_TITLE, '').replace(CV_SUFFIX, '');
  const parts = stripped.split(/\s+[|·•–—-]\s+|,\s*/u);
  for (const part of parts) {
    const name = asPersonName(part);
    if (name && hasNameEvidence(name)) return name;
  }
  return undefined;
}

/**
 * A name broken over two lines by a big font or a narrow sidebar ('MARIA' / 'KOWALSKA', 'Hanne M.' / 'Frandsen'):
 * only a line that cannot be a whole name by itself is joined with the next.
 */
function joinedName(line: string, next: string | undefined): string | undefined {
  if (next === undefined) return undefined;
  const words = line.trim().split(' ');
  const incomplete =
    (words.length === 1 && isFirstName(words[0]!)) || (words.length <= 3 && isInitial(words.at(-1)!));
  if (!incomplete || next.split(' ').length > 3) return undefined;
  const name = asPersonName(`${line} ${next}`);
  return name && hasNameEvidence(name) ? name : undefined;
}

type Zone = 'header' | 'personal' | 'never' | 'other';

/** Where a line sits: employers, schools and referencer carry other people's and companies' names. */
function zones(lines: string[]): Zone[] {
  let zone: Zone = 'header';
  return lines.map((line) => {
    const heading = matchHeading(line);
    if (heading?.rest !== '') return zone;
    if (['personlige oplysninger', 'kontaktoplysninger', 'kontakt'].includes(heading.heading))
      zone = 'personal';
    else if (
      heading.section === 'experience' ||
      heading.section === 'educations' ||
      heading.heading.startsWith('reference')
    )
      zone = 'never';
    else zone = 'other';
    return 'never';
  });
}

const RECIPIENT = /(?:^|\s)(?:a\/s|aps|i\/s|ivs|k\/s|p\/s|kommune|region|att\.?)(?=$|[\s,.:])/iu;
const NAME_LABEL = /^(?:(?:fulde|fuldt)\s+)?navn(?:\s*:\s*|\s+)(.+)$/iu;
const NAME_LABEL_ALONE = /^(?:(?:fulde|fuldt)\s+)?navn\s*:?$/iu;

/**
 * In order: a 'Navn:' label among the personal details; a name line in the header (the lines before the first
 * heading) or under 'Personlige oplysninger' / 'Kontakt'; a line that is a name and nothing else anywhere outside
 * experience, education and referencer (a sidebar's text may come before or after the main column's).
 */
export function readName(lines: string[]): string | undefined {
  const zone = zones(lines);
  const usable = (i: number) => zone[i] !== 'never';

  for (let i = 0; i < lines.length; i++) {
    if (!usable(i)) continue;
    const labelled = NAME_LABEL.exec(lines[i]!);
    if (labelled) {
      const value = labelled[1]!.trim();
      const name = asPersonName(value) ?? nameIn(value);
      if (name) return name;
      // 'Navn: Ole' after a colon is the candidate's own statement, kept as written; without a colon 'Navn ...'
      // could be any sentence.
      if (
        /^[^:]*navn\s*:/iu.test(lines[i]!) &&
        !/[\d@]/u.test(value) &&
        !value.split(/[\s,.;]+/u).some((w) => w !== '' && isTrapWord(w))
      )
        return value.slice(0, 200);
    } else if (NAME_LABEL_ALONE.test(lines[i]!) && i + 1 < lines.length) {
      const name = asPersonName(lines[i + 1]!);
      if (name) return name;
    }
  }

  const near: number[] = [];
  let headerSeen = 0;
  const personalSeen = new Map<number, number>();
  let personalStart = -1;
  for (let i = 0; i < lines.length; i++) {
    if (zone[i] === 'header' && headerSeen++ < 8) near.push(i);
    if (zone[i] === 'personal') {
      if (zone[i - 1] !== 'personal') personalStart = i;
      const seen = personalSeen.get(personalStart) ?? 0;
      personalSeen.set(personalStart, seen + 1);
      if (seen < 10) near.push(i);
    }
  }
  // A cover letter opens with the company it is sent to and its contact person: not the candidate.
  const nearRecipient = (i: number) => lines.slice(Math.max(0, i - 2), i + 3).some((l) => RECIPIENT.test(l));
  for (const i of near) {
    if (nearRecipient(i)) continue;
    const name = joinedName(lines[i]!, usable(i + 1) ? lines[i + 1] : undefined) ?? nameIn(lines[i]!);
    if (name) return name;
  }

  const tried = new Set(near);
  for (let i = 0; i < lines.length; i++) {
    if (!usable(i) || tried.has(i) || nearRecipient(i)) continue;
    const joined = joinedName(lines[i]!, usable(i + 1) ? lines[i + 1] : undefined);
    if (joined) return joined;
    const name = asPersonName(lines[i]!);
    const words = name?.split(' ') ?? [];
    // Out of the header only a line that is wholly a name, whose last word is a known name too.
    if (name && hasNameEvidence(name) && isKnownName(words.at(-1)!)) return name;
  }
  return undefined;
}

/** Words in file names that are not part of the name: 'CV_Mette_Hansen_2024_final.pdf'. */
const FILE_NOISE = new Set([
  'cv',
  'curriculum',
  'vitae',
  'resume',
  'resumé',
  'ansøgning',
  'jobansøgning',
  'ansoegning',
  'og',
  'and',
  'min',
  'mit',
  'ny',
  'nyt',
  'final',
  'endelig',
  'opdateret',
  'updated',
  'version',
  'kopi',
  'copy',
  'dansk',
  'da',
  'dk',
  'en',
  'pdf',
  'docx',
]);

/**
 * 'CV_Mette_Hansen.pdf', 'mette-hansen-cv.docx', 'Ansøgning og CV - Ali Hassan.pdf': the file name names the
 * candidate when, without the CV words, dates and numbers, it is two to five words, the first a known first name
 * and the last a known name.
 */
export function nameFromFileName(fileName: string): string | undefined {
  const base = fileName.replace(/\.(?:pdf|docx?)$/iu, '');
  const tokens = base
    .split(/[\s_.()[\]]+|(?<=\S)-(?=\S)|\s-\s/u)
    .filter((t) => t !== '' && t !== '-' && !/\d/u.test(t) && !FILE_NOISE.has(t.toLowerCase()));
  if (tokens.some((t) => !/^\p{L}{2,}$/u.test(t))) return undefined;
  // 'anne-sofie-holm' lost the hyphen of 'Anne-Sofie' to the separators: rejoin parts that make a known name.
  const words: string[] = [];
  for (const t of tokens) {
    const prev = words.at(-1);
    if (prev !== undefined && KNOWN.first.has(`${prev}-${t}`.toLowerCase()))
      words[words.length - 1] = `${prev}-${t}`;
    else words.push(t);
  }
  if (words.length < 2 || words.length > 5) return undefined;
  if (!isFirstName(words[0]!) || !isKnownName(words.at(-1)!)) return undefined;
  if (words.some((w) => isTrapWord(w))) return undefined;
  return words.map(titleCase).join(' ');
}
