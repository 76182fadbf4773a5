import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The synonym table, data/synonyms.json: groups of Danish phrases that a job order and a CV use for the same
 * competence or occupation, sorted into trade sections, and the tokens kept out of synonym matching. The curation
 * rules are written at the top of that file. Read and checked once at load: a broken table fails at start-up,
 * never in the middle of a shortlist.
 */

/**
 * `id` is the canonical label; `terms` are lowercase phrases as people write them, matched on stems with
 * stopwords dropped.
 */
export interface SynonymGroup {
  id: string;
  terms: readonly string[];
}

const phrase = z
  .string()
  .min(1)
  .refine((s) => s === s.trim().toLowerCase(), { message: 'must be lowercase without outer spaces' });

const table = z.object({
  sections: z
    .array(
      z.strictObject({
        section: z.string().min(1),
        note: z.string().optional(),
        groups: z.array(
          z.strictObject({
            id: z.string().min(1),
            note: z.string().optional(),
            terms: z.array(phrase).min(1),
          }),
        ),
      }),
    )
    .min(1),
  nonSynonymTokens: z.array(z.strictObject({ why: z.string().min(1), tokens: z.array(phrase).min(1) })),
});

/** Parses and checks the table's JSON; exported so a test can feed it broken tables. */
export function parseSynonymTable(json: string): {
  groups: readonly SynonymGroup[];
  nonSynonymTokens: ReadonlySet<string>;
} {
  const parsed = table.safeParse(JSON.parse(json));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`synonyms.json: ${issue.path.join('.')}: ${issue.message}`);
  }
  const groups: SynonymGroup[] = [];
  const ids = new Set<string>();
  for (const section of parsed.data.sections) {
    for (const { id, terms } of section.groups) {
      if (ids.has(id)) throw new Error(`synonyms.json: group "${id}" is listed twice`);
      ids.add(id);
      groups.push(Object.freeze({ id, terms: Object.freeze(terms) }));
    }
  }
  return {
    groups: Object.freeze(groups),
    nonSynonymTokens: new Set(parsed.data.nonSynonymTokens.flatMap((n) => n.tokens)),
  };
}

const loaded = parseSynonymTable(readFileSync(new URL('./data/synonyms.json', import.meta.url), 'utf8'));

export const SYNONYM_GROUPS: readonly SynonymGroup[] = loaded.groups;

/**
 * Tokens that never take part in synonym matching although their stem equals a member's: everyday words that the
 * stemmer conflates with an occupation. Their stems still go into the index as plain terms.
 */
export const NON_SYNONYM_TOKENS: ReadonlySet<string> = loaded.nonSynonymTokens;
