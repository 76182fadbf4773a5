import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli.ts';

async function vikar(args: string[], env: NodeJS.ProcessEnv = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (d) => out.push(String(d)));
  stderr.on('data', (d) => err.push(String(d)));
  const code = await run(args, { stdout, stderr, env, isTTY: false });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('vikar explain-text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vm-explain-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints each concept with span, words as written, label, kind, context and match, then the words not understood', async () => {
    const r = await vikar([
      'explain-text',
      'Har Truck-certifikat og SAP EWM. Ingen erfaring med WMS. Lagerstyringssytem',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^4 concept\(s\) found/);
    expect(lines[1]).toBe(
      '  4-20  "Truck-certifikat"  -> truckcertifikat [truckcertifikat, certificate]  own experience',
    );
    expect(lines[2]).toMatch(
      /^ {2}24-31 {2}"SAP EWM" {2}-> SAP EWM \[sap-ewm, knowledge; implies lagerstyringssystem.*\] {2}own experience$/,
    );
    expect(lines[3]).toMatch(/"WMS" {2}-> lagerstyringssystem .*negated, does not count$/);
    expect(lines[4]).toMatch(
      /"Lagerstyringssytem" {2}-> lagerstyringssystem .*own experience, read as a typo$/,
    );
    expect(lines[5]).toBe('not understood: ingen, erfaring');
  });

  it('prints JSON with --json, reads a file with --file, and uses TAXONOMY_DIR', async () => {
    const taxonomyDir = join(dir, 'taxonomy');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(taxonomyDir);
    writeFileSync(
      join(taxonomyDir, 'extra.json'),
      JSON.stringify({ concepts: [{ id: 'tagarbejde', kind: 'skill', prefLabel: 'tagarbejde' }] }),
    );
    const file = join(dir, 'cv.txt');
    writeFileSync(file, 'Tagarbejde og frimærkesamling');
    const r = await vikar(['explain-text', '--file', file, '--json'], { TAXONOMY_DIR: taxonomyDir });
    expect(r.code, r.stderr).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body.mentions.map((m: { concept: string }) => m.concept)).toEqual(['tagarbejde']);
    expect(body.words).toEqual(['frimærkesamling']);
    expect(typeof body.taxonomyVersion).toBe('string');
  });

  it('exits 2 without a text', async () => {
    const r = await vikar(['explain-text']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no text given/);
  });

  it('runs as a spawned process', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', 'explain-text', '--json', 'truckcert.'],
      {
        encoding: 'utf8',
        env: { ...process.env, TAXONOMY_DIR: '' },
      },
    );
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).mentions[0]).toMatchObject({
      concept: 'truckcertifikat',
      foundAs: 'truckcert.',
    });
  });
});
