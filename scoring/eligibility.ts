/**
 * Jobrotation eligibility as data: a rule set (JSON, validated here) decides whether a ledig may cover a vikariat.
 * Pure: the rule set is passed in; `src/rulesets/load.ts` does the reading.
 */
import { z } from 'zod';
import { addDays, addMonths, monthsBetween, rangesOverlap, toDayNumber } from './dates.ts';

export const BENEFITS = [
  'dagpenge',
  'kontanthjaelp',
  'uddannelseshjaelp',
  'selvforsoergelse',
  'ledighedsydelse',
  'sygedagpenge',
  'ingen',
] as const;
export type Benefit = (typeof BENEFITS)[number];

/**
 * Only what the rules need. Deliberately no age, gender, name, CPR or health: eligibility must not be able to
 * discriminate on them, and a test hands in a Proxy that throws if anything else is read.
 */
export interface EligibilityCandidate {
  unemployedSince: string;
  benefit: Benefit;
  /** Hours the candidate can work per week; null = not stated, which does not fail the hours rule. */
  weeklyHours: number | null;
  availableFrom: string | null;
  /** Only the dates are read: the reason for being unavailable may be sensitive and never reaches a verdict. */
  unavailable: ReadonlyArray<{ from: string; to: string }>;
  activeSchemes: readonly string[];
}

export interface EligibilityOrder {
  weeklyHours: number;
  period: { from: string; to: string };
}

export interface FailedRule {
  code: string;
  /** Plain Danish with the actual numbers, shown to the konsulent as is. */
  reason: string;
}

export interface EligibilityVerdict {
  eligible: boolean;
  ruleSet: string;
  reasons: string[];
  failed: FailedRule[];
}

interface RuleBase {
  /** Stable UPPER_SNAKE identifier; clients may key on it, so renaming one is a breaking change. */
  code: string;
  /** Free text for whoever maintains the rule set (JSON has no comments). Never shown to candidates. */
  note?: string | undefined;
}

export interface MinUnemploymentMonthsRule extends RuleBase {
  type: 'minUnemploymentMonths';
  months: number;
}
export interface BenefitInRule extends RuleBase {
  type: 'benefitIn';
  benefits: Benefit[];
}
export interface MinWeeklyHoursRule extends RuleBase {
  type: 'minWeeklyHours';
  hours: number;
}
export interface MaxPeriodMonthsRule extends RuleBase {
  type: 'maxPeriodMonths';
  months: number;
}
export interface NoConflictingSchemesRule extends RuleBase {
  type: 'noConflictingSchemes';
  schemes: string[];
}
export interface AvailableForPeriodRule extends RuleBase {
  type: 'availableForPeriod';
}

export type Rule =
  | MinUnemploymentMonthsRule
  | BenefitInRule
  | MinWeeklyHoursRule
  | MaxPeriodMonthsRule
  | NoConflictingSchemesRule
  | AvailableForPeriodRule;

export interface RuleSet {
  name: string;
  version: string;
  description: string;
  /**
   * The current sats of jobrotationsydelse in kroner per vikar hour (what the company receives); a deployment
   * keeps it current in its rule set. Without it no estimate is given.
   */
  jobrotationsydelsePerHour?: number | undefined;
  rules: Rule[];
}

export const RULE_SET_NAME = /^[a-z0-9-]+$/;

// Strict objects: a misspelt parameter ("month") must be an error, not a silently ignored key.
const ruleBase = {
  code: z.string().regex(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/, 'must be UPPER_SNAKE_CASE, e.g. "MIN_LEDIGHED"'),
  note: z.string().optional(),
};
const wholeMonths = z.number().int('must be a whole number of months').min(0).max(120);
const hours = z.number().positive().max(80);
const uniqueList = <T extends z.ZodType<string>>(item: T) =>
  z
    .array(item)
    .min(1, 'must list at least one')
    .refine(
      (list) => new Set(list.map((s) => s.toLowerCase())).size === list.length,
      'must not repeat an entry',
    );

const ruleSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('minUnemploymentMonths'), ...ruleBase, months: wholeMonths }),
  z.strictObject({ type: z.literal('benefitIn'), ...ruleBase, benefits: uniqueList(z.enum(BENEFITS)) }),
  z.strictObject({ type: z.literal('minWeeklyHours'), ...ruleBase, hours }),
  z.strictObject({ type: z.literal('maxPeriodMonths'), ...ruleBase, months: wholeMonths.min(1) }),
  z.strictObject({
    type: z.literal('noConflictingSchemes'),
    ...ruleBase,
    schemes: uniqueList(z.string().trim().min(1)),
  }),
  z.strictObject({ type: z.literal('availableForPeriod'), ...ruleBase }),
]);

export const ruleSetSchema: z.ZodType<RuleSet> = z
  .strictObject({
    name: z.string().regex(RULE_SET_NAME, 'must be lower-case letters, digits and "-" only'),
    version: z.string().trim().min(1),
    description: z.string().trim().min(1),
    jobrotationsydelsePerHour: z.number().positive().max(10_000).optional(),
    // Empty is allowed: a rule set with no rules is a deliberate "ingen krav".
    rules: z.array(ruleSchema),
  })
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.rules.forEach((rule, i) => {
      if (seen.has(rule.code)) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'code'], message: `duplicate code ${rule.code}` });
      }
      seen.add(rule.code);
    });
  });

const BENEFIT_LABELS: Record<Benefit, string> = {
  dagpenge: 'dagpenge',
  kontanthjaelp: 'kontanthjælp',
  uddannelseshjaelp: 'uddannelseshjælp',
  selvforsoergelse: 'selvforsørgelse',
  ledighedsydelse: 'ledighedsydelse',
  sygedagpenge: 'sygedagpenge',
  ingen: 'ingen ydelse',
};

const SCHEME_LABELS: Record<string, string> = {
  loentilskud: 'løntilskud',
  'veu-godtgoerelse': 'VEU-godtgørelse',
  svu: 'SVU',
  virksomhedspraktik: 'virksomhedspraktik',
};

const schemeLabel = (scheme: string) => SCHEME_LABELS[scheme.toLowerCase()] ?? scheme;

/** 'a', 'a eller b', 'a, b eller c'. */
function listDanish(items: readonly string[], conjunction: 'og' | 'eller'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

const decimal = (n: number) => String(n).replace('.', ',');
const monthsText = (n: number) => `${n} ${n === 1 ? 'måned' : 'måneder'}`;
const daysText = (n: number) => `${n} ${n === 1 ? 'dag' : 'dage'}`;

/** Each check returns the Danish reasons it fails with; none means it passes. */
type Check<R extends Rule> = (rule: R, candidate: EligibilityCandidate, order: EligibilityOrder) => string[];

const checkMinUnemploymentMonths: Check<MinUnemploymentMonthsRule> = (rule, candidate, order) => {
  // Same count as the shortlist's unemployedMonths: ledighed starting after the period counts as 0.
  const ledig = Math.max(0, monthsBetween(candidate.unemployedSince, order.period.from));
  return ledig >= rule.months
    ? []
    : [`ledig i ${monthsText(ledig)} ved periodens start (kræver mindst ${rule.months})`];
};

const checkBenefitIn: Check<BenefitInRule> = (rule, candidate) =>
  rule.benefits.includes(candidate.benefit)
    ? []
    : [
        `modtager ${BENEFIT_LABELS[candidate.benefit]}; jobrotation kræver ${listDanish(
          rule.benefits.map((b) => BENEFIT_LABELS[b]),
          'eller',
        )}`,
      ];

const checkMinWeeklyHours: Check<MinWeeklyHoursRule> = (rule, candidate, order) => {
  const reasons: string[] = [];
  if (order.weeklyHours < rule.hours) {
    reasons.push(
      `vikariatet er på ${decimal(order.weeklyHours)} timer om ugen (kræver mindst ${decimal(rule.hours)})`,
    );
  }
  // `?? null` also covers callers that pass the domain's optional (undefined) field straight through.
  const candidateHours = candidate.weeklyHours ?? null;
  if (candidateHours !== null && candidateHours < rule.hours) {
    reasons.push(
      `kan arbejde ${decimal(candidateHours)} timer om ugen (kræver mindst ${decimal(rule.hours)})`,
    );
  }
  return reasons;
};

/** Length of an inclusive period as whole months plus leftover days, counted the way monthsBetween counts. */
export function periodLength(period: { from: string; to: string }): { months: number; days: number } {
  const end = addDays(period.to, 1);
  const whole = monthsBetween(period.from, end);
  return { months: whole, days: toDayNumber(end) - toDayNumber(addMonths(period.from, whole)) };
}

const checkMaxPeriodMonths: Check<MaxPeriodMonthsRule> = (rule, _candidate, order) => {
  const length = periodLength(order.period);
  if (length.months < rule.months || (length.months === rule.months && length.days === 0)) return [];
  const text =
    length.days === 0
      ? monthsText(length.months)
      : length.months === 0
        ? daysText(length.days)
        : `${monthsText(length.months)} og ${daysText(length.days)}`;
  return [
    `perioden ${order.period.from}–${order.period.to} varer ${text} (højst ${monthsText(rule.months)})`,
  ];
};

const checkNoConflictingSchemes: Check<NoConflictingSchemesRule> = (rule, candidate) => {
  const banned = new Set(rule.schemes.map((s) => s.toLowerCase()));
  const conflicting = [...new Set(candidate.activeSchemes.map((s) => s.trim().toLowerCase()))].filter((s) =>
    banned.has(s),
  );
  if (conflicting.length === 0) return [];
  return [
    `har samtidig ${listDanish(conflicting.map(schemeLabel), 'og')}, som ikke kan kombineres med jobrotation`,
  ];
};

const checkAvailableForPeriod: Check<AvailableForPeriodRule> = (_rule, candidate, order) => {
  const { period } = order;
  const reasons: string[] = [];
  const availableFrom = candidate.availableFrom ?? null;
  if (availableFrom !== null && toDayNumber(availableFrom) > toDayNumber(period.from)) {
    reasons.push(`tidligst ledig fra ${availableFrom}, perioden starter ${period.from}`);
  }
  // Read from/to explicitly: the items may carry a reason, which must not be touched.
  for (const range of candidate.unavailable) {
    const { from, to } = range;
    if (rangesOverlap({ from, to }, period)) reasons.push(`ikke ledig ${from}–${to} i perioden`);
  }
  return reasons;
};

function check(rule: Rule, candidate: EligibilityCandidate, order: EligibilityOrder): string[] {
  switch (rule.type) {
    case 'minUnemploymentMonths':
      return checkMinUnemploymentMonths(rule, candidate, order);
    case 'benefitIn':
      return checkBenefitIn(rule, candidate, order);
    case 'minWeeklyHours':
      return checkMinWeeklyHours(rule, candidate, order);
    case 'maxPeriodMonths':
      return checkMaxPeriodMonths(rule, candidate, order);
    case 'noConflictingSchemes':
      return checkNoConflictingSchemes(rule, candidate, order);
    case 'availableForPeriod':
      return checkAvailableForPeriod(rule, candidate, order);
  }
}

/**
 * Every rule is evaluated, with no short-circuit, so a konsulent sees all reasons at once. A rule may fail
 * with more than one reason (e.g. both the order's and the candidate's hours); each gets the rule's code.
 * Dates must be real YYYY-MM-DD dates (the domain schemas guarantee it); anything else throws a RangeError.
 */
export function evaluateEligibility(
  ruleSet: RuleSet,
  candidate: EligibilityCandidate,
  order: EligibilityOrder,
): EligibilityVerdict {
  const failed: FailedRule[] = [];
  for (const rule of ruleSet.rules) {
    for (const reason of check(rule, candidate, order)) failed.push({ code: rule.code, reason });
  }
  return {
    eligible: failed.length === 0,
    ruleSet: ruleSet.name,
    reasons: failed.map((f) => f.reason),
    failed,
  };
}
