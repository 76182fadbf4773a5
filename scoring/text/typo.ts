/** Words shorter than this get no typo tolerance: 'kok' and 'kaj' are different words, not a typo. */
export const MIN_TYPO_LENGTH = 6;

/** Whether a[from..] equals b[from + shift..] to the end of a (UTF-16 code units, like `string.length`). */
function tailsEqual(a: string, b: string, from: number, shift: number): boolean {
  for (let i = from; i < a.length; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i + shift)) return false;
  }
  return true;
}

/**
 * Restricted Damerau-Levenshtein distance <= 1: equal, or one insertion, deletion, substitution or swap of two
 * adjacent characters apart. Linear, no allocation: everything before the first difference is shared, so only one
 * comparison of the rest is needed per kind of edit.
 */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  // Make `a` the shorter so an insertion into `a` covers both insertion and deletion.
  if (a.length > b.length) [a, b] = [b, a];
  const diff = b.length - a.length;
  if (diff > 1) return false;

  let i = 0;
  while (i < a.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;

  if (diff === 1) return tailsEqual(a, b, i, 1);
  // Same length and a !== b, so there is a first difference at i < a.length.
  if (tailsEqual(a, b, i + 1, 0)) return true;
  return (
    i + 1 < a.length &&
    a.charCodeAt(i) === b.charCodeAt(i + 1) &&
    a.charCodeAt(i + 1) === b.charCodeAt(i) &&
    tailsEqual(a, b, i + 2, 0)
  );
}
