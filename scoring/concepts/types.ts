/**
 * What concept extraction finds in a text, and how a job order's phrase was understood. Shared by the extractor
 * (./extract.ts), the order compiler and the explanations: evidence always names the field and the words as written.
 */

/** Where in a candidate a mention was found; the Danish explanation names it ("under Kompetencer"). */
export type EvidenceField =
  | 'competences'
  | 'languages'
  | 'driversLicences'
  | 'experience.title'
  | 'experience.description'
  | 'educations'
  | 'cvText';

/**
 * Whose experience a mention is. Only 'own' counts as having the competence; the rest are kept so explain-text can
 * show why a word did not count: an intent ("ønsker at lære truckkørsel"), a negation ("ingen erfaring med"),
 * another person ("min far var tømrer"), a job held as a youngster ("sommerjob som 15-årig").
 */
export type MentionContext = 'own' | 'intent' | 'negated' | 'other-person' | 'youth';

export interface ConceptMention {
  concept: string;
  field: EvidenceField;
  /** The words exactly as written in the field (original case and spelling). */
  foundAs: string;
  /** UTF-16 offsets of `foundAs` in the field's text. */
  start: number;
  end: number;
  context: MentionContext;
  /** How the surface form met the label: exactly (after folding and stemming), or with a one-edit typo. */
  match: 'label' | 'typo';
}

/**
 * A candidate's concept with its best evidence, as stored with the search facts. Only own mentions; narrower-implies-
 * broader is applied when matching, not stored, so a taxonomy edit does not need every candidate rewritten.
 */
export interface CandidateConcept {
  concept: string;
  /** Field weight of the best mention (see FIELD_WEIGHT in ../profile.ts): listed/title 3, education 2, prose 1. */
  weight: number;
  field: EvidenceField;
  foundAs: string;
}

/** How one must-have or nice-to-have phrase was understood. */
export interface PhraseUnderstanding {
  /** The phrase as written in the order (what `matched`/`missing` show). */
  phrase: string;
  /** Concepts the phrase requires, all of them (usually one). Empty when no concept was recognised. */
  concepts: string[];
  /**
   * Content words (stems) the phrase has beyond its concepts and framing words; with no concept these are the
   * phrase itself, matched only where they stand together in one field.
   */
  words: string[];
  /** Framing words dropped as not being a requirement ("erfaring med", "kendskab til", "gerne"). */
  framing: string[];
}
