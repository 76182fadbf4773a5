/**
 * Builds scoring/taxonomy/data/*.json from the hand-written sources in scripts/taxonomy/source/*.txt plus ESCO's
 * English labels. The JSON is the committed data (and what a deployment copies to override); the sources are
 * easier to curate: one concept per line.
 *
 *   node --import tsx scripts/taxonomy/build.ts [--check]
 *
 * Source line:  id | kind | pref; alt; alt | hidden; hidden | broader ids | related ids | esco
 *   kind: occ, skill, cert, know, soft
 *   a label written "?label" is marked ambiguous (it must then be on another concept too, also with "?")
 *   esco: "o:<English preferred label>" (occupation) or "s:<English preferred label>" (skill), resolved to the
 *   conceptUri; its English preferred and alternative labels are added as hidden labels unless written "o!:" / "s!:"
 *   (URI only) or they collide with a hand-written label or another concept's ESCO label (then dropped on both).
 * Lines starting with "#" are comments; "#> text" becomes the file's $comment.
 *
 * With --check the script writes nothing and fails when the committed JSON differs from what it would build.
 *
 * ESCO is read from scripts/taxonomy/esco-used.csv, the rows of ESCO the sources name and nothing else. After
 * naming a new ESCO concept in a source, run once with --esco-dir=<directory with ESCO's occupations_en.csv and
 * skills_en.csv> to rebuild that extract from the full classification.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { labelWordKey } from '../../scoring/concepts/compile.ts';
import { type Concept, type ConceptKind, labelKey } from '../../scoring/taxonomy/taxonomy.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const sourceDir = join(root, 'scripts/taxonomy/source');
const outDir = join(root, 'scoring/taxonomy/data');
const escoExtract = join(root, 'scripts/taxonomy/esco-used.csv');
const escoExcluded = new Set(
  readFileSync(join(root, 'scripts/taxonomy/esco-excluded.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map(labelKey),
);
const escoDir = process.argv.find((a) => a.startsWith('--esco-dir='))?.slice('--esco-dir='.length);

const KINDS: Record<string, ConceptKind> = {
  occupation: 'occupation',
  certificate: 'certificate',
  knowledge: 'knowledge',
  'soft-skill': 'soft-skill',
  occ: 'occupation',
  skill: 'skill',
  cert: 'certificate',
  know: 'knowledge',
  soft: 'soft-skill',
};

/** English ESCO labels too general to identify a concept in a Danish CV on their own. */
const GENERIC = new Set(
  [
    'operator',
    'worker',
    'assistant',
    'helper',
    'technician',
    'driver',
    'manager',
    'cleaner',
    'labourer',
    'laborer',
    'attendant',
    'clerk',
    'officer',
    'agent',
    'advisor',
    'adviser',
    'specialist',
    'consultant',
    'supervisor',
    'coordinator',
    'mechanic',
    'fitter',
    'installer',
    'inspector',
    'porter',
    'handler',
    'picker',
    'packer',
    'guard',
  ].map(labelKey),
);

interface EscoEntry {
  uri: string;
  labels: string[];
  row: { kind: 'o' | 's'; conceptUri: string; preferredLabel: string; altLabels: string };
}

type EscoRow = EscoEntry['row'];

function escoEntries(rows: EscoRow[]): Map<string, EscoEntry> {
  const byLabel = new Map<string, EscoEntry>();
  for (const row of rows) {
    const labels = [row.preferredLabel, ...(row.altLabels ? row.altLabels.split('|') : [])]
      .map((l) => l.replace(/\s+/g, ' ').trim())
      .filter((l) => l.length > 0 && l.length <= 80 && !/[(),;/]/.test(l));
    byLabel.set(`${row.kind}:${row.preferredLabel.toLowerCase()}`, { uri: row.conceptUri, labels, row });
  }
  return byLabel;
}

function readEsco(): Map<string, EscoEntry> {
  const csv = (file: string) =>
    parse(readFileSync(file, 'utf8'), { columns: true }) as Array<Record<string, string>>;
  if (!escoDir) return escoEntries(csv(escoExtract) as unknown as EscoRow[]);
  const full = (file: string, kind: 'o' | 's') =>
    csv(join(escoDir, file)).map((r) => ({
      kind,
      conceptUri: r.conceptUri!,
      preferredLabel: r.preferredLabel!,
      altLabels: r.altLabels ?? '',
    }));
  return escoEntries([...full('occupations_en.csv', 'o'), ...full('skills_en.csv', 's')]);
}

function writeEscoExtract(used: EscoRow[]): void {
  const q = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const rows = [...new Map(used.map((r) => [r.conceptUri, r])).values()].sort((a, b) =>
    a.conceptUri.localeCompare(b.conceptUri),
  );
  writeFileSync(
    escoExtract,
    `kind,conceptUri,preferredLabel,altLabels\n${rows.map((r) => [r.kind, r.conceptUri, r.preferredLabel, r.altLabels].map(q).join(',')).join('\n')}\n`,
  );
}

/** Key under which two labels differ only by inflection (Snowball stems per word). */
export function stemKey(label: string, kind?: string): string {
  return labelKey(
    label
      .toLowerCase()
      .split(/[^\p{L}\p{N}+#]+/u)
      .filter(Boolean)
      .map((w) => labelWordKey(w, kind))
      .join(''),
  );
}

interface Draft {
  concept: Concept & { altLabels: string[]; hiddenLabels: string[]; ambiguous?: string[] };
  file: string;
  line: number;
  escoLabels: string[];
}

function splitList(field: string | undefined): string[] {
  return (field ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Labels that differ from an earlier label of the same concept only by inflection: the matcher stems, so they add
 * nothing but a padded count. */
const redundant: string[] = [];
/** Label keys that came from ESCO rather than the hand-written sources. */
const escoAdded = new Set<string>();
function dropInflections(d: Draft): void {
  const seen = new Set<string>();
  const keep = (l: string) => {
    const sk = stemKey(l, d.concept.kind);
    if (seen.has(sk)) {
      redundant.push(`${d.file}.txt:${d.line} ${d.concept.id}: "${l}"`);
      return false;
    }
    seen.add(sk);
    return true;
  };
  keep(d.concept.prefLabel);
  d.concept.altLabels = d.concept.altLabels.filter(keep);
  d.concept.hiddenLabels = d.concept.hiddenLabels.filter(keep);
}

function build(): Map<string, { comment: string; drafts: Draft[] }> {
  const escoIndex = readEsco();
  const escoUsed: EscoRow[] = [];
  const files = new Map<string, { comment: string; drafts: Draft[] }>();
  const problems: string[] = [];
  for (const name of readdirSync(sourceDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const file = basename(name, '.txt');
    const entry = { comment: '', drafts: [] as Draft[] };
    files.set(file, entry);
    readFileSync(join(sourceDir, name), 'utf8')
      .split('\n')
      .forEach((raw, i) => {
        const line = raw.trim();
        if (line.startsWith('#>')) entry.comment += (entry.comment ? ' ' : '') + line.slice(2).trim();
        if (!line || line.startsWith('#')) return;
        const where = `${name}:${i + 1}`;
        const [id, kind, labels, hidden, broader, related, esco] = line.split('|').map((f) => f.trim());
        if (!id || !/^[a-z0-9][a-z0-9-]*$/.test(id) || !kind || !KINDS[kind] || !labels) {
          problems.push(`${where}: needs id (a-z, 0-9, -) | kind | labels`);
          return;
        }
        const ambiguous: string[] = [];
        const clean = (l: string) => {
          if (!l.startsWith('?')) return l;
          ambiguous.push(l.slice(1));
          return l.slice(1);
        };
        const [pref, ...alt] = splitList(labels).map(clean);
        let uri: string | undefined;
        let escoLabels: string[] = [];
        if (esco) {
          const m = /^([os])(!?):(.+)$/.exec(esco);
          const found = m ? escoIndex.get(`${m[1]}:${m[3]!.trim().toLowerCase()}`) : undefined;
          if (!found) problems.push(`${where}: ESCO ${esco} not found`);
          else {
            uri = found.uri;
            escoUsed.push(found.row);
            if (m![2] !== '!') escoLabels = found.labels;
          }
        }
        entry.drafts.push({
          concept: {
            id,
            kind: KINDS[kind]!,
            prefLabel: pref!,
            altLabels: alt,
            hiddenLabels: splitList(hidden).map(clean),
            broader: splitList(broader?.replace(/,/g, ';')),
            related: splitList(related?.replace(/,/g, ';')),
            ...(uri ? { esco: uri } : {}),
            ...(ambiguous.length ? { ambiguous } : {}),
          },
          file,
          line: i + 1,
          escoLabels,
        });
      });
  }
  const all = [...files.values()].flatMap((f) => f.drafts);
  // Hand-written labels: a key on two concepts must be marked ambiguous on both (the loader says the same later,
  // but here with the source line).
  const handOwners = new Map<string, Draft[]>();
  const stemOwners = new Map<string, Draft>();
  for (const d of all) dropInflections(d);
  for (const d of all) {
    const seenStems = new Map<string, string>();
    for (const l of [d.concept.prefLabel, ...d.concept.altLabels, ...d.concept.hiddenLabels]) {
      const key = labelKey(l);
      const owners = handOwners.get(key) ?? [];
      if (!owners.includes(d)) owners.push(d);
      handOwners.set(key, owners);
      const sk = stemKey(l, d.concept.kind);
      seenStems.set(sk, l);
      const other = stemOwners.get(sk);
      if (other && other !== d && !(d.concept.ambiguous ?? []).some((a) => stemKey(a, d.concept.kind) === sk))
        problems.push(
          `${d.file}.txt:${d.line}: "${l}" (${d.concept.id}) stems like a label of ${other.concept.id} (${other.file}.txt:${other.line})`,
        );
      stemOwners.set(sk, d);
    }
  }
  for (const [key, owners] of handOwners) {
    if (owners.length < 2) continue;
    const marked = owners.every((o) => (o.concept.ambiguous ?? []).some((a) => labelKey(a) === key));
    if (!marked)
      problems.push(
        `label "${key}" on ${owners.map((o) => `${o.concept.id} (${o.file}.txt:${o.line})`).join(', ')}`,
      );
  }
  const ids = new Set<string>();
  for (const d of all) {
    if (ids.has(d.concept.id)) problems.push(`${d.file}.txt:${d.line}: duplicate id ${d.concept.id}`);
    ids.add(d.concept.id);
  }
  for (const d of all)
    for (const link of [...d.concept.broader, ...d.concept.related])
      if (!ids.has(link)) problems.push(`${d.file}.txt:${d.line}: ${d.concept.id} links to unknown ${link}`);
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  if (escoDir && !process.argv.includes('--check')) writeEscoExtract(escoUsed);
  // ESCO labels: kept only where they identify exactly one concept and add something the hand labels lack.
  const escoOwners = new Map<string, Set<Draft>>();
  for (const d of all)
    for (const l of d.escoLabels) {
      const key = labelKey(l);
      const set = escoOwners.get(key) ?? new Set();
      set.add(d);
      escoOwners.set(key, set);
    }
  const stemTaken = new Set(stemOwners.keys());
  for (const d of all) {
    for (const l of d.escoLabels) {
      const key = labelKey(l);
      const sk = stemKey(l, d.concept.kind);
      if (
        GENERIC.has(key) ||
        escoExcluded.has(key) ||
        handOwners.has(key) ||
        escoOwners.get(key)!.size > 1 ||
        stemTaken.has(sk)
      )
        continue;
      stemTaken.add(sk);
      d.concept.hiddenLabels.push(l);
      escoAdded.add(key);
    }
  }
  return files;
}

function render(comment: string, drafts: Draft[]): string {
  const q = (v: unknown) => JSON.stringify(v);
  const blocks = drafts.map(({ concept: c }) => {
    const lines = [
      `    { "id": ${q(c.id)}, "kind": ${q(c.kind)}, "prefLabel": ${q(c.prefLabel)},`,
      `      "altLabels": ${q(c.altLabels)},`,
      `      "hiddenLabels": ${q(c.hiddenLabels)},`,
      `      "broader": ${q(c.broader)}, "related": ${q(c.related)}` +
        (c.ambiguous ? `, "ambiguous": ${q(c.ambiguous)}` : '') +
        (c.esco ? `,\n      "esco": ${q(c.esco)}` : ''),
    ];
    return `${lines.join('\n')} }`;
  });
  return `{\n  "$comment": ${q(comment || 'Generated by scripts/taxonomy/build.ts; curate the source, not this file.')},\n  "concepts": [\n${blocks.join(',\n')}\n  ]\n}\n`;
}

const check = process.argv.includes('--check');
const files = build();
let stale = false;
for (const [file, { comment, drafts }] of files) {
  const target = join(outDir, `${file}.json`);
  const text = render(comment, drafts);
  if (check) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      console.error(`stale: ${target}`);
      stale = true;
    }
  } else writeFileSync(target, text);
}
const labels = new Set<string>();
const stems = new Set<string>();
let concepts = 0;
for (const { drafts } of files.values())
  for (const { concept: c } of drafts) {
    concepts += 1;
    for (const l of [c.prefLabel, ...c.altLabels, ...c.hiddenLabels]) {
      labels.add(labelKey(l));
      stems.add(stemKey(l, c.kind));
    }
  }
console.log(
  `${concepts} concepts, ${labels.size} distinct label keys (${labels.size - escoAdded.size} hand-written, ${escoAdded.size} ESCO English), ${stems.size} distinct stem keys`,
);
if (process.argv.includes('--verbose')) console.log(`dropped as inflections:\n${redundant.join('\n')}`);
else
  console.log(
    `${redundant.length} labels dropped as inflections of another label of the same concept (--verbose lists them)`,
  );
if (stale) process.exit(1);
