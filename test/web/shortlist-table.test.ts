import { describe, expect, it } from 'vitest';
import { EVIDENCE_FIELDS } from '../../src/domain/shortlist.ts';
import { breakdownText, EVIDENCE_FIELD_NAMES, evidenceFor, newSince } from '../../web/src/lib/shortlist.ts';

describe('the bruttoliste table helpers', () => {
  it('says where a matched phrase was found, in Danish', () => {
    const entry = {
      candidateId: 'c1',
      matched: ['truckcertifikat', 'lagerstyring'],
      evidence: [
        {
          phrase: 'truckcertifikat',
          concept: 'c:truck',
          foundAs: 'gaffeltruckkørekort',
          field: 'competences',
        },
        { phrase: 'lagerstyring', foundAs: 'lagerstyring', field: 'experience.description' },
      ],
    };
    expect(evidenceFor(entry, 'truckcertifikat')).toBe('fundet som «gaffeltruckkørekort» i kompetencer');
    expect(evidenceFor(entry, 'Lagerstyring')).toBe('fundet i erfaringsbeskrivelse');
    expect(evidenceFor({ candidateId: 'c2', matched: ['x'] }, 'x')).toBeUndefined();
  });

  it('has a Danish name for every CV field the API gives evidence from', () => {
    for (const field of EVIDENCE_FIELDS) expect(EVIDENCE_FIELD_NAMES[field], field).toMatch(/^[a-zæøå-]+$/i);
  });

  it('marks people not on the previous list as new, and nobody on a first list', () => {
    const now = [{ candidateId: 'a' }, { candidateId: 'b' }, { candidateId: 'c' }];
    expect([...newSince(now, [{ candidateId: 'b' }])].sort()).toEqual(['a', 'c']);
    expect(newSince(now, null).size).toBe(0);
  });

  it('reads the score bars as a sentence', () => {
    expect(breakdownText({ competence: 0.92, distance: 1, unemployment: 0.7 })).toBe(
      'Kompetencer 92 %, afstand 100 %, ledighed 70 %',
    );
  });
});
