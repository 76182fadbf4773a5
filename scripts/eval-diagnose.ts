/**
 * Where the matching loses on the evaluation set: per order, the fully fitting candidates a strategy left out of
 * its top while it listed weaker ones, with how each phrase was understood and which concepts the candidate got;
 * and every false claim with the CV text that caused it. Lives outside eval/ because it reads the scorer, which the
 * evaluation itself must never do.
 *
 *   node --import tsx scripts/eval-diagnose.ts [--candidates N] [--orders N] [--seed S] [--strategy fit-first|weighted]
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { evaluate, K } from '../eval/evaluate.ts';
import type { EvalCandidate, EvalOrder } from '../eval/generate.ts';
import { grade } from '../eval/judge.ts';
import { candidateConcepts, extractMentions } from '../scoring/concepts/extract.ts';
import { understandPhrase } from '../scoring/concepts/phrase.ts';
import { cleanFieldTexts, type ProfileSource } from '../scoring/profile.ts';
import { loadTaxonomy } from '../scoring/taxonomy/load.ts';

const { values } = parseArgs({
  options: {
    candidates: { type: 'string' },
    orders: { type: 'string' },
    seed: { type: 'string' },
    strategy: { type: 'string' },
  },
});
/** The same defaults as `npm run eval` (eval/run.ts runs on import, so they are repeated here). */
const DEFAULTS = { candidates: 3000, orders: 40, seed: 20261203 };
const taxonomy = loadTaxonomy();
const strategies = values.strategy ? [values.strategy] : ['fit-first', 'weighted'];
const result = await evaluate({
  candidates: Number(values.candidates ?? DEFAULTS.candidates),
  orders: Number(values.orders ?? DEFAULTS.orders),
  seed: Number(values.seed ?? DEFAULTS.seed),
  cores: availableParallelism(),
});
const candidates = new Map(result.set.candidates.map((c) => [c.externalId, c]));
const orders = new Map(result.set.orders.map((o) => [o.externalId, o]));

const sourceOf = (c: EvalCandidate): ProfileSource => c.record as ProfileSource;
const conceptsOf = (c: EvalCandidate) => candidateConcepts(sourceOf(c), taxonomy);

/** Whether the candidate's extracted concepts cover a phrase the way matching does (concept or a narrower one). */
function covers(c: EvalCandidate, phrase: string): boolean {
  const u = understandPhrase(phrase, taxonomy);
  if (u.concepts.length === 0) return false;
  const held = new Set(conceptsOf(c).map((x) => x.concept));
  return u.concepts.every((id) => taxonomy.selfAndNarrower(id).some((n) => held.has(n)));
}

function describeOrder(o: EvalOrder): string {
  const lines = [`${o.externalId} (${o.profile}) "${(o.record as { title: string }).title}"`];
  for (const [kind, list] of [
    ['must', o.must],
    ['nice', o.nice],
  ] as const) {
    for (const p of list) {
      const u = understandPhrase(p.phrase, taxonomy);
      lines.push(
        `  ${kind} "${p.phrase}" [truth ${p.competence}] -> concepts ${JSON.stringify(u.concepts)} words ${JSON.stringify(u.words)} framing ${JSON.stringify(u.framing)}`,
      );
    }
  }
  return lines.join('\n');
}

function describeCandidate(c: EvalCandidate, o: EvalOrder, why: string): string {
  const lines = [
    `    ${c.externalId} ${why} profile ${c.profile}, held ${[...c.held].join(',')}, ledig since ${c.unemployedSince}`,
  ];
  for (const p of o.must)
    lines.push(
      `      must "${p.phrase}": truth ${c.held.has(p.competence) ? 'held' : 'not held'}, concepts ${covers(c, p.phrase) ? 'cover' : 'MISS'}`,
    );
  lines.push(
    `      concepts: ${conceptsOf(c)
      .map((x) => `${x.concept}<-"${x.foundAs}"(${x.field})`)
      .join('; ')}`,
  );
  for (const [field, text] of cleanFieldTexts(sourceOf(c))) {
    const mentions = extractMentions(text, field, taxonomy)
      .map((m) => `${m.concept}${m.context === 'own' ? '' : `[${m.context}]`}`)
      .join(',');
    lines.push(`      ${field}: ${text.replace(/\s+/g, ' ')}${mentions ? `  => ${mentions}` : ''}`);
  }
  if (c.decoys.length > 0) lines.push(`      decoys: ${JSON.stringify(c.decoys)}`);
  return lines.join('\n');
}

const counts = { missedExtraction: 0, missedUnderstanding: 0, missedRanking: 0, falseClaims: 0 };
for (const strategy of strategies) {
  process.stdout.write(`\n===== ${strategy} =====\n`);
  for (const r of result.perOrder) {
    const o = orders.get(r.externalId)!;
    const sys = r.systems[strategy]!;
    const inTop = new Set(sys.top.map((t) => t.externalId));
    const weak = sys.top.filter((t) => t.grade < 2);
    const falseOnes = sys.top.filter((t) => t.falseClaims.length > 0);
    const missed = result.set.candidates.filter((c) => !inTop.has(c.externalId) && grade(c, o) >= 2);
    const wasted = weak.length > 0 && missed.length > 0;
    if (!wasted && falseOnes.length === 0) continue;
    process.stdout.write(
      `\n${describeOrder(o)}\n  recall ${sys.recall?.toFixed(2)} ndcg ${sys.ndcg?.toFixed(3)}; top grades ${sys.top.map((t) => t.grade).join(' ')}\n`,
    );
    if (wasted) {
      for (const t of weak)
        process.stdout.write(
          `${describeCandidate(candidates.get(t.externalId)!, o, `LISTED grade ${t.grade}`)}\n`,
        );
      for (const c of missed.slice(0, K)) {
        const understood = o.must.every((p) => understandPhrase(p.phrase, taxonomy).concepts.length > 0);
        const covered = o.must.every((p) => covers(c, p.phrase));
        const cls = !understood ? 'understanding' : covered ? 'ranking' : 'extraction';
        if (cls === 'understanding') counts.missedUnderstanding++;
        else if (cls === 'ranking') counts.missedRanking++;
        else counts.missedExtraction++;
        process.stdout.write(`${describeCandidate(c, o, `MISSED (${cls})`)}\n`);
      }
    }
    for (const t of falseOnes) {
      counts.falseClaims += t.falseClaims.length;
      process.stdout.write(
        `${describeCandidate(candidates.get(t.externalId)!, o, `FALSE CLAIM ${JSON.stringify(t.falseClaims)}`)}\n`,
      );
    }
  }
}
process.stdout.write(`\n${JSON.stringify(counts)}\n`);
for (const name of ['baseline', ...strategies] as const) {
  const f = result.systems[name as 'baseline']!;
  process.stdout.write(
    `${name}: ndcg ${f.ndcg?.toFixed(3)} recall ${f.recall?.toFixed(2)} false ${f.claims.false}/${f.claims.claims}\n`,
  );
}
