import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { findCycles } from '../../scripts/check-cycles.ts';

const run = promisify(execFile);
const SCRIPT = join(import.meta.dirname, '../../scripts/check-cycles.ts');

describe('the import cycle check', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A folder of modules: name -> source. */
  function project(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'vm-cycles-'));
    dirs.push(dir);
    for (const [name, source] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), source);
    }
    return dir;
  }

  it('finds two files that import each other, a longer circle, and a type-only one', () => {
    const dir = project({
      'a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
      'b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n",
      'x/one.ts': "export { two } from './two.ts';\n",
      'x/two.ts': "import { three } from '../y/three.ts';\nexport const two = three;\n",
      'y/three.ts': "import type { two } from '../x/one.ts';\nexport const three: typeof two | 3 = 3;\n",
      'leaf.ts': "import { a } from './a.ts';\nimport fs from 'node:fs';\nexport const leaf = [a, fs];\n",
    });
    const cycles = findCycles([dir]).map((c) => c.map((f) => f.slice(dir.length + 1)));
    expect(cycles).toHaveLength(2);
    expect(cycles).toContainEqual(['a.ts', 'b.ts', 'a.ts']);
    expect(cycles).toContainEqual(['x/one.ts', 'x/two.ts', 'y/three.ts', 'x/one.ts']);
  });

  it('does not count a dynamic import(), which runs after both modules have loaded', () => {
    const dir = project({
      'cli.ts': "export const load = () => import('./command.ts');\n",
      'command.ts': "import { load } from './cli.ts';\nexport const again = load;\n",
    });
    expect(findCycles([dir])).toEqual([]);
  });

  it('as a command: exit 1 naming the circle, exit 0 without one', async () => {
    const cyclic = project({
      'a.ts': "import './b.ts';\n",
      'b.ts': "import './a.ts';\n",
    });
    const failed = await run('node', ['--import', 'tsx', SCRIPT, cyclic]).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toMatch(
      /1 import cycle\(s\):\n.*a\.ts -> .*b\.ts -> .*a\.ts/,
    );

    const clean = project({ 'a.ts': "import './b.ts';\n", 'b.ts': 'export {};\n' });
    expect((await run('node', ['--import', 'tsx', SCRIPT, clean])).stdout).toBe('no import cycles\n');
  });
});
