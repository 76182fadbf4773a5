import { z } from 'zod';
import { CONCEPT_KINDS } from '../../../scoring/taxonomy/taxonomy.ts';

/** The most text one request may ask about: a long CV is some 10,000 characters. */
export const EXPLAIN_TEXT_MAX_CHARS = 20_000;

export const explainTextBody = z
  .object({
    text: z
      .string()
      .max(EXPLAIN_TEXT_MAX_CHARS)
      .meta({ description: 'Any text: a CV, a field of one, or an order phrase' }),
  })
  .strict()
  .meta({ id: 'ExplainTextRequest' });

const mention = z
  .object({
    concept: z.string().meta({ description: 'Concept id' }),
    label: z.string().meta({ description: "The concept's preferred label" }),
    kind: z.enum(CONCEPT_KINDS),
    broader: z.array(z.string()).meta({ description: 'Concept ids this one implies, transitively' }),
    field: z.enum([
      'competences',
      'languages',
      'driversLicences',
      'experience.title',
      'experience.description',
      'educations',
      'cvText',
    ]),
    foundAs: z.string().meta({ description: 'The words as written in the text' }),
    start: z.number().int().meta({ description: 'UTF-16 offset of `foundAs` in the text (after NFC)' }),
    end: z.number().int(),
    context: z
      .enum(['own', 'intent', 'negated', 'other-person', 'youth'])
      .meta({ description: "Whose experience it is; only 'own' gives a candidate the concept" }),
    match: z
      .enum(['label', 'typo'])
      .meta({ description: 'Met a label exactly (after folding/stemming) or with one typo' }),
  })
  .meta({ id: 'ConceptMention' });

export const explainTextView = z
  .object({
    taxonomyVersion: z.string(),
    mentions: z.array(mention),
    words: z.array(z.string()).meta({ description: 'Content words that are part of no concept' }),
  })
  .meta({ id: 'ExplainedText' });
