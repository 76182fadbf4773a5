import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadTaxonomy, SHIPPED_TAXONOMY_DIR, TaxonomyError } from '../../scoring/taxonomy/load.ts';
import { CONCEPT_KINDS, labelKey, Taxonomy } from '../../scoring/taxonomy/taxonomy.ts';
import { stem } from '../../scoring/text/stem.ts';
import { loadConfig } from '../../src/config.ts';
import { createContext } from '../../src/context.ts';
import { createTestApi } from '../api/helpers.ts';
import { spawnNode } from '../runtime/processes.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'vm-taxonomy-'));
  dirs.push(dir);
  return dir;
}

/** A TAXONOMY_DIR holding the given files (name -> text). */
function overrideDir(files: Record<string, string>): string {
  const dir = tmp();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** One concept per line, as a curator writes an override file, so each id is on a known line (2 + index). */
function conceptsFile(concepts: Array<Record<string, unknown>>): string {
  return `{ "concepts": [\n${concepts.map((c) => `  ${JSON.stringify(c)}`).join(',\n')}\n] }\n`;
}

function concept(id: string, labels: string[], extra: Record<string, unknown> = {}) {
  const [prefLabel, ...altLabels] = labels;
  return { id, kind: 'skill', prefLabel, altLabels, ...extra };
}

function loadError(dir: string): TaxonomyError {
  try {
    loadTaxonomy({ dirs: [dir] });
  } catch (error) {
    expect(error).toBeInstanceOf(TaxonomyError);
    return error as TaxonomyError;
  }
  throw new Error('expected the taxonomy to be refused');
}

const stemKey = (label: string) =>
  labelKey(
    label
      .toLowerCase()
      .split(/[^\p{L}\p{N}+#]+/u)
      .filter(Boolean)
      .map((w) => stem(w))
      .join(''),
  );

describe('the shipped taxonomy', () => {
  const taxonomy = loadTaxonomy();
  const labelKeys = new Set([...taxonomy.labels()].map((l) => labelKey(l.label)));

  it('loads with at least 600 concepts, 6,000 distinct labels and every kind', () => {
    expect(taxonomy.size).toBeGreaterThanOrEqual(600);
    expect(labelKeys.size).toBeGreaterThanOrEqual(6000);
    const kinds = new Set([...taxonomy.concepts()].map((c) => c.kind));
    expect([...kinds].sort()).toEqual([...CONCEPT_KINDS].sort());
  });

  it('covers every domain a jobcenter fills with vikarer, plus the shared files', () => {
    const files = readdirSync(SHIPPED_TAXONOMY_DIR).filter((f) => f.endsWith('.json'));
    const sizes = Object.fromEntries(
      files.map((f) => [
        f.replace(/\.json$/, ''),
        (JSON.parse(readFileSync(join(SHIPPED_TAXONOMY_DIR, f), 'utf8')) as { concepts: unknown[] }).concepts
          .length,
      ]),
    );
    for (const domain of [
      'lager-logistik',
      'transport-chauffoer',
      'industri-produktion',
      'bygge-anlaeg-haandvaerk',
      'rengoering-service',
      'koekken-kantine',
      'detail-butik',
      'kontor-administration-oekonomi',
      'it-support',
      'paedagogik-dagtilbud',
      'social-sundhed-aeldrepleje',
      'landbrug-gartneri',
      'hotel-restaurant',
      'sikkerhed',
      'certifikater',
      'sprog',
      'it-vaerktoejer',
      'bloede-kompetencer',
    ]) {
      expect(sizes[domain], domain).toBeGreaterThanOrEqual(15);
    }
  });

  it('holds the links the matching relies on', () => {
    const implies = (narrow: string, broad: string) => taxonomy.selfAndBroader(narrow).includes(broad);
    expect(implies('fiskeafdeling', 'ferskvarer')).toBe(true);
    expect(implies('koelediske', 'ferskvarer')).toBe(true);
    expect(implies('slagterafdeling', 'ferskvarer')).toBe(true);
    expect(implies('sap-ewm', 'lagerstyringssystem')).toBe(true);
    expect(implies('sharepoint', 'microsoft-365')).toBe(true);
    expect(implies('onedrive', 'microsoft-365')).toBe(true);
    expect(implies('reachtruck-koersel', 'truckcertifikat')).toBe(true);
    expect(implies('koerekort-ce', 'koerekort-b')).toBe(true);
    // Related, never implied: a lift certificate is no truck certificate.
    expect(implies('liftcertifikat', 'truckcertifikat')).toBe(false);
    expect(taxonomy.relatedTo('truckcertifikat')).toContain('liftcertifikat');
    expect(taxonomy.relatedTo('liftcertifikat')).toContain('truckcertifikat');
  });

  it('has the labels people write, each on the concept it means', () => {
    const owner = new Map<string, string[]>();
    for (const l of taxonomy.labels())
      owner.set(labelKey(l.label), [...(owner.get(labelKey(l.label)) ?? []), l.conceptId]);
    const of = (label: string) => owner.get(labelKey(label));
    expect(of('truckcert.')).toEqual(['truckcertifikat']);
    expect(of('kørekort til gaffeltruck')).toEqual(['truckcertifikat']);
    expect(of('SOSU')).toEqual(['sosu']);
    expect(of('PAU')).toEqual(['paedagogisk-assistent']);
    expect(of('SharePoint-administration')).toEqual(['sharepoint']);
    expect(of('warehouse worker')).toEqual(['lagermedarbejder']);
    expect(of('operatør')?.sort()).toEqual(['maskinoperatoer', 'produktionsmedarbejder']);
  });

  it('never uses a generic word as a label', () => {
    const generic = ['erfaring', 'arbejde', 'medarbejder', 'kursus', 'system', 'job', 'leder', 'god', 'vagt'];
    for (const l of taxonomy.labels())
      expect(generic, `${l.conceptId}: ${l.label}`).not.toContain(labelKey(l.label));
  });

  it('does not pad a concept with inflections of its own labels', () => {
    for (const c of taxonomy.concepts()) {
      const stems = [c.prefLabel, ...c.altLabels, ...c.hiddenLabels].map(stemKey);
      expect(new Set(stems).size, c.id).toBe(stems.length);
    }
  });

  it('has no one-word labels of different concepts one typo apart, except the known pairs', () => {
    // The matcher forgives one edit in words of six or more letters; these pairs are real words of both concepts,
    // so an exact (or stem) match must win over a typo match.
    const known = new Set(
      [
        'bagerekspedient~lagerekspedient',
        'industribager~industribageri',
        'bagerlaerling~lagerlaerling',
        'bagermedarbejder~lagermedarbejder',
        'slagter~slagteri',
        'slagtermedarbejder~slagterimedarbejder',
        'mixolog~mixologi',
        'portier~portoer',
        'porter~portier',
        'budchauffoer~buschauffoer',
        'budkoerer~buskoerer',
        'havemedarbejder~havnemedarbejder',
        'milking~milling',
        'fugning~lugning',
        'bogholder~bogholderi',
        'kontering~montering',
        'kodning~lodning',
        // The work and the worker: an exact word is read as written, see WORKER in scoring/concepts/compile.ts.
        'koekkenarbejde~koekkenarbejder',
        'produktionsarbejde~produktionsarbejder',
      ].map((pair) => pair.split('~').sort().join('~')),
    );
    const owners = new Map<string, Set<string>>();
    for (const l of taxonomy.labels()) {
      if (/[\s-]/.test(l.label.trim())) continue;
      const key = labelKey(l.label);
      if (key.length < 6) continue;
      owners.set(key, (owners.get(key) ?? new Set()).add(l.conceptId));
    }
    const oneEdit = (a: string, b: string): boolean => {
      if (a.length > b.length) [a, b] = [b, a];
      if (b.length - a.length > 1) return false;
      if (a.length === b.length) {
        const diff = [...a].flatMap((ch, i) => (ch === b[i] ? [] : [i]));
        return (
          diff.length === 1 ||
          (diff.length === 2 &&
            diff[1] === diff[0]! + 1 &&
            a[diff[0]!] === b[diff[1]!] &&
            a[diff[1]!] === b[diff[0]!])
        );
      }
      for (let i = 0; i < b.length; i++) if (b.slice(0, i) + b.slice(i + 1) === a) return true;
      return false;
    };
    const byLength = new Map<number, string[]>();
    for (const key of owners.keys()) byLength.set(key.length, [...(byLength.get(key.length) ?? []), key]);
    const unexpected: string[] = [];
    for (const key of owners.keys()) {
      for (const other of [...(byLength.get(key.length) ?? []), ...(byLength.get(key.length + 1) ?? [])]) {
        if (other <= key && other.length === key.length) continue;
        const shared = [...owners.get(key)!].some((id) => owners.get(other)!.has(id));
        if (!shared && oneEdit(key, other) && !known.has([key, other].sort().join('~')))
          unexpected.push(`${key} ~ ${other}`);
      }
    }
    expect(unexpected).toEqual([]);
  });

  it('is built from the sources in scripts/taxonomy (the committed JSON is not edited by hand)', async () => {
    const build = spawnNode('scripts/taxonomy/build.ts', ['--check'], {});
    expect(await build.exited, build.output()).toBe(0);
  }, 60_000);
});

describe('loading refuses a taxonomy that does not hold together, with file and line', () => {
  it('invalid JSON', () => {
    const dir = overrideDir({ 'x.json': '{ "concepts": [\n  { "id": "a", }\n] }\n' });
    const error = loadError(dir);
    expect(error.file).toBe(join(dir, 'x.json'));
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/x\.json:2: not valid JSON/);
  });

  it('a truncated file, at its end', () => {
    const dir = overrideDir({ 'x.json': '{ "concepts": [\n  { "id": "a",\n' });
    expect(loadError(dir).line).toBe(3);
  });

  it('a bad field, on the concept', () => {
    const dir = overrideDir({
      'x.json': conceptsFile([
        concept('x-ok', ['x-ok-label']),
        { id: 'x-bad', kind: 'hobby', prefLabel: 'x-bad-label' },
      ]),
    });
    const error = loadError(dir);
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/x\.json:3: concept x-bad: kind/);
  });

  it('a concept without an id, on its own line', () => {
    const dir = overrideDir({
      'x.json': conceptsFile([concept('x-ok', ['x-ok-label']), { kind: 'skill', prefLabel: 'x-no-id' }]),
    });
    const error = loadError(dir);
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/concept #2: id/);
  });

  it('an unknown field', () => {
    const dir = overrideDir({ 'x.json': conceptsFile([concept('x-a', ['x-a-label'], { narrower: [] })]) });
    expect(loadError(dir).message).toMatch(/x\.json:2: concept x-a: .*narrower/);
  });

  it('a link to an unknown concept', () => {
    const dir = overrideDir({
      'x.json': conceptsFile([
        concept('x-a', ['x-a-label']),
        concept('x-b', ['x-b-label'], { broader: ['x-nope'] }),
      ]),
    });
    expect(loadError(dir).message).toMatch(/x\.json:3: x-b links to unknown concept x-nope/);
  });

  it('a broader cycle', () => {
    const dir = overrideDir({
      'x.json': conceptsFile([
        concept('x-a', ['x-a-label'], { broader: ['x-b'] }),
        concept('x-b', ['x-b-label'], { broader: ['x-c'] }),
        concept('x-c', ['x-c-label'], { broader: ['x-a'] }),
      ]),
    });
    const error = loadError(dir);
    expect(error.message).toMatch(/broader cycle: .*x-a.*x-b.*x-c/);
    expect(error.file).toBe(join(dir, 'x.json'));
    expect([2, 3, 4]).toContain(error.line);
  });

  it('a cycle through a shipped concept', () => {
    const dir = overrideDir({
      'x.json': conceptsFile([concept('x-ferskvarer-over', ['x-over'], { broader: ['fiskeafdeling'] })]),
      'y.json': conceptsFile([
        {
          ...concept('ferskvarer', ['ferskvarer']),
          kind: 'knowledge',
          broader: ['x-ferskvarer-over'],
        },
      ]),
    });
    expect(loadError(dir).message).toMatch(/broader cycle/);
  });

  it('a label on two concepts, naming both places; marked ambiguous on both it is allowed', () => {
    const clash = overrideDir({
      'x.json': conceptsFile([
        concept('x-a', ['x-fælles', 'x-a-only']),
        concept('x-b', ['x-b-only', 'X-Faelles']),
      ]),
    });
    const error = loadError(clash);
    expect(error.message).toMatch(/x\.json:3: label "xfaelles" is on both x-a \(.*x\.json:2\) and x-b/);

    const oneSided = overrideDir({
      'x.json': conceptsFile([
        concept('x-a', ['x-fælles', 'x-a-only'], { ambiguous: ['x-fælles'] }),
        concept('x-b', ['x-b-only', 'x-fælles']),
      ]),
    });
    expect(loadError(oneSided).message).toMatch(/mark it ambiguous on both/);

    const marked = overrideDir({
      'x.json': conceptsFile([
        concept('x-a', ['x-fælles', 'x-a-only'], { ambiguous: ['x-fælles'] }),
        concept('x-b', ['x-b-only', 'x-faelles'], { ambiguous: ['x-faelles'] }),
      ]),
    });
    const taxonomy = loadTaxonomy({ dirs: [marked] });
    const owners = [...taxonomy.labels()]
      .filter((l) => labelKey(l.label) === 'xfaelles')
      .map((l) => l.conceptId);
    expect(owners.sort()).toEqual(['x-a', 'x-b']);
  });

  it('a label shared with a shipped concept', () => {
    const dir = overrideDir({ 'x.json': conceptsFile([concept('x-truck', ['Truck-certifikat'])]) });
    expect(loadError(dir).message).toMatch(
      /label "truckcertifikat" is on both truckcertifikat .* and x-truck/,
    );
  });

  it('an ambiguous mark on a label the concept does not have', () => {
    const dir = overrideDir({
      'x.json': conceptsFile([concept('x-a', ['x-a-label'], { ambiguous: ['x-other'] })]),
    });
    expect(loadError(dir).message).toMatch(/x\.json:2: x-a marks "xother" ambiguous but has no such label/);
  });

  it('a duplicate id in one file, at the second definition', () => {
    const dir = overrideDir({
      'x.json': conceptsFile([
        concept('x-a', ['x-a-label']),
        concept('x-b', ['x-b-label']),
        concept('x-a', ['x-a2']),
      ]),
    });
    const error = loadError(dir);
    expect(error.line).toBe(4);
    expect(error.message).toMatch(/x\.json:4: concept x-a is already defined at .*x\.json:2/);
  });

  it('a duplicate id across two files of one directory', () => {
    const dir = overrideDir({
      'a.json': conceptsFile([concept('x-a', ['x-a-label'])]),
      'b.json': conceptsFile([concept('x-z', ['x-z-label']), concept('x-a', ['x-a-other'])]),
    });
    const error = loadError(dir);
    expect(error.file).toBe(join(dir, 'b.json'));
    expect(error.message).toMatch(/b\.json:3: concept x-a is already defined at .*a\.json:2/);
  });

  it('a file that is not { "concepts": [...] }', () => {
    const dir = overrideDir({ 'x.json': '[]\n' });
    expect(loadError(dir).message).toMatch(/x\.json:1: expected an object/);
  });
});

describe('TAXONOMY_DIR overrides', () => {
  it('replaces a shipped concept by id and adds new ones; other files in the directory are ignored', () => {
    const shipped = loadTaxonomy();
    const dir = overrideDir({
      'lokal.json': conceptsFile([
        {
          id: 'truckcertifikat',
          kind: 'certificate',
          prefLabel: 'truckcertifikat',
          altLabels: ['truckbevis', 'lokalt truckkørekort'],
          related: ['liftcertifikat'],
        },
        concept('lokal-robotplukning', ['robotplukning', 'plukkerobot'], { broader: ['ordreplukning'] }),
      ]),
      'README.txt': 'not a taxonomy file',
    });
    const taxonomy = loadTaxonomy({ dirs: [dir] });
    expect(taxonomy.size).toBe(shipped.size + 1);
    expect(taxonomy.get('truckcertifikat')?.altLabels).toEqual(['truckbevis', 'lokalt truckkørekort']);
    const labels = new Set([...taxonomy.labels()].map((l) => labelKey(l.label)));
    // The replaced concept's shipped labels are gone with it.
    expect(labels.has(labelKey('truckcert.'))).toBe(false);
    expect(labels.has(labelKey('lokalt truckkørekort'))).toBe(true);
    expect(taxonomy.selfAndBroader('lokal-robotplukning')).toContain('ordreplukning');
    expect(taxonomy.selfAndNarrower('ordreplukning')).toContain('lokal-robotplukning');
    // Narrower concepts of the replaced one still point at it.
    expect(taxonomy.selfAndNarrower('truckcertifikat')).toContain('reachtruck-koersel');
    expect(taxonomy.version).not.toBe(shipped.version);
  });

  it('a missing directory is an error', () => {
    const missing = join(tmp(), 'findes-ikke');
    expect(() => loadTaxonomy({ dirs: [missing] })).toThrow(/taxonomy directory not found: .*findes-ikke/);
  });

  it('the version is stable for the same content', () => {
    expect(loadTaxonomy().version).toBe(loadTaxonomy().version);
  });
});

describe('related and broader lookups', () => {
  it('relatedTo is symmetric and built once', () => {
    const taxonomy = new Taxonomy(
      [
        {
          id: 'a',
          kind: 'skill',
          prefLabel: 'a',
          altLabels: [],
          hiddenLabels: [],
          broader: [],
          related: ['b'],
        },
        {
          id: 'b',
          kind: 'skill',
          prefLabel: 'b',
          altLabels: [],
          hiddenLabels: [],
          broader: [],
          related: ['c'],
        },
        {
          id: 'c',
          kind: 'skill',
          prefLabel: 'c',
          altLabels: [],
          hiddenLabels: [],
          broader: ['a'],
          related: ['b'],
        },
      ],
      'v',
    );
    expect([...taxonomy.relatedTo('a')]).toEqual(['b']);
    expect([...taxonomy.relatedTo('b')].sort()).toEqual(['a', 'c']);
    expect([...taxonomy.relatedTo('c')]).toEqual(['b']);
    expect(taxonomy.relatedTo('nope')).toEqual([]);
    expect(taxonomy.relatedTo('b')).toBe(taxonomy.relatedTo('b'));
  });
});

describe('start-up refuses a broken TAXONOMY_DIR', () => {
  const broken = () =>
    overrideDir({ 'lokal.json': conceptsFile([concept('x-a', ['x-a-label'], { broader: ['x-nope'] })]) });

  it('building the context fails with file and line, before a database is created', async () => {
    const taxonomyDir = broken();
    const dataDir = tmp();
    const config = loadConfig({
      DATA_DIR: dataDir,
      ADMIN_TOKEN: 'test-admin-token-0123456789abcdef',
      TAXONOMY_DIR: taxonomyDir,
    });
    await expect(createContext(config)).rejects.toThrow(/lokal\.json:2: x-a links to unknown concept x-nope/);
    expect(existsSync(join(dataDir, 'vikarmatch.db'))).toBe(false);
  });

  it('building the test app fails the same way', async () => {
    await expect(createTestApi({ env: { TAXONOMY_DIR: broken() } })).rejects.toThrow(/lokal\.json:2:/);
  });

  it('the server process exits non-zero and prints file and line', async () => {
    const dataDir = tmp();
    mkdirSync(dataDir, { recursive: true });
    const server = spawnNode('src/server.ts', [], {
      DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      TAXONOMY_DIR: broken(),
    });
    const code = await server.exited;
    expect(code).not.toBe(0);
    expect(server.output()).toMatch(/lokal\.json:2: x-a links to unknown concept x-nope/);
  }, 60_000);
});
