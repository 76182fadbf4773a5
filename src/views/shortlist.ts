import type { Shortlist } from '../domain/shortlist.ts';
import type { ShortlistRecord } from '../ports/shortlists.ts';

/** The external shape of a bruttoliste (the stable API contract), shared by the API and `vikar shortlist --json`. */
export function shortlistView(r: ShortlistRecord): Shortlist {
  return {
    id: r.id,
    jobOrderId: r.jobOrderId,
    status: r.status,
    scope: r.scope,
    size: r.size,
    strategy: r.strategy,
    createdAt: r.createdAt,
    completedAt: r.completedAt,
    candidatesConsidered: r.candidatesConsidered,
    entries: r.entries,
    nearMisses: r.nearMisses,
    ...(r.error ? { error: r.error } : {}),
    ...(r.effectiveScope && r.effectiveScope !== 'auto' ? { effectiveScope: r.effectiveScope } : {}),
    ...(r.widened !== undefined ? { widened: r.widened } : {}),
  };
}

const pad = (s: string, n: number) => (s.length >= n ? s.slice(0, n) : s + ' '.repeat(n - s.length));
const num = (x: number, digits = 2) => x.toFixed(digits).replace('.', ',');

/** A readable table for a terminal: one line per candidate, then what matched, then the near misses. */
export function shortlistTable(s: Shortlist, title: string): string {
  const lines: string[] = [];
  lines.push(
    `Bruttoliste for ${title} — ${s.entries.length} kandidater (${s.candidatesConsidered} vurderet, scope ${s.scope}, ${s.strategy})`,
  );
  lines.push('');
  lines.push(
    `${pad('#', 4)}${pad('kandidat', 22)}${pad('jc', 5)}${pad('score', 7)}${pad('komp', 6)}${pad('afst', 6)}${pad('ledig', 7)}${pad('km', 7)}${pad('mdr', 5)}${pad('trin', 5)}jobrotation`,
  );
  for (const e of s.entries) {
    lines.push(
      `${pad(String(e.rank), 4)}${pad(e.externalId, 22)}${pad(e.jobcenter, 5)}${pad(num(e.score), 7)}${pad(num(e.breakdown.competence), 6)}${pad(num(e.breakdown.distance), 6)}${pad(num(e.breakdown.unemployment), 7)}${pad(num(e.distanceKm, 1), 7)}${pad(String(e.unemployedMonths), 5)}${pad(String(e.fitTier ?? e.fitBand), 5)}${e.eligibility.eligible ? 'ja' : 'nej'}`,
    );
    lines.push(`    ${e.explanation}`);
  }
  if (s.nearMisses.length > 0) {
    lines.push('');
    lines.push('Tæt på, men faldt fra:');
    for (const n of s.nearMisses) lines.push(`  ${pad(n.externalId, 22)}${n.reasons.join('; ')}`);
  }
  if (s.error) lines.push('', `Fejl: ${s.error}`);
  return lines.join('\n');
}
