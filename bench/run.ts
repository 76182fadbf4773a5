/**
 * `npm run bench`: every figure next to a baseline measured in the same run, plus absolute times and the machine.
 * Each section runs in a child process so its peak RSS is its own. Sections: scoring, shortlist, ingest, json, http,
 * load, scale, postgres.
 *   npm run bench                      all sections at 100k candidates (several minutes)
 *   npm run bench -- --full            the same plus the shortlist section at 1M (half an hour more on 2 cores)
 *   npm run bench -- --section scoring one section, printed as JSON
 *   npm run bench -- --section shortlist --size 1000000   one section at another size
 *   npm run bench -- --section load    req/s and p99 of reads, writes and shortlists over loopback (100k candidates)
 *   npm run bench -- --section concepts --size 20000   concept extraction per CV (not in the full run)
 *   npm run bench -- --section scale --size 1000000    server start to ready, cold and from the index snapshot
 *   npm run bench -- --section postgres  SQLite beside PostgreSQL: ingest, shortlist over HTTP, change-feed lag
 *                                        (20k candidates, a throwaway local cluster; skipped when none can start)
 */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { postgresUnavailable } from '../test/support/postgres.ts';

const { values } = parseArgs({
  options: {
    section: { type: 'string' },
    size: { type: 'string' },
    full: { type: 'boolean' },
    // The default since 1M moved behind --full; still accepted.
    quick: { type: 'boolean' },
  },
});

if (values.section) {
  const defaults: Record<string, number> = { load: 15_000, postgres: 20_000 };
  const size = Number(values.size ?? defaults[values.section] ?? 100_000);
  const mod = await import(`./${values.section}.ts`);
  const result = await mod.run(size);
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  const cpu = cpus();
  console.log(
    `Vikarmatch benchmarks — ${cpu.length} cores (${cpu[0]?.model ?? 'unknown cpu'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  const plan: Array<[string, number]> = [
    ['scoring', 100_000],
    ['shortlist', 100_000],
    ...(values.full && !values.quick ? ([['shortlist', 1_000_000]] as Array<[string, number]>) : []),
    ['ingest', 100_000],
    ...(values.full && !values.quick ? ([['ingest', 1_000_000]] as Array<[string, number]>) : []),
    ['json', 100_000],
    ['http', 100_000],
    ['load', 100_000],
    ['scale', 100_000],
    ...(values.full && !values.quick ? ([['scale', 1_000_000]] as Array<[string, number]>) : []),
    ['postgres', 20_000],
  ];
  for (const [section, size] of plan) {
    const unavailable = section === 'postgres' ? postgresUnavailable() : undefined;
    if (unavailable) {
      console.log(`\n## ${section}: ${unavailable}`);
      continue;
    }
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--max-old-space-size=4096',
        '--expose-gc',
        new URL(import.meta.url).pathname,
        '--section',
        section,
        '--size',
        String(size),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 2 ** 20 },
    );
    if (child.status !== 0) {
      console.log(`${section} ${size}: failed (exit ${child.status})`);
      process.exitCode = 1;
      continue;
    }
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!);
    console.log(`\n## ${section} — ${size.toLocaleString('en')} candidates`);
    for (const [key, value] of Object.entries(result)) console.log(`  ${key}: ${value}`);
  }
}
