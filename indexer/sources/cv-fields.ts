import { isLicenceCategory } from '../../scoring/licence.ts';
import { redactCprInText } from '../../src/domain/cpr.ts';
import { lookupPostalCode } from '../../src/geo/postnumre.ts';
import { readEducations, readExperience, splitItems, stripBullet } from './cv-entries.ts';
import { nameFromFileName, readName } from './cv-name.ts';
import { splitSections } from './cv-sections.ts';

/**
 * Reads Candidate fields from the text of a Danish CV. Everything is read from the text with CPR numbers already
 * removed, so a CPR in the document can never end up in a field. A field that cannot be found is left out; the
 * caller records which required ones are missing.
 */
export function readCvFields(
  text: string,
  source: { fileName?: string } = {},
): Partial<Record<string, unknown>> {
  const cvText = redactCprInText(text.replace(/\r\n?/g, '\n')).trim();
  const lines = cvText
    .split('\n')
    .map((l) => l.replace(/[\s\u00a0]+/g, ' ').trim())
    .filter((l) => l !== '');
  const { header, sections } = splitSections(lines);
  // Personal details sit above the first heading or under 'Personlige oplysninger' / 'Kontakt'; an employer's
  // address in the experience section must not be taken for the candidate's.
  const personal = [...header, ...(sections.get('other') ?? [])];

  const fields: Record<string, unknown> = {};
  const set = (key: string, value: unknown) => {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) return;
    fields[key] = value;
  };
  set('name', readName(lines) ?? (source.fileName ? nameFromFileName(source.fileName) : undefined));
  set('email', readEmail(lines));
  set('phone', readPhone(lines));
  set('postalCode', readPostalCode(personal));
  set('competences', splitItems(sections.get('competences') ?? []));
  set('experience', readExperience(sections.get('experience') ?? []));
  set('educations', readEducations(sections.get('educations') ?? []));
  set('languages', readLanguages(sections.get('languages') ?? []));
  set('driversLicences', readDriversLicences(lines));
  if (cvText !== '') fields.cvText = cvText.slice(0, 200_000);
  return fields;
}

function readEmail(lines: string[]): string | undefined {
  for (const line of lines) {
    const m = /[\p{L}\d._%+-]+@[\p{L}\d.-]+\.[a-z]{2,}/iu.exec(line);
    if (m) return m[0].replace(/\.+$/, '');
  }
  return undefined;
}

/** Digits of a Danish number as +45XXXXXXXX, or undefined when they are not one. */
function danishNumber(written: string): string | undefined {
  let digits = written.replace(/\D/g, '');
  if (written.trim().startsWith('+45') || (digits.startsWith('0045') && digits.length === 12))
    digits = digits.slice(written.trim().startsWith('+') ? 2 : 4);
  return digits.length === 8 ? `+45${digits}` : undefined;
}

const LABELLED_PHONE =
  /\b(?:tlf|telefon|mobil|mob|phone|tel)\.?\s*(?:nr\.?)?\s*:?\s*((?:\+|00)?[\d][\d -]{6,16}\d)/iu;
const PREFIXED_PHONE = /(?:\+|\b00)45[ -]?\d{2}[ -]?\d{2}[ -]?\d{2}[ -]?\d{2}(?!\d)/u;
const BARE_PHONE = /(?<![\d+-])(?:\d{8}|\d{2} \d{2} \d{2} \d{2})(?![\d-])/u;

/** 'Tlf.: 12 34 56 78', '+45 12345678', '12345678'. A CVR-nummer has 8 digits too: such lines are skipped. */
function readPhone(lines: string[]): string | undefined {
  const usable = lines.filter((l) => !/\bcvr\b/iu.test(l));
  for (const pattern of [LABELLED_PHONE, PREFIXED_PHONE, BARE_PHONE]) {
    for (const line of usable) {
      const m = pattern.exec(line);
      const phone = m ? danishNumber(m[1] ?? m[0]) : undefined;
      if (phone) return phone;
    }
  }
  return undefined;
}

function sameTown(written: string, town: string): boolean {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\s]/gu, '')
      .replace(/\s+/g, ' ')
      .trim();
  const w = norm(written);
  const t = norm(town);
  // '8000 Aarhus' names the postnummer whose town is 'Aarhus C': the town's first word is enough.
  return w.startsWith(t) || w.split(' ')[0] === t.split(' ')[0];
}

/** 'Postnr: 8210', else a postnummer followed by its own town name: '8210 Aarhus V', 'DK-2300 København S'. */
function readPostalCode(lines: string[]): string | undefined {
  for (const line of lines) {
    const m = /\bpost(?:nummer|nr|\.\s?nr)\.?\s*:?\s*(\d{4})\b/iu.exec(line);
    if (m && lookupPostalCode(m[1]!)) return m[1];
  }
  for (const line of lines) {
    for (const m of line.matchAll(/(?<!\d)(\d{4}) +(\p{L}[\p{L} .-]*)/gu)) {
      const area = lookupPostalCode(m[1]!);
      if (area && sameTown(m[2]!, area.name)) return m[1];
    }
  }
  return undefined;
}

/** Language names as the service stores them: lowercased Danish. English names map to the Danish ones. */
const LANGUAGES: Record<string, string> = {};
for (const [danish, ...aliases] of [
  ['dansk', 'danish'],
  ['engelsk', 'english'],
  ['tysk', 'german'],
  ['svensk', 'swedish'],
  ['norsk', 'norwegian'],
  ['islandsk', 'icelandic'],
  ['færøsk', 'faroese'],
  ['grønlandsk', 'greenlandic'],
  ['finsk', 'finnish'],
  ['fransk', 'french'],
  ['spansk', 'spanish'],
  ['italiensk', 'italian'],
  ['portugisisk', 'portuguese'],
  ['hollandsk', 'dutch', 'nederlandsk'],
  ['polsk', 'polish'],
  ['litauisk', 'lithuanian'],
  ['lettisk', 'latvian'],
  ['estisk', 'estonian'],
  ['russisk', 'russian'],
  ['ukrainsk', 'ukrainian'],
  ['rumænsk', 'romanian'],
  ['bulgarsk', 'bulgarian'],
  ['ungarsk', 'hungarian'],
  ['tjekkisk', 'czech'],
  ['slovakisk', 'slovak'],
  ['serbisk', 'serbian'],
  ['kroatisk', 'croatian'],
  ['bosnisk', 'bosnian'],
  ['albansk', 'albanian'],
  ['græsk', 'greek'],
  ['tyrkisk', 'turkish'],
  ['kurdisk', 'kurdish'],
  ['arabisk', 'arabic'],
  ['persisk', 'farsi', 'persian'],
  ['dari'],
  ['pashto'],
  ['urdu'],
  ['hindi'],
  ['punjabi'],
  ['tamil'],
  ['somali', 'somalisk'],
  ['tigrinya'],
  ['amharisk', 'amharic'],
  ['swahili'],
  ['vietnamesisk', 'vietnamese'],
  ['thai', 'thailandsk'],
  ['kinesisk', 'chinese', 'mandarin'],
  ['japansk', 'japanese'],
  ['filippinsk', 'tagalog', 'filipino'],
]) {
  for (const name of [danish!, ...aliases]) LANGUAGES[name] = danish!;
}

function readLanguages(lines: string[]): string[] {
  const found = new Set<string>();
  for (const line of lines) {
    for (const word of line.toLowerCase().split(/[^\p{L}]+/u)) {
      const language = LANGUAGES[word];
      if (language) found.add(language);
    }
  }
  return [...found];
}

const LICENCE_WORD = /(?:kørekort|førerbevis|driving licen[cs]e)(?:s?kategori(?:er)?)?/iu;

/**
 * 'Kørekort: B, C', 'Kørekort kategori B', 'B-kørekort', or a 'Kørekort' heading with the categories on the next
 * line. Only upper-case letters count: 'de' and 'a' are Danish words, not categories.
 */
function readDriversLicences(lines: string[]): string[] {
  const found = new Set<string>();
  const add = (text: string) => {
    for (const token of text.split(/[\s,;/+&.:()]+/u)) if (isLicenceCategory(token)) found.add(token);
  };
  lines.forEach((line, i) => {
    for (const m of line.matchAll(/\b([A-Z][A-Z0-9]{0,2})[- ]?(?=kørekort)/gu)) add(m[1]!);
    const at = LICENCE_WORD.exec(line);
    if (!at) return;
    const rest = line.slice(at.index + at[0].length);
    if (/[A-Z]/.test(rest)) add(rest);
    else if (rest.replace(/[\s:]/g, '') === '') add(stripBullet(lines[i + 1] ?? ''));
  });
  return [...found];
}
