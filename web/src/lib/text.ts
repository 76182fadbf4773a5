/** Danish words for the API's codes, and Danish versions of its (English) validation messages. */

export const STATE_LABELS: Record<string, string> = {
  suggested: 'Foreslået',
  contacted: 'Kontaktet',
  interested: 'Interesseret',
  declined: 'Afslået',
  sent_to_company: 'Sendt til virksomhed',
  interview: 'Samtale',
  chosen: 'Valgt',
  not_chosen: 'Ikke valgt',
  withdrawn: 'Ikke længere delt',
};

/** The workflow's next steps as the API's transition table has them; the server still decides. */
export const NEXT_STATES: Record<string, string[]> = {
  suggested: ['contacted'],
  contacted: ['interested', 'declined'],
  interested: ['sent_to_company', 'declined'],
  declined: [],
  sent_to_company: ['interview', 'chosen', 'not_chosen'],
  interview: ['chosen', 'not_chosen'],
  chosen: [],
  not_chosen: [],
};

export const DECLINE_REASONS: Record<string, string> = {
  distance: 'Afstand',
  hours: 'Arbejdstid',
  tasks: 'Arbejdsopgaver',
  health: 'Helbred (kun kategorien gemmes)',
  other_job: 'Har fået andet arbejde',
  no_answer: 'Svarer ikke',
  other: 'Andet',
};

export const NOT_CHOSEN_REASONS: Record<string, string> = {
  competences: 'Kompetencer passer ikke',
  experience: 'For lidt erfaring',
  availability: 'Rådighed passer ikke',
  chose_other: 'Valgte en anden kandidat',
  other: 'Andet',
};

export const BENEFITS: Record<string, string> = {
  dagpenge: 'Dagpenge',
  kontanthjaelp: 'Kontanthjælp',
  uddannelseshjaelp: 'Uddannelseshjælp',
  selvforsoergelse: 'Selvforsørgelse',
  ledighedsydelse: 'Ledighedsydelse',
  sygedagpenge: 'Sygedagpenge',
  ingen: 'Ingen',
};

export const SCOPES: Record<string, string> = {
  auto: 'Automatisk (eget jobcenter, derefter fællesskabet)',
  own: 'Eget jobcenter',
  pool: 'Rekrutteringsfællesskabet',
  all: 'Hele landet',
};

export const STRATEGIES: Record<string, string> = {
  'fit-first': 'Bedste match først',
  weighted: 'Vægtet score',
};

export const SHORTLIST_STATUS: Record<string, string> = {
  queued: 'I kø',
  running: 'Beregnes',
  done: 'Færdig',
  failed: 'Fejlede',
};

/** The fit-first tiers, worded as the README's "Sådan læses en bruttoliste" so konsulenter say the same thing. */
export const FIT_TIERS: Record<number, string> = {
  1: 'Passer bedst',
  2: 'Passer',
  3: 'Passer delvist',
  4: 'Passer mindst',
};

/** Lists made before fit tiers existed carry only the older fit band. */
export const FIT_BANDS: Record<number, string> = {
  1: 'Opfylder alle krav',
  2: 'Opfylder delvist',
  3: 'Svagt match',
};

export const ROLES: Record<string, string> = {
  admin: 'Administrator',
  konsulent: 'Jobkonsulent',
  virksomhed: 'Virksomhed',
};

export const OUTCOMES: Record<string, string> = {
  started: 'Startet',
  completed: 'Gennemført',
  hired_ordinarily: 'Ansat ordinært',
  left_early: 'Stoppet før tid',
  none: 'Intet udfald endnu',
};

const RULES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^(is )?required|^Required|expected .*, received undefined/i, () => 'Skal udfyldes'],
  [/CVR-nummer/i, () => 'Skal være et CVR-nummer: 8 cifre, der består modulus 11-kontrollen'],
  [/postnummer|postal code|postalCode/i, () => 'Skal være et dansk postnummer (4 cifre)'],
  [
    /must be at least (\d+) characters?|>=\s*(\d+) characters?/i,
    (m) => `Skal være mindst ${m[1] ?? m[2]} tegn`,
  ],
  [/must be at most (\d+) characters?|<=\s*(\d+) characters?/i, (m) => `Må højst være ${m[1] ?? m[2]} tegn`],
  [
    /(?:>=|at least|greater than or equal to)\s*(-?[\d.]+)/i,
    (m) => `Skal være mindst ${m[1]?.replace('.', ',')}`,
  ],
  [/(?:<=|at most|less than or equal to)\s*(-?[\d.]+)/i, (m) => `Må højst være ${m[1]?.replace('.', ',')}`],
  [/"full" must not exceed "max"/i, () => 'Den ydre radius skal være mindst lige så stor som den indre'],
  [/date|YYYY-MM-DD/i, () => 'Skal være en gyldig dato'],
  [/expected number/i, () => 'Skal være et tal'],
  [
    /Invalid option: expected one of (.+)/i,
    (m) => `Skal være en af: ${(m[1] ?? '').replaceAll('"', '').split('|').join(', ')}`,
  ],
  [/CPR/i, () => 'Må ikke indeholde et CPR-nummer'],
];

/** The API's message in Danish where we know its form; otherwise the original, marked as the server's. */
export function danishMessage(message: string): string {
  for (const [re, say] of RULES) {
    const m = re.exec(message);
    if (m) return say(m);
  }
  return `Ugyldig værdi (${message})`;
}

/** Problem titles by HTTP status, for errors with no field. */
export function danishProblem(status: number, detail?: string): string {
  if (status === 401) return 'Du er ikke logget ind, eller din session er udløbet.';
  if (status === 403) return 'Du har ikke adgang til dette.';
  if (status === 404) return 'Siden eller posten blev ikke fundet (ikke fundet).';
  if (status === 409) return `Handlingen passer ikke med den nuværende status${detail ? `: ${detail}` : ''}.`;
  if (status === 429) return 'For mange forespørgsler. Vent et øjeblik, og prøv igen.';
  if (status >= 500) return 'Der skete en fejl på serveren. Prøv igen om lidt.';
  return detail ? `Forespørgslen blev afvist: ${detail}` : 'Forespørgslen blev afvist.';
}
