import { parseArgs } from 'node:util';
import type { CandidateExport } from '../api/schemas/candidate-export.ts';
import { auditExport, buildCandidateExport, type ExportActor } from '../api/services/candidate-export.ts';
import { loadConfig } from '../config.ts';
import { createContext } from '../context.ts';
import type { CandidateRecord } from '../ports/candidates.ts';
import { type CliIo, UsageError, write } from './io.ts';

const USAGE = `usage: vikar export candidates (--jobcenter <id> | --id <candidateId>) [--json]
  Everything held about each person (right of access): the record, workflow on every order, CV bundles they were
  in, placements, and who read their CV. Never the CPR or its hash. Each export is recorded in the audit log.
  --json: one JSON object per candidate per line (NDJSON) on stdout; without it, a readable summary.`;

/** The audit log's actor for an export run by an operator on the server's own machine. */
const CLI_ACTOR: ExportActor = { tokenId: 'cli', label: 'vikar export', role: 'admin', jobcenter: null };
const PAGE = 200;

export async function main(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      jobcenter: { type: 'string' },
      id: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    write(io.stdout, USAGE);
    return 0;
  }
  if (positionals[0] !== 'candidates' || positionals.length !== 1)
    throw new UsageError(`vikar export exports candidates\n${USAGE}`);
  if ((values.jobcenter === undefined) === (values.id === undefined))
    throw new UsageError(`give either --jobcenter or --id\n${USAGE}`);

  const ctx = await createContext(loadConfig(io.env));
  try {
    const emit = async (record: CandidateRecord) => {
      const out = await buildCandidateExport(ctx, record);
      await auditExport(ctx, CLI_ACTOR, record, 'cli');
      write(io.stdout, values.json ? JSON.stringify(out) : summary(out));
    };
    if (values.id !== undefined) {
      const record = await ctx.stores.candidates.get(values.id);
      if (!record || (values.jobcenter !== undefined && record.jobcenter !== values.jobcenter)) {
        write(io.stderr, `candidate ${values.id} is unknown`);
        return 1;
      }
      await emit(record);
      return 0;
    }
    let after: string | undefined;
    let n = 0;
    do {
      const page = await ctx.stores.candidates.list({ jobcenter: values.jobcenter! }, { limit: PAGE, after });
      for (const record of page.items) {
        await emit(record);
        n++;
      }
      after = page.next ?? undefined;
    } while (after);
    write(io.stderr, `exported ${n} candidate${n === 1 ? '' : 's'} of jobcenter ${values.jobcenter}`);
    return 0;
  } finally {
    await ctx.close();
  }
}

/** A page a person can read: what is held, then each kind of record one line each. */
function summary(e: CandidateExport): string {
  const c = e.candidate;
  const lines = [
    `Kandidat ${c.name ?? '(uden navn)'} — ${c.externalId}, jobcenter ${c.jobcenter}, id ${c.id}`,
    `  oprettet ${c.createdAt}, senest ændret ${c.updatedAt}; søgbar: ${c.consent.searchable ? 'ja' : 'nej'}, deles i fællesskab: ${c.consent.shareWithPool ? 'ja' : 'nej'}`,
    `  kompetencer: ${c.competences.join(', ') || '-'}`,
    `  forløb på ordrer: ${e.workflow.length}`,
    ...e.workflow.map(
      (w) =>
        `    ${w.jobOrder.title ?? w.jobOrder.id} (${w.jobOrder.companyName ?? '-'}): ${w.state}, ${w.history.length} trin`,
    ),
    `  CV-pakker: ${e.bundles.length}`,
    ...e.bundles.map(
      (b) =>
        `    ${b.id} til ordre ${b.jobOrderId}, ${b.createdAt}: ${b.opened ? `åbnet ${b.firstOpenedAt}` : 'ikke åbnet'}`,
    ),
    `  ansættelser: ${e.placements.length}`,
    ...e.placements.map((p) => `    ordre ${p.jobOrderId}: ${p.outcome ?? 'intet udfald endnu'}`),
    `  læst af (log): ${e.auditLog.length}`,
    ...e.auditLog.map(
      (a) =>
        `    ${a.at} ${a.action} af ${a.by.label}${a.by.jobcenter ? ` (jobcenter ${a.by.jobcenter})` : ''}`,
    ),
    '',
  ];
  return lines.join('\n');
}
