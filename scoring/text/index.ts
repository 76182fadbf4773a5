export { analyse, CONCEPT_PREFIX, type PhraseQuery, phraseQuery } from './analyse.ts';
export { splitCompound } from './compound.ts';
export { stem } from './stem.ts';
export { DANISH_STOPWORDS, isStopword } from './stopwords.ts';
export {
  maxSynonymPhraseLength,
  phraseKey,
  SYNONYM_GROUPS,
  type SynonymGroup,
  synonymGroupIdsFor,
} from './synonyms.ts';
export { tokenize } from './tokenize.ts';
export { MIN_TYPO_LENGTH, withinOneEdit } from './typo.ts';
