import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Never part of the documentation: dependencies, build output, local data. */
const SKIP_DIRS = new Set(['node_modules', '.git', 'coverage', 'dist', '.bench-cache']);
const SKIP_TOP = new Set(['data', 'tmp']);

function markdownFiles(dir = ROOT): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (SKIP_DIRS.has(entry.name) || (dir === ROOT && SKIP_TOP.has(entry.name))) continue;
      files.push(...markdownFiles(full));
    } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) files.push(full);
  }
  return files.sort();
}

interface Link {
  line: number;
  target: string;
}

/**
 * Link targets in a Markdown text: inline links and images `[text](target "title")`, reference definitions
 * `[label]: target`, and `href`/`src` in inline HTML. Fenced code blocks and code spans are skipped, since what
 * they show is an example, not a link.
 */
function linkTargets(markdown: string): Link[] {
  const links: Link[] = [];
  let fence: string | undefined;
  markdown.split('\n').forEach((raw, i) => {
    const fenceMark = /^\s{0,3}(`{3,}|~{3,})/.exec(raw)?.[1];
    if (fence) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined;
      return;
    }
    if (fenceMark) {
      fence = fenceMark;
      return;
    }
    const line = raw.replace(/(`+)[\s\S]*?\1/g, '');
    const add = (target: string) => links.push({ line: i + 1, target });
    for (const m of line.matchAll(/!?\[[^\]]*\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+["'(][^)]*)?\)/g)) {
      add(m[1]!.replace(/^<|>$/g, ''));
    }
    const definition = /^\s{0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)/.exec(line);
    if (definition) add(definition[1]!.replace(/^<|>$/g, ''));
    for (const m of line.matchAll(/\b(?:href|src)\s*=\s*["']([^"']+)["']/g)) add(m[1]!);
  });
  return links;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered -1, -2, … */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | undefined;
  for (const raw of markdown.split('\n')) {
    const fenceMark = /^\s{0,3}(`{3,}|~{3,})/.exec(raw)?.[1];
    if (fence) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length) fence = undefined;
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      continue;
    }
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(raw)?.[1];
    if (heading === undefined) continue;
    const slug = heading
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

/** Every relative link in `file` whose target file (or heading) does not exist, as `file:line: target`. */
function brokenLinks(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const broken: string[] = [];
  for (const { line, target } of linkTargets(text)) {
    // Absolute URLs (https:, mailto:, …) and protocol-relative ones point outside the repository.
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;
    const [rawPath = '', anchor] = target.split('#', 2);
    const relPath = decodeURIComponent(rawPath.split('?')[0]!);
    const resolved = relPath === '' ? file : path.resolve(path.dirname(file), relPath);
    const where = `${path.relative(ROOT, file)}:${line}: ${target}`;
    if (relPath.startsWith('/') || !resolved.startsWith(ROOT + path.sep) || !fs.existsSync(resolved)) {
      broken.push(`${where} (no such file in the repository)`);
      continue;
    }
    if (anchor && resolved.toLowerCase().endsWith('.md')) {
      if (!headingAnchors(fs.readFileSync(resolved, 'utf8')).has(decodeURIComponent(anchor).toLowerCase()))
        broken.push(`${where} (no such heading)`);
    }
  }
  return broken;
}

describe('links in the Markdown files', () => {
  it('finds the README and the other Markdown files, but nothing in node_modules', () => {
    const files = markdownFiles().map((f) => path.relative(ROOT, f));
    expect(files).toContain('README.md');
    expect(files).toContain(path.join('indexer', 'sources', 'CSV.md'));
    expect(files.filter((f) => f.split(path.sep).includes('node_modules'))).toEqual([]);
  });

  it('every relative link points at a file in the repository, and an anchor at a heading there', () => {
    const broken = markdownFiles().flatMap(brokenLinks);
    expect(broken).toEqual([]);
  });

  it('reads inline, reference and HTML links and skips code', () => {
    const md = [
      '# Title',
      'See [the CSV format](indexer/sources/CSV.md#the-file "CSV") and ![logo](<docs/a b.png>).',
      '[ref]: ./CONTRACT.md',
      '<a href="web/index.html">web</a> and `[not](a-link.md)` and https://example.com',
      '```md',
      '[inside](a-fence.md)',
      '```',
      '## Title',
    ].join('\n');
    expect(linkTargets(md)).toEqual([
      { line: 2, target: 'indexer/sources/CSV.md#the-file' },
      { line: 2, target: 'docs/a b.png' },
      { line: 3, target: './CONTRACT.md' },
      { line: 4, target: 'web/index.html' },
    ]);
    expect([...headingAnchors(md)]).toEqual(['title', 'title-1']);
    expect([...headingAnchors('## Reliability and security: `npm run bench` (p99, 5xx)')]).toEqual([
      'reliability-and-security-npm-run-bench-p99-5xx',
    ]);
    expect([...headingAnchors('### Data sources and licences ✓')]).toEqual(['data-sources-and-licences-']);
  });
});
