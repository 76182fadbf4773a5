import type { JobOrderInput } from '../domain/job-order.ts';
import { addMonthsMinusOneDay, civil, isoFromDays } from './calendar.ts';
import { bitmask, pickDistinct, Random, WeightedTable } from './random.ts';
import {
  type GenOptions,
  pickPlace,
  type Setup,
  STREAM_JOB_ORDERS,
  STREAM_PUBLIC_CVR,
  setup,
} from './setup.ts';

/** Synthetic job orders (vikariater), with recurring companies per kommune and occupation. */

const CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2];

/** 8 digits, no leading zero, modulus-11 check digit; a draw whose check digit would be 10 is redrawn. */
function makeCvr(rng: Random): string {
  for (;;) {
    let s = '';
    let sum = 0;
    for (let i = 0; i < 7; i++) {
      const digit = i === 0 ? rng.int(1, 9) : rng.int(0, 9);
      s += digit;
      sum += digit * CVR_WEIGHTS[i]!;
    }
    const check = (11 - (sum % 11)) % 11;
    if (check < 10) return s + check;
  }
}

const LEGAL_FORMS = WeightedTable.of([
  ['ApS', 55],
  ['A/S', 35],
  ['I/S', 10],
]);

const JOBROTATION_SUFFIXES = [
  'vikar for medarbejder på uddannelse',
  'vikar for medarbejder på efteruddannelse',
  'jobrotationsvikar',
  'jobrotation',
];
const OTHER_SUFFIXES = ['barselsvikariat', 'vikariat', 'sæsonvikar', 'tidsbegrænset ansættelse'];

const JOB_HOURS = WeightedTable.of([
  [37, 60],
  [30, 18],
  [25, 12],
  [20, 10],
]);

const TEAM_SENTENCES = [
  'Du bliver en del af et mindre team.',
  'Vi lægger vægt på stabilt fremmøde.',
  'Der er god oplæring de første uger.',
  'Arbejdstiden ligger primært i dagtimerne.',
];

interface Company {
  cvr: string;
  name: string;
}

export function generateJobOrders(count: number, opts: GenOptions): Generator<JobOrderInput> {
  return jobOrders(count, opts, setup(count, opts));
}

function* jobOrders(count: number, opts: GenOptions, s: Setup): Generator<JobOrderInput> {
  const { data, today } = s;
  const rng = new Random(opts.seed, STREAM_JOB_ORDERS);
  const year = civil(today)[0]!;
  // Companies recur: a vikarbureau-like pool per kommune and occupation, so one CVR posts several orders.
  const companies = new Map<string, Company[]>();
  const publicCvr = new Map<number, string>();
  const generalConcepts = new WeightedTable(
    data.generalVariants.map((_, i) => i),
    data.generalVariants.map(() => 1),
  );

  for (let n = 0; n < count; n++) {
    const place = pickPlace(rng, s);
    const kommune = data.kommuner[place.kommune]!;
    const occ = data.occupations[data.byDemand.pick(rng)]!;
    const jobrotation = rng.chance(0.7);

    let company: Company;
    if (rng.chance(occ.occ.publicShare)) {
      let cvr = publicCvr.get(place.kommune);
      if (!cvr) {
        // The kommune's CVR depends on the kommune only, so it is the same whatever the seed.
        cvr = makeCvr(new Random(Number(kommune.id), STREAM_PUBLIC_CVR));
        publicCvr.set(place.kommune, cvr);
      }
      company = { cvr, name: kommune.publicName };
    } else {
      const key = `${place.kommune}:${occ.occ.id}`;
      const known = companies.get(key);
      if (known && rng.chance(0.3)) company = rng.pick(known);
      else {
        const prefix = rng.chance(0.55) ? rng.pick(kommune.towns) : data.lastNames.pick(rng).name;
        company = {
          cvr: makeCvr(rng),
          name: `${prefix} ${rng.pick(occ.occ.trades)} ${LEGAL_FORMS.pick(rng)}`,
        };
        if (known) known.push(company);
        else companies.set(key, [company]);
      }
    }

    const title = occ.occ.titles[occ.titles.pick(rng)]!;
    const suffixRoll = rng.float();
    const fullTitle = jobrotation
      ? `${title} (${rng.pick(JOBROTATION_SUFFIXES)})`
      : suffixRoll < 0.7
        ? `${title} (${rng.pick(OTHER_SUFFIXES)})`
        : title;
    let tasks = rng.pick(occ.occ.tasks);
    if (rng.chance(0.3)) tasks += ` ${rng.pick(TEAM_SENTENCES)}`;

    const mustConcepts = pickDistinct(rng, occ.concepts, rng.int(1, 3));
    const mustHave = mustConcepts.map((c) => occ.variants[c]!.pick(rng));
    const niceCount = rng.int(0, 3);
    const niceFromOcc = rng.int(0, niceCount);
    const niceToHave = pickDistinct(rng, occ.concepts, niceFromOcc, bitmask(mustConcepts)).map((c) =>
      occ.variants[c]!.pick(rng),
    );
    for (const c of pickDistinct(rng, generalConcepts, niceCount - niceToHave.length)) {
      const v = data.generalVariants[c]!.pick(rng);
      if (!niceToHave.includes(v) && !mustHave.includes(v)) niceToHave.push(v);
    }

    // Start 2-10 weeks out, usually on a Monday (day 4 since the epoch was a Monday).
    let from = today + rng.int(14, 70);
    if (rng.chance(0.6)) {
      const toMonday = (((4 - from) % 7) + 7) % 7;
      from = from + toMonday <= today + 70 ? from + toMonday : from + toMonday - 7;
    }
    // A few run past 12 months, which the jobrotation rules must catch.
    const months = rng.chance(0.05) ? rng.int(13, 24) : rng.int(1, 12);
    const to = addMonthsMinusOneDay(from, months);

    const positionsRoll = rng.float();
    const positions = positionsRoll < 0.75 ? 1 : positionsRoll < 0.92 ? 2 : 3;
    let radiusKm: JobOrderInput['radiusKm'];
    if (rng.chance(0.25)) {
      const full = rng.int(5, 20);
      radiusKm = { full, max: full + rng.int(5, 15) };
    }
    const ruleSet = rng.chance(0.85) ? 'default' : 'kommune-6-maaneder';
    let driversLicence: string | undefined;
    for (const [licence, share] of occ.occ.jobLicences) {
      if (rng.chance(share)) {
        driversLicence = licence;
        break;
      }
    }
    if (!driversLicence && occ.occ.jobLicences.length === 0 && rng.chance(0.03)) driversLicence = 'B';

    // Built up in contract order, like candidates above.
    const order = {
      externalId: `jo-${year}-${String(n + 1).padStart(5, '0')}`,
      jobcenter: kommune.id,
      company: { cvr: company.cvr, name: company.name },
      title: fullTitle,
      postalCode: place.postalCode,
    } as JobOrderInput;
    if (place.location) order.location = place.location;
    order.tasks = tasks;
    order.mustHave = mustHave;
    order.niceToHave = niceToHave;
    order.weeklyHours = JOB_HOURS.pick(rng);
    order.period = { from: isoFromDays(from), to: isoFromDays(to) };
    order.positions = positions;
    if (radiusKm) order.radiusKm = radiusKm;
    order.jobrotation = jobrotation;
    order.ruleSet = ruleSet;
    if (driversLicence) order.driversLicence = driversLicence;
    yield order;
  }
}
