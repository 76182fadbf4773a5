/**
 * Splits CV text into its header (the lines before the first heading) and the sections under known Danish
 * headings. Headings nobody reads ('Profil', 'Interesser', ...) still end the section before them, so their text
 * does not end up as competences or job titles.
 */

export type SectionName = 'competences' | 'experience' | 'educations' | 'languages' | 'other';

const HEADINGS: [string[], SectionName][] = [
  [
    [
      'kompetencer',
      'kvalifikationer',
      'færdigheder',
      'kompetenceprofil',
      'kurser og certifikater',
      'certifikater og kurser',
      'certifikater',
      'certificeringer',
      'kurser',
      'it-kundskaber',
      'it-kompetencer',
    ],
    'competences',
  ],
  [
    ['erhvervserfaring', 'arbejdserfaring', 'beskæftigelse', 'erfaring', 'ansættelser', 'job og erfaring'],
    'experience',
  ],
  [['uddannelser og kurser', 'uddannelse og kurser', 'uddannelser', 'uddannelse'], 'educations'],
  [['sprogkundskaber', 'sprog'], 'languages'],
  [
    [
      'personlige oplysninger',
      'kontaktoplysninger',
      'kontakt',
      'personlig profil',
      'profil',
      'om mig',
      'fritidsinteresser',
      'interesser',
      'hobbyer',
      'fritid',
      'frivilligt arbejde',
      'referencer',
      'reference',
      'kørekort',
      'jobønsker',
      'øvrige oplysninger',
      'andet',
    ],
    'other',
  ],
];

const SECTION_BY_HEADING = new Map<string, SectionName>(
  HEADINGS.flatMap(([names, section]) => names.map((n) => [n, section] as [string, SectionName])),
);

const HEADING_WORDS = [...SECTION_BY_HEADING.keys()].sort((a, b) => b.length - a.length).join('|');
/** 'Faglige kompetencer', 'Relevant erhvervserfaring' and the like are headings too. */
const PREFIX = '(?:(?:faglige|personlige|relevante?|tidligere|mine|øvrige|andre)\\s+)?';
/** A heading alone on its line, or followed by a colon and the section's first content ('Sprog: dansk'). */
const HEADING = new RegExp(`^${PREFIX}(${HEADING_WORDS})(?:\\s*:\\s*(.*)|\\s*:?)$`, 'iu');

export interface Sections {
  /** Lines before the first heading: where name, address and contact details usually are. */
  header: string[];
  sections: Map<SectionName, string[]>;
}

export function matchHeading(
  line: string,
): { section: SectionName; heading: string; rest: string } | undefined {
  const m = HEADING.exec(line);
  if (!m) return undefined;
  const heading = m[1]!.toLowerCase();
  return { section: SECTION_BY_HEADING.get(heading)!, heading, rest: (m[2] ?? '').trim() };
}

/** Every word of every known heading ('personlige', 'oplysninger', 'kompetencer', ...), lowercased. */
export const HEADING_VOCABULARY: ReadonlySet<string> = new Set(
  [...SECTION_BY_HEADING.keys()].flatMap((h) => h.split(/[\s-]+/u)),
);

export function splitSections(lines: string[]): Sections {
  const header: string[] = [];
  const sections = new Map<SectionName, string[]>();
  let current: string[] = header;
  for (const line of lines) {
    if (line === '') continue;
    const heading = matchHeading(line);
    if (!heading) {
      current.push(line);
      continue;
    }
    const lines = sections.get(heading.section) ?? [];
    sections.set(heading.section, lines);
    // 'Sprog: dansk, engelsk' is a labelled line, often inside a block of such lines: it adds to its section but
    // does not open it, so the lines after it stay where they were.
    if (heading.rest !== '') lines.push(heading.rest);
    else current = lines;
  }
  return { header, sections };
}
