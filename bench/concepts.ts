import { candidateConcepts } from '../scoring/concepts/extract.ts';
import { weightedTerms } from '../scoring/profile.ts';
import { loadTaxonomy } from '../scoring/taxonomy/load.ts';
import { candidates, fmt, time } from './util.ts';

/**
 * Concept extraction at ingest against the shipped taxonomy, beside the analysed terms every CV already gets
 * (the baseline, same CVs, same run). Best of 5 passes, after one warm-up pass that compiles the taxonomy.
 *   npm run bench -- --section concepts --size 20000
 */
export async function run(size: number) {
  const pool = candidates(size);
  const taxonomy = loadTaxonomy({ dirs: [] });
  const personOf = (c: (typeof pool)[number]) => ({ name: c.name, email: c.email, phone: c.phone });
  const first = time(() => candidateConcepts(pool[0]!, taxonomy, personOf(pool[0]!)));
  let found = 0;
  const ours: number[] = [];
  const base: number[] = [];
  for (let pass = 0; pass < 6; pass++) {
    found = 0;
    const t = time(() => {
      for (const c of pool) found += candidateConcepts(c, taxonomy, personOf(c)).length;
    });
    const b = time(() => {
      for (const c of pool) weightedTerms(c, personOf(c));
    });
    if (pass > 0) {
      ours.push(t.ms);
      base.push(b.ms);
    }
  }
  const perCv = (ms: number) => `${((ms * 1000) / size).toFixed(1)} µs/CV`;
  return {
    taxonomy: `${taxonomy.size} concepts, ${[...taxonomy.labels()].length} labels`,
    'first call (compiles the taxonomy)': fmt(first.ms),
    'candidateConcepts, best of 5': perCv(Math.min(...ours)),
    'baseline: weightedTerms, best of 5': perCv(Math.min(...base)),
    'concepts per CV': (found / size).toFixed(1),
  };
}
