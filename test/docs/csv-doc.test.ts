import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importPath, summaryLine } from '../../indexer/import.ts';
import { loadConfig } from '../../src/config.ts';
import { type AppContext, createContext } from '../../src/context.ts';

const DOC = path.resolve(import.meta.dirname, '../../indexer/sources/CSV.md');

interface Example {
  file: string;
  content: string;
  kind: 'candidates' | 'job-orders';
  output: string[];
}

/** Each ```csv <file>``` block of CSV.md with the ```console``` block after it: the command and what it prints. */
function examples(): Example[] {
  const text = fs.readFileSync(DOC, 'utf8');
  const found: Example[] = [];
  const pattern = /```csv (\S+)\n([\s\S]*?)```\s*(?:[^`]*?)```console\n([\s\S]*?)```/g;
  for (const [, file, content, consoleBlock] of text.matchAll(pattern)) {
    const [command, ...output] = consoleBlock!.trimEnd().split('\n');
    const m = /^\$ npx vikar import (candidates|job-orders) (\S+)$/.exec(command!);
    if (!m || m[2] !== file) throw new Error(`CSV.md: the console block after ${file} must import it`);
    found.push({ file: file!, content: content!, kind: m[1] as Example['kind'], output });
  }
  return found;
}

describe('the examples in indexer/sources/CSV.md', () => {
  let dir: string;
  let ctx: AppContext;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vm-csv-doc-'));
    ctx = await createContext(loadConfig({ DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' }));
  });
  afterEach(async () => {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has a candidate and a job-order example', () => {
    expect(examples().map((e) => e.kind)).toEqual(['candidates', 'job-orders']);
  });

  it.each(examples().map((e) => [e.file, e] as const))(
    '%s imports with exactly the output shown',
    async (_, ex) => {
      const file = path.join(dir, ex.file);
      fs.writeFileSync(file, ex.content);
      const printed: string[] = [];
      const summary = await importPath(file, ex.kind, ctx, {
        onRejected: (r) => printed.push(`rejected ${path.relative(dir, r.file)}:${r.line}: ${r.reason}`),
      });
      printed.push(summaryLine(summary));
      expect(printed).toEqual(ex.output);
    },
  );

  it('reads the Danish Excel cells of the candidate example as the page says', async () => {
    const ex = examples().find((e) => e.kind === 'candidates')!;
    const file = path.join(dir, ex.file);
    fs.writeFileSync(file, ex.content);
    await importPath(file, 'candidates', ctx);
    const mette = (await ctx.stores.candidates.find('751', 'aarhus-000123'))!.candidate;
    expect(mette).toMatchObject({
      unemployedSince: '2026-01-15',
      competences: ['truckcertifikat B', 'lagerstyring', 'plukning'],
      educations: [{ title: 'Lagerassistent', level: 'eud' }],
      experience: [{ title: 'Lagermedarbejder', from: '2019-03-01', to: '2025-12-31' }],
      languages: ['dansk', 'engelsk'],
      driversLicences: ['B'],
      consent: { searchable: true, shareWithPool: true, contactByCompany: false },
    });
    const lukasz = (await ctx.stores.candidates.find('751', 'aarhus-000124'))!.candidate;
    expect(lukasz).toMatchObject({
      name: 'Łukasz Wiśniewski',
      weeklyHours: 37.5,
      competences: ['kassebetjening', 'varemodtagelse'],
      experience: [{ title: 'Ekspedient', from: '2020-01-01' }],
      consent: { searchable: true, shareWithPool: false, contactByCompany: true },
    });
  });
});
