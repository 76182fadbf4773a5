import { describe, expect, it } from 'vitest';
import { understandPhrase } from '../../scoring/concepts/phrase.ts';
import { activeTaxonomy } from '../../scoring/taxonomy/active.ts';

/** How konsulenter write order phrases, read against the shipped taxonomy. */
describe('order phrases as Danish builds them', () => {
  const read = (phrase: string) => understandPhrase(phrase, activeTaxonomy());

  it('drops a framing compound head and reads the rest as the work it names', () => {
    expect(read('produktionserfaring')).toMatchObject({ concepts: ['produktionsarbejde'], words: [] });
    expect(read('kasseerfaring')).toMatchObject({ concepts: ['kasseekspedition'], framing: ['erfaring'] });
    expect(read('receptionserfaring er en fordel').concepts).toEqual(['receptionist']);
  });

  it('takes "er en fordel" and "erfaring med" as framing, not as words the CV must hold', () => {
    expect(read('gaffeltruckcertifikat er en fordel')).toMatchObject({
      concepts: ['truckcertifikat'],
      words: [],
    });
    expect(read('erfaring med tagarbejde')).toMatchObject({ concepts: ['tagarbejde'], words: [] });
  });

  it('leaves a phrase it cannot read as words, to be matched only where they stand together', () => {
    expect(read('god til kunder')).toMatchObject({ concepts: [], words: ['kund'] });
  });
});
