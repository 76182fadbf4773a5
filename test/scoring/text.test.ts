import fc from 'fast-check';
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/index.js';
import { describe, expect, it } from 'vitest';
import { extractMentions } from '../../scoring/concepts/extract.ts';
import { evaluateCandidate } from '../../scoring/rank.ts';
import { activeTaxonomy } from '../../scoring/taxonomy/active.ts';
import { analyse } from '../../scoring/text/analyse.ts';
import { splitCompound } from '../../scoring/text/compound.ts';
import { stem } from '../../scoring/text/stem.ts';
import { DANISH_STOPWORDS, isStopword } from '../../scoring/text/stopwords.ts';
import { tokenize } from '../../scoring/text/tokenize.ts';
import { MIN_TYPO_LENGTH, withinOneEdit } from '../../scoring/text/typo.ts';
import { candidate, order as orderFixture, setup } from './helpers.ts';

/** A CV that lists `cv` as a competence meets the job order's must-have `order`, through the whole scorer. */
function matches(cv: string, order: string): boolean {
  const { facts, query } = setup([candidate({ competences: [cv], experience: [] })], {
    ...orderFixture(),
    mustHave: [order],
    niceToHave: [],
  });
  const result = evaluateCandidate(facts[0]!, query);
  return result.kind === 'entry' && result.entry.matched.includes(order.trim());
}

/** The concepts a text states as the candidate's own, one per mention. */
function concepts(text: string): string[] {
  return extractMentions(text, 'competences', activeTaxonomy())
    .filter((m) => m.context === 'own')
    .map((m) => `≈${m.concept}`);
}

describe('tokenize', () => {
  it('lowercases Danish letters and splits on punctuation and hyphens', () => {
    expect(tokenize('ÆBLE, Øl og Å!')).toEqual(['æble', 'øl', 'og', 'å']);
    expect(tokenize('gaffeltruck-certifikat')).toEqual(['gaffeltruck', 'certifikat']);
    expect(tokenize('Social- og sundhedshjælper')).toEqual(['social', 'og', 'sundhedshjælper']);
  });

  it('keeps accented letters and digits, drops symbols', () => {
    expect(tokenize('Café-medarbejder, Müller, 5S og C#')).toEqual([
      'café',
      'medarbejder',
      'müller',
      '5s',
      'og',
      'c',
    ]);
    expect(tokenize('  ... !!! ')).toEqual([]);
    expect(tokenize('')).toEqual([]);
  });

  it('does not fold aa to å', () => {
    expect(tokenize('Aabenraa og Aarhus')).toEqual(['aabenraa', 'og', 'aarhus']);
  });

  it('tokenises composed and decomposed å identically (NFC)', () => {
    const composed = 'Rengøring på Århus Sygehus';
    const decomposed = 'Rengøring pa\u030A A\u030Arhus Sygehus';
    expect(decomposed).not.toBe(composed);
    expect(tokenize(decomposed)).toEqual(tokenize(composed));
    expect(analyse(decomposed)).toEqual(analyse(composed));
  });

  it('keeps a letter with a combining mark that has no precomposed form as one token, distinct from ø', () => {
    // 'o' + U+0338 looks like ø but is not canonically equivalent to it.
    expect(tokenize('ko\u0338kken')).toEqual(['ko\u0338kken']);
    expect(tokenize('ko\u0338kken')).not.toEqual(tokenize('køkken'));
  });
});

describe('stopwords', () => {
  it('contains the Snowball Danish list', () => {
    const snowball =
      'og i jeg det at en den til er som på de med han af for ikke der var mig sig men et har om vi min havde ham ' +
      'hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil blev kunne ind når ' +
      'være dog noget ville jo deres efter ned skulle denne end dette mit også under have dig anden hende mine alt ' +
      'meget sit sine vor mod disse hvis din nogle hos blive mange ad bliver hendes været thi jer sådan';
    for (const word of snowball.split(' ')) expect(isStopword(word), word).toBe(true);
    expect(DANISH_STOPWORDS.size).toBeGreaterThanOrEqual(94);
  });

  it('keeps words that carry meaning for matching', () => {
    for (const word of ['erfaring', 'arbejde', 'lager', 'truck', 'kørekort', 'b', 'c', 'it']) {
      expect(isStopword(word), word).toBe(false);
    }
  });

  it('are removed by analyse', () => {
    const terms = analyse('Jeg har arbejdet på et lager');
    for (const word of ['jeg', 'har', 'på', 'et']) expect(terms).not.toContain(word);
    expect(terms).toContain(stem('lager'));
    expect(terms).toContain(stem('arbejdet'));
  });
});

describe('stem', () => {
  it('gives inflections of an occupation one stem', () => {
    const forms = ['lagermedarbejder', 'lagermedarbejdere', 'lagermedarbejderen', 'lagermedarbejderne'];
    expect(new Set(forms.map(stem)).size).toBe(1);
    expect(stem('rengøringsassistenter')).toBe(stem('rengøringsassistent'));
    expect(stem('truckcertifikater')).toBe(stem('truckcertifikat'));
    expect(stem('chauffører')).toBe(stem('chauffør'));
  });

  it('is stable across repeated (memoised) calls', () => {
    expect(stem('sygeplejersker')).toBe(stem('sygeplejersker'));
    expect(stem('sygeplejersker')).toBe(stem('sygeplejerske'));
  });
});

describe('splitCompound', () => {
  it.each([
    ['lagermedarbejder', ['lager', 'medarbejder']],
    ['truckcertifikat', ['truck', 'certifikat']],
    ['rengøringsassistent', ['rengøring', 'assistent']],
    ['sundhedshjælper', ['sundhed', 'hjælper']],
    ['gaffeltruckcertifikat', ['gaffeltruck', 'certifikat']],
    ['lastbilchauffør', ['lastbil', 'chauffør']],
    ['pædagogmedhjælper', ['pædagog', 'medhjælper']],
    ['plejehjemsassistent', ['plejehjem', 'assistent']],
    ['førstehjælpsbevis', ['førstehjælp', 'bevis']],
    ['skifteholdsarbejde', ['skiftehold', 'arbejde']],
  ])('%s -> %j', (word, parts) => {
    expect(splitCompound(word)).toEqual(parts);
  });

  it('keeps the inflection on the head', () => {
    expect(splitCompound('lagermedarbejderen')).toEqual(['lager', 'medarbejderen']);
    expect(splitCompound('rengøringsassistenter')).toEqual(['rengøring', 'assistenter']);
    expect(splitCompound('truckcertifikater')).toEqual(['truck', 'certifikater']);
  });

  it('splits into at most three parts', () => {
    expect(splitCompound('kranførerbevis')).toEqual(['kran', 'fører', 'bevis']);
    expect(splitCompound('erhvervsrengøringsmedarbejder')).toEqual(['erhverv', 'rengøring', 'medarbejder']);
    expect(splitCompound('ejendomsservicetekniker')).toEqual(['ejendom', 'service', 'tekniker']);
  });

  it('leaves simple and lexicalised words alone', () => {
    for (const word of [
      'medarbejder',
      'certifikat',
      'kørekort',
      'aarhus',
      'vejleder',
      'medfører',
      'sygeplejersker',
      'undervisning',
      'erfaringer',
      'forsikring',
      'kasserer',
      'budgetansvarlig',
      'lager',
    ]) {
      expect(splitCompound(word), word).toEqual([]);
    }
  });

  it('returns a fresh array each time', () => {
    const parts = splitCompound('lagermedarbejder');
    parts.push('x');
    expect(splitCompound('lagermedarbejder')).toEqual(['lager', 'medarbejder']);
  });
});

describe('analyse', () => {
  it('emits stems and compound part stems in text order', () => {
    const terms = analyse('Lagermedarbejder med truckcertifikat');
    // Concepts are no longer words of the text: the taxonomy's extractor finds them, with their evidence.
    expect(terms).toEqual(['lagermedarbejd', 'lag', 'medarbejd', 'truckcertifikat', 'truck', 'certifikat']);
  });

  it('returns nothing for text without content words', () => {
    expect(analyse('')).toEqual([]);
    expect(analyse('og i det, at -- en!')).toEqual([]);
  });

  it('finds the same concept for truckkørekort and truckcertifikat', () => {
    expect(concepts('Har truckkørekort')).toContain('≈truckcertifikat');
    expect(matches('Har truckkørekort', 'truckcertifikat')).toBe(true);
  });

  it('matches synonyms across inflections and spellings', () => {
    expect(concepts('Tidligere lagermedarbejderen på centrallageret')).toContain('≈lagermedarbejder');
    expect(concepts('Jeg har 3 truckcertifikater')).toContain('≈truckcertifikat');
    expect(concepts('gaffeltruck-certifikat')).toContain('≈truckcertifikat');
    expect(concepts('gaffeltruckcertifikat')).toContain('≈truckcertifikat');
    expect(concepts('truck kørekort')).toContain('≈truckcertifikat');
  });

  it('knows SOSU-hjælper is a social- og sundhedshjælper', () => {
    for (const cv of [
      'SOSU-hjælper',
      'sosuhjælper',
      'Sosu hjælper',
      'Social- og sundhedshjælper i hjemmeplejen',
    ]) {
      expect(concepts(cv), cv).toContain('≈sosu-hjaelper');
      expect(matches(cv, 'Social- og sundhedshjælper'), cv).toBe(true);
      expect(matches(cv, 'SOSU-hjælper'), cv).toBe(true);
    }
    expect(matches('social- og sundhedsassistent', 'SOSU-assistent')).toBe(true);
    expect(matches('social- og sundhedsassistent', 'SOSU-hjælper')).toBe(false);
  });

  it('knows an ekspedient is a butiksassistent', () => {
    expect(matches('Ekspedient i Netto', 'butiksassistent')).toBe(true);
    expect(matches('butiksassistenter', 'Ekspedient')).toBe(true);
    expect(matches('salgsassistent', 'butiksmedarbejder')).toBe(true);
  });

  it('covers other everyday vikar synonyms', () => {
    const pairs: Array<[cv: string, order: string]> = [
      ['rengøringsmedarbejder', 'rengøringsassistent'],
      ['pædagogisk assistent (PAU)', 'pædagogmedhjælper'],
      ['medhjælper i børnehave', 'pædagogmedhjælper'],
      ['CE-chauffør', 'lastbilchauffør'],
      ['Chauffør kategori C', 'lastbilchauffør'],
      ['opvasker', 'køkkenhjælper'],
      ['regnskabsassistent', 'bogholder'],
      ['helpdesk og 1st level support', 'IT-supporter'],
      ['softwareudvikler', 'programmør'],
      ['ADR-bevis', 'ADR certifikat'],
      ['kranførerbevis', 'krancertifikat'],
      ['hygiejnecertifikat', 'hygiejnebevis'],
      ['førstehjælpskursus', 'førstehjælp'],
      ['English', 'engelsk'],
      ['regneark', 'Excel'],
      ['Microsoft Office', 'Office-pakken'],
      ['MIG/MAG-svejsning', 'svejsning'],
      ['svejser', 'svejsning'],
      ['klejnsmed', 'smed'],
      ['bilmekaniker', 'automekaniker'],
      ['VVS-montør', 'blikkenslager'],
      ['el-installatør', 'elektriker'],
      ['ejendomsservicetekniker', 'vicevært'],
      ['folkeskolelærer', 'skolelærer'],
      ['landbrugsarbejder', 'landbrugsmedhjælper'],
      ['lagerstyringssystem', 'WMS'],
      ['ordreplukning', 'plukning'],
      ['pluk og pak', 'ordreplukning'],
    ];
    for (const [cv, order] of pairs) expect(matches(cv, order), `${cv} -> ${order}`).toBe(true);
  });

  it('keeps apart what is not the same job', () => {
    const pairs: Array<[cv: string, order: string]> = [
      ['pædagogmedhjælper', 'pædagog i børnehave'],
      ['kassemedarbejder', 'butiksassistent'],
      ['truckcertifikat', 'krancertifikat'],
      ['kørekort B', 'kørekort C'],
      ['buschauffør', 'lastbilchauffør'],
      ['køkkenmedarbejder', 'kok'],
      ['sosu-hjælper', 'sygeplejerske'],
      ['TIG-svejsning', 'MIG/MAG'],
      // Doing the work does not make the trained occupation (the other way round it does).
      ['MIG/MAG-svejsning', 'svejser'],
    ];
    for (const [cv, order] of pairs) expect(matches(cv, order), `${cv} -> ${order}`).toBe(false);
  });

  it('does not take everyday words for occupations', () => {
    const occupations = (text: string) =>
      concepts(text).filter((c) => activeTaxonomy().get(c.slice(1))?.kind === 'occupation');
    expect(occupations('Jeg lærer hurtigt og vil gerne udvikle mig')).toEqual([]);
    // The verb or stem of an agent noun is not the person: no bager, no tjener, no vægter here.
    expect(occupations('Jeg har stået bag disken og vil tjene penge')).toEqual([]);
    expect(occupations('Jeg lægger vægt på et godt arbejdsmiljø')).toEqual([]);
    expect(occupations('Tager gerne vagter i weekenden')).toEqual([]);
  });

  it('counts a phrase once, by its longest reading', () => {
    // The whole phrase is a caretaker; 'servicemedarbejder' alone would be a cleaner.
    expect(concepts('teknisk servicemedarbejder')).toEqual(['≈vicevaert']);
    // 'social- og sundhedshjælper' also contains 'sundhedshjælper': one concept, not two.
    expect(concepts('social- og sundhedshjælper')).toEqual(['≈sosu-hjaelper']);
    expect(concepts('lagermedarbejder og lagermedarbejder')).toEqual([
      '≈lagermedarbejder',
      '≈lagermedarbejder',
    ]);
  });
});

describe('phrase matching', () => {
  it('reads a phrase by its concept; a lone category letter is no word the CV must also hold', () => {
    expect(matches('truckkørekort B', 'Truckcertifikat B')).toBe(true);
    expect(matches('truckkørekort', 'Truckcertifikat B')).toBe(true);
    expect(matches('liftcertifikat', 'Truckcertifikat B')).toBe(false);
  });

  it('matches compounds written apart and together', () => {
    expect(matches('lager medarbejder', 'lagermedarbejder')).toBe(true);
    expect(matches('lagermedarbejder', 'lager medarbejder')).toBe(true);
    expect(matches('lagermedarbejder', 'lager')).toBe(true);
    expect(matches('erfaring med rengøringsassistentarbejde', 'rengøring')).toBe(true);
    expect(matches('Lagermedarbejderen', 'lagermedarbejdere')).toBe(true);
    expect(matches('rengøringsassistenter', 'rengøringsassistent')).toBe(true);
  });

  it('never matches a phrase of stopwords only', () => {
    expect(matches('og i', 'og i')).toBe(false);
  });
});

describe('withinOneEdit', () => {
  it('accepts one insertion, deletion, substitution or adjacent swap', () => {
    expect(withinOneEdit('truckcertifikat', 'truckcertfikat')).toBe(true);
    expect(withinOneEdit('lager', 'lagre')).toBe(true);
    expect(withinOneEdit('medarbejder', 'medarbejdere')).toBe(true);
    expect(withinOneEdit('medarbejdere', 'medarbejder')).toBe(true);
    expect(withinOneEdit('chauffør', 'chaufför')).toBe(true);
    expect(withinOneEdit('chauffør', 'chauffør')).toBe(true);
    expect(withinOneEdit('', 'a')).toBe(true);
  });

  it('rejects two edits', () => {
    expect(withinOneEdit('kok', 'kage')).toBe(false);
    expect(withinOneEdit('lager', 'lgare')).toBe(false);
    expect(withinOneEdit('abc', 'bca')).toBe(false);
    expect(withinOneEdit('medarbejder', 'medarbejderne')).toBe(false);
  });

  it('leaves short words to exact matching', () => {
    expect(MIN_TYPO_LENGTH).toBe(6);
  });

  it('agrees with natural (restricted Damerau-Levenshtein <= 1)', () => {
    const letter = fc.constantFrom('a', 'b', 'e', 'r', 'æ', 'ø', 'å');
    const word = fc.string({ unit: letter, maxLength: 8 });
    // Near pairs come from editing a word, so the interesting boundary (distance 1 vs 2) is well covered.
    const edited = fc.tuple(
      word,
      fc.nat(),
      fc.nat(),
      letter,
      fc.constantFrom('ins', 'del', 'sub', 'swap', 'two'),
    );
    const nearPair = edited.map(([w, i, j, ch, op]) => {
      const at = w.length === 0 ? 0 : i % w.length;
      const at2 = w.length === 0 ? 0 : j % w.length;
      switch (op) {
        case 'ins':
          return [w, w.slice(0, at) + ch + w.slice(at)] as const;
        case 'del':
          return [w, w.slice(0, at) + w.slice(at + 1)] as const;
        case 'sub':
          return [w, w.slice(0, at) + ch + w.slice(at + 1)] as const;
        case 'swap':
          return [
            w,
            w.slice(0, at) + w.slice(at + 1, at + 2) + w.slice(at, at + 1) + w.slice(at + 2),
          ] as const;
        default:
          return [w, (w.slice(0, at) + ch + w.slice(at)).slice(0, at2) + ch + w.slice(at2)] as const;
      }
    });
    const pair = fc.oneof(nearPair, fc.tuple(word, word));
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const oracle = DamerauLevenshteinDistance(a, b, { restricted: true }) <= 1;
        expect(withinOneEdit(a, b)).toBe(oracle);
        expect(withinOneEdit(b, a)).toBe(oracle);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('robustness', () => {
  const danishWords = fc.constantFrom(
    'lagermedarbejder',
    'truckcertifikat',
    'social-',
    'og',
    'sundhedshjælper',
    'kørekort',
    'C',
    'bag',
    'i',
    'rengøringsassistenter',
    'Ærø',
    'pa\u030A',
    'mig/mag',
    'vvs\u2019er',
  );
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc
      .array(fc.oneof(danishWords, fc.string({ unit: 'grapheme-composite', maxLength: 6 })), {
        maxLength: 12,
      })
      .map((words) => words.join(' ')),
  );

  it('analyse never throws and returns only non-empty strings', () => {
    fc.assert(
      fc.property(text, (t) => {
        const terms = analyse(t);
        for (const term of terms) {
          expect(typeof term).toBe('string');
          expect(term.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('tokens are lowercase NFC runs without separators', () => {
    fc.assert(
      fc.property(text, (t) => {
        for (const token of tokenize(t)) {
          expect(token.length).toBeGreaterThan(0);
          expect(token).toBe(token.normalize('NFC'));
          expect(/^[\p{L}\p{N}][\p{L}\p{M}\p{N}]*$/u.test(token)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('compound parts end the word and number two or three', () => {
    fc.assert(
      fc.property(fc.array(danishWords, { minLength: 1, maxLength: 3 }), (words) => {
        for (const token of tokenize(words.join(''))) {
          const parts = splitCompound(token);
          if (parts.length === 0) continue;
          expect(parts.length).toBeGreaterThanOrEqual(2);
          expect(parts.length).toBeLessThanOrEqual(3);
          expect(token.endsWith(parts[parts.length - 1]!)).toBe(true);
        }
      }),
    );
  });
});
