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

/**
 * Where each concept of a file starts: the line of its `"id": "<id>"`, the `occurrence`-th one for an id written
 * more than once (JSON.parse keeps no positions). A concept without a usable id falls back to the line of the
 * `index`-th `{` that opens an object inside the concepts array, which is exact for the usual one-object-per-entry
 * layout and close otherwise.
 */
function lineOf(text: string, id: string, occurrence: number): number | undefined {
  const pattern = new RegExp(`"id"\\s*:\\s*${escapeRegExp(JSON.stringify(id))}`, 'g');
  let match: RegExpExecArray | null = null;
  for (let n = 0; n <= occurrence; n++) {
    match = pattern.exec(text);
    if (!match) return undefined;
  }
  return lineAt(text, match!.index);
}

function entryLine(text: string, index: number): number {
  const start = text.search(/"concepts"\s*:\s*\[/);
  if (start < 0) return 1;
  let depth = 0;
  let entries = 0;
  let inString = false;
  for (let i = text.indexOf('[', start) + 1; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') {
      if (depth === 0 && entries++ === index) return lineAt(text, i);
      depth++;
    } else if (ch === '}' || ch === ']') {
      if (depth === 0) break;
      depth--;
    }
  }
  return 1;
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
    // A truncated file has no position in the message: it ends where the text ends.
    const at = position ? Number(position[1]) : /end of JSON/i.test((err as Error).message) ? text.length : 0;
    const line = lineAt(text, at);
    throw new TaxonomyError(file, line, `not valid JSON: ${(err as Error).message}`);
  }
  const shape = fileSchema.safeParse(raw);
  if (!shape.success) throw new TaxonomyError(file, 1, 'expected an object { "concepts": [ ... ] }');
  const seen = new Map<string, number>();
  return shape.data.concepts.map((entry, i) => {
    const id = typeof (entry as { id?: unknown })?.id === 'string' ? (entry as { id: string }).id : '';
    const occurrence = seen.get(id) ?? 0;
    seen.set(id, occurrence + 1);
    const line = (id ? lineOf(text, id, occurrence) : undefined) ?? entryLine(text, i);
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
    for (const key of ambiguous)
      if (!keys.has(key))
        throw new TaxonomyError(file, line, `${concept.id} marks "${key}" ambiguous but has no such label`);
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
