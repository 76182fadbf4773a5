import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeCandidateBatch } from '../../indexer/import.ts';
import { validateCandidate, validateJobOrder } from '../../indexer/validate.ts';
import type { AppContext } from '../context.ts';
import type { CandidateWrite } from '../ports/candidates.ts';
import { generateCandidates, generateJobOrders } from './generate.ts';

/** The demo's tenants: three jobcentre, so tenancy (404 for another jobcenter's data) can be tried at once. */
export const DEMO_JOBCENTRE = [
  { id: '751', name: 'Jobcenter Aarhus' },
  { id: '101', name: 'Jobcenter København' },
  { id: '461', name: 'Jobcenter Odense' },
] as const;

export const DEMO_JOB_ORDERS_PER_JOBCENTER = 10;
export const DEMO_TOKENS_FILE = 'demo-tokens.txt';
/** Present while a seed runs: a seed cut short (killed, crashed) is resumed at the next start, not left half-done. */
const SEED_MARKER = 'demo-seed.incomplete';
const TOKEN_LABEL_PREFIX = 'demo:';
const BATCH = 1000;

export interface SeedTokens {
  /** Konsulent tokens by jobcenter id; '751' is the one the banner and README use. */
  konsulent: Record<string, string>;
  /** Only when no ADMIN_TOKEN is configured. */
  admin?: string;
}

export interface SeedResult {
  jobcentre: Array<{ id: string; name: string }>;
  candidates: number;
  jobOrders: number;
  tokens: SeedTokens;
  tokensFile: string;
  ms: number;
}

/**
 * True when this DATA_DIR holds nothing yet (no candidates, job orders or jobcentre), or an earlier seed was cut
 * short. Data of one's own, imported before the first start, is never mixed with demo data.
 */
export async function shouldSeed(ctx: AppContext): Promise<boolean> {
  if (existsSync(join(ctx.config.DATA_DIR, SEED_MARKER))) return true;
  if ((await ctx.stores.candidates.count()) > 0) return false;
  if ((await ctx.stores.jobOrders.list({}, { limit: 1 })).items.length > 0) return false;
  return (await ctx.stores.access.listJobcentre()).length === 0;
}

/**
 * Seeds demo data through the same code paths as an import: generated candidates are validated and written by
 * the indexer's batch writer (Store and index together), job orders by the Store's upsert. Every write is an
 * upsert by (jobcenter, externalId) with fixed seeds, so resuming a cut-short seed adds nothing twice.
 */
export async function seedDemo(
  ctx: AppContext,
  options: { candidates: number; today?: string } = { candidates: 3000 },
): Promise<SeedResult> {
  const started = Date.now();
  const marker = join(ctx.config.DATA_DIR, SEED_MARKER);
  writeFileSync(marker, `seed started ${new Date().toISOString()}\n`);

  const known = new Set((await ctx.stores.access.listJobcentre()).map((j) => j.id));
  for (const jc of DEMO_JOBCENTRE) if (!known.has(jc.id)) await ctx.stores.access.createJobcenter(jc);

  // The same share per jobcenter (the generator would weight by population and give København most of them).
  let candidates = 0;
  for (const [i, jc] of DEMO_JOBCENTRE.entries()) {
    const share =
      Math.floor(options.candidates / DEMO_JOBCENTRE.length) +
      (i < options.candidates % DEMO_JOBCENTRE.length ? 1 : 0);
    let batch: CandidateWrite[] = [];
    for (const raw of generateCandidates(share, {
      seed: 100 + i,
      jobcentre: [jc.id],
      today: options.today,
    })) {
      const valid = validateCandidate(raw);
      // The generator only makes valid candidates; one that is not is a bug to hear about, not to skip.
      if (!valid.ok)
        throw new Error(`generated demo candidate ${raw.externalId} is invalid: ${valid.reason}`);
      batch.push(valid.value);
      if (batch.length === BATCH) {
        await writeCandidateBatch(ctx, batch);
        candidates += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) await writeCandidateBatch(ctx, batch);
    candidates += batch.length;
  }

  let jobOrders = 0;
  for (const [i, jc] of DEMO_JOBCENTRE.entries()) {
    const orders = [
      ...generateJobOrders(DEMO_JOB_ORDERS_PER_JOBCENTER, {
        seed: 200 + i,
        jobcentre: [jc.id],
        today: options.today,
      }),
    ].map((raw) => {
      const valid = validateJobOrder(raw);
      if (!valid.ok)
        throw new Error(`generated demo job order ${raw.externalId} is invalid: ${valid.reason}`);
      return { jobOrder: valid.value };
    });
    await ctx.stores.jobOrders.upsert(orders);
    jobOrders += orders.length;
  }

  // Tokens of a seed cut short were never shown to anyone: revoke them rather than leave working tokens about.
  for (const t of await ctx.stores.access.listTokens()) {
    if (t.label.startsWith(TOKEN_LABEL_PREFIX)) await ctx.stores.access.revokeToken(t.id);
  }
  const tokens: SeedTokens = { konsulent: {} };
  for (const jc of DEMO_JOBCENTRE) {
    const { token } = await ctx.stores.access.createToken({
      role: 'konsulent',
      jobcenter: jc.id,
      label: `${TOKEN_LABEL_PREFIX} konsulent ${jc.name}`,
    });
    tokens.konsulent[jc.id] = token;
  }
  if (!ctx.config.ADMIN_TOKEN) {
    tokens.admin = (
      await ctx.stores.access.createToken({ role: 'admin', label: `${TOKEN_LABEL_PREFIX} admin` })
    ).token;
  }

  // Shown once on the terminal, and kept here for whoever missed the banner: readable by the service user only.
  const tokensFile = join(ctx.config.DATA_DIR, DEMO_TOKENS_FILE);
  rmSync(tokensFile, { force: true });
  writeFileSync(tokensFile, tokensText(tokens), { mode: 0o600 });
  rmSync(marker, { force: true });
  return {
    jobcentre: DEMO_JOBCENTRE.map((j) => ({ ...j })),
    candidates,
    jobOrders,
    tokens,
    tokensFile,
    ms: Date.now() - started,
  };
}

function tokensText(tokens: SeedTokens): string {
  const lines = [
    '# Vikarmatch demo tokens, created when the demo data was seeded. Use: Authorization: Bearer <token>',
    ...DEMO_JOBCENTRE.map((jc) => `konsulent ${jc.id} (${jc.name}): ${tokens.konsulent[jc.id]}`),
    ...(tokens.admin ? [`admin: ${tokens.admin}`] : ['admin: the ADMIN_TOKEN from the environment']),
  ];
  return `${lines.join('\n')}\n`;
}
