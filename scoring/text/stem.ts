// Named import: the package is UMD with an __esModule flag, so a default import is undefined under CJS interop.
import { newStemmer } from 'snowball-stemmers';
import { BoundedMemo } from './memo.ts';

const danish = newStemmer('danish');

// The Snowball stemmer allocates per call; CVs repeat a small vocabulary, so nearly every lookup is a cache hit.
const memo = new BoundedMemo((token) => danish.stem(token), 50_000);

/** Danish Snowball stem of a lowercase token: 'lagermedarbejderen' -> 'lagermedarbejd'. */
export function stem(token: string): string {
  return memo.get(token);
}
