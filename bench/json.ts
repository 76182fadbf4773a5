import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSONParser } from '@streamparser/json';
import { JsonScanner } from '../indexer/sources/json-scanner.ts';
import { textChunks } from '../indexer/sources/read-text.ts';
import { generateCandidates } from '../src/demo/generate.ts';
import { fmt, TODAY, timeAsync } from './util.ts';

const ROUNDS = 3;

/**
 * The streaming JSON reader against a kept library: the same pretty-printed array of candidates, the same decoded
 * chunks, each element handed out as an object. The library does less (no line numbers, no recovery after a
 * broken element), so this is the most it could gain.
 */
export async function run(size: number) {
  const dir = mkdtempSync(join(tmpdir(), 'vm-bench-json-'));
  try {
    const file = join(dir, 'candidates.json');
    const out = createWriteStream(file);
    out.write('[\n');
    let i = 0;
    for (const c of generateCandidates(size, { seed: 3, today: TODAY })) {
      const text = JSON.stringify(c, null, 2);
      if (!out.write(i++ === 0 ? text : `,\n${text}`)) await once(out, 'drain');
    }
    out.end('\n]\n');
    await once(out, 'finish');

    const scanner = async () => {
      const s = new JsonScanner(file, 'candidates');
      let n = 0;
      for await (const chunk of textChunks(file)) n += s.push(chunk).length;
      return n + s.end().length;
    };
    const library = async () => {
      const p = new JSONParser({ paths: ['$.*'], keepStack: false });
      let n = 0;
      p.onValue = () => {
        n++;
      };
      for await (const chunk of textChunks(file)) p.write(chunk);
      // The parser ends by itself once the top-level array closes.
      if (!p.isEnded) p.end();
      return n;
    };

    // Alternating rounds, best of each: both see the same warm file cache and JIT state.
    let ownMs = Number.POSITIVE_INFINITY;
    let libMs = Number.POSITIVE_INFINITY;
    for (let r = 0; r < ROUNDS; r++) {
      const own = await timeAsync(scanner);
      const lib = await timeAsync(library);
      if (own.value !== size || lib.value !== size) {
        throw new Error(`records read: scanner ${own.value}, library ${lib.value}, expected ${size}`);
      }
      ownMs = Math.min(ownMs, own.ms);
      libMs = Math.min(libMs, lib.ms);
    }
    const mb = statSync(file).size / 2 ** 20;
    return {
      file: `${size.toLocaleString('en')} candidates, ${mb.toFixed(0)} MB pretty-printed JSON array (best of ${ROUNDS})`,
      'indexer JsonScanner': `${fmt(ownMs)} — ${(mb / (ownMs / 1000)).toFixed(0)} MB/s`,
      '@streamparser/json': `${fmt(libMs)} — ${(mb / (libMs / 1000)).toFixed(0)} MB/s`,
      'library / scanner': `${(libMs / ownMs).toFixed(1)}×`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
