import type { Competence } from './competences.ts';
import type { Random } from './random.ts';

/** æ/ø/å written the way a keyboard without them does. */
export function asciiFold(text: string): string {
  return text
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/Æ/g, 'Ae')
    .replace(/Ø/g, 'Oe')
    .replace(/Å/g, 'Aa');
}

/** Two neighbouring letters swapped inside one word of six letters or more (never the first letter). */
export function transposeTypo(text: string, random: Random): string {
  const words = text.split(' ');
  const long = words.map((w, i) => [w, i] as const).filter(([w]) => /^[\p{L}]{6,}$/u.test(w));
  if (long.length === 0) return text;
  const [word, index] = random.pick(long);
  const at = random.int(1, word.length - 2);
  if (word[at] === word[at + 1]) return text;
  words[index] = word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
  return words.join(' ');
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One way a person writes the competence: a listed form, now and then without æøå or with a slip of the keys. */
export function cvForm(c: Competence, random: Random): string {
  let form = random.pick(c.cv);
  if (/[æøåÆØÅ]/.test(form) && random.chance(0.12)) form = asciiFold(form);
  else if (random.chance(0.07)) form = transposeTypo(form, random);
  return form;
}

const FIRMS = [
  'Brdr. Jensen A/S',
  'Nordic Partner ApS',
  'Vestergaard & Co',
  'Midtjysk Erhverv ApS',
  'Kommunen',
  'Holm og Sønner',
  'Danske Partnere A/S',
  'Fjordens Virksomhed ApS',
  'Region Syd',
  'Andersen Gruppen',
];

/** Prose that says the person did this work (or holds this certificate) themselves. */
export function proseMention(c: Competence, form: string, random: Random): string {
  const years = random.int(1, 12);
  const year = random.int(2005, 2025);
  const firm = random.pick(FIRMS);
  if (c.kind === 'certificate') {
    return random.pick([
      `Har ${form}.`,
      `Jeg har ${form}.`,
      `Tog ${form} i ${year}.`,
      `${capitalise(form)} (gyldigt).`,
      `Har gennemført ${form} i ${year}.`,
      `${capitalise(form)} fra ${year}.`,
    ]);
  }
  return random.pick([
    `Erfaring med ${form}.`,
    `Har arbejdet med ${form} i ${years} år.`,
    `Opgaverne omfattede bl.a. ${form}.`,
    `Ansvarlig for ${form}.`,
    `Stor erfaring inden for ${form}.`,
    `${capitalise(form)} i ${years} år hos ${firm}.`,
    `Jeg har god erfaring med ${form} fra tidligere job.`,
    `Experience with ${form}.`,
    `Har haft ${form} som fast opgave.`,
    `Arbejdede med ${form} hos ${firm}.`,
  ]);
}

/** Several competences in one sentence, as CVs list their daily tasks. */
export function taskList(forms: string[]): string {
  if (forms.length === 1) return `Daglige opgaver: ${forms[0]}.`;
  return `Daglige opgaver: ${forms.slice(0, -1).join(', ')} og ${forms[forms.length - 1]}.`;
}

export { FIRMS };
