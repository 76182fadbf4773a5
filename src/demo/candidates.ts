import type { CandidateInput } from '../domain/candidate.ts';
import { isoFromDays, yearsBefore } from './calendar.ts';
import {
  addCompetence,
  addJob,
  BENEFITS,
  DAYS_PER_YEAR,
  EXTRA_SENTENCES,
  languagesSentence,
  licenceList,
  makeCpr,
  pickLanguages,
  pickLicences,
  pickVariants,
  pickWishes,
  SCHEMES,
  UNAVAILABLE,
  variantAt,
  WEEKLY_HOURS,
  type WorkHistory,
} from './candidate-parts.ts';
import { Random } from './random.ts';
import { type GenOptions, pickPlace, type Setup, STREAM_CANDIDATES, STREAM_CPR, setup } from './setup.ts';
import { LICENCE_BIT } from './static-data.ts';
import { render, SLOT } from './templates.ts';

/** Synthetic candidates (ledige), one record per draw, in the field order of the documented Candidate format. */

export function generateCandidates(count: number, opts: GenOptions): Generator<CandidateInput> {
  return candidates(count, opts, setup(count, opts));
}

function* candidates(count: number, opts: GenOptions, s: Setup): Generator<CandidateInput> {
  const { data, today } = s;
  const rng = new Random(opts.seed, STREAM_CANDIDATES);
  const cprRng = new Random(opts.seed, STREAM_CPR);
  const seq = new Int32Array(data.kommuner.length);
  // Aged 18-66 at today: born after the day 67 years back, and no later than 18 years back.
  const oldestBirth = yearsBefore(today, 67) + 1;
  const youngestBirth = yearsBefore(today, 18);
  const earliestWork = yearsBefore(today, 45);
  const values = ['', '', '', '', ''];
  const general = data.generalVariants;

  for (let n = 0; n < count; n++) {
    const place = pickPlace(rng, s);
    const kommune = data.kommuner[place.kommune]!;
    const externalId = `${kommune.slug}-${String(++seq[place.kommune]!).padStart(6, '0')}`;

    const first = data.firstNames.pick(rng);
    const last = data.lastNames.pick(rng);
    let name = first.name;
    const middleRoll = rng.float();
    if (middleRoll < 0.1) {
      const second = data.firstNames.pick(rng);
      if (second.name !== first.name) name += ` ${second.name}`;
    } else if (middleRoll < 0.22) {
      const middle = data.lastNames.pick(rng);
      if (middle.name !== last.name) name += ` ${middle.name}`;
    }
    name += ` ${last.name}`;

    let email: string | undefined;
    if (rng.chance(0.85)) {
      const style = rng.float();
      const local =
        style < 0.45
          ? `${first.slug}.${last.slug}`
          : style < 0.65
            ? `${first.slug}${last.slug}${rng.int(1, 99)}`
            : style < 0.8
              ? `${first.slug.charAt(0)}${last.slug}`
              : `${first.slug}.${last.slug}${rng.int(1, 9999)}`;
      email = `${local}@example.dk`;
    }
    const phone = rng.chance(0.9)
      ? `+45${rng.int(2, 9)}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`
      : undefined;

    // Ledighed: most spells are short, a minority is long-term (the tail reaches 4+ years).
    const back = Math.round(rng.chance(0.8) ? rng.lognormal(100, 0.75) : rng.lognormal(500, 0.7));
    const daysUnemployed = Math.min(365 * 8, Math.max(3, back));
    const unemployedSince = today - daysUnemployed;
    let benefit = BENEFITS.pick(rng);
    // The dagpengeperiode is two years; after that most ledige are on kontanthjælp.
    if (benefit === 'dagpenge' && daysUnemployed > 730 && rng.chance(0.7)) benefit = 'kontanthjaelp';

    const weeklyHours = WEEKLY_HOURS.pick(rng);
    const availRoll = rng.float();
    const availableFrom =
      availRoll < 0.65
        ? undefined
        : isoFromDays(availRoll < 0.9 ? today + rng.int(0, 21) : today + rng.int(22, 90));

    let unavailable: CandidateInput['unavailable'];
    if (rng.chance(0.1)) {
      const reason = UNAVAILABLE.pick(rng);
      const from = today + rng.int(-10, 120);
      const length =
        reason === 'ferie' ? rng.int(7, 21) : reason === 'uddannelse' ? rng.int(5, 60) : rng.int(30, 180);
      unavailable = [{ from: isoFromDays(from), to: isoFromDays(from + length - 1), reason }];
    }

    // Occupations: a main one, sometimes a secondary one.
    const mainIndex = data.bySupply.pick(rng);
    const main = data.occupations[mainIndex]!;
    const secondIndex = rng.chance(0.4) ? data.bySupply.pick(rng) : mainIndex;
    const second = secondIndex !== mainIndex ? data.occupations[secondIndex]! : undefined;

    // Competences: 3-8 in all, mostly from the main occupation.
    const target = rng.int(3, 8);
    const fromSecond = second ? rng.int(1, 2) : 0;
    const fromGeneral = rng.chance(0.4) ? (rng.chance(0.35) ? 2 : 1) : 0;
    const fromMain = Math.min(main.variants.length, Math.max(2, target - fromSecond - fromGeneral));
    const competences: string[] = [];
    const mainVariants = pickVariants(rng, main, fromMain);
    for (const v of mainVariants) addCompetence(rng, competences, v);
    const secondVariants = second ? pickVariants(rng, second, fromSecond) : [];
    for (const v of secondVariants) addCompetence(rng, competences, v);
    for (let i = 0; (i < fromGeneral || competences.length < 3) && i < 20; i++)
      addCompetence(rng, competences, general[rng.int(0, general.length - 1)]!.pick(rng));

    // Experience, most recent first: the main occupation up to the ledighed, the secondary before it.
    const history: WorkHistory = {
      end: unemployedSince - 1 - (rng.chance(0.2) ? rng.int(0, 60) : 0),
      mainDays: 0,
      earliest: unemployedSince,
      earliestWork,
      entries: [],
    };
    const mainJobs = rng.chance(0.35) ? 2 : 1;
    for (let j = 0; j < mainJobs; j++) if (!addJob(rng, history, main, true, values, mainVariants)) break;
    if (second) addJob(rng, history, second, false, values, secondVariants);

    // Educations: 0-2; the occupation's own education as often as it is held in the trade.
    const educations: NonNullable<CandidateInput['educations']> = [];
    const own = main.occ.education;
    const hasOwnEducation = rng.chance(own.share);
    if (hasOwnEducation) educations.push({ title: own.title, level: own.level });
    if (rng.chance(hasOwnEducation ? 0.3 : 0.5)) {
      const [title, level] = data.generalEducations.pick(rng);
      if (title !== own.title) educations.push(rng.chance(0.95) ? { title, level } : { title });
    }

    const languages = pickLanguages(rng);
    const licences = pickLicences(rng, main, second);

    // CV text: 2-5 sentences, occupation templates first, then general ones.
    values[SLOT.title] = main.titlesInText[main.titles.pick(rng)]!;
    values[SLOT.c1] = variantAt(rng, main, mainVariants, 0);
    values[SLOT.c2] = variantAt(rng, main, mainVariants, 1);
    values[SLOT.education] = main.educationInText;
    values[SLOT.years] = String(Math.max(1, Math.round(history.mainDays / DAYS_PER_YEAR)));
    const sentenceTarget = rng.int(2, 5);
    const cvTemplates = hasOwnEducation ? main.cv : main.cvWithoutEducation;
    const firstCv = rng.int(0, cvTemplates.length - 1);
    let cvText = render(cvTemplates[firstCv]!, values);
    let sentences = 1;
    if (cvTemplates.length > 1 && rng.chance(0.6)) {
      cvText += ` ${render(cvTemplates[(firstCv + 1) % cvTemplates.length]!, values)}`;
      sentences++;
    }
    if (second && rng.chance(0.7)) {
      values[SLOT.title] = second.titlesInText[second.titles.pick(rng)]!;
      values[SLOT.c1] = variantAt(rng, second, secondVariants, 0);
      values[SLOT.c2] = variantAt(rng, second, secondVariants, 1);
      values[SLOT.years] = String(rng.int(1, 6));
      cvText += ` ${render(rng.pick(second.cvWithoutEducation), values)}`;
      sentences++;
    }
    if (sentences < sentenceTarget) {
      cvText += ` ${languagesSentence(languages)}`;
      sentences++;
    }
    if (sentences < sentenceTarget && licences & LICENCE_BIT.B!) {
      cvText += rng.chance(0.7) ? ' Jeg har kørekort B og egen bil.' : ' Jeg har kørekort B.';
      sentences++;
    }
    if (sentences < sentenceTarget) {
      cvText += ` Jeg søger job i ${rng.pick(kommune.towns)} og omegn.`;
      sentences++;
    }
    for (; sentences < sentenceTarget; sentences++) cvText += ` ${rng.pick(EXTRA_SENTENCES)}`;

    const activeSchemes = rng.chance(0.08) ? [SCHEMES.pick(rng)] : undefined;
    const consent = { searchable: rng.chance(0.97), shareWithPool: rng.chance(0.7) };
    const wishes = pickWishes(rng, main, second);

    // Filled in contract order so the NDJSON reads like the documented format; the cast only allows building it up field by
    // field (absent optional fields are left out rather than set to undefined). The tests validate every record.
    const candidate = { externalId, jobcenter: kommune.id, name } as CandidateInput;
    if (opts.withCpr) {
      // Born at least 16 years before the first job; the birth date lives only inside the CPR.
      const youngest = Math.min(youngestBirth, yearsBefore(history.earliest, 16));
      candidate.cpr = makeCpr(cprRng, oldestBirth, youngest);
    }
    if (email) candidate.email = email;
    if (phone) candidate.phone = phone;
    candidate.postalCode = place.postalCode;
    if (place.location) candidate.location = place.location;
    candidate.unemployedSince = isoFromDays(unemployedSince);
    candidate.benefit = benefit;
    candidate.weeklyHours = weeklyHours;
    if (availableFrom) candidate.availableFrom = availableFrom;
    if (unavailable) candidate.unavailable = unavailable;
    candidate.competences = competences;
    if (educations.length > 0) candidate.educations = educations;
    candidate.experience = history.entries;
    candidate.languages = languages;
    candidate.driversLicences = licenceList(licences);
    candidate.cvText = cvText;
    if (activeSchemes) candidate.activeSchemes = activeSchemes;
    candidate.consent = consent;
    if (wishes) candidate.wishes = wishes;
    yield candidate;
  }
}
