/**
 * Reads and validates the taxonomy: every `*.json` file of the shipped data directory, then of each deployment
 * directory (TAXONOMY_DIR) in order, where a concept with a known id replaces the shipped one and a new id adds a
 * concept. A taxonomy that does not hold together is refused at start with the file and line, because a wrong link
 * silently ranks the wrong people first.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CONCEPT_KINDS, type Concept, labelKey, Taxonomy } from './taxonomy.ts';

export const SHIPPED_TAXONOMY_DIR = fileURLToPath(new URL('./data/', import.meta.url));

const CONCEPT_ID = /^[a-z0-9][a-z0-9-]*$/;
const label = z.string().trim().min(1).max(120);

const conceptSchema = z
  .object({
    id: z.string().regex(CONCEPT_ID, 'lower-case letters, digits and "-"'),
    kind: z.enum(CONCEPT_KINDS),
    prefLabel: label,
    altLabels: z.array(label).default([]),
    hiddenLabels: z.array(label).default([]),
    broader: z.array(z.string()).default([]),
    related: z.array(z.string()).default([]),
    esco: z.string().url().optional(),
    ambiguous: z.array(label).optional(),
    note: z.string().optional(),
  })
  .strict();

const fileSchema = z.object({ $comment: z.unknown().optional(), concepts: z.array(z.unknown()) }).strict();

export class TaxonomyError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = 'TaxonomyError';
  }
}

interface Located {
  concept: Concept;
  file: string;
  line: number;
}

/** The line of a concept's `"id": "<id>"` in its file: JSON.parse keeps no positions, and ids are unique. */
function lineOf(text: string, id: string): number {
  const at = text.search(new RegExp(`"id"\\s*:\\s*"${id.replace(/[-]/g, '\\-')}"`));
  return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

function jsonFiles(dir: string): string[] {
  const absolute = resolve(dir);
  let isDir = false;
  try {
    isDir = statSync(absolute).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new Error(`taxonomy directory not found: ${absolute}`);
  return readdirSync(absolute)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(absolute, f));
}

function readFile(file: string): Located[] {
  const text = readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const position = /position (\d+)/.exec((err as Error).message);
    const line = position ? text.slice(0, Number(position[1])).split('\n').length : 1;
    throw new TaxonomyError(file, line, `not valid JSON: ${(err as Error).message}`);
  }
  const shape = fileSchema.safeParse(raw);
  if (!shape.success) throw new TaxonomyError(file, 1, 'expected an object { "concepts": [ ... ] }');
  return shape.data.concepts.map((entry, i) => {
    const id = typeof (entry as { id?: unknown })?.id === 'string' ? (entry as { id: string }).id : '';
    const line = id ? lineOf(text, id) : 1;
    const parsed = conceptSchema.safeParse(entry);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new TaxonomyError(
        file,
        line,
        `concept ${id || `#${i + 1}`}: ${issue.path.join('.')}: ${issue.message}`,
      );
    }
    const { note: _note, ...concept } = parsed.data;
    return { concept, file, line };
  });
}

function validate(concepts: Map<string, Located>): void {
  const owners = new Map<string, Located>();
  for (const located of concepts.values()) {
    const { concept, file, line } = located;
    for (const link of [...concept.broader, ...concept.related]) {
      if (!concepts.has(link))
        throw new TaxonomyError(file, line, `${concept.id} links to unknown concept ${link}`);
      if (link === concept.id) throw new TaxonomyError(file, line, `${concept.id} links to itself`);
    }
    const ambiguous = new Set((concept.ambiguous ?? []).map(labelKey));
    const keys = new Set([concept.prefLabel, ...concept.altLabels, ...concept.hiddenLabels].map(labelKey));
    for (const key of keys) {
      if (key === '')
        throw new TaxonomyError(file, line, `${concept.id} has a label with no letters or digits`);
      const other = owners.get(key);
      if (other && !(ambiguous.has(key) && new Set((other.concept.ambiguous ?? []).map(labelKey)).has(key))) {
        throw new TaxonomyError(
          file,
          line,
          `label "${key}" is on both ${other.concept.id} (${other.file}:${other.line}) and ${concept.id}; mark it ambiguous on both or remove one`,
        );
      }
      owners.set(key, located);
    }
  }
  // Broader must be a DAG: a cycle would make every concept on it imply every other.
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      const located = concepts.get(id)!;
      throw new TaxonomyError(located.file, located.line, `broader cycle: ${[...path, id].join(' -> ')}`);
    }
    state.set(id, 'visiting');
    for (const b of concepts.get(id)!.concept.broader) visit(b, [...path, id]);
    state.set(id, 'done');
  };
  for (const id of concepts.keys()) visit(id, []);
}

/** Loads the shipped taxonomy plus the deployment's directories (each must exist), validated. */
export function loadTaxonomy(opts: { dirs?: readonly string[] } = {}): Taxonomy {
  const concepts = new Map<string, Located>();
  const hash = createHash('sha256');
  const add = (located: Located, replacing: boolean) => {
    const existing = concepts.get(located.concept.id);
    if (existing && !replacing) {
      throw new TaxonomyError(
        located.file,
        located.line,
        `concept ${located.concept.id} is already defined at ${existing.file}:${existing.line}`,
      );
    }
    concepts.set(located.concept.id, located);
  };
  for (const file of jsonFiles(SHIPPED_TAXONOMY_DIR)) {
    for (const located of readFile(file)) add(located, false);
  }
  for (const dir of opts.dirs ?? []) {
    const seenInDir = new Set<string>();
    for (const file of jsonFiles(dir)) {
      for (const located of readFile(file)) {
        if (seenInDir.has(located.concept.id)) add(located, false);
        seenInDir.add(located.concept.id);
        add(located, true);
      }
    }
  }
  validate(concepts);
  const ordered = [...concepts.values()].map((l) => l.concept).sort((a, b) => a.id.localeCompare(b.id));
  hash.update(JSON.stringify(ordered));
  return new Taxonomy(ordered, hash.digest('hex').slice(0, 16));
}
