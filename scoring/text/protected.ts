import { activeTaxonomy } from '../taxonomy/active.ts';
import type { Taxonomy } from '../taxonomy/taxonomy.ts';
import { compoundParts } from './compound.ts';
import { COMPOUND_LEXICON } from './compound-lexicon.ts';
import { stem } from './stem.ts';
import { isStopword } from './stopwords.ts';
import { tokenize } from './tokenize.ts';

/**
 * Removes what a CV says about the person rather than their work — their name, contact lines, age, gender and
 * health — before the text is analysed, so none of it can ever become a term that matches a job order. Danish
 * surnames are often trades (Smed, Bager, Møller, Kok): without this, 'Anders Smed' would fit a smed order better
 * than 'Anders Hansen' with the same CV. Only the analysed terms change: the stored CV text stays as written.
 */

/** Who the text is about: the record's own name is what gets removed, wherever and however the CV writes it. */
export interface PersonFacts {
  name?: string | null | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
}

// `\b` is ASCII-only in JS regexes: these bound a word that may hold æ, ø, å or any other letter.
const WS = '(?<![\\p{L}\\p{M}\\p{N}])';
const WE = '(?![\\p{L}\\p{M}\\p{N}])';
const wordList = (list: string) => list.trim().split(/\s+/);
const words = (list: string) => wordList(list).join('|');

/**
 * Lines that state a personal fact by label ('Adresse: …', 'Fødselsdato: …', 'Køn: …'): the rest of the line goes.
 * A CV's competences never sit behind one of these labels.
 */
const PERSONAL_LABELS = words(`
  navn fulde\\s+navn fornavn efternavn adresse hjemadresse bopæl postnr postnummer by tlf telefon telefonnummer mobil
  mobilnr mob e-?mail mail hjemmeside linkedin facebook fødselsdato fødselsår født alder køn civilstand familie
  nationalitet statsborgerskab oprindelse religion cpr cpr-?nr cpr-?nummer helbred helbredsoplysninger handicap
  diagnose sygdom skånehensyn
`);
const LABEL_LINE = new RegExp(
  `^[ \\t]*(?:[•*·–-][ \\t]*)?(?:${PERSONAL_LABELS})${WE}[^:\\n]{0,25}:[^\\n]*`,
  'gimu',
);

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
const URL = /(?:https?:\/\/|www\.|(?:linkedin|facebook|instagram|github)\.com\/)[^\s]*/giu;
const PHONE = new RegExp(
  [
    '(?:\\+|(?<!\\d)00)\\d{2}[ -]?\\d{2}[ -]?\\d{2}[ -]?\\d{2}[ -]?\\d{2}(?:[ -]?\\d{1,4})?(?!\\d)',
    '(?<![\\d+-])(?:\\d{8}|\\d{2} \\d{2} \\d{2} \\d{2})(?![\\d-])',
  ].join('|'),
  'gu',
);

/**
 * A street address with its house number, floor and postnummer + town, on one line or two: 'Bagervej 12, 2. th.,
 * 8000 Aarhus C'. Street names are compounds of trades and places ('Bagervej' splits to bager + vej), so they must
 * not reach the analyser. Recognised by the street word that ends the name, which prose rarely puts before a number.
 */
const STREET_ENDINGS = words(`
  gade gaden vej vejen allé alle plads pladsen torv torvet stræde strædet vænge vænget boulevard parken bakken
  toften haven engen vangen stien kajen løkke gyde gården marken skoven lunden højen holmen dalen
`);
const STREET_WORDS = 'Gade|Vej|Allé|Alle|Plads|Torv|Stræde|Boulevard|Vænge|Park';
const ADDRESS = new RegExp(
  `${WS}(?:\\p{Lu}[\\p{L}'’.-]*(?:${STREET_ENDINGS})|\\p{Lu}[\\p{L}'’.-]*(?:[ \\t]+\\p{Lu}[\\p{L}'’.-]*){0,3}[ \\t]+(?:${STREET_WORDS}))` +
    '[ \\t]+\\d{1,4}[ \\t]?[A-Za-z]?(?!\\p{L})' +
    '(?:[ \\t]*,?[ \\t]*(?:st|kl|\\d{1,2})(?:\\.|(?=[ \\t]*(?:th|tv|mf)))(?:[ \\t]*(?:th|tv|mf)\\.?)?)?' +
    '(?:[ \\t]*,?[ \\t]*\\n?[ \\t]*(?:DK-?)?\\d{4}[ \\t]+\\p{Lu}[\\p{L}-]*(?:[ \\t]+(?:[NSVØCK]|\\p{Lu}[\\p{L}-]*)(?!\\p{L}))?)?',
  'gu',
);

const MONTHS = 'jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec';
const DATE = `(?:\\d{1,2}\\.?[ \\t]*(?:(?:${MONTHS})\\p{L}*\\.?|\\d{1,2})[ \\t]*[./-]?[ \\t]*(?:\\d{4}|\\d{2})|(?:19|20)\\d{2})`;

/** Age and birth: 'født 3. maj 1985', 'født i Polen', '45 år gammel', 'jeg er 45 år', '45-årig', 'i 40'erne'. */
const AGE = new RegExp(
  [
    `${WS}(?:født|fødselsår|årgang)${WE}(?:[ \\t]+(?:i|den|d\\.|år|ca\\.?)${WE})*[ \\t]*(?:${DATE}|\\p{L}[\\p{L}-]*)(?:[ \\t]+${DATE})?`,
    `${WS}(?:jeg[ \\t]+er|er|på|alder(?:en)?[ \\t]*:?)[ \\t]+\\d{1,3}[ \\t]*år${WE}(?:[ \\t]+gammel${WE})?`,
    `${WS}\\d{1,3}[ \\t]*år[ \\t]+gammel${WE}`,
    `${WS}(?:1[5-9]|[2-9]\\d)[ \\t]*-?[ \\t]*årige?${WE}`,
    `\\([ \\t]*\\d{1,3}[ \\t]*år[ \\t]*\\)`,
    // '…, 45 år, mand': an age on its own between commas or at a line's start (experience says 'i 10 år').
    `(?:^|(?<=[,;]))[ \\t]*(?:1[5-9]|[2-9]\\d)[ \\t]*år(?=[ \\t]*(?:[,.;)]|$))`,
    `${WS}[2-9]0['’]?erne${WE}`,
  ].join('|'),
  'gimu',
);

/** Gender as self-description ('45-årig mand', 'mor til to'). 'han' and 'hun' are stopwords: they never score. */
const GENDER_WORDS = 'mand kvinde mandlig kvindelig kvindlig pige dreng transkønnet nonbinær ikke-binær';
const GENDER = new RegExp(`${WS}(?:${words(GENDER_WORDS)})${WE}|${WS}(?:mor|far)[ \\t]+til${WE}`, 'giu');

/**
 * Health: the words, and after one of them the reason that follows ('fleksjob pga. en rygskade', 'diagnosticeret
 * med ADHD') up to the end of the clause. Names of conditions go only where the person says they have one ('jeg har
 * ADHD', 'min diabetes'): 'børn med autisme' and 'borgere med handicap' are care work, not the person's health.
 */
const HEALTH_WORD_LIST = `
  syg sygdom sygdomme sygdommen sygemeldt sygemeldte langtidssygemeldt sygemelding sygemeldingen sygemeldinger
  sygedagpenge diagnosticeret stress stresset stressramt stresssygemeldt deprimeret
  rygskade rygskaden rygproblemer rygsmerter smerter piskesmæld arbejdsskade misbrug alkoholmisbrug alkoholiker
  kronisk kroniske lidelse lidelser fleksjob fleksjobber fleksjobbet fleksjobordning førtidspension
  førtidspensionist skånehensyn skånejob handicappet funktionsnedsættelse ressourceforløb jobafklaringsforløb
  opereret hjerneskade hjernerystelse diabetiker epileptiker autist ordblind raskmeldt raskmelding
`;
const HEALTH_WORDS = words(HEALTH_WORD_LIST);
const CONDITION_LIST =
  'depression angst ptsd adhd add autisme asperger diabetes epilepsi kræft cancer gigt sklerose migræne handicap';
const CONDITIONS = words(CONDITION_LIST);
const HEALTH_PHRASES = [
  'nedsat[ \\t]+(?:arbejdsevne|funktionsevne)',
  'psykisk[ \\t]+sårbar',
  'psykiske?[ \\t]+(?:problemer|lidelser?|helbred)',
  `(?:jeg[ \\t]+)?(?:har|havde|fik)[ \\t]+(?:haft[ \\t]+)?(?:en[ \\t]+|et[ \\t]+)?(?:${CONDITIONS})`,
  `(?:min|mit)[ \\t]+(?:${CONDITIONS})`,
].join('|');
const REASON =
  '(?::|p\\.?g\\.?a\\.?|på[ \\t]+grund[ \\t]+af|grundet|som[ \\t]+følge[ \\t]+af|forårsaget[ \\t]+af|med)';
/**
 * What follows these is the condition itself, to the end of the clause. A bare 'diagnose' stays: a mekaniker's
 * 'fejlfinding og diagnose' is a competence; the person's own is 'min diagnose', 'fik diagnosen'.
 */
const CONDITION_INTRO =
  'lider[ \\t]+af|har[ \\t]+fået[ \\t]+konstateret|diagnosticeret|' +
  '(?:min|mine|har|havde|fik|fået)[ \\t]+(?:(?:en|et|flere)[ \\t]+)?diagnose(?:n|r|rne)?';
const HEALTH = new RegExp(
  `${WS}(?:${CONDITION_INTRO})${WE}[^\\n.;,!?]*|` +
    `${WS}(?:${HEALTH_PHRASES}|${HEALTH_WORDS})${WE}(?:[ \\t]*${REASON}(?![\\p{L}\\p{N}])[^\\n.;,!?]*)?`,
  'giu',
);

/**
 * Tokens without which a pattern cannot match. Most texts hold none, and checking a token list is much cheaper than
 * running a pattern with lookbehinds over every position of a long CV.
 */
const AGE_TRIGGERS = new Set(wordList('født fødselsår årgang år erne'));
const GENDER_TRIGGERS = new Set(wordList(`${GENDER_WORDS} binær mor far`));
const HEALTH_TRIGGERS = new Set(
  wordList(
    `${HEALTH_WORD_LIST} ${CONDITION_LIST} nedsat psykisk psykiske lider konstateret diagnose diagnosen diagnoser`,
  ),
);
const STREET_TOKEN = new RegExp(`(?:${STREET_ENDINGS})$|^(?:${STREET_WORDS.toLowerCase()})$`, 'u');
const isAgeToken = (t: string) => AGE_TRIGGERS.has(t) || t.endsWith('årig') || t.endsWith('årige');

/**
 * Words that are also common Danish surnames. A name token that is an ordinary word is only removed where the text
 * uses it as a name; one that is not ('Hansen', 'Anders') is removed wherever it occurs.
 */
const WORD_SURNAMES = new Set(
  words(`
    smed bager møller skov fisker kok gartner murer maler skomager snedker tømrer skræder væver slagter skytte
    skriver kusk foged degn præst skipper holm lund dal bach bæk berg bjerg bro mose hede eng strand sand vang
    toft krog kjær kær kirk kirke mølle høj by
  `).split('|'),
);

const labelWordCache = new WeakMap<Taxonomy, Set<string>>();

/** Stems of the taxonomy's one-word labels: a capitalised 'Truckfører' after a name is work, not a surname. */
function labelWordStems(): Set<string> {
  const taxonomy = activeTaxonomy();
  let stems = labelWordCache.get(taxonomy);
  if (!stems) {
    stems = new Set();
    for (const { label } of taxonomy.labels()) {
      const tokens = tokenize(label);
      if (tokens.length === 1) stems.add(stem(tokens[0]!));
    }
    labelWordCache.set(taxonomy, stems);
  }
  return stems;
}

function isOrdinaryWord(token: string): boolean {
  return (
    WORD_SURNAMES.has(token) ||
    isStopword(token) ||
    COMPOUND_LEXICON.has(token) ||
    compoundParts(token).length > 0 ||
    labelWordStems().has(stem(token))
  );
}

const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
const INITIAL = /^\p{Lu}$/u;
/** Between two parts of one name: spaces or a hyphen ('Anne-Marie'), or the dot of an initial ('A. Smed'). */
const NAME_GAP = /^[ \t\u00a0]*[-‐‑]?[ \t\u00a0]*$/u;
const INITIAL_GAP = /^\.[ \t\u00a0]*$/u;
/** 'Smed, Anders': a reversed name, only when the next part is written as a name. */
const REVERSED_GAP = /^[ \t\u00a0]*,[ \t\u00a0]*$/u;

interface Token {
  start: number;
  end: number;
  raw: string;
  /** The name token this is (genitive 's' dropped), or undefined. */
  name: string | undefined;
}

function nameTokensOf(name: string | null | undefined): Map<string, boolean> {
  const tokens = new Map<string, boolean>();
  for (const m of (name ?? '').normalize('NFC').toLowerCase().matchAll(TOKEN)) {
    if (m[0].length >= 2) tokens.set(m[0], isOrdinaryWord(m[0]));
  }
  return tokens;
}

/**
 * Each occurrence of a name token is removed where it is used as a name: inside a run of the person's name parts
 * ('Anders Smed', 'SMED, ANDERS', 'A. Smed', 'Anders Smeds CV'), and anywhere when it is no ordinary word ('Hansen',
 * 'anders'). A surname that is also a word ('smed', 'Smed hos Vestas') is the word everywhere else: a name alone
 * cannot tell 'Erfaren Smed' the headline from a surname, and a CV names its writer in full.
 */
function removeNameTokens(text: string, names: ReadonlyMap<string, boolean>): string {
  if (names.size === 0) return text;
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const lower = m[0].toLowerCase();
    // The genitive ('Hansens CV') only when written as a name: a short name plus s can be a word ('Bo' -> 'bos').
    const name = names.has(lower)
      ? lower
      : lower.endsWith('s') && names.has(lower.slice(0, -1)) && /^\p{Lu}/u.test(m[0])
        ? lower.slice(0, -1)
        : undefined;
    tokens.push({ start: m.index, end: m.index + m[0].length, raw: m[0], name });
  }
  const initials = new Set([...names.keys()].map((n) => n[0]!.toUpperCase()));
  const remove = new Array<boolean>(tokens.length).fill(false);

  // Runs of name parts joined as names are joined.
  const isPart = (t: Token) => t.name !== undefined || (INITIAL.test(t.raw) && initials.has(t.raw));
  let i = 0;
  while (i < tokens.length) {
    if (!isPart(tokens[i]!)) {
      i++;
      continue;
    }
    let j = i;
    const parts = new Set<string>(tokens[i]!.name ? [tokens[i]!.name!] : []);
    let hasInitial = tokens[i]!.name === undefined;
    while (j + 1 < tokens.length && isPart(tokens[j + 1]!)) {
      const next = tokens[j + 1]!;
      // A name does not repeat a part: in 'Anders Smed, Smed hos Vestas' the second Smed is the trade.
      if (next.name && parts.has(next.name)) break;
      const gap = text.slice(tokens[j]!.end, next.start);
      const joined =
        NAME_GAP.test(gap) ||
        (INITIAL.test(tokens[j]!.raw) && INITIAL_GAP.test(gap)) ||
        (REVERSED_GAP.test(gap) && !/^\p{Ll}/u.test(next.raw) && !/^\p{Ll}/u.test(tokens[j]!.raw));
      if (!joined) break;
      if (next.name) parts.add(next.name);
      else hasInitial = true;
      j++;
    }
    if (parts.size >= 2 || (parts.size === 1 && hasInitial)) for (let k = i; k <= j; k++) remove[k] = true;
    i = j + 1;
  }

  tokens.forEach((t, k) => {
    if (remove[k] || t.name === undefined) return;
    if (!names.get(t.name)) remove[k] = true;
  });

  let out = '';
  let at = 0;
  tokens.forEach((t, k) => {
    if (!remove[k]) return;
    out += `${text.slice(at, t.start)} `;
    at = t.end;
  });
  return out + text.slice(at);
}

const HEADER_LINES = 5;
const SEGMENT_SEPARATOR = /[ \t]*[–—|:,][ \t]*|[ \t]+-[ \t]+/u;
const NAME_WORD = /^(?:\p{Lu}[\p{L}\p{M}'’.-]*|von|van|de|da|la|le|du|af|bin|ibn|el|al|der|den)$/u;

/**
 * The CV's own name header ('CV – Anders Bøgh Smed') can spell the name fuller than the record does: a segment of
 * the first lines that is written as a name and holds the person's name goes whole, middle names included.
 */
function removeNameHeader(text: string, names: ReadonlyMap<string, boolean>): string {
  if (names.size === 0) return text;
  const lines = text.split('\n');
  let seen = 0;
  for (let n = 0; n < lines.length && seen < HEADER_LINES; n++) {
    const line = lines[n]!;
    if (line.trim() === '') continue;
    seen++;
    // Separators stay, so a label's colon and a list's commas still read as before.
    const segments = line.split(SEGMENT_SEPARATOR);
    const separators = line.match(new RegExp(SEGMENT_SEPARATOR.source, 'gu')) ?? [];
    const kept = segments.map((segment) => {
      const parts = segment.trim().split(/[ \t\u00a0]+/u);
      if (parts.length < 2 || parts.length > 6 || !parts.every((p) => NAME_WORD.test(p))) return segment;
      const tokens = parts.map((p) => p.toLowerCase().replace(/[^\p{L}\p{M}\p{N}]+/gu, ''));
      const found = tokens.filter((t) => names.has(t));
      const holdsName = new Set(found).size >= 2 || found.some((t) => !names.get(t));
      return holdsName ? '' : segment;
    });
    lines[n] = kept.map((segment, k) => segment + (separators[k] ?? '')).join('');
  }
  return lines.join('\n');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A remover for one person's texts (name tokens resolved once). Without a person it still removes contact lines,
 * age, gender and health.
 */
export function protectedFactsRemover(person: PersonFacts = {}): (text: string) => string {
  const names = nameTokensOf(person.name);
  const exact = [person.email, person.phone]
    .filter((s): s is string => typeof s === 'string' && s.trim().length > 0)
    .map((s) => [s.trim().toLowerCase(), new RegExp(escapeRegExp(s.trim()), 'giu')] as const);
  return (input: string) => {
    let text = input.normalize('NFC');
    if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
    const lower = text.toLowerCase();
    const tokens = lower.match(TOKEN) ?? [];
    const nameSeen =
      names.size > 0 && tokens.some((t) => names.has(t) || (t.endsWith('s') && names.has(t.slice(0, -1))));
    const hasDigit = /\d/.test(text);

    if (text.includes(':')) text = text.replace(LABEL_LINE, '');
    if (nameSeen) text = removeNameHeader(text, names);
    for (const [written, pattern] of exact) if (lower.includes(written)) text = text.replace(pattern, ' ');
    if (text.includes('@')) text = text.replace(EMAIL, ' ');
    if (/www\.|:\/\/|\.com\//u.test(lower)) text = text.replace(URL, ' ');
    if (hasDigit && tokens.some((t) => STREET_TOKEN.test(t))) text = text.replace(ADDRESS, ' ');
    if (hasDigit) text = text.replace(PHONE, ' ');
    if (tokens.some(isAgeToken)) text = text.replace(AGE, ' ');
    if (tokens.some((t) => GENDER_TRIGGERS.has(t))) text = text.replace(GENDER, ' ');
    if (tokens.some((t) => HEALTH_TRIGGERS.has(t))) text = text.replace(HEALTH, ' ');
    return nameSeen ? removeNameTokens(text, names) : text;
  };
}

export function withoutProtectedFacts(text: string, person?: PersonFacts): string {
  return protectedFactsRemover(person)(text);
}
