import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchPostalAreas } from '../../src/geo/postnumre.ts';
import { createTestApi, json, type TestApi } from './helpers.ts';

type Items = { items: Array<{ postalCode: string; town: string }> };

describe('postnummer search', () => {
  it('finds by the start of the number', () => {
    expect(searchPostalAreas('800').map((a) => a.postalCode)).toEqual(['8000']);
    const eights = searchPostalAreas('8');
    expect(eights).toHaveLength(20);
    expect(eights.every((a) => a.postalCode.startsWith('8'))).toBe(true);
  });

  it('finds by the start of the town name, whatever the case and however æ, ø and å are typed', () => {
    const aarhus = searchPostalAreas('aarhus').map((a) => `${a.postalCode} ${a.name}`);
    expect(aarhus).toContain('8000 Aarhus C');
    expect(aarhus).toContain('8210 Aarhus V');
    for (const q of ['KØGE', 'koege', 'koge', 'Køg']) {
      expect(
        searchPostalAreas(q).map((a) => a.name),
        q,
      ).toContain('Køge');
    }
    for (const q of ['MÅLØV', 'maaloev', 'malov']) {
      expect(
        searchPostalAreas(q).map((a) => a.name),
        q,
      ).toEqual(['Måløv']);
    }
    // Written with aa in the data, found however it is typed as the letter å.
    expect(searchPostalAreas('åbybro').map((a) => a.name)).toEqual(['Aabybro']);
    expect(searchPostalAreas('zzz')).toEqual([]);
    expect(searchPostalAreas('   ')).toEqual([]);
  });

  it('puts towns that start with the text before those with a later word that does', () => {
    const names = searchPostalAreas('frederiksberg').map((a) => a.name);
    expect(names[0]!.startsWith('Frederiksberg')).toBe(true);
  });
});

describe('GET /v1/postnumre', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await createTestApi();
  });
  afterAll(async () => t?.close());

  it('answers up to 20 { postalCode, town } for a number or a town name', async () => {
    const res = await t.call(t.tokens.a, { method: 'GET', url: '/v1/postnumre?q=8000' });
    expect(res.statusCode).toBe(200);
    expect(json<Items>(res).items).toEqual([{ postalCode: '8000', town: 'Aarhus C' }]);
    const town = json<Items>(
      await t.call(t.tokens.a, { method: 'GET', url: `/v1/postnumre?q=${encodeURIComponent('københavn')}` }),
    );
    expect(town.items).toHaveLength(20);
    expect(town.items[0]!.town).toMatch(/^København/);
  });

  it('needs a token and a q', async () => {
    expect((await t.call(null, { method: 'GET', url: '/v1/postnumre?q=8000' })).statusCode).toBe(401);
    const missing = await t.call(t.tokens.a, { method: 'GET', url: '/v1/postnumre' });
    expect(missing.statusCode).toBe(400);
    expect(json<{ errors: Array<{ field: string }> }>(missing).errors[0]!.field).toBe('q');
  });
});
