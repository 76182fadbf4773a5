import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { type EvalResult, evaluate, K } from './evaluate.ts';

export const DEFAULTS = { candidates: 3000, orders: 40, seed: 20261203 } as const;

const USAGE = `usage: npm run eval -- [--candidates N] [--orders N] [--seed S] [--json]`;

function wholeNumber(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number >= 1\n${USAGE}`);
  return n;
}

const fmt = (x: number | null, digits = 3) => (x === null ? '–' : x.toFixed(digits));

/** The figures as a table like the one konsulenter were shown: baseline, fit-first, weighted. */
export function table(r: EvalResult): string {
  const row = (label: string, s: EvalResult['systems']['baseline'], claims: boolean) =>
    `| ${label} | ${fmt(s.ndcg)} | ${fmt(s.recall, 2)} | ${
      claims
        ? `${(s.claims.rate * 100).toFixed(1)} % (${s.claims.false} of ${s.claims.claims}; must-haves ${s.claims.mustFalse} of ${s.claims.mustClaims})`
        : '–'
    } |`;
  return [
    `Vikarmatch evaluation: ${r.candidates} candidates, ${r.orders} job orders, seed ${r.seed}, ${r.cores} cores, ${r.seconds.toFixed(1)} s`,
    `(${r.ordersWithRelevant} orders with a relevant candidate, ${r.ordersWithFullyFitting} with a fully fitting one)`,
    '',
    `| | NDCG@${K} | recall@${K} (fully fitting) | matched phrases the candidate does not have |`,
    '|---|---|---|---|',
    row('literal keyword baseline, same filters', r.systems.baseline, false),
    row('Vikarmatch fit-first', r.systems['fit-first'], true),
    row('Vikarmatch weighted', r.systems.weighted, true),
    '',
    `fit-first / baseline: NDCG ${fmt(r.ratio['fit-first'].ndcg, 2)}×, recall ${fmt(r.ratio['fit-first'].recall, 2)}×`,
    `weighted / baseline:  NDCG ${fmt(r.ratio.weighted.ndcg, 2)}×, recall ${fmt(r.ratio.weighted.recall, 2)}×`,
  ].join('\n');
}

/** What `--json` prints: the figures and, per order, what each system returned, without the generated set. */
export function machineReadable(r: EvalResult) {
  const { set: _set, ...rest } = r;
  return rest;
}

export async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      candidates: { type: 'string' },
      orders: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const result = await evaluate({
    candidates: wholeNumber(values.candidates, DEFAULTS.candidates, 'candidates'),
    orders: wholeNumber(values.orders, DEFAULTS.orders, 'orders'),
    seed: wholeNumber(values.seed, DEFAULTS.seed, 'seed'),
    cores: availableParallelism(),
    onProgress: (m) => process.stderr.write(`${m}\n`),
  });
  process.stdout.write(`${values.json ? JSON.stringify(machineReadable(result), null, 2) : table(result)}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
