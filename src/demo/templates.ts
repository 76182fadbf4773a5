/**
 * Sentence templates of the occupations table ('Jeg har arbejdet som {title} i {years} år ...'), compiled once into
 * literal parts and slot numbers so a record is rendered by concatenation, never by parsing.
 */

export interface Template {
  parts: readonly (string | number)[];
  /** 'Jeg er uddannet ...' only fits someone who has the occupation's education. */
  claimsEducation: boolean;
}

export const SLOT = { title: 0, c1: 1, c2: 2, years: 3, education: 4 } as const;

export function compileTemplate(text: string): Template {
  const parts: (string | number)[] = [];
  let last = 0;
  for (const m of text.matchAll(/\{(\w+)\}/g)) {
    const slot = SLOT[m[1] as keyof typeof SLOT];
    if (slot === undefined) throw new Error(`unknown placeholder ${m[0]} in template '${text}'`);
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push(slot);
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return { parts, claimsEducation: text.includes('uddannet') };
}

export function render(template: Template, values: readonly string[]): string {
  let s = '';
  for (const part of template.parts) s += typeof part === 'number' ? values[part] : part;
  // A sentence may open with a competence ('{c1} og {c2} ...'), which is written in lower case.
  return typeof template.parts[0] === 'number' ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

/** A title inside a sentence: the capital goes, unless the word opens with an abbreviation ('SOSU-hjælper'). */
export function inSentence(title: string): string {
  const second = title.charAt(1);
  return second !== '' && second === second.toLowerCase()
    ? title.charAt(0).toLowerCase() + title.slice(1)
    : title;
}
