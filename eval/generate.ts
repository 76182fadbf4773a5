import { isValidCvr } from '../src/domain/cvr.ts';
import { allPostalAreas, lookupPostalCode, type PostalArea } from '../src/geo/postnumre.ts';
import { COMPETENCE_BY_ID, COMPETENCES, type Competence, closure } from './competences.ts';
import { type Decoy, intent, negation, otherPerson, scattered, teenage } from './decoys.ts';
import { haversineKm } from './geo.ts';
import { PROFILES, type Profile } from './profiles.ts';
import { Random } from './random.ts';
import { capitalise, cvForm, FIRMS, proseMention, taskList } from './writing.ts';

/** Towns the evaluation's candidates live around and its orders are placed in: centre postnummer. */
export const TOWNS = [
  { name: 'Aarhus', postalCode: '8000' },
  { name: 'Odense', postalCode: '5000' },
  { name: 'Aalborg', postalCode: '9000' },
  { name: 'Randers', postalCode: '8900' },
  { name: 'Vejle', postalCode: '7100' },
] as const;

/** How far from a town centre candidates live: beyond the outer radius too, so the distance filter matters. */
const LIVING_RADIUS_KM = 25;

export interface Place {
  postalCode: string;
  jobcenter: string;
  lat: number;
  lon: number;
}

export interface EvalCandidate {
  externalId: string;
  place: Place;
  profile: string;
  /** Everything the person truly holds, closed under `broader`. */
  held: Set<string>;
  decoys: Decoy[];
  unemployedSince: string;
  weeklyHours: number;
  availableFrom: string;
  unavailable: Array<{ from: string; to: string }>;
  /** The Candidate record as it is imported. */
  record: Record<string, unknown>;
}

export interface OrderPhrase {
  phrase: string;
  competence: string;
}

export interface EvalOrder {
  externalId: string;
  jobcenter: string;
  place: Place;
  profile: string;
  must: OrderPhrase[];
  nice: OrderPhrase[];
  weeklyHours: number;
  period: { from: string; to: string };
  radiusKm: { full: number; max: number };
  record: Record<string, unknown>;
}

export interface EvalSet {
  seed: number;
  candidates: EvalCandidate[];
  orders: EvalOrder[];
}

const FIRST_NAMES = [
  'Mette',
  'Lars',
  'Anne',
  'Jens',
  'Sofie',
  'Mohammed',
  'Fatima',
  'Peter',
  'Camilla',
  'Ali',
  'Kirsten',
  'Henrik',
  'Aisha',
  'Mikkel',
  'Louise',
  'Tomasz',
  'Agnieszka',
  'Rasmus',
  'Ida',
  'Hassan',
];
// Some surnames are occupations: a name is never evidence of a competence.
const LAST_NAMES = [
  'Hansen',
  'Jensen',
  'Nielsen',
  'Pedersen',
  'Andersen',
  'Christensen',
  'Larsen',
  'Sørensen',
  'Rasmussen',
  'Smed',
  'Gartner',
  'Møller',
  'Bager',
  'Kowalski',
  'Yilmaz',
  'Ahmadi',
];
const BENEFITS = ['dagpenge', 'dagpenge', 'kontanthjaelp', 'uddannelseshjaelp', 'ingen'] as const;

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function placeOf(area: PostalArea): Place {
  return { postalCode: area.postalCode, jobcenter: area.kommuner[0]!, lat: area.lat, lon: area.lon };
}

/** Postnumre around each town, so a town's candidates spread over its suburbs and the villages beyond. */
function townAreas(): Array<{ centre: Place; around: PostalArea[]; near: PostalArea[] }> {
  const all = allPostalAreas().filter((a) => a.kommuner.length > 0);
  return TOWNS.map((t) => {
    const centre = lookupPostalCode(t.postalCode)!;
    const withKm = all.map((a) => ({ a, km: haversineKm(centre.lat, centre.lon, a.lat, a.lon) }));
    return {
      centre: placeOf(centre),
      around: withKm.filter((x) => x.km <= LIVING_RADIUS_KM).map((x) => x.a),
      near: withKm.filter((x) => x.km <= 4).map((x) => x.a),
    };
  });
}

function validCvr(random: Random): string {
  for (;;) {
    const cvr = String(random.int(10_000_000, 99_999_999));
    if (isValidCvr(cvr)) return cvr;
  }
}

/** What a person with this profile truly holds, before decoys add the real competences their pieces show. */
function chooseHeld(profile: Profile, random: Random): string[] {
  const held = new Set(profile.core);
  for (const [id, share] of profile.often) if (random.chance(share)) held.add(id);
  if (held.size === 0) held.add(profile.often[0]![0]);
  // Extras from outside the profile: people change trades.
  const extras = random.chance(0.35) ? random.int(1, 2) : 0;
  for (let i = 0; i < extras; i++) held.add(random.pick(COMPETENCES).id);
  return [...held];
}

interface CvDraft {
  competences: string[];
  experience: Array<{ title: string; from: string; to: string; description: string[] }>;
  educations: Array<{ title: string; level?: string }>;
  cvText: string[];
}

/** Writes each held competence into the CV at least once, listed or in prose, from the wording lists. */
function writeCv(held: string[], random: Random): CvDraft {
  const draft: CvDraft = { competences: [], experience: [], educations: [], cvText: [] };
  const order = random.shuffle(held);
  // Jobs: titled by competences that have titles; the rest of the competences are spread over them and the text.
  const titled = order.filter((id) => COMPETENCE_BY_ID.get(id)!.titles && random.chance(0.7));
  let year = random.int(2014, 2022);
  for (const id of titled.slice(0, 3)) {
    const c = COMPETENCE_BY_ID.get(id)!;
    const to = Math.min(2026, year + random.int(1, 4));
    draft.experience.push({
      title: random.pick(c.titles!),
      from: `${year}-0${random.int(1, 9)}-01`,
      to: `${to}-0${random.int(1, 9)}-01`,
      description: [],
    });
    year = to;
  }
  if (draft.experience.length === 0) {
    draft.experience.push({
      title: random.pick(['Medarbejder', 'Vikar', 'Timelønnet medarbejder']),
      from: `${year}-03-01`,
      to: `${Math.min(2026, year + 2)}-06-30`,
      description: [],
    });
  }
  const pendingProse: Competence[] = [];
  for (const id of order) {
    const c = COMPETENCE_BY_ID.get(id)!;
    const mentioned = titled.slice(0, 3).includes(id);
    const mentions = mentioned ? random.int(0, 1) : random.int(1, 2);
    for (let m = 0; m < mentions; m++) {
      const where = random.weighted<'list' | 'education' | 'prose'>([
        ['list', 4],
        ['education', c.educations ? 2 : 0],
        ['prose', 5],
      ]);
      if (where === 'list') {
        const form = cvForm(c, random);
        draft.competences.push(random.chance(0.5) ? capitalise(form) : form);
      } else if (where === 'education') {
        draft.educations.push({
          title: random.pick(c.educations!),
          level: c.kind === 'certificate' ? 'eud' : 'eud',
        });
      } else pendingProse.push(c);
    }
  }
  // Prose: single sentences, or a task list, in a job description or the free text.
  while (pendingProse.length > 0) {
    const group = pendingProse.splice(0, random.chance(0.35) ? random.int(2, 3) : 1);
    const skills = group.filter((c) => c.kind !== 'certificate');
    const sentence =
      group.length > 1 && skills.length === group.length
        ? taskList(group.map((c) => cvForm(c, random)))
        : group.map((c) => proseMention(c, cvForm(c, random), random)).join(' ');
    if (random.chance(0.55)) random.pick(draft.experience).description.push(sentence);
    else draft.cvText.push(sentence);
  }
  return draft;
}

function addDecoys(held: Set<string>, profile: Profile, draft: CvDraft, random: Random): Decoy[] {
  const decoys: Decoy[] = [];
  const count = random.chance(0.45) ? (random.chance(0.25) ? 2 : 1) : 0;
  for (let i = 0; i < count; i++) {
    const kind = random.weighted<Decoy['kind']>([
      ['negation', 3],
      ['intent', 3],
      ['other-person', 2],
      ['teenage', 2],
      ['scattered', 3],
    ]);
    let decoy: Decoy | null = null;
    if (kind === 'teenage') decoy = teenage(random, held);
    else if (kind === 'scattered') decoy = scattered(random, held);
    else {
      // Mostly what the person's own line of work asks for and they lack: where a false match would hurt.
      const near = profile.orderable.map(([id]) => id).filter((id) => !held.has(id));
      const pool = near.length > 0 && random.chance(0.6) ? near : COMPETENCES.map((c) => c.id);
      const target = COMPETENCE_BY_ID.get(random.pick(pool.filter((id) => !held.has(id))))!;
      if (kind === 'other-person') decoy = otherPerson(target, random);
      else {
        const form = cvForm(target, random);
        decoy = kind === 'negation' ? negation(target, form, random) : intent(target, form, random);
      }
    }
    if (!decoy) continue;
    for (const piece of decoy.pieces) {
      if (piece.gives) for (const g of closure([piece.gives])) held.add(g);
      if (piece.field === 'competences') draft.competences.push(piece.text);
      else if (piece.field === 'cvText') draft.cvText.push(piece.text);
      else if (decoy.kind === 'teenage') {
        draft.experience.push({
          title: 'Fritidsjob',
          from: '2008-06-01',
          to: '2009-08-31',
          description: [piece.text],
        });
      } else random.pick(draft.experience).description.push(piece.text);
    }
    decoys.push(decoy);
  }
  // A piece of a later decoy may have given what an earlier one denied: such a decoy no longer says anything.
  return decoys.filter((d) => d.mentions.every((m) => !held.has(m)));
}

function generateCandidate(n: number, random: Random, towns: ReturnType<typeof townAreas>): EvalCandidate {
  const profile = random.weighted(PROFILES.map((p) => [p, p.weight] as const));
  const town = random.pick(towns);
  const place = placeOf(random.pick(town.around));
  const assigned = chooseHeld(profile, random);
  const held = closure(assigned);
  const draft = writeCv(assigned, random);
  const decoys = addDecoys(held, profile, draft, random);

  const unemployedSince = addDays('2024-01-01', random.int(0, 1000));
  const weeklyHours = random.weighted([
    [37, 70],
    [30, 12],
    [25, 8],
    [20, 6],
    [15, 4],
  ] as const);
  const availableFrom = random.chance(0.9)
    ? addDays('2026-10-01', random.int(0, 60))
    : addDays('2027-02-15', random.int(0, 90));
  const unavailable = random.chance(0.06)
    ? [
        (() => {
          const from = addDays('2027-01-15', random.int(0, 120));
          return { from, to: addDays(from, random.int(7, 30)), reason: random.pick(['uddannelse', 'ferie']) };
        })(),
      ]
    : [];
  const licences = ['B'];
  if (held.has('koerekort-c')) licences.push('C');
  if (held.has('koerekort-ce')) licences.push('CE');
  const externalId = `eval-${String(n).padStart(5, '0')}`;
  const record = {
    externalId,
    jobcenter: place.jobcenter,
    name: `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`,
    postalCode: place.postalCode,
    unemployedSince,
    benefit: random.pick(BENEFITS),
    weeklyHours,
    availableFrom,
    unavailable,
    competences: draft.competences,
    educations: draft.educations,
    experience: draft.experience.map((e) => ({
      title: e.title,
      from: e.from,
      to: e.to,
      ...(e.description.length > 0 ? { description: e.description.join(' ') } : {}),
    })),
    languages: random.chance(0.7) ? ['dansk', 'engelsk'] : ['dansk'],
    driversLicences: random.chance(0.75) || licences.length > 1 ? licences : [],
    cvText: [
      `Jeg er en mødestabil og pligtopfyldende person fra ${lookupPostalCode(place.postalCode)!.name}.`,
      ...random.shuffle(draft.cvText),
    ].join(' '),
    consent: { searchable: true, shareWithPool: true },
  };
  return {
    externalId,
    place,
    profile: profile.id,
    held,
    decoys,
    unemployedSince,
    weeklyHours,
    availableFrom,
    unavailable: unavailable.map(({ from, to }) => ({ from, to })),
    record,
  };
}

function orderPhrase(c: Competence, nice: boolean, random: Random): string {
  const phrase = random.pick(c.order);
  if (!nice || !random.chance(0.5)) return phrase;
  return random.chance(0.7) ? `gerne ${phrase}` : `${phrase} er en fordel`;
}

/** Extra nice-to-haves any konsulent may add, whatever the trade. */
const GENERAL_NICE = ['foerstehjaelp', 'koerekort-c', 'truck', 'kundeservice', 'office'];

function generateOrder(n: number, random: Random, towns: ReturnType<typeof townAreas>): EvalOrder {
  const profile = random.weighted(PROFILES.map((p) => [p, p.weight + 3] as const));
  const town = random.pick(towns);
  const place = placeOf(
    random.pick(town.near.length > 0 ? town.near : [lookupPostalCode(town.centre.postalCode)!]),
  );
  const mustCount = Math.min(
    profile.orderable.length,
    random.weighted([
      [1, 35],
      [2, 45],
      [3, 20],
    ] as const),
  );
  const chosen: string[] = [];
  // Never both a competence and one it implies: "truckcertifikat" and "erfaring med skubmaster" say the same twice.
  const overlaps = (id: string) => chosen.some((o) => closure([o]).has(id) || closure([id]).has(o));
  let pool = [...profile.orderable];
  while (chosen.length < mustCount && pool.length > 0) {
    const id = random.weighted(pool);
    pool = pool.filter(([p]) => p !== id);
    if (!overlaps(id)) chosen.push(id);
  }
  const niceCount = random.weighted([
    [0, 30],
    [1, 40],
    [2, 30],
  ] as const);
  const niceChosen: string[] = [];
  const nicePool = random.shuffle([...pool.map(([id]) => id), ...GENERAL_NICE]);
  for (const id of nicePool) {
    if (niceChosen.length >= niceCount) break;
    if (overlaps(id) || niceChosen.includes(id)) continue;
    niceChosen.push(id);
  }
  const must = chosen.map((id) => ({
    phrase: orderPhrase(COMPETENCE_BY_ID.get(id)!, false, random),
    competence: id,
  }));
  const nice = niceChosen.map((id) => ({
    phrase: orderPhrase(COMPETENCE_BY_ID.get(id)!, true, random),
    competence: id,
  }));
  const weeklyHours = random.weighted([
    [37, 30],
    [30, 30],
    [25, 25],
    [20, 15],
  ] as const);
  const from = random.pick(['2027-01-04', '2027-02-01', '2027-03-01']);
  const period = { from, to: addDays(from, random.int(60, 120)) };
  const radiusKm = { full: 10, max: 15 };
  const externalId = `eval-order-${String(n).padStart(3, '0')}`;
  const record = {
    externalId,
    jobcenter: place.jobcenter,
    company: { cvr: validCvr(random), name: `${random.pick(FIRMS)}` },
    title: random.pick(profile.orderTitles),
    postalCode: place.postalCode,
    tasks: random.pick(profile.tasks),
    mustHave: must.map((m) => m.phrase),
    niceToHave: nice.map((m) => m.phrase),
    weeklyHours,
    period,
    positions: 1,
    radiusKm,
    jobrotation: false,
  };
  return {
    externalId,
    jobcenter: place.jobcenter,
    place,
    profile: profile.id,
    must,
    nice,
    weeklyHours,
    period,
    radiusKm,
    record,
  };
}

/** The whole labelled set: candidates with their truth and CVs, and job orders with what each phrase means. */
export function generateEvalSet(options: { candidates: number; orders: number; seed: number }): EvalSet {
  const random = new Random(options.seed);
  const towns = townAreas();
  const candidates = Array.from({ length: options.candidates }, (_, i) =>
    generateCandidate(i + 1, random, towns),
  );
  const orders = Array.from({ length: options.orders }, (_, i) => generateOrder(i + 1, random, towns));
  return { seed: options.seed, candidates, orders };
}
