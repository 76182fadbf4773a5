import type { Competence } from './competences.ts';
import type { Random } from './random.ts';
import { capitalise } from './writing.ts';

/**
 * Words in a CV that look like a competence the person does not have. The truth says they do not have it, so a
 * matcher that counts these as the competence ranks the wrong people first and writes false "Har …" claims.
 */
export type DecoyKind = 'negation' | 'intent' | 'other-person' | 'teenage' | 'scattered';

export interface DecoyPiece {
  field: 'competences' | 'experience' | 'cvText';
  text: string;
  /** A competence this piece truly shows (a scattered decoy is made of real, other competences). */
  gives?: string;
}

export interface Decoy {
  kind: DecoyKind;
  /** The competence the words suggest and the person does not have. */
  target: string;
  /** Every competence the text mentions without the person holding it: none of them may be held. */
  mentions: string[];
  pieces: DecoyPiece[];
}

export function negation(c: Competence, form: string, random: Random): Decoy {
  const text =
    c.kind === 'certificate'
      ? random.pick([
          `Har desværre ikke ${form}.`,
          `Jeg har ikke ${form}.`,
          `Har endnu ikke taget ${form}.`,
          `Mangler ${form}.`,
        ])
      : random.pick([
          `Ingen erfaring med ${form}.`,
          `Har ikke arbejdet med ${form}.`,
          `Jeg har aldrig prøvet ${form}.`,
          `Har ingen erfaring inden for ${form}.`,
        ]);
  return { kind: 'negation', target: c.id, mentions: [c.id], pieces: [{ field: 'cvText', text }] };
}

export function intent(c: Competence, form: string, random: Random): Decoy {
  const text =
    c.kind === 'certificate'
      ? random.pick([
          `Vil gerne tage ${form}.`,
          `Ønsker at tage ${form} i løbet af det næste år.`,
          `Mål: at få ${form}.`,
          `Jeg kunne godt tænke mig et kursus, så jeg kan få ${form}.`,
        ])
      : random.pick([
          `Ønsker at lære ${form}.`,
          `Drømmer om at komme til at arbejde med ${form}.`,
          `Kunne godt tænke mig at prøve ${form}.`,
          `Vil gerne lære mere om ${form} på et kursus.`,
        ]);
  return { kind: 'intent', target: c.id, mentions: [c.id], pieces: [{ field: 'cvText', text }] };
}

export function otherPerson(c: Competence, random: Random): Decoy | null {
  if (!c.titles || c.titles.length === 0) return null;
  const title = random.pick(c.titles).toLowerCase();
  const text = random.pick([
    `Min far var ${title}.`,
    `Min mor arbejdede som ${title} i mange år.`,
    `Min bror er ${title}, og jeg har hørt meget om faget.`,
    `Jeg er vokset op i en familie, hvor min morfar var ${title}.`,
  ]);
  return { kind: 'other-person', target: c.id, mentions: [c.id], pieces: [{ field: 'cvText', text }] };
}

/** Jobs done as a child or teenager: not the work experience an employer asks for. */
export const TEENAGE: ReadonlyArray<{ mentions: string[]; texts: string[] }> = [
  {
    mentions: ['butik', 'kasse', 'varepaafyldning'],
    texts: [
      'Sommerjob i Netto som 15-årig.',
      'Som 15-årig havde jeg fritidsjob i Føtex ved kassen.',
      'Fyldte varer op i Rema 1000 som 14-årig i et sommerjob.',
    ],
  },
  {
    mentions: ['koekken', 'opvask'],
    texts: ['Opvasker på en kro som 14-årig.', 'Fritidsjob med opvask på en restaurant som 15-årig.'],
  },
  {
    mentions: ['landbrug', 'malkning'],
    texts: [
      'Hjalp til på min onkels gård som 13-årig.',
      'Hjalp med malkning hos naboen i sommerferien som 14-årig.',
    ],
  },
  {
    mentions: ['rengoering'],
    texts: ['Gjorde rent på et kontor i weekenderne som 15-årig.'],
  },
  {
    mentions: ['servering'],
    texts: ['Serverede ved konfirmationer som 14-årig.'],
  },
  {
    mentions: ['paedagogisk'],
    texts: ['Babysitter for naboens børn som 14-årig.'],
  },
];

export function teenage(random: Random, held: Set<string>): Decoy | null {
  const options = TEENAGE.filter((t) => t.mentions.every((m) => !held.has(m)));
  if (options.length === 0) return null;
  const t = random.pick(options);
  return {
    kind: 'teenage',
    target: t.mentions[0]!,
    mentions: t.mentions,
    pieces: [{ field: random.chance(0.5) ? 'cvText' : 'experience', text: random.pick(t.texts) }],
  };
}

/**
 * Words of an order phrase spread over the CV, each piece a real other competence or none: "Dynamics 365" in one
 * place and "Microsoft Office" in another is not Microsoft 365; a smed who welds gutter brackets has not done
 * tagarbejde.
 */
export const SCATTERED: ReadonlyArray<{ target: string; mentions: string[]; pieces: DecoyPiece[] }> = [
  {
    target: 'm365',
    mentions: ['m365', 'sharepoint'],
    pieces: [
      { field: 'experience', text: 'Fakturering og ordrebehandling i Dynamics 365.', gives: 'erp' },
      { field: 'competences', text: 'Microsoft Office', gives: 'office' },
    ],
  },
  {
    target: 'hygiejnebevis',
    mentions: ['hygiejnebevis'],
    pieces: [
      { field: 'competences', text: 'Førstehjælpsbevis', gives: 'foerstehjaelp' },
      { field: 'cvText', text: 'Jeg går meget op i god hygiejne og orden.' },
    ],
  },
  {
    target: 'truck',
    mentions: ['truck', 'skubmaster'],
    pieces: [
      { field: 'competences', text: 'Liftcertifikat', gives: 'lift' },
      { field: 'cvText', text: 'Har flyttet kasser med håndtruck og palleløfter ved flytninger.' },
    ],
  },
  {
    target: 'medicin',
    mentions: ['medicin'],
    pieces: [
      { field: 'experience', text: 'Håndtering af returvarer og reklamationer.' },
      { field: 'experience', text: 'Salg af håndkøbsmedicin og hudpleje i butikken.', gives: 'butik' },
    ],
  },
  {
    target: 'aeldrepleje',
    mentions: ['aeldrepleje', 'hjemmepleje'],
    pieces: [
      { field: 'competences', text: 'Pleje af grønne områder', gives: 'groen-pleje' },
      { field: 'cvText', text: 'Frivillig besøgsven for ældre borgere hver anden uge.' },
    ],
  },
  {
    target: 'wms',
    mentions: ['wms', 'sap-ewm'],
    pieces: [
      { field: 'competences', text: 'Kendskab til kassesystemer', gives: 'kasse' },
      { field: 'experience', text: 'Julehjælp på lager med pakning af gaveæsker.', gives: 'lager' },
    ],
  },
  {
    target: 'tagarbejde',
    mentions: ['tagarbejde', 'tagpap'],
    pieces: [
      {
        field: 'experience',
        text: 'Erfaring med svejsning af beslag til tagrender på værkstedet.',
        gives: 'svejsning',
      },
      { field: 'cvText', text: 'Arbejdede også med montage af gelændere og trapper.', gives: 'smed' },
    ],
  },
];

export function scattered(random: Random, held: Set<string>): Decoy | null {
  const options = SCATTERED.filter((s) => s.mentions.every((m) => !held.has(m)));
  if (options.length === 0) return null;
  const s = random.pick(options);
  return { kind: 'scattered', target: s.target, mentions: s.mentions, pieces: s.pieces };
}

export { capitalise };
