import type { CandidateInput } from '../domain/candidate.ts';
import { civil, firstOfMonth, isoFromDays, lastOfMonth } from './calendar.ts';
import { pickDistinct, type Random, typo, WeightedTable } from './random.ts';
import { type CompiledOccupation, LICENCE_BIT, LICENCE_ORDER, REQUIRES_BITS } from './static-data.ts';
import { render, SLOT } from './templates.ts';

/** The draws a candidate is made of: benefit, hours, languages, kørekort, wishes, CPR, competences and work history. */

export const BENEFITS = WeightedTable.of<NonNullable<CandidateInput['benefit']>>([
  // dagpenge is set a little above the target ~55% because long-term ledige are moved to kontanthjælp below.
  ['dagpenge', 57],
  ['kontanthjaelp', 23],
  ['uddannelseshjaelp', 7],
  ['sygedagpenge', 4],
  ['ledighedsydelse', 4],
  ['selvforsoergelse', 3],
  ['ingen', 2],
]);

export const WEEKLY_HOURS = WeightedTable.of([
  [37, 70],
  [30, 12],
  [25, 8],
  [20, 6],
  [15, 4],
]);

export const UNAVAILABLE = WeightedTable.of([
  ['uddannelse', 4],
  ['ferie', 4],
  ['orlov', 2],
] as const);

export const OTHER_LANGUAGES = WeightedTable.of([
  ['tysk', 30],
  ['svensk', 8],
  ['norsk', 6],
  ['polsk', 8],
  ['arabisk', 6],
  ['tyrkisk', 4],
  ['ukrainsk', 5],
  ['rumænsk', 4],
  ['litauisk', 3],
  ['spansk', 8],
  ['fransk', 7],
  ['somali', 2],
  ['farsi', 2],
  ['urdu', 2],
]);

export const SCHEMES = WeightedTable.of([
  ['loentilskud', 4],
  ['virksomhedspraktik', 3],
  ['veu-godtgoerelse', 2],
  ['svu', 1],
]);

export const DAYS_PER_YEAR = 365.25;

export function languagesSentence(languages: readonly string[]): string {
  if (languages.length === 1) return `Jeg taler ${languages[0]}.`;
  let s = `Jeg taler ${languages[0]}`;
  for (let i = 1; i < languages.length - 1; i++) s += `, ${languages[i]}`;
  return `${s} og ${languages[languages.length - 1]}.`;
}

export const EXTRA_SENTENCES = [
  'Jeg er mødestabil og fleksibel.',
  'Jeg kan starte med kort varsel.',
  'Jeg er god til at samarbejde og tager gerne ansvar.',
  'Jeg lærer hurtigt og er ikke bange for nye opgaver.',
  'Jeg søger gerne et vikariat med mulighed for fast ansættelse.',
];

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** A CPR with a real date of birth in [lowest, highest], and a 7th digit that fits the century rule. */
export function makeCpr(rng: Random, lowest: number, highest: number): string {
  const birth = rng.int(lowest, Math.max(lowest, highest));
  const [y, m, d] = civil(birth) as [number, number, number];
  const yy = y % 100;
  let seventh: number;
  if (y < 2000) {
    // 0-3 mean the 1900s for every year; 4 and 9 do too from 1937 on, but are rare in practice.
    seventh = yy >= 37 && rng.chance(0.05) ? (rng.chance(0.5) ? 4 : 9) : rng.int(0, 3);
  } else {
    seventh = yy <= 36 && rng.chance(0.5) ? (rng.chance(0.5) ? 4 : 9) : rng.int(5, 8);
  }
  return `${pad2(d)}${pad2(m)}${pad2(yy)}${seventh}${String(rng.int(0, 999)).padStart(3, '0')}`;
}

export function addCompetence(rng: Random, list: string[], variant: string): void {
  // Now and then a one-letter slip, so typo tolerance in matching gets exercised.
  const written = rng.chance(0.03) ? typo(rng, variant) : variant;
  if (!list.includes(written)) list.push(written);
}

/** Variants of `count` distinct concepts of an occupation, most central concepts most likely. */
export function pickVariants(rng: Random, occ: CompiledOccupation, count: number): string[] {
  const concepts = pickDistinct(rng, occ.concepts, count);
  const out: string[] = [];
  for (const c of concepts) out.push(occ.variants[c]!.pick(rng));
  return out;
}

/** A variant of some concept other than the one `not` is a variant of, for '{c1} og {c2}'. */
export function otherVariant(rng: Random, occ: CompiledOccupation, not: string): string {
  for (let attempt = 0; attempt < 8; attempt++) {
    const concept = occ.concepts.pick(rng);
    if (!occ.occ.competences[concept]!.includes(not)) return occ.variants[concept]!.pick(rng);
  }
  return occ.variants[occ.concepts.items.length - 1]!.pick(rng);
}

export function variantAt(
  rng: Random,
  occ: CompiledOccupation,
  picked: readonly string[],
  i: number,
): string {
  if (picked[i] !== undefined) return picked[i];
  return i === 0 ? occ.variants[occ.concepts.pick(rng)]!.pick(rng) : otherVariant(rng, occ, picked[0] ?? '');
}

/** Walks back in time from the ledighed; one instance per generator, reset per candidate. */
export interface WorkHistory {
  end: number;
  mainDays: number;
  earliest: number;
  readonly earliestWork: number;
  readonly entries: NonNullable<CandidateInput['experience']>;
}

/** Adds one job ending at `history.end`; false once the history reaches back to the earliest working year. */
export function addJob(
  rng: Random,
  history: WorkHistory,
  occ: CompiledOccupation,
  isMain: boolean,
  values: string[],
  picked: readonly string[],
): boolean {
  const { end, earliestWork } = history;
  if (end - 60 < earliestWork) return false;
  const length = Math.min(20 * 365, Math.max(60, rng.lognormal(2.5 * 365, 0.8)));
  const from = Math.max(firstOfMonth(earliestWork + 31), firstOfMonth(Math.round(end - length)));
  const entry: NonNullable<CandidateInput['experience']>[number] = {
    title: occ.occ.titles[occ.titles.pick(rng)]!,
    from: isoFromDays(from),
    to: isoFromDays(end),
  };
  if (rng.chance(0.85)) {
    // Each job describes its own pair of the person's competences, so two jobs do not read the same.
    const a = picked.length > 0 ? rng.int(0, picked.length - 1) : -1;
    const b = picked.length > 1 ? (a + rng.int(1, picked.length - 1)) % picked.length : -1;
    values[SLOT.c1] = a >= 0 ? picked[a]! : occ.variants[occ.concepts.pick(rng)]!.pick(rng);
    values[SLOT.c2] = b >= 0 ? picked[b]! : otherVariant(rng, occ, values[SLOT.c1]!);
    entry.description = render(rng.pick(occ.experience), values);
  }
  history.entries.push(entry);
  if (isMain) history.mainDays += end - from + 1;
  history.earliest = from;
  history.end = lastOfMonth(from - 1 - rng.int(0, 120));
  return true;
}

export function pickLanguages(rng: Random): string[] {
  const languages: string[] = [];
  if (rng.chance(0.97)) languages.push('dansk');
  if (rng.chance(0.65)) languages.push('engelsk');
  if (rng.chance(0.22) || languages.length === 0) {
    const other = OTHER_LANGUAGES.pick(rng);
    languages.push(other);
    if (rng.chance(0.15)) {
      const third = OTHER_LANGUAGES.pick(rng);
      if (third !== other) languages.push(third);
    }
  }
  return languages;
}

/** Bits of LICENCE_ORDER: B for most, the occupation's heavy licences for some, prerequisites implied. */
export function pickLicences(
  rng: Random,
  main: CompiledOccupation,
  second: CompiledOccupation | undefined,
): number {
  let held = rng.chance(0.75) ? LICENCE_BIT.B! : 0;
  for (const occ of second ? [main, second] : [main]) {
    for (const [bit, share] of occ.licences) if (rng.chance(share)) held |= bit;
  }
  for (let i = 0; i < LICENCE_ORDER.length; i++) if (held & (1 << i)) held |= REQUIRES_BITS[i]!;
  return held;
}

export function licenceList(held: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < LICENCE_ORDER.length; i++) if (held & (1 << i)) out.push(LICENCE_ORDER[i]!);
  return out;
}

export function pickWishes(
  rng: Random,
  main: CompiledOccupation,
  second: CompiledOccupation | undefined,
): CandidateInput['wishes'] {
  if (!rng.chance(0.35)) return undefined;
  const roll = rng.float();
  const wishes: NonNullable<CandidateInput['wishes']> = {};
  if (roll < 0.7) wishes.maxDistanceKm = rng.int(2, 10) * 5;
  if (roll >= 0.4) {
    const titles = [main.titlesLower[main.titles.pick(rng)]!];
    const other = second && rng.chance(0.5) ? second : rng.chance(0.3) ? main : undefined;
    if (other) {
      const title = other.titlesLower[other.titles.pick(rng)]!;
      if (!titles.includes(title)) titles.push(title);
    }
    wishes.jobTitles = titles;
  }
  return wishes;
}
