import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { addDays, addMonths, fromDayNumber, toDayNumber } from '../../scoring/dates.ts';
import {
  BENEFITS,
  type Benefit,
  type EligibilityCandidate,
  type EligibilityOrder,
  evaluateEligibility,
  periodLength,
  type Rule,
  type RuleSet,
  ruleSetSchema,
} from '../../scoring/eligibility.ts';
import type { Benefit as DomainBenefit } from '../../src/domain/candidate.ts';
import { loadRuleSet } from '../../src/rulesets/load.ts';

const defaultRules = loadRuleSet('default');

// A vikariat in Aarhus starting the first Monday of 2027, full time, six months.
const order: EligibilityOrder = { weeklyHours: 37, period: { from: '2027-01-04', to: '2027-06-30' } };

// Ledig since mid-August 2026 on dagpenge: meets every national rule for that order.
const candidate: EligibilityCandidate = {
  unemployedSince: '2026-08-15',
  benefit: 'dagpenge',
  weeklyHours: 37,
  availableFrom: null,
  unavailable: [],
  activeSchemes: [],
};

const evaluate = (
  c: Partial<EligibilityCandidate> = {},
  o: Partial<EligibilityOrder> = {},
  rules = defaultRules,
) => evaluateEligibility(rules, { ...candidate, ...c }, { ...order, ...o });

const ruleSet = (...rules: Rule[]): RuleSet => ({ name: 'test', version: '1', description: 'test', rules });

describe('types', () => {
  it('Benefit is the domain Benefit', () => {
    expectTypeOf<Benefit>().toEqualTypeOf<DomainBenefit>();
  });
});

describe('evaluateEligibility with the default rule set', () => {
  it('passes a ledig who meets every rule', () => {
    expect(evaluate()).toEqual({ eligible: true, ruleSet: 'default', reasons: [], failed: [] });
  });

  describe('MIN_LEDIGHED: at least 3 whole months of ledighed when the period starts', () => {
    it('passes at exactly 3 months', () => {
      expect(evaluate({ unemployedSince: '2026-10-04' }).eligible).toBe(true);
    });

    it('fails a day short, naming the actual months', () => {
      expect(evaluate({ unemployedSince: '2026-10-05' }).failed).toEqual([
        { code: 'MIN_LEDIGHED', reason: 'ledig i 2 måneder ved periodens start (kræver mindst 3)' },
      ]);
    });

    it('says "måned" for one', () => {
      expect(evaluate({ unemployedSince: '2026-11-20' }).reasons).toEqual([
        'ledig i 1 måned ved periodens start (kræver mindst 3)',
      ]);
    });

    it('counts ledighed starting after the period as 0 months', () => {
      expect(evaluate({ unemployedSince: '2027-02-01' }).reasons).toEqual([
        'ledig i 0 måneder ved periodens start (kræver mindst 3)',
      ]);
    });
  });

  describe('YDELSE: dagpenge or kontanthjælp', () => {
    it('passes kontanthjælp', () => {
      expect(evaluate({ benefit: 'kontanthjaelp' }).eligible).toBe(true);
    });

    it.each<[Benefit, string]>([
      ['uddannelseshjaelp', 'modtager uddannelseshjælp; jobrotation kræver dagpenge eller kontanthjælp'],
      ['selvforsoergelse', 'modtager selvforsørgelse; jobrotation kræver dagpenge eller kontanthjælp'],
      ['sygedagpenge', 'modtager sygedagpenge; jobrotation kræver dagpenge eller kontanthjælp'],
      ['ingen', 'modtager ingen ydelse; jobrotation kræver dagpenge eller kontanthjælp'],
    ])('fails %s in readable Danish', (benefit, reason) => {
      expect(evaluate({ benefit }).failed).toEqual([{ code: 'YDELSE', reason }]);
    });

    it('lists three or more benefits with commas and "eller"', () => {
      const rules = ruleSet({
        type: 'benefitIn',
        code: 'YDELSE',
        benefits: ['dagpenge', 'kontanthjaelp', 'ledighedsydelse'],
      });
      expect(evaluate({ benefit: 'ingen' }, {}, rules).reasons).toEqual([
        'modtager ingen ydelse; jobrotation kræver dagpenge, kontanthjælp eller ledighedsydelse',
      ]);
    });
  });

  describe('MIN_TIMER: at least 10 hours a week', () => {
    it('passes exactly 10 hours, and a candidate who has not stated hours', () => {
      expect(evaluate({ weeklyHours: 10 }, { weeklyHours: 10 }).eligible).toBe(true);
      expect(evaluate({ weeklyHours: null }).eligible).toBe(true);
    });

    it('fails a vikariat of too few hours', () => {
      expect(evaluate({}, { weeklyHours: 8 }).failed).toEqual([
        { code: 'MIN_TIMER', reason: 'vikariatet er på 8 timer om ugen (kræver mindst 10)' },
      ]);
    });

    it('fails a candidate who can work too few hours, with a Danish decimal comma', () => {
      expect(evaluate({ weeklyHours: 7.5 }).failed).toEqual([
        { code: 'MIN_TIMER', reason: 'kan arbejde 7,5 timer om ugen (kræver mindst 10)' },
      ]);
    });

    it('gives both reasons separately when both fall short', () => {
      expect(evaluate({ weeklyHours: 6 }, { weeklyHours: 9.25 }).failed).toEqual([
        { code: 'MIN_TIMER', reason: 'vikariatet er på 9,25 timer om ugen (kræver mindst 10)' },
        { code: 'MIN_TIMER', reason: 'kan arbejde 6 timer om ugen (kræver mindst 10)' },
      ]);
    });

    it('treats hours left out by a caller (undefined) as not stated', () => {
      const { weeklyHours: _, ...withoutHours } = candidate;
      const verdict = evaluateEligibility(defaultRules, withoutHours as EligibilityCandidate, order);
      expect(verdict.eligible).toBe(true);
    });
  });

  describe('MAX_PERIODE: at most 12 months', () => {
    it('passes exactly 12 months, first day to the day before', () => {
      expect(evaluate({}, { period: { from: '2027-01-04', to: '2028-01-03' } }).eligible).toBe(true);
    });

    it('fails one day more, naming the length', () => {
      expect(evaluate({}, { period: { from: '2027-01-04', to: '2028-01-04' } }).failed).toEqual([
        {
          code: 'MAX_PERIODE',
          reason: 'perioden 2027-01-04–2028-01-04 varer 12 måneder og 1 dag (højst 12 måneder)',
        },
      ]);
    });

    it('fails 13 whole months', () => {
      expect(evaluate({}, { period: { from: '2027-01-04', to: '2028-02-03' } }).reasons).toEqual([
        'perioden 2027-01-04–2028-02-03 varer 13 måneder (højst 12 måneder)',
      ]);
    });

    it('names days only when under a month, and says "måned" for one', () => {
      const rules = ruleSet({ type: 'maxPeriodMonths', code: 'MAX_PERIODE', months: 1 });
      expect(evaluate({}, { period: { from: '2027-01-31', to: '2027-02-28' } }, rules).eligible).toBe(true);
      expect(evaluate({}, { period: { from: '2027-01-31', to: '2027-03-02' } }, rules).reasons).toEqual([
        'perioden 2027-01-31–2027-03-02 varer 1 måned og 2 dage (højst 1 måned)',
      ]);
    });

    it('measures inclusive periods the way monthsBetween counts', () => {
      expect(periodLength({ from: '2027-01-04', to: '2027-01-04' })).toEqual({ months: 0, days: 1 });
      expect(periodLength({ from: '2027-01-04', to: '2027-04-03' })).toEqual({ months: 3, days: 0 });
      expect(periodLength({ from: '2028-02-29', to: '2029-02-28' })).toEqual({ months: 12, days: 0 });
    });
  });

  describe('ANDEN_STOETTE: no løntilskud, VEU-godtgørelse or SVU at the same time', () => {
    it('passes a scheme the rule set does not list', () => {
      expect(evaluate({ activeSchemes: ['virksomhedspraktik'] }).eligible).toBe(true);
    });

    it('fails løntilskud, named in Danish', () => {
      expect(evaluate({ activeSchemes: ['loentilskud'] }).failed).toEqual([
        { code: 'ANDEN_STOETTE', reason: 'har samtidig løntilskud, som ikke kan kombineres med jobrotation' },
      ]);
    });

    it('matches case-insensitively and names every conflicting scheme once', () => {
      expect(
        evaluate({ activeSchemes: ['SVU', 'virksomhedspraktik', 'VEU-Godtgoerelse', 'svu'] }).reasons,
      ).toEqual(['har samtidig SVU og VEU-godtgørelse, som ikke kan kombineres med jobrotation']);
    });
  });

  describe('TILGAENGELIG: available for the whole period', () => {
    it('passes when available from the first day and unavailable only outside the period', () => {
      const verdict = evaluate({
        availableFrom: '2027-01-04',
        unavailable: [
          { from: '2026-12-01', to: '2027-01-03' },
          { from: '2027-07-01', to: '2027-07-31' },
        ],
      });
      expect(verdict.eligible).toBe(true);
    });

    it('fails a later availableFrom, naming both dates', () => {
      expect(evaluate({ availableFrom: '2027-02-01' }).failed).toEqual([
        { code: 'TILGAENGELIG', reason: 'tidligst ledig fra 2027-02-01, perioden starter 2027-01-04' },
      ]);
    });

    it('fails each unavailability inside the period, without its (possibly sensitive) reason', () => {
      const unavailable = [
        { from: '2027-02-01', to: '2027-03-31', reason: 'andet' },
        { from: '2027-06-30', to: '2027-07-10', reason: 'ferie' },
      ];
      const verdict = evaluate({ unavailable });
      expect(verdict.failed).toEqual([
        { code: 'TILGAENGELIG', reason: 'ikke ledig 2027-02-01–2027-03-31 i perioden' },
        { code: 'TILGAENGELIG', reason: 'ikke ledig 2027-06-30–2027-07-10 i perioden' },
      ]);
      expect(JSON.stringify(verdict)).not.toMatch(/andet|ferie/);
    });
  });

  it('reports every failed rule at once, in rule order', () => {
    const verdict = evaluate(
      {
        unemployedSince: '2026-12-01',
        benefit: 'uddannelseshjaelp',
        weeklyHours: 5,
        availableFrom: '2027-01-11',
        unavailable: [{ from: '2027-05-01', to: '2027-05-14' }],
        activeSchemes: ['loentilskud'],
      },
      { weeklyHours: 8, period: { from: '2027-01-04', to: '2028-03-31' } },
    );
    expect(verdict.eligible).toBe(false);
    expect(verdict.ruleSet).toBe('default');
    expect(verdict.reasons).toEqual([
      'ledig i 1 måned ved periodens start (kræver mindst 3)',
      'modtager uddannelseshjælp; jobrotation kræver dagpenge eller kontanthjælp',
      'vikariatet er på 8 timer om ugen (kræver mindst 10)',
      'kan arbejde 5 timer om ugen (kræver mindst 10)',
      'perioden 2027-01-04–2028-03-31 varer 14 måneder og 28 dage (højst 12 måneder)',
      'har samtidig løntilskud, som ikke kan kombineres med jobrotation',
      'tidligst ledig fra 2027-01-11, perioden starter 2027-01-04',
      'ikke ledig 2027-05-01–2027-05-14 i perioden',
    ]);
    expect(verdict.failed.map((f) => f.code)).toEqual([
      'MIN_LEDIGHED',
      'YDELSE',
      'MIN_TIMER',
      'MIN_TIMER',
      'MAX_PERIODE',
      'ANDEN_STOETTE',
      'TILGAENGELIG',
      'TILGAENGELIG',
    ]);
    expect(verdict.reasons).toEqual(verdict.failed.map((f) => f.reason));
  });

  it('makes everyone eligible under a rule set without rules', () => {
    expect(evaluate({ benefit: 'ingen', weeklyHours: 1 }, {}, ruleSet()).eligible).toBe(true);
  });

  it('throws on a date that is not real rather than guessing', () => {
    expect(() => evaluate({ unemployedSince: '2026-02-30' })).toThrow(RangeError);
  });
});

describe('ruleSetSchema', () => {
  const valid = {
    name: 'aarhus',
    version: '2026-03',
    description: 'Aarhus Kommunes regler',
    rules: [
      { type: 'minUnemploymentMonths', code: 'MIN_LEDIGHED', months: 3, note: 'fra bekendtgørelsen' },
      { type: 'benefitIn', code: 'YDELSE', benefits: ['dagpenge'] },
      { type: 'availableForPeriod', code: 'TILGAENGELIG' },
    ],
  };
  const withRule = (rule: unknown) => ({ ...valid, rules: [...valid.rules, rule] });
  const issues = (value: unknown) =>
    ruleSetSchema.safeParse(value).error?.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));

  it('accepts a valid rule set', () => {
    expect(ruleSetSchema.parse(valid)).toEqual(valid);
  });

  it('rejects an unknown rule type, listing the known ones', () => {
    expect(issues(withRule({ type: 'minAge', code: 'ALDER', years: 30 }))).toEqual([
      { path: 'rules.3.type', message: expect.stringMatching(/minUnemploymentMonths.*availableForPeriod/) },
    ]);
  });

  it.each([
    [{ type: 'maxPeriodMonths', code: 'MAX', months: '12' }, 'rules.3.months', /expected number/],
    [{ type: 'maxPeriodMonths', code: 'MAX' }, 'rules.3.months', /expected number/],
    [{ type: 'maxPeriodMonths', code: 'MAX', months: 0 }, 'rules.3.months', /0|1/],
    [{ type: 'minUnemploymentMonths', code: 'MIN', months: 2.5 }, 'rules.3.months', /whole number/],
    [{ type: 'minWeeklyHours', code: 'TIMER', hours: -1 }, 'rules.3.hours', /0/],
    [{ type: 'maxPeriodMonths', code: 'MAX', month: 12, months: 12 }, 'rules.3', /month/],
    [{ type: 'benefitIn', code: 'Y', benefits: ['folkepension'] }, 'rules.3.benefits.0', /dagpenge/],
    [{ type: 'benefitIn', code: 'Y', benefits: [] }, 'rules.3.benefits', /at least one/],
    [{ type: 'noConflictingSchemes', code: 'S', schemes: ['svu', 'SVU'] }, 'rules.3.schemes', /repeat/],
    [{ type: 'availableForPeriod', code: 'tilgaengelig' }, 'rules.3.code', /UPPER_SNAKE/],
    [{ type: 'availableForPeriod', code: 'MIN_LEDIGHED' }, 'rules.3.code', /duplicate code MIN_LEDIGHED/],
  ])('rejects %j at %s', (rule, path, message) => {
    expect(issues(withRule(rule))).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  it.each([
    [{ ...valid, name: '../etc/passwd' }, 'name'],
    [{ ...valid, version: '' }, 'version'],
    [{ ...valid, rules: undefined }, 'rules'],
    [{ ...valid, extra: true }, ''],
  ])('rejects a bad set field (%#)', (value, path) => {
    expect(issues(value)?.map((i) => i.path)).toEqual([path]);
  });
});

// Arbitraries for the property tests. Dates stay in 2020-2035, where the rules are meant to apply.
const SCHEMES = ['loentilskud', 'veu-godtgoerelse', 'svu', 'virksomhedspraktik'];
const date = fc
  .integer({ min: toDayNumber('2020-01-01'), max: toDayNumber('2035-12-31') })
  .map(fromDayNumber);

const params = fc.record({
  minMonths: fc.integer({ min: 0, max: 24 }),
  benefits: fc.subarray([...BENEFITS], { minLength: 1 }),
  hours: fc.integer({ min: 1, max: 40 }),
  maxMonths: fc.integer({ min: 1, max: 24 }),
  schemes: fc.subarray(SCHEMES, { minLength: 1 }),
});

type Params = typeof params extends fc.Arbitrary<infer T> ? T : never;

const toRuleSet = (p: Params): RuleSet =>
  ruleSetSchema.parse({
    name: 'prop',
    version: '1',
    description: 'genereret',
    rules: [
      { type: 'minUnemploymentMonths', code: 'MIN_LEDIGHED', months: p.minMonths },
      { type: 'benefitIn', code: 'YDELSE', benefits: p.benefits },
      { type: 'minWeeklyHours', code: 'MIN_TIMER', hours: p.hours },
      { type: 'maxPeriodMonths', code: 'MAX_PERIODE', months: p.maxMonths },
      { type: 'noConflictingSchemes', code: 'ANDEN_STOETTE', schemes: p.schemes },
      { type: 'availableForPeriod', code: 'TILGAENGELIG' },
    ],
  });

/** A rule set plus an order and candidate built so that every field satisfies its rule. */
const satisfying = params.chain((p) =>
  fc
    .record({
      from: date,
      // Every month has at least 28 days, so 28 * maxMonths days always fit.
      lengthDays: fc.integer({ min: 1, max: 28 * p.maxMonths }),
      orderHours: fc.integer({ min: p.hours, max: 80 }),
      // Every month has at most 31 days, so 31 * minMonths days back is always enough ledighed.
      extraLedigDays: fc.integer({ min: 0, max: 2000 }),
      benefit: fc.constantFrom(...p.benefits),
      candidateHours: fc.option(fc.integer({ min: p.hours, max: 80 }), { nil: null }),
      availableEarlyBy: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
      gapsBefore: fc.array(fc.tuple(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 60 })), {
        maxLength: 3,
      }),
      gapsAfter: fc.array(fc.tuple(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 60 })), {
        maxLength: 3,
      }),
      schemes: fc.subarray(SCHEMES.filter((s) => !p.schemes.includes(s))),
    })
    .map((g) => {
      const to = addDays(g.from, g.lengthDays - 1);
      const order: EligibilityOrder = { weeklyHours: g.orderHours, period: { from: g.from, to } };
      const candidate: EligibilityCandidate = {
        unemployedSince: addDays(g.from, -(31 * p.minMonths + g.extraLedigDays)),
        benefit: g.benefit,
        weeklyHours: g.candidateHours,
        availableFrom: g.availableEarlyBy === null ? null : addDays(g.from, -g.availableEarlyBy),
        unavailable: [
          ...g.gapsBefore.map(([gap, len]) => ({
            from: addDays(g.from, -gap - len),
            to: addDays(g.from, -gap),
          })),
          ...g.gapsAfter.map(([gap, len]) => ({ from: addDays(to, gap), to: addDays(to, gap + len) })),
        ],
        activeSchemes: g.schemes.map((s) => s.toUpperCase()),
      };
      return { ruleSet: toRuleSet(p), order, candidate };
    }),
);

/** Anything goes: most of these fail some rule. */
const arbitraryCase = fc
  .record({
    ruleSet: fc.oneof(
      params.map(toRuleSet),
      fc.constant(defaultRules),
      fc.constant(loadRuleSet('kommune-6-maaneder')),
    ),
    from: date,
    lengthDays: fc.integer({ min: 1, max: 800 }),
    orderHours: fc.double({ min: 1, max: 80, noNaN: true }),
    unemployedSince: date,
    benefit: fc.constantFrom(...BENEFITS),
    weeklyHours: fc.option(fc.double({ min: 1, max: 80, noNaN: true }), { nil: null }),
    availableFrom: fc.option(date, { nil: null }),
    unavailable: fc.array(fc.tuple(date, fc.integer({ min: 0, max: 90 })), { maxLength: 4 }),
    activeSchemes: fc.subarray([...SCHEMES, 'SVU', 'jobrotation', 'LOENTILSKUD']),
  })
  .map((g) => ({
    ruleSet: g.ruleSet,
    order: { weeklyHours: g.orderHours, period: { from: g.from, to: addDays(g.from, g.lengthDays - 1) } },
    candidate: {
      unemployedSince: g.unemployedSince,
      benefit: g.benefit,
      weeklyHours: g.weeklyHours,
      availableFrom: g.availableFrom,
      unavailable: g.unavailable.map(([from, len]) => ({ from, to: addDays(from, len) })),
      activeSchemes: g.activeSchemes,
    } satisfies EligibilityCandidate,
  }));

const ALLOWED = new Set<PropertyKey>([
  'unemployedSince',
  'benefit',
  'weeklyHours',
  'availableFrom',
  'unavailable',
  'activeSchemes',
]);

/**
 * Wraps a candidate the way the real record looks (with name, CPR, birth date, gender, ...) and throws if
 * evaluation touches anything but EligibilityCandidate's fields, or enumerates the object (a spread would copy
 * the protected fields along). Unavailability items get the same treatment for their `reason`.
 */
function guarded(candidate: EligibilityCandidate): EligibilityCandidate {
  const guard = <T extends object>(target: T, allowed: ReadonlySet<PropertyKey>): T =>
    new Proxy(target, {
      get(t, key, receiver) {
        if (!allowed.has(key)) throw new Error(`read ${String(key)}`);
        return Reflect.get(t, key, receiver);
      },
      has(_t, key) {
        throw new Error(`asked whether ${String(key)} exists`);
      },
      ownKeys() {
        throw new Error('enumerated the record');
      },
      getOwnPropertyDescriptor(_t, key) {
        throw new Error(`inspected ${String(key)}`);
      },
    });
  const record = {
    ...candidate,
    name: 'Mette Frederiksen Hansen',
    cpr: '0101901234',
    birthDate: '1990-01-01',
    age: 36,
    gender: 'kvinde',
    health: 'sygemeldt',
    unavailable: candidate.unavailable.map((u) =>
      guard({ ...u, reason: 'behandling' }, new Set(['from', 'to'])),
    ),
  };
  return guard(record, ALLOWED);
}

describe('evaluateEligibility properties', () => {
  it('passes a candidate whose every field satisfies the rules', () => {
    fc.assert(
      fc.property(satisfying, ({ ruleSet, candidate, order }) => {
        expect(evaluateEligibility(ruleSet, candidate, order)).toEqual({
          eligible: true,
          ruleSet: 'prop',
          reasons: [],
          failed: [],
        });
      }),
      { numRuns: 300 },
    );
  });

  it('is eligible exactly when there are no reasons, and reasons mirror failed in rule order', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ ruleSet, candidate, order }) => {
        const verdict = evaluateEligibility(ruleSet, candidate, order);
        expect(verdict.eligible).toBe(verdict.reasons.length === 0);
        expect(verdict.reasons).toEqual(verdict.failed.map((f) => f.reason));
        expect(verdict.ruleSet).toBe(ruleSet.name);
        const codes = ruleSet.rules.map((r) => r.code);
        const positions = verdict.failed.map((f) => codes.indexOf(f.code));
        expect(positions.every((p) => p >= 0)).toBe(true);
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
        for (const reason of verdict.reasons) expect(reason).not.toMatch(/undefined|null|NaN/);
      }),
      { numRuns: 500 },
    );
  });

  it('never reads anything but the EligibilityCandidate fields', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ ruleSet, candidate, order }) => {
        expect(evaluateEligibility(ruleSet, guarded(candidate), order)).toEqual(
          evaluateEligibility(ruleSet, candidate, order),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('the guard itself trips on protected fields', () => {
    const record = guarded(candidate) as unknown as Record<string, unknown>;
    expect(() => record.cpr).toThrow('read cpr');
    expect(() => ({ ...record })).toThrow();
    expect(() => addMonths(record.unemployedSince as string, 1)).not.toThrow();
  });
});
