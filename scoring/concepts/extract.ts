/**
 * Concept extraction with evidence. A concept is found where one of its labels stands as a contiguous run of words
 * within one field — after NFC, lower case, æ/ø/å <-> ae/oe/aa folding, Snowball stems, hyphen/space/joined
 * compound spellings, a one-edit typo, or as the head of a longer compound — never from words scattered over a CV.
 * The longest label wins; shorter labels inside it do not count separately.
 */
import { cleanFieldTexts, FIELD_WEIGHT, type ProfileSource } from '../profile.ts';
import type { Taxonomy } from '../taxonomy/taxonomy.ts';
import type { PersonFacts } from '../text/protected.ts';
import {
  type CompiledTaxonomy,
  compile,
  fold,
  type LabelEntry,
  type RawToken,
  type TokenReading,
  tokensOf,
} from './compile.ts';
import { ContextReader, type ContextToken } from './context.ts';
import type { CandidateConcept, ConceptMention, EvidenceField, MentionContext } from './types.ts';

/** A run of tokens [from, to) that is a label. */
export interface LabelMatch {
  from: number;
  to: number;
  entries: readonly LabelEntry[];
  typo: boolean;
}

/** Between two words of one label: spaces and at most one hyphen, on one line ('Truck-certifikat', 'truck certifikat'). */
function isWordGap(text: string, from: number, to: number): boolean {
  let hyphens = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0xa0) continue;
    if ((c === 0x2d || c === 0x2010 || c === 0x2011) && hyphens++ === 0) continue;
    return false;
  }
  return true;
}

/**
 * '<work> af <object>' read as the compound Danish also writes: 'rengøring af kontorer' is kontorrengøring,
 * 'svejsning af tagpap' tagpapsvejsning. The compound, when it is a label, is what the words mean, so the work word
 * alone does not count as well (roofers weld roofing felt, which is no svejsning).
 */
function objectCompound(
  text: string,
  tokens: readonly RawToken[],
  readings: readonly TokenReading[],
  i: number,
  compiled: CompiledTaxonomy,
): LabelMatch | undefined {
  if (i + 2 >= tokens.length || tokens[i + 1]!.lower !== 'af') return undefined;
  if (!isWordGap(text, tokens[i]!.end, tokens[i + 1]!.start)) return undefined;
  if (!isWordGap(text, tokens[i + 1]!.end, tokens[i + 2]!.start)) return undefined;
  const work = readings[i]!;
  const object = readings[i + 2]!;
  const bases = new Set([object.fold, object.fold.replace(/(?:erne|ene|er|ne|r|e)$/, '')]);
  for (const base of bases) {
    if (base.length < 2) continue;
    for (const link of ['', 's', 'e']) {
      const entries = compiled.joined.get(base + link + work.key);
      if (entries) return { from: i, to: i + 3, entries, typo: work.typo || object.typo };
    }
  }
  return undefined;
}

const DETERMINERS = new Set(['en', 'et', 'den', 'det', 'de']);

const NO_READING: TokenReading = { fold: '', key: '\u0003', typo: false, starts: false };

/**
 * A run of capitalised words inside a sentence is a name ('hos Nordic Partner ApS'), read as written: one edit from
 * a label ('partner', 'gartner') is another word, not a slip. A lone capitalised word may be a misspelt product
 * ('erfaring med Exel').
 */
function isNameLike(text: string, tokens: readonly RawToken[], i: number): boolean {
  const capitalInSentence = (k: number) => {
    const t = tokens[k];
    if (!t || k === 0) return false;
    const first = text[t.start]!;
    if (first === first.toLowerCase()) return false;
    return !/[.!?:;\n•\-–(]\s*$/.test(text.slice(tokens[k - 1]!.end, t.start));
  };
  return capitalInSentence(i) && (capitalInSentence(i - 1) || capitalInSentence(i + 1));
}

/** Label runs in a token sequence, longest first, none overlapping another; in text order. */
export function findLabels(
  text: string,
  tokens: readonly RawToken[],
  compiled: CompiledTaxonomy,
): LabelMatch[] {
  const readings = tokens.map((t, i) => {
    const r = compiled.read(t.lower);
    return r.typo && isNameLike(text, tokens, i) ? NO_READING : r;
  });
  const best: LabelMatch[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = readings[i]!;
    const ofReading = objectCompound(text, tokens, readings, i, compiled);
    if (!first.starts) {
      if (ofReading) best.push(ofReading);
      continue;
    }
    let found: LabelMatch | undefined;
    if (first.head) found = { from: i, to: i + 1, entries: first.head, typo: false };
    const short = first.typo ? undefined : compiled.exact.get(first.fold);
    if (short) found = { from: i, to: i + 1, entries: short, typo: false };
    let spaced = '';
    let written = '';
    let typo = false;
    for (let j = i; j < Math.min(tokens.length, i + compiled.maxTokens); j++) {
      if (j > i && !isWordGap(text, tokens[j - 1]!.end, tokens[j]!.start)) break;
      const r = readings[j]!;
      // An article inside a label the label does not have: 'medhjælper i en børnehave', 'kørekort til en truck'.
      if (
        j > i &&
        DETERMINERS.has(r.fold) &&
        !compiled.spaced.has(`${spaced} ${r.key}`) &&
        !compiled.spacedPrefixes.has(`${spaced} ${r.key}`)
      )
        continue;
      typo ||= r.typo;
      spaced = j === i ? r.key : `${spaced} ${r.key}`;
      let entries: readonly LabelEntry[] | undefined =
        compiled.spaced.get(spaced) ?? compiled.joined.get(written + r.key);
      if (entries && j === i && !r.typo) entries = compiled.admit(entries, r.fold);
      if (entries && entries.length > 0) found = { from: i, to: j + 1, entries, typo };
      written += r.fold;
      if (!compiled.spacedPrefixes.has(spaced) && !compiled.joinedPrefixes.has(written)) break;
    }
    if (ofReading && (!found || found.to - found.from < ofReading.to - ofReading.from)) found = ofReading;
    if (found) best.push(found);
  }
  best.sort((a, b) => b.to - b.from - (a.to - a.from) || a.from - b.from);
  const taken = new Uint8Array(tokens.length);
  const chosen: LabelMatch[] = [];
  for (const m of best) {
    let free = true;
    for (let k = m.from; k < m.to && free; k++) free = taken[k] === 0;
    if (!free) continue;
    taken.fill(1, m.from, m.to);
    chosen.push(m);
  }
  return chosen.sort((a, b) => a.from - b.from);
}

/** Cue words are read as written, not through a typo reading. */
function contextReader(nfc: string, tokens: readonly RawToken[]): ContextReader {
  const contextTokens: ContextToken[] = tokens.map((t) => ({
    fold: fold(t.lower),
    start: t.start,
    end: t.end,
  }));
  return new ContextReader(nfc, contextTokens);
}

/**
 * Whose experience the words at [start, end) of an NFC text are, read as the extractor reads a mention: a word match
 * ("stillads-montage" for a phrase with no concept) must not count from "har aldrig prøvet stillads-montage".
 */
export function contextOfSpan(nfc: string): (start: number, end: number) => MentionContext {
  const tokens = tokensOf(nfc);
  const reader = contextReader(nfc, tokens);
  return (start, end) => {
    const from = tokens.findIndex((t) => t.end > start);
    let to = from;
    while (to < tokens.length && tokens[to]!.start < end) to++;
    return from < 0 ? 'own' : reader.contextOf(from, Math.max(to, from + 1));
  };
}

/** Every concept mention in one field's text, with the words as written, their offsets and whose experience it is. */
export function extractMentions(text: string, field: EvidenceField, taxonomy: Taxonomy): ConceptMention[] {
  if (!text) return [];
  const nfc = text.normalize('NFC');
  const tokens = tokensOf(nfc);
  if (tokens.length === 0) return [];
  const compiled = compile(taxonomy);
  const matches = findLabels(nfc, tokens, compiled);
  if (matches.length === 0) return [];
  const contexts = contextReader(nfc, tokens);
  const mentions: ConceptMention[] = [];
  for (const m of matches) {
    const start = tokens[m.from]!.start;
    let end = tokens[m.to - 1]!.end;
    // An abbreviation's dot is part of what was written ('truckcert.').
    if (nfc[end] === '.' && m.entries.some((e) => e.label.endsWith('.'))) end++;
    const context = contexts.contextOf(m.from, m.to);
    const seen = new Set<string>();
    for (const e of m.entries) {
      if (seen.has(e.concept)) continue;
      seen.add(e.concept);
      mentions.push({
        concept: e.concept,
        field,
        foundAs: nfc.slice(start, end),
        start,
        end,
        context,
        match: m.typo ? 'typo' : 'label',
      });
    }
  }
  return mentions;
}

const WEIGHT_OF: Record<EvidenceField, number> = {
  competences: FIELD_WEIGHT.competence,
  languages: FIELD_WEIGHT.competence,
  driversLicences: FIELD_WEIGHT.competence,
  'experience.title': FIELD_WEIGHT.title,
  educations: FIELD_WEIGHT.education,
  'experience.description': FIELD_WEIGHT.prose,
  cvText: FIELD_WEIGHT.prose,
};

/** The field weight of evidence found in `field`. */
export function fieldWeight(field: EvidenceField): number {
  return WEIGHT_OF[field];
}

/**
 * A candidate's own concepts, one per concept with its best evidence (the strongest field; the first such mention).
 * The person's name, contact details and protected words are removed first, as for the analysed terms, so a
 * surname like Smed never becomes an occupation. Mentions in another context (intent, negation, another person,
 * youth) give nothing.
 */
export function candidateConcepts(
  source: ProfileSource,
  taxonomy: Taxonomy,
  person?: PersonFacts,
): CandidateConcept[] {
  return conceptsOfTexts(cleanFieldTexts(source, person), taxonomy);
}

/** candidateConcepts of texts already cleaned by cleanFieldTexts. */
export function conceptsOfTexts(
  texts: ReadonlyArray<readonly [EvidenceField, string]>,
  taxonomy: Taxonomy,
): CandidateConcept[] {
  const own: ConceptMention[][] = [];
  for (const [field, text] of texts) {
    let group: ConceptMention[] = [];
    for (const m of extractMentions(text, field, taxonomy)) {
      if (m.context !== 'own') continue;
      // The readings of one span (an ambiguous label) arrive together.
      if (group.length > 0 && group[0]!.start !== m.start) {
        own.push(group);
        group = [];
      }
      group.push(m);
    }
    if (group.length > 0) own.push(group);
  }
  for (const group of own) {
    // A title under Uddannelse is the education: 'Pædagogisk assistent' there is the PAU, not only the job.
    if (group.length !== 1 || group[0]!.field !== 'educations') continue;
    const m = group[0]!;
    if (taxonomy.get(m.concept)?.kind !== 'occupation') continue;
    for (const id of taxonomy.selfAndNarrower(m.concept)) {
      const c = taxonomy.get(id);
      if (c?.kind === 'certificate' && c.broader.includes(m.concept)) own.push([{ ...m, concept: id }]);
    }
  }
  const clear = new Set(own.filter((g) => g.length === 1).map((g) => g[0]!.concept));
  const best = new Map<string, CandidateConcept>();
  for (const group of own) {
    for (const m of group.length === 1 ? group : resolveAmbiguous(group, clear, taxonomy)) {
      const weight = WEIGHT_OF[m.field];
      const held = best.get(m.concept);
      if (!held || held.weight < weight)
        best.set(m.concept, { concept: m.concept, weight, field: m.field, foundAs: m.foundAs });
    }
  }
  return [...best.values()];
}

/**
 * The readings of an ambiguous label ('operatør': maskinoperatør or produktionsmedarbejder) that the rest of the CV
 * bears out: a reading whose broader, narrower or related concepts the candidate holds by a clear label. With no
 * such context, only what every reading implies (a maskinoperatør is a produktionsmedarbejder too); never a guess.
 */
function resolveAmbiguous(
  readings: readonly ConceptMention[],
  clear: ReadonlySet<string>,
  taxonomy: Taxonomy,
): ConceptMention[] {
  const ids = new Set(readings.map((m) => m.concept));
  const near = (id: string) =>
    new Set([...taxonomy.selfAndBroader(id), ...taxonomy.selfAndNarrower(id), ...taxonomy.relatedTo(id)]);
  const neighbourhoods = readings.map((m) => near(m.concept));
  // Only context that tells the readings apart: produktionsarbejde, which both readings of 'operatør' imply,
  // says nothing about which one is meant.
  const supported = readings.filter((m, i) =>
    [...neighbourhoods[i]!].some(
      (n) =>
        clear.has(n) &&
        (n === m.concept || !ids.has(n)) &&
        neighbourhoods.every((other, j) => j === i || !other.has(n)),
    ),
  );
  if (supported.length > 0) return supported;
  return readings.filter((m) =>
    readings.every((r) => taxonomy.selfAndBroader(r.concept).includes(m.concept)),
  );
}
