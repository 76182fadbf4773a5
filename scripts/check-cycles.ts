/**
 * Fails (exit 1) when the project's modules import each other in a circle, and prints each circle.
 *
 * Every static import and re-export of a relative `.ts`/`.js` file counts, `import type` included: a type-only
 * cycle costs nothing at runtime, but it still ties two modules together so neither can move or be understood
 * without the other, which is what this check is for. Dynamic `import()` does not count: it runs after both
 * modules have loaded, and the CLI uses it on purpose to load commands on demand. Package imports are outside
 * the project and cannot close a circle through it.
 *
 * Usage: node --import tsx scripts/check-cycles.ts [dir ...]   (defaults to the project's source folders)
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

export const SOURCE_DIRS = ['src', 'indexer', 'workers', 'scoring', 'bench', 'bin', 'test', 'scripts'];

const SOURCE_FILE = /\.(ts|mts|js|mjs)$/;

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (SOURCE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** The relative module specifiers a file imports or re-exports statically. */
export function staticImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    if (
      (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      specifiers.push(statement.moduleSpecifier.text);
    }
  }
  return specifiers.filter((s) => s.startsWith('./') || s.startsWith('../'));
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile() && SOURCE_FILE.test(c));
}

/** Every import circle among the files under `dirs`, each as the files along it (the first one repeated last). */
export function findCycles(dirs: string[]): string[][] {
  const files = dirs.flatMap((d) => sourceFiles(resolve(d)));
  const known = new Set(files);
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const targets = staticImports(file)
      .map((s) => resolveImport(file, s))
      .filter((t): t is string => t !== undefined && known.has(t));
    edges.set(file, [...new Set(targets)].sort());
  }

  // Tarjan's strongly connected components: every circle lies inside one component of two or more files (or
  // one file importing itself).
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) components.push(component);
    }
  };
  for (const file of [...files].sort()) if (!index.has(file)) visit(file);

  // One concrete circle per component, found by a breadth-first walk back to its first file.
  return components.map((component) => {
    const members = new Set(component);
    const start = [...component].sort()[0]!;
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
      const v = queue.shift()!;
      for (const w of edges.get(v) ?? []) {
        if (!members.has(w)) continue;
        if (w === start) {
          const along: string[] = [];
          for (let at = v; at !== start; at = previous.get(at)!) along.unshift(at);
          return [start, ...along, start];
        }
        if (!previous.has(w)) {
          previous.set(w, v);
          queue.push(w);
        }
      }
    }
    return [start, start];
  });
}

function main(args: string[]): number {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const dirs = args.length > 0 ? args.map((a) => resolve(a)) : SOURCE_DIRS.map((d) => join(root, d));
  const cycles = findCycles(dirs);
  if (cycles.length === 0) {
    process.stdout.write('no import cycles\n');
    return 0;
  }
  process.stderr.write(`${cycles.length} import cycle(s):\n`);
  for (const cycle of cycles) {
    process.stderr.write(`  ${cycle.map((f) => relative(process.cwd(), f)).join(' -> ')}\n`);
  }
  return 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
