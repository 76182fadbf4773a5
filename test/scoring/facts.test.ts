import { describe, expect, it } from 'vitest';
import { pickSituation, SITUATION_FIELDS, situationFacts } from '../../scoring/facts.ts';

describe('situation facts', () => {
  it('copies every listed field and nothing else', () => {
    const stored = {
      ...situationFacts({
        location: { lat: 56.1, lon: 10.2 },
        unemployedSince: '2026-01-15',
        benefit: 'dagpenge',
        weeklyHours: 30,
        availableFrom: '2026-02-01',
        unavailable: [{ from: '2026-03-01', to: '2026-03-10' }],
        activeSchemes: ['loentilskud'],
        driversLicences: ['B'],
        wishes: { maxDistanceKm: 25 },
      }),
      searchable: true,
      shareWithPool: false,
      name: 'Mette Hansen',
      cpr: '0101901234',
    };
    const picked = pickSituation(stored);
    expect(Object.keys(picked).sort()).toEqual([...SITUATION_FIELDS].sort());
    for (const field of SITUATION_FIELDS) expect(picked[field]).toEqual(stored[field]);
    expect(Object.values(picked)).not.toContain(null);
  });

  it('drops the reason of an unavailable period: only its dates are facts', () => {
    const facts = situationFacts({
      location: { lat: 56.1, lon: 10.2 },
      unemployedSince: '2026-01-15',
      benefit: 'dagpenge',
      unavailable: [
        { from: '2026-03-01', to: '2026-03-10', reason: 'sygdom' } as { from: string; to: string },
      ],
    });
    expect(facts.unavailable).toEqual([{ from: '2026-03-01', to: '2026-03-10' }]);
  });
});
