import { prepareCandidate } from '../src/adapters/shared/candidate-rows.ts';
import type { CandidateWrite } from '../src/ports/candidates.ts';
import { type Outcome, outcomeOf } from './accept.ts';
import { ndjsonRecord } from './sources/ndjson.ts';
import type { SourceRecord } from './sources/types.ts';

/** A line of an NDJSON file as the reader hands it on: its text, or why it could not be read. */
export type LineItem = { line: number; text: string } | { line: number; error: string };

/**
 * Parse, validate, analyse and prepare for the Store, as one worker thread does for a chunk of lines: the CPR is
 * hashed here, so it never leaves this step in clear. Outcomes come back in line order; blank lines give none.
 */
export function analyseLines(file: string, lines: readonly LineItem[], cprKey: Buffer): Outcome[] {
  const out: Outcome[] = [];
  for (const item of lines) {
    const record: SourceRecord | undefined =
      'error' in item
        ? { ok: false, file, line: item.line, error: item.error }
        : ndjsonRecord(file, item.line, item.text);
    if (!record) continue;
    const outcome = outcomeOf(record, 'candidates');
    if (!outcome.ok) out.push(outcome);
    else
      out.push({
        ok: true,
        origin: outcome.origin,
        prepared: prepareCandidate(outcome.value as CandidateWrite, cprKey),
      });
  }
  return out;
}
