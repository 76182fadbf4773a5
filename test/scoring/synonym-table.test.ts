import { describe, expect, it } from 'vitest';
import { NON_SYNONYM_TOKENS, parseSynonymTable, SYNONYM_GROUPS } from '../../scoring/text/synonym-table.ts';

const table = (groups: unknown[], tokens: unknown[] = []) =>
  JSON.stringify({ sections: [{ section: 'Lager', groups }], nonSynonymTokens: tokens });

describe('synonym table', () => {
  it('loads the shipped table', () => {
    expect(SYNONYM_GROUPS.length).toBeGreaterThan(300);
    expect(SYNONYM_GROUPS[0]).toEqual({
      id: 'truckcertifikat',
      terms: expect.arrayContaining(['truckkørekort', 'gaffeltruck certifikat']),
    });
    expect(NON_SYNONYM_TOKENS.has('bag')).toBe(true);
  });

  it('reads groups in order and the tokens kept out of matching', () => {
    const parsed = parseSynonymTable(
      table(
        [
          { id: 'a', terms: ['a', 'b c'] },
          { id: 'd', note: 'why', terms: ['d'] },
        ],
        [{ why: 'x', tokens: ['bag'] }],
      ),
    );
    expect(parsed.groups).toEqual([
      { id: 'a', terms: ['a', 'b c'] },
      { id: 'd', terms: ['d'] },
    ]);
    expect([...parsed.nonSynonymTokens]).toEqual(['bag']);
  });

  it('refuses a broken table and says where', () => {
    expect(() => parseSynonymTable(table([{ id: 'a', terms: ['Truck'] }]))).toThrow(
      /sections\.0\.groups\.0\.terms\.0: must be lowercase/,
    );
    expect(() => parseSynonymTable(table([{ id: 'a', terms: [] }]))).toThrow(/terms/);
    expect(() => parseSynonymTable(table([{ id: 'a', terms: ['a'], extra: 1 }]))).toThrow(/synonyms\.json/);
    expect(() =>
      parseSynonymTable(
        table([
          { id: 'a', terms: ['a'] },
          { id: 'a', terms: ['b'] },
        ]),
      ),
    ).toThrow(/"a" is listed twice/);
  });
});
