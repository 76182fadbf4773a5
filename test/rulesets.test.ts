import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EligibilityCandidate, evaluateEligibility } from '../scoring/eligibility.ts';
import { listRuleSets, loadRuleSet, SHIPPED_RULESETS_DIR } from '../src/rulesets/load.ts';

const shipped = (name: string) =>
  JSON.parse(readFileSync(join(SHIPPED_RULESETS_DIR, `${name}.json`), 'utf8'));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vikarmatch-rulesets-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, content: unknown, into = dir) =>
  writeFileSync(join(into, `${name}.json`), typeof content === 'string' ? content : JSON.stringify(content));

const aarhus = {
  name: 'aarhus-2026',
  version: '2026-03',
  description: 'Aarhus Kommunes egne regler for jobrotation: 4 måneders ledighed, også uddannelseshjælp.',
  rules: [
    { type: 'minUnemploymentMonths', code: 'MIN_LEDIGHED', months: 4 },
    { type: 'benefitIn', code: 'YDELSE', benefits: ['dagpenge', 'kontanthjaelp', 'uddannelseshjaelp'] },
    { type: 'availableForPeriod', code: 'TILGAENGELIG' },
  ],
};

describe('shipped rule sets', () => {
  it('loads and validates default with the national rules', () => {
    const set = loadRuleSet('default');
    expect(set.name).toBe('default');
    expect(set.version).toMatch(/^\d{4}-\d{2}$/);
    expect(set.description).toMatch(/bekendtgørelse om jobrotation/);
    expect(set.description).toMatch(/LAB/);
    expect(set.description).not.toMatch(/§/); // no invented paragraph numbers
    expect(set.rules).toEqual([
      expect.objectContaining({ type: 'minUnemploymentMonths', code: 'MIN_LEDIGHED', months: 3 }),
      expect.objectContaining({ type: 'benefitIn', code: 'YDELSE', benefits: ['dagpenge', 'kontanthjaelp'] }),
      expect.objectContaining({ type: 'minWeeklyHours', code: 'MIN_TIMER', hours: 10 }),
      expect.objectContaining({ type: 'maxPeriodMonths', code: 'MAX_PERIODE', months: 12 }),
      expect.objectContaining({
        type: 'noConflictingSchemes',
        code: 'ANDEN_STOETTE',
        schemes: ['loentilskud', 'veu-godtgoerelse', 'svu'],
      }),
      expect.objectContaining({ type: 'availableForPeriod', code: 'TILGAENGELIG' }),
    ]);
  });

  it('kommune-6-maaneder differs from default only in the months of ledighed', () => {
    const kommune = loadRuleSet('kommune-6-maaneder');
    const national = loadRuleSet('default');
    expect(kommune.name).toBe('kommune-6-maaneder');
    expect(kommune.description).toMatch(/6 måneder/);
    expect(kommune.rules[0]).toMatchObject({
      type: 'minUnemploymentMonths',
      code: 'MIN_LEDIGHED',
      months: 6,
    });
    const withoutNotes = (rules: readonly object[]) => rules.map(({ note: _, ...r }: { note?: string }) => r);
    expect(withoutNotes(kommune.rules.slice(1))).toEqual(withoutNotes(national.rules.slice(1)));
  });

  it('decides a real case differently: 4 months of ledighed is enough nationally, not in the kommune', () => {
    const candidate: EligibilityCandidate = {
      unemployedSince: '2026-09-01',
      benefit: 'kontanthjaelp',
      weeklyHours: 30,
      availableFrom: '2026-12-15',
      unavailable: [{ from: '2026-12-20', to: '2027-01-02' }],
      activeSchemes: ['virksomhedspraktik'],
    };
    const order = { weeklyHours: 30, period: { from: '2027-01-04', to: '2027-07-02' } };
    expect(evaluateEligibility(loadRuleSet('default'), candidate, order)).toEqual({
      eligible: true,
      ruleSet: 'default',
      reasons: [],
      failed: [],
    });
    expect(evaluateEligibility(loadRuleSet('kommune-6-maaneder'), candidate, order)).toEqual({
      eligible: false,
      ruleSet: 'kommune-6-maaneder',
      reasons: ['ledig i 4 måneder ved periodens start (kræver mindst 6)'],
      failed: [{ code: 'MIN_LEDIGHED', reason: 'ledig i 4 måneder ved periodens start (kræver mindst 6)' }],
    });
  });

  it('lists both, sorted, as shipped', () => {
    expect(listRuleSets()).toEqual([
      {
        name: 'default',
        version: shipped('default').version,
        description: shipped('default').description,
        source: 'shipped',
        file: join(SHIPPED_RULESETS_DIR, 'default.json'),
      },
      expect.objectContaining({ name: 'kommune-6-maaneder', source: 'shipped' }),
    ]);
  });

  it('hands out a frozen, cached object: one caller cannot change another caller’s rules', () => {
    const set = loadRuleSet('default');
    expect(loadRuleSet('default')).toBe(set);
    expect(Object.isFrozen(set.rules[0])).toBe(true);
    expect(() => {
      (set.rules[0] as { months: number }).months = 0;
    }).toThrow(TypeError);
  });
});

describe('deployment directory', () => {
  it('adds a third rule set, listed with its source', () => {
    write('aarhus-2026', aarhus);
    expect(loadRuleSet('aarhus-2026', { dirs: [dir] })).toEqual(aarhus);
    expect(listRuleSets({ dirs: [dir] }).map((s) => [s.name, s.source])).toEqual([
      ['aarhus-2026', 'deployment'],
      ['default', 'shipped'],
      ['kommune-6-maaneder', 'shipped'],
    ]);
    // Without the directory it does not exist.
    expect(() => loadRuleSet('aarhus-2026')).toThrow(/unknown rule set "aarhus-2026"/);
  });

  // Decision: the deployment directory wins over the shipped one on the same name, `default` included, so a
  // kommune can follow a change in the rules without waiting for a release. It can only do so under the
  // set's own file name: a file cannot claim another set's name, and names cannot leave the directory.
  it('overrides a shipped rule set of the same name', () => {
    write('default', { ...shipped('default'), version: '2027-01', rules: [] });
    expect(loadRuleSet('default', { dirs: [dir] }).version).toBe('2027-01');
    expect(listRuleSets({ dirs: [dir] }).find((s) => s.name === 'default')).toMatchObject({
      source: 'deployment',
      version: '2027-01',
    });
    expect(loadRuleSet('default').version).toBe(shipped('default').version);
  });

  it('cannot take over a rule set from a file of another name', () => {
    write('aarhus-2026', { ...aarhus, name: 'default' });
    expect(() => loadRuleSet('aarhus-2026', { dirs: [dir] })).toThrow(
      `rule set file ${join(dir, 'aarhus-2026.json')}: name is "default", must match the file name`,
    );
    expect(loadRuleSet('default', { dirs: [dir] }).version).toBe(shipped('default').version);
  });

  it('searches several directories in order, the first one holding the name wins', () => {
    const second = join(dir, 'second');
    mkdirSync(second);
    write('aarhus-2026', { ...aarhus, version: 'first' });
    write('aarhus-2026', { ...aarhus, version: 'second' }, second);
    expect(loadRuleSet('aarhus-2026', { dirs: [dir, second] }).version).toBe('first');
    expect(loadRuleSet('aarhus-2026', { dirs: [second, dir] }).version).toBe('second');
  });

  it('ignores files that are not rule set names', () => {
    write('Aarhus', aarhus);
    writeFileSync(join(dir, 'README.md'), '# regler');
    expect(listRuleSets({ dirs: [dir] }).map((s) => s.name)).toEqual(['default', 'kommune-6-maaneder']);
  });

  it('rejects a configured directory that does not exist', () => {
    const missing = join(dir, 'findes-ikke');
    expect(() => loadRuleSet('default', { dirs: [missing] })).toThrow(
      `rule set directory not found: ${missing}`,
    );
  });

  it('picks up an edited file (cache keyed on mtime) and keeps serving it from cache until then', () => {
    write('aarhus-2026', aarhus);
    const file = join(dir, 'aarhus-2026.json');
    utimesSync(file, new Date('2026-01-01T10:00:00Z'), new Date('2026-01-01T10:00:00Z'));
    const first = loadRuleSet('aarhus-2026', { dirs: [dir] });
    expect(loadRuleSet('aarhus-2026', { dirs: [dir] })).toBe(first);

    write('aarhus-2026', { ...aarhus, version: '2026-04' });
    utimesSync(file, new Date('2026-02-01T10:00:00Z'), new Date('2026-02-01T10:00:00Z'));
    expect(loadRuleSet('aarhus-2026', { dirs: [dir] }).version).toBe('2026-04');
  });
});

describe('errors', () => {
  it('lists the available names for an unknown one', () => {
    expect(() => loadRuleSet('koebenhavn')).toThrow(
      'unknown rule set "koebenhavn"; available: default, kommune-6-maaneder',
    );
    write('aarhus-2026', aarhus);
    expect(() => loadRuleSet('koebenhavn', { dirs: [dir] })).toThrow(
      'unknown rule set "koebenhavn"; available: aarhus-2026, default, kommune-6-maaneder',
    );
  });

  it.each([
    '../default',
    '..',
    'default/../default',
    '/etc/passwd',
    'default.json',
    'Default',
    '',
    'a b',
    '..\\x',
  ])('rejects the name %j before touching the file system', (name) => {
    expect(() => loadRuleSet(name, { dirs: [dir] })).toThrow(/^invalid rule set name/);
  });

  it('does not read a rule set outside the directory even when one is there', () => {
    const inner = join(dir, 'inner');
    mkdirSync(inner);
    write('secret', { ...aarhus, name: 'secret' });
    expect(() => loadRuleSet('../secret', { dirs: [inner] })).toThrow(/^invalid rule set name/);
    expect(() => loadRuleSet('secret', { dirs: [inner] })).toThrow(/^unknown rule set "secret"/);
  });

  it('names the file for bad JSON', () => {
    write('aarhus-2026', '{ "name": "aarhus-2026", ');
    expect(() => loadRuleSet('aarhus-2026', { dirs: [dir] })).toThrow(
      new RegExp(`^rule set file ${join(dir, 'aarhus-2026.json')}: invalid JSON: `),
    );
  });

  it('names the file and the issue path for a bad rule', () => {
    const rules = [...aarhus.rules];
    rules[2] = { type: 'maxPeriodMonths', code: 'MAX_PERIODE', months: 'tolv' } as never;
    write('aarhus-2026', { ...aarhus, rules });
    expect(() => loadRuleSet('aarhus-2026', { dirs: [dir] })).toThrow(
      `rule set file ${join(dir, 'aarhus-2026.json')}: rules[2].months: Invalid input: expected number, received string`,
    );
  });

  it('names an unknown rule type', () => {
    write('aarhus-2026', { ...aarhus, rules: [{ type: 'minAge', code: 'ALDER', years: 30 }] });
    expect(() => loadRuleSet('aarhus-2026', { dirs: [dir] })).toThrow(
      /rules\[0\]\.type: Invalid discriminator value/,
    );
  });

  it('makes listing fail loudly on a broken file instead of hiding it', () => {
    write('aarhus-2026', { ...aarhus, version: 7 });
    expect(() => listRuleSets({ dirs: [dir] })).toThrow(/aarhus-2026\.json: version: /);
  });
});
