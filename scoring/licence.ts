/** The Danish kørekort categories, T and TM (traktor, motorredskab) included. */
export const LICENCE_CATEGORIES = [
  'AM',
  'A1',
  'A2',
  'A',
  'B',
  'BE',
  'C1',
  'C1E',
  'C',
  'CE',
  'D1',
  'D1E',
  'D',
  'DE',
  'T',
  'TM',
] as const;

const CATEGORY_SET: ReadonlySet<string> = new Set(LICENCE_CATEGORIES);

export function isLicenceCategory(value: string): boolean {
  return CATEGORY_SET.has(value);
}

/**
 * Kørekort categories and what each one includes: a C licence holder also drives B, and so on. Used to check an
 * order's required licence against what the candidate holds.
 */
const INCLUDES: Record<string, readonly string[]> = {
  A: ['A2', 'A1', 'AM'],
  A2: ['A1', 'AM'],
  A1: ['AM'],
  B: ['AM'],
  BE: ['B', 'AM'],
  C1: ['B', 'AM'],
  C1E: ['C1', 'BE', 'B', 'AM'],
  C: ['C1', 'B', 'AM'],
  CE: ['C', 'C1', 'C1E', 'BE', 'B', 'AM'],
  D1: ['B', 'AM'],
  D1E: ['D1', 'BE', 'B', 'AM'],
  D: ['D1', 'B', 'AM'],
  DE: ['D', 'D1', 'D1E', 'BE', 'B', 'AM'],
};

export function holdsLicence(held: readonly string[], required: string): boolean {
  const want = required.toUpperCase();
  return held.some((h) => {
    const cat = h.toUpperCase();
    return cat === want || (INCLUDES[cat]?.includes(want) ?? false);
  });
}
