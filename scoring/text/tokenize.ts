/**
 * A token starts with a letter or digit and may carry combining marks: after NFC most accents are precomposed, but a
 * letter with no precomposed form (e.g. 'o' + U+0338) must stay one token instead of being cut at the mark.
 */
const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/**
 * Lowercased word tokens of a text. Everything that is not a letter, digit or mark separates tokens, so
 * 'gaffeltruck-certifikat' gives 'gaffeltruck' and 'certifikat', and 'C#' gives 'c'. No 'aa' -> 'å' folding:
 * place names like Aabenraa are spelled that way on purpose.
 */
export function tokenize(text: string): string[] {
  // Unicode's default case mapping is already right for Danish (Æ Ø Å); only tr/az/lt have locale rules.
  const normalised = text.normalize('NFC').toLowerCase();
  return normalised.match(TOKEN) ?? [];
}
