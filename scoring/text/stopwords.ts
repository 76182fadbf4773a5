/** The Snowball Danish stopword list. */
const SNOWBALL_DANISH =
  'og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi min havde ham hun ' +
  'nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil blev kunne ind når være dog ' +
  'noget ville jo deres efter ned skulle denne end dette mit også under have dig anden hende mine alt meget sit ' +
  'sine vor mod disse hvis din nogle hos blive mange ad bliver hendes været thi jer sådan';

/**
 * Function words frequent in CVs and job ads that Snowball's list lacks. Deliberately short: anything that can
 * carry meaning for matching ('erfaring', 'arbejde', 'god') stays, and IDF takes care of it being common.
 */
const CV_FILLER = 'kan samt både ved hvilket hvilke bl mv osv etc evt ca eks';

export const DANISH_STOPWORDS: ReadonlySet<string> = new Set(`${SNOWBALL_DANISH} ${CV_FILLER}`.split(' '));

/** Expects a token from `tokenize` (lowercase, NFC). */
export function isStopword(token: string): boolean {
  return DANISH_STOPWORDS.has(token);
}
