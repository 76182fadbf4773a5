import { describe, expect, it } from 'vitest';
import { explainText } from '../../scoring/concepts/explain-text.ts';
import { candidateConcepts, extractMentions } from '../../scoring/concepts/extract.ts';
import { understandPhrase } from '../../scoring/concepts/phrase.ts';
import type { EvidenceField } from '../../scoring/concepts/types.ts';
import { loadTaxonomy } from '../../scoring/taxonomy/load.ts';
import { type Concept, Taxonomy } from '../../scoring/taxonomy/taxonomy.ts';

function concept(id: string, kind: Concept['kind'], prefLabel: string, more: Partial<Concept> = {}): Concept {
  return { id, kind, prefLabel, altLabels: [], hiddenLabels: [], broader: [], related: [], ...more };
}

const BASE: Concept[] = [
  concept('truckcertifikat', 'certificate', 'truckcertifikat', {
    altLabels: ['gaffeltruckcertifikat', 'truckkørekort', 'kørekort til gaffeltruck'],
    hiddenLabels: ['truckcert.'],
    related: ['liftcertifikat'],
  }),
  concept('liftcertifikat', 'certificate', 'liftcertifikat'),
  concept('truckkoersel', 'skill', 'truckkørsel', { altLabels: ['kørsel med truck'] }),
  concept('koerekort-b', 'certificate', 'kørekort B', { altLabels: ['kørekort kategori B'] }),
  concept('lagerstyringssystem', 'knowledge', 'lagerstyringssystem', { altLabels: ['WMS', 'lagerstyring'] }),
  concept('sap-ewm', 'knowledge', 'SAP EWM', { broader: ['lagerstyringssystem'] }),
  concept('lagermedarbejder', 'occupation', 'lagermedarbejder', { altLabels: ['lagerarbejder'] }),
  concept('microsoft-365', 'knowledge', 'Microsoft 365', { altLabels: ['Office 365'] }),
  concept('smed', 'occupation', 'smed', { altLabels: ['klejnsmed'] }),
  concept('toemrer', 'occupation', 'tømrer'),
  concept('tagdaekker', 'occupation', 'tagdækker', { altLabels: ['tag'] }),
  concept('rengoering', 'skill', 'rengøring'),
  concept('aeldrepleje', 'skill', 'ældrepleje', { altLabels: ['pleje af ældre'] }),
  concept('ferskvarer', 'skill', 'ferskvarer', { altLabels: ['fiskeafdeling'] }),
];
const taxonomy = new Taxonomy(BASE, 'test');
const withRoofing = new Taxonomy(
  [...BASE, concept('tagarbejde', 'skill', 'tagarbejde', { altLabels: ['arbejde på tage'] })],
  'test-roof',
);

const found = (text: string, t: Taxonomy = taxonomy, field: EvidenceField = 'cvText') =>
  extractMentions(text, field, t).map((m) => [m.concept, m.foundAs, m.context, m.match]);
const concepts = (text: string, t: Taxonomy = taxonomy) =>
  extractMentions(text, 'cvText', t).map((m) => m.concept);

describe('surface forms', () => {
  it('finds a label as written, inflected, and in ASCII spelling both ways', () => {
    expect(found('Truckcertifikat')).toEqual([['truckcertifikat', 'Truckcertifikat', 'own', 'label']]);
    expect(concepts('to truckcertifikater')).toEqual(['truckcertifikat']);
    expect(concepts('koerekort til gaffeltruck')).toEqual(['truckcertifikat']);
    expect(concepts('Aeldrepleje i hjemmeplejen')).toEqual(['aeldrepleje']);
    // A missing letter in a 6-letter word is a typo, not another word.
    expect(found('tomrer')).toEqual([['toemrer', 'tomrer', 'own', 'typo']]);
    expect(concepts('toemrer')).toEqual(['toemrer']);
    // 'aa' for 'å' in the text, 'å' in the text for an 'aa' label.
    const aa = new Taxonomy(
      [
        concept('haandvaerker', 'occupation', 'håndværker'),
        concept('aabenraa', 'knowledge', 'Aabenraa havn'),
      ],
      't',
    );
    expect(concepts('haandvaerker', aa)).toEqual(['haandvaerker']);
    expect(concepts('Åbenrå havn', aa)).toEqual(['aabenraa']);
  });

  it('reads hyphenated, spaced and joined compounds as one', () => {
    expect(found('Truck-certifikat B')).toEqual([['truckcertifikat', 'Truck-certifikat', 'own', 'label']]);
    expect(concepts('truck certifikat')).toEqual(['truckcertifikat']);
    expect(concepts('gaffeltruck-certifikat')).toEqual(['truckcertifikat']);
    expect(concepts('truckkørekort')).toEqual(['truckcertifikat']);
    expect(concepts('Microsoft365 og lagerstyrings-system')).toEqual([
      'microsoft-365',
      'lagerstyringssystem',
    ]);
    // Joined only within a line: a list item ends at its line.
    expect(concepts('truck\ncertifikat')).toEqual([]);
  });

  it('reads an abbreviation with its dot', () => {
    expect(found('truckcert. og lager')).toEqual([['truckcertifikat', 'truckcert.', 'own', 'label']]);
  });

  it('tolerates one edit in words of 6+ letters, and only a swap of neighbours in a 5-letter word', () => {
    expect(found('trukc certifikat')).toEqual([['truckcertifikat', 'trukc certifikat', 'own', 'typo']]);
    expect(found('truckcertifkat')).toEqual([['truckcertifikat', 'truckcertifkat', 'own', 'typo']]);
    expect(found('lagerstyringssytem')).toEqual([
      ['lagerstyringssystem', 'lagerstyringssytem', 'own', 'typo'],
    ]);
    expect(found('rengørng')).toEqual([['rengoering', 'rengørng', 'own', 'typo']]);
    // A label word used by several labels is still one word to correct to.
    const shared = new Taxonomy(
      [
        concept('kran', 'certificate', 'certifikat til kran', { altLabels: ['krancertifikat'] }),
        concept('lift', 'certificate', 'certifikat til lift'),
      ],
      't',
    );
    expect(found('certifkat til kran', shared)).toEqual([['kran', 'certifkat til kran', 'own', 'typo']]);
    // One edit from both 'lagerstyringssystemer' and 'lagerstyringssystem': forms of one word.
    const forms = new Taxonomy(
      [concept('wms', 'knowledge', 'lagerstyringssystemer', { altLabels: ['lagerstyringssystem'] })],
      't',
    );
    expect(found('lagerstyringssystemr', forms)).toEqual([['wms', 'lagerstyringssystemr', 'own', 'typo']]);
    // Two known words joined are a word of their own, no typo: a slagterassistent works for a slagter.
    const butcher = new Taxonomy([concept('slagteri', 'occupation', 'slagteriassistent')], 't');
    expect(concepts('Slagterassistent', butcher)).toEqual([]);
    expect(concepts('slagteriasistent', butcher)).toEqual(['slagteri']);
    // A slip in an inflected word: its stem is one swap from the label's.
    expect(
      found('Har gennemført vagktortet i 2010', new Taxonomy([concept('v', 'certificate', 'vagtkort')], 't')),
    ).toEqual([['v', 'vagktortet', 'own', 'typo']]);
    // 'trick' is one substitution from 'truck': a 5-letter word, so no.
    expect(concepts('trick certifikat')).toEqual([]);
    // Short words get nothing: 'smede' is no typo of 'smed' and 'sme' is nothing.
    expect(concepts('smd')).toEqual([]);
  });

  it('finds a label as the head of a longer compound whose first part is a word', () => {
    const narrow = new Taxonomy(
      BASE.map((c) =>
        c.id === 'truckcertifikat' ? { ...c, altLabels: ['gaffeltruckcertifikat', 'truckkørekort'] } : c,
      ),
      'narrow',
    );
    expect(found('Gaffeltruckkørekortet', narrow)).toEqual([
      ['truckcertifikat', 'Gaffeltruckkørekortet', 'own', 'label'],
    ]);
    expect(concepts('lagerrengøring', narrow)).toEqual(['rengoering']);
    // '<X>medarbejder' works with X.
    expect(concepts('Fiskeafdelingsmedarbejder')).toEqual(['ferskvarer']);
    // A short label matches only as written: 'tage' (to take) is not the roof.
    expect(concepts('tage et tag')).toEqual(['tagdaekker']);
    // 'xqz' is no word: no compound.
    expect(concepts('xqztruckkørekort', narrow)).toEqual([]);
  });

  it('never lets a short compound part make a smed a roofer; only a taxonomy label does', () => {
    const cv = 'Klejnsmed. Har lavet tagarbejde og stålkonstruktioner.';
    expect(concepts(cv)).toEqual(['smed']);
    expect(concepts(cv, withRoofing)).toEqual(['smed', 'tagarbejde']);
    expect(concepts('arbejde på tage', withRoofing)).toEqual(['tagarbejde']);
  });

  it('lets a short stem count only through the label’s own forms: a "security officer" has no Office', () => {
    const office = new Taxonomy(
      [
        concept('office-pakken', 'knowledge', 'Office-pakken', { altLabels: ['Office', 'MS Office'] }),
        concept('vagt', 'occupation', 'vagt', { hiddenLabels: ['police officer'] }),
      ],
      't',
    );
    // 'officer' and 'office' share the Danish stem 'offic'.
    expect(concepts('Security officer hos Securitas', office)).toEqual([]);
    expect(concepts('Police officer', office)).toEqual(['vagt']);
    expect(concepts('Office', office)).toEqual(['office-pakken']);
    expect(concepts('God til Officepakken og MS Office', office)).toEqual(['office-pakken', 'office-pakken']);
    expect(concepts('Brugte officen dagligt', office)).toEqual(['office-pakken']);
  });

  it('reads "<work> af <object>" as the compound: svejsning af tagpap is roofing, not welding', () => {
    const trades = new Taxonomy(
      [
        concept('svejsning', 'skill', 'svejsning'),
        concept('tagarbejde', 'skill', 'tagarbejde', { altLabels: ['tagpapsvejsning'] }),
        concept('kontorrengoering', 'skill', 'kontorrengøring'),
      ],
      't',
    );
    expect(found('Daglige opgaver: svejsning af tagpap.', trades)).toEqual([
      ['tagarbejde', 'svejsning af tagpap', 'own', 'label'],
    ]);
    expect(concepts('Svejsning af beslag til tagrender', trades)).toEqual(['svejsning']);
    expect(concepts('rengøring af kontorer', trades)).toEqual(['kontorrengoering']);
    const pc = new Taxonomy([concept('klient', 'skill', 'pc-opsætning')], 't');
    expect(understandPhrase('opsætning af pc’er', pc).concepts).toEqual(['klient']);
    expect(concepts('ingen svejsning af tagpap', trades)).toEqual(['tagarbejde']);
  });

  it('tells the worker from the work although Snowball stems them alike: køkkenarbejder, køkkenarbejde', () => {
    const kitchen = new Taxonomy(
      [
        concept('koekkenhjaelper', 'occupation', 'køkkenhjælper', { altLabels: ['køkkenarbejder'] }),
        concept('koekkenarbejde', 'skill', 'køkkenarbejde'),
        concept('malerarbejde', 'skill', 'malerarbejde'),
      ],
      't',
    );
    expect(concepts('Køkkenarbejder', kitchen)).toEqual(['koekkenhjaelper']);
    expect(concepts('to køkkenarbejdere', kitchen)).toEqual(['koekkenhjaelper']);
    expect(concepts('Køkkenarbejde i kantine', kitchen)).toEqual(['koekkenarbejde']);
    // '-arbejder' of work that is no occupation is its plural.
    expect(concepts('udvendige malerarbejder', kitchen)).toEqual(['malerarbejde']);
  });

  it('prefers the longest match; shorter labels inside it do not count', () => {
    expect(found('kørekort til gaffeltruck')).toEqual([
      ['truckcertifikat', 'kørekort til gaffeltruck', 'own', 'label'],
    ]);
    expect(concepts('SAP EWM og WMS')).toEqual(['sap-ewm', 'lagerstyringssystem']);
    expect(concepts('kørekort kategori B')).toEqual(['koerekort-b']);
  });

  it('never matches words scattered over a text', () => {
    expect(concepts('Dynamics 365 og Microsoft Office')).toEqual([]);
    expect(concepts('truck. Certifikat i svejsning')).toEqual([]);
  });

  it('gives UTF-16 offsets of the words as written', () => {
    const text = 'Jeg har Truck-certifikat og WMS';
    for (const m of extractMentions(text, 'cvText', taxonomy))
      expect(text.slice(m.start, m.end)).toBe(m.foundAs);
  });
});

describe('mention context', () => {
  const contexts = (text: string) =>
    extractMentions(text, 'cvText', taxonomy).map((m) => [m.concept, m.context]);

  it('reads an intent', () => {
    expect(contexts('Jeg ønsker at lære truckkørsel og tage truckcertifikat')).toEqual([
      ['truckkoersel', 'intent'],
      ['truckcertifikat', 'intent'],
    ]);
    expect(contexts('Vil gerne arbejde som lagermedarbejder')).toEqual([['lagermedarbejder', 'intent']]);
    expect(contexts('Jeg håber at få et truckcertifikat')).toEqual([['truckcertifikat', 'intent']]);
    expect(contexts('Drømmer om et job inden for ældrepleje')).toEqual([['aeldrepleje', 'intent']]);
    expect(contexts('Interesseret i at tage liftcertifikat')).toEqual([['liftcertifikat', 'intent']]);
  });

  it('reads a negation within its clause only', () => {
    expect(contexts('Jeg kunne godt tænke mig et kursus, så jeg kan få truckcertifikat')).toEqual([
      ['truckcertifikat', 'intent'],
    ]);
    expect(contexts('Har truckcertifikat. Mål: at få liftcertifikat.')).toEqual([
      ['truckcertifikat', 'own'],
      ['liftcertifikat', 'intent'],
    ]);
    expect(contexts('Kunne godt tænke mig at prøve rengøring')).toEqual([['rengoering', 'intent']]);
    expect(contexts('Ingen erfaring med SAP EWM')).toEqual([['sap-ewm', 'negated']]);
    expect(contexts('Jeg har ikke truckcertifikat')).toEqual([['truckcertifikat', 'negated']]);
    expect(contexts('Har aldrig arbejdet med rengøring')).toEqual([['rengoering', 'negated']]);
    expect(contexts('Mangler liftcertifikat')).toEqual([['liftcertifikat', 'negated']]);
    expect(contexts('Ikke liftcertifikat, men truckcertifikat')).toEqual([
      ['liftcertifikat', 'negated'],
      ['truckcertifikat', 'own'],
    ]);
    expect(contexts('Har ikke kørekort. Har truckcertifikat.')).toEqual([['truckcertifikat', 'own']]);
    expect(contexts('Jeg er ikke bange for hårdt arbejde, og har truckcertifikat')).toEqual([
      ['truckcertifikat', 'own'],
    ]);
    expect(contexts('Ingen erfaring med truckkørsel, lagerstyring eller rengøring')).toEqual([
      ['truckkoersel', 'negated'],
      ['lagerstyringssystem', 'negated'],
      ['rengoering', 'negated'],
    ]);
    // Folded, 'måler' is one letter from 'maler'; but it is a 5-letter word, so only a swap would be a typo.
    expect(concepts('måler', new Taxonomy([concept('maler', 'occupation', 'maler')], 't'))).toEqual([]);
  });

  it('reads another person', () => {
    expect(contexts('Min far var tømrer, og jeg hjalp ham')).toEqual([['toemrer', 'other-person']]);
    expect(contexts('min mor arbejder med ældrepleje')).toEqual([['aeldrepleje', 'other-person']]);
    expect(contexts('Min bror er smed')).toEqual([['smed', 'other-person']]);
    expect(contexts('Min søster er lagermedarbejder')).toEqual([['lagermedarbejder', 'other-person']]);
  });

  it('reads a job held as a youngster', () => {
    expect(contexts('Sommerjob som lagermedarbejder i Netto')).toEqual([['lagermedarbejder', 'youth']]);
    expect(contexts('Fritidsjob med rengøring')).toEqual([['rengoering', 'youth']]);
    expect(contexts('Som ung hjalp jeg til med rengøring')).toEqual([['rengoering', 'youth']]);
    expect(contexts('Lagerarbejder som 15-årig')).toEqual([['lagermedarbejder', 'youth']]);
    expect(contexts('Rengøring i folkeskolen')).toEqual([['rengoering', 'youth']]);
    expect(contexts('Lagerarbejder ved siden af gymnasiet')).toEqual([['lagermedarbejder', 'youth']]);
  });

  it('is own otherwise', () => {
    expect(contexts('Lagermedarbejder hos PostNord 2015-2023, truckcert.')).toEqual([
      ['lagermedarbejder', 'own'],
      ['truckcertifikat', 'own'],
    ]);
    // 'som' before one's job is no age cue: only 'som' with the age removed after it is.
    expect(contexts('Har arbejdet som tømrer i fem år')).toEqual([['toemrer', 'own']]);
    expect(contexts('Jeg har erfaring som lagermedarbejder.')).toEqual([['lagermedarbejder', 'own']]);
    expect(candidateConcepts({ cvText: 'Rengøring som 16-årig.' }, taxonomy)).toEqual([]);
    expect(candidateConcepts({ cvText: 'Som 16-årig havde jeg rengøring' }, taxonomy)).toEqual([]);
  });

  it('reads an article inside a label and no typo in a run of capitalised words (a name)', () => {
    expect(concepts('kørekort til en gaffeltruck')).toEqual(['truckcertifikat']);
    const names = new Taxonomy([concept('gartner', 'occupation', 'gartner')], 't');
    expect(concepts('Fiskeafdelingen hos Nordic Partner ApS', names)).toEqual([]);
    expect(concepts('erfaring som gartnr', names)).toEqual(['gartner']);
  });
});

describe('candidateConcepts', () => {
  it('keeps own mentions, one per concept with its strongest evidence', () => {
    const got = candidateConcepts(
      {
        competences: ['Gaffeltruck-certifikat'],
        experience: [
          { title: 'Lagerarbejder', description: 'Plukning med truck certifikat og SAP EWM.' },
          { title: 'Sommerjob', description: 'Sommerjob med rengøring som 16-årig' },
        ],
        educations: [{ title: 'Kursus i lagerstyring' }],
        driversLicences: ['B'],
        cvText: 'Min far var tømrer. Jeg ønsker at lære ældrepleje. Ingen erfaring med liftcertifikat.',
      },
      taxonomy,
    );
    const byConcept = Object.fromEntries(got.map((c) => [c.concept, c]));
    expect(Object.keys(byConcept).sort()).toEqual(
      ['koerekort-b', 'lagermedarbejder', 'lagerstyringssystem', 'sap-ewm', 'truckcertifikat'].sort(),
    );
    expect(byConcept.truckcertifikat).toEqual({
      concept: 'truckcertifikat',
      weight: 3,
      field: 'competences',
      foundAs: 'Gaffeltruck-certifikat',
    });
    expect(byConcept.lagermedarbejder).toMatchObject({ weight: 3, field: 'experience.title' });
    expect(byConcept.lagerstyringssystem).toMatchObject({
      weight: 2,
      field: 'educations',
      foundAs: 'lagerstyring',
    });
    expect(byConcept['sap-ewm']).toMatchObject({ weight: 1, field: 'experience.description' });
    expect(byConcept['koerekort-b']).toMatchObject({
      weight: 3,
      field: 'driversLicences',
      foundAs: 'kørekort B',
    });
  });

  it('never takes a concept from the person’s name', () => {
    const cv = { cvText: 'Anders Smed\nLagermedarbejder i 10 år.' };
    expect(candidateConcepts(cv, taxonomy, { name: 'Anders Smed' }).map((c) => c.concept)).toEqual([
      'lagermedarbejder',
    ]);
    expect(candidateConcepts(cv, taxonomy).map((c) => c.concept)).toContain('smed');
  });

  it('reads an ambiguous label by the rest of the CV, and without context only as what every reading implies', () => {
    const operator = new Taxonomy(
      [
        concept('produktionsmedarbejder', 'occupation', 'produktionsmedarbejder', {
          altLabels: ['operatør'],
          ambiguous: ['operatør'],
          broader: ['produktionsarbejde'],
        }),
        concept('produktionsarbejde', 'skill', 'produktionsarbejde'),
        concept('maskinoperatoer', 'occupation', 'maskinoperatør', {
          altLabels: ['operatør'],
          ambiguous: ['operatør'],
          broader: ['produktionsmedarbejder'],
          related: ['maskinopstilling'],
        }),
        concept('maskinopstilling', 'skill', 'maskinopstilling'),
        concept('slagteriarbejder', 'occupation', 'slagteriarbejder', {
          broader: ['produktionsmedarbejder'],
        }),
        concept('pakkeri', 'occupation', 'pakkerimedarbejder', {
          altLabels: ['operatør'],
          ambiguous: ['operatør'],
        }),
      ],
      't',
    );
    const ids = (source: Parameters<typeof candidateConcepts>[0]) =>
      candidateConcepts(source, operator)
        .map((c) => c.concept)
        .sort();
    // Alone, 'Operatør' is neither reading for sure, and the readings share nothing.
    expect(ids({ experience: [{ title: 'Operatør' }] })).toEqual([]);
    // A slagteriarbejder who was 'Operatør' was a produktionsmedarbejder, not necessarily a maskinoperatør.
    expect(ids({ experience: [{ title: 'Operatør' }, { title: 'Slagteriarbejder' }] })).toEqual([
      'produktionsmedarbejder',
      'slagteriarbejder',
    ]);
    // Context both readings share tells them not apart: each implies produktionsarbejde.
    expect(
      ids({ competences: ['Produktionsarbejde'], experience: [{ title: 'Operatør' }] }).includes(
        'maskinoperatoer',
      ),
    ).toBe(false);
    expect(ids({ experience: [{ title: 'Operatør', description: 'Stod for maskinopstilling.' }] })).toEqual([
      'maskinoperatoer',
      'maskinopstilling',
    ]);
    const twoReadings = new Taxonomy(
      [...operator.concepts()].filter((c) => c.id !== 'pakkeri'),
      't2',
    );
    // Every maskinoperatør is a produktionsmedarbejder: that much 'Operatør' says on its own.
    expect(
      candidateConcepts({ experience: [{ title: 'Operatør' }] }, twoReadings).map((c) => c.concept),
    ).toEqual(['produktionsmedarbejder']);
  });

  it('reads "min mand er tømrer" as another person although the remover drops "mand"', () => {
    expect(candidateConcepts({ cvText: 'Min mand er tømrer.' }, taxonomy)).toEqual([]);
  });
});

describe('understandPhrase', () => {
  it('drops framing words and maps the rest to concepts', () => {
    expect(understandPhrase('Microsoft 365', taxonomy)).toEqual({
      phrase: 'Microsoft 365',
      concepts: ['microsoft-365'],
      words: [],
      framing: [],
    });
    expect(understandPhrase('kendskab til lagerstyringssystem', taxonomy)).toMatchObject({
      concepts: ['lagerstyringssystem'],
      words: [],
      framing: ['kendskab til'],
    });
    expect(understandPhrase('Gerne truckcert.', taxonomy)).toMatchObject({
      concepts: ['truckcertifikat'],
      framing: ['gerne'],
    });
    expect(understandPhrase('min. 1 års erfaring inden for ældrepleje', taxonomy)).toMatchObject({
      concepts: ['aeldrepleje'],
      words: [],
      framing: ['min. 1 års', 'erfaring inden for'],
    });
    expect(understandPhrase('villig til rengøring, evt. kørekort B', taxonomy)).toMatchObject({
      concepts: ['rengoering', 'koerekort-b'],
      words: [],
    });
    expect(understandPhrase('god til at kan arbejde med WMS', taxonomy).concepts).toEqual([
      'lagerstyringssystem',
    ]);
    expect(understandPhrase('certifikat i gaffeltruck-kørsel', taxonomy)).toMatchObject({
      concepts: [],
      framing: ['certifikat i'],
    });
  });

  it('falls back to the content stems when no concept is found', () => {
    expect(understandPhrase('erfaring med tagarbejde', taxonomy)).toEqual({
      phrase: 'erfaring med tagarbejde',
      concepts: [],
      words: ['tagarbejd'],
      framing: ['erfaring med'],
    });
    expect(understandPhrase('erfaring med tagarbejde', withRoofing)).toMatchObject({
      concepts: ['tagarbejde'],
      words: [],
    });
    expect(understandPhrase('Dynamics 365', taxonomy)).toMatchObject({
      concepts: [],
      words: ['dynamic', '365'],
    });
  });
});

describe('explainText', () => {
  it('shows each concept with span, label, kind, broader, context, and the words not understood', () => {
    const got = explainText('Har arbejdet med SAP-EWM. Ønsker at lære truck', taxonomy);
    expect(got.mentions).toEqual([
      {
        concept: 'sap-ewm',
        field: 'cvText',
        foundAs: 'SAP-EWM',
        start: 17,
        end: 24,
        context: 'own',
        match: 'label',
        label: 'SAP EWM',
        kind: 'knowledge',
        broader: ['lagerstyringssystem'],
      },
    ]);
    expect(got.words).toEqual(['arbejdet', 'ønsker', 'lære', 'truck']);
  });
});

describe('the shipped taxonomy', () => {
  it('compiles and understands the order phrases from its seed', () => {
    const shipped = loadTaxonomy({ dirs: [] });
    expect(understandPhrase('Microsoft 365', shipped).concepts).toEqual(['microsoft-365']);
    expect(understandPhrase('kendskab til lagerstyringssystem', shipped).concepts).toEqual([
      'lagerstyringssystem',
    ]);
  });
});

describe('the shipped taxonomy’s curation', () => {
  const shipped = loadTaxonomy({ dirs: [] });
  const held = (source: Parameters<typeof candidateConcepts>[0]) =>
    new Set(candidateConcepts(source, shipped).flatMap((c) => shipped.selfAndBroader(c.concept)));

  it('takes no ældrepleje from meeting elderly people, only from caring for them', () => {
    expect(held({ cvText: 'Frivillig besøgsven for ældre borgere hver anden uge.' }).has('aeldrepleje')).toBe(
      false,
    );
    expect(held({ competences: ['Pleje af ældre'] }).has('aeldrepleje')).toBe(true);
  });

  it('reads a pakkerimedarbejder as packing, not as warehouse work', () => {
    const packer = held({ experience: [{ title: 'Pakkerimedarbejder' }] });
    expect(packer.has('pakning')).toBe(true);
    expect(packer.has('lagermedarbejder')).toBe(false);
  });

  it('lets an occupation imply the work and the field that define it', () => {
    expect(held({ experience: [{ title: 'Maskinoperatør' }] }).has('maskinbetjening')).toBe(true);
    expect(held({ experience: [{ title: 'Slagteriarbejder' }] }).has('foedevareproduktion')).toBe(true);
  });

  it('tells the job title pædagogisk assistent from the PAU education, and reads the title under Uddannelse as it', () => {
    const title = held({ experience: [{ title: 'Pædagogisk assistent' }] });
    expect(title.has('paedagogisk-assistent-titel')).toBe(true);
    expect(title.has('paedagogisk-assistent')).toBe(false);
    expect(held({ educations: [{ title: 'Pædagogisk assistent' }] }).has('paedagogisk-assistent')).toBe(true);
    expect(held({ competences: ['PAU-uddannet'] }).has('paedagogisk-assistent-titel')).toBe(true);
    expect(understandPhrase('uddannet pædagogisk assistent', shipped).concepts).toEqual([
      'paedagogisk-assistent',
    ]);
  });

  it('does not take the vagtkort the police issue from the vagtuddannelse alone', () => {
    const course = held({ educations: [{ title: 'Sikkerhedsvagtuddannelsen (AMU)' }] });
    expect(course.has('vagtuddannelse')).toBe(true);
    expect(course.has('vagtkort')).toBe(false);
    expect(held({ competences: ['Gyldigt vagtkort'] }).has('vagtkort')).toBe(true);
  });

  it('reads "<field>erfaring" as the work of the field, which every occupation of the field implies', () => {
    expect(understandPhrase('produktionserfaring', shipped).concepts).toEqual(['produktionsarbejde']);
    expect(understandPhrase('køkkenerfaring', shipped).concepts).toEqual(['koekkenarbejde']);
    expect(understandPhrase('kontorerfaring', shipped).concepts).toEqual(['kontorarbejde']);
    expect(understandPhrase('pædagogisk erfaring', shipped).concepts).toEqual(['paedagogisk-arbejde']);
    expect(held({ experience: [{ title: 'Produktionsmedarbejder' }] }).has('produktionsarbejde')).toBe(true);
    expect(held({ experience: [{ title: 'Kok' }] }).has('koekkenarbejde')).toBe(true);
    expect(held({ experience: [{ title: 'Sekretær' }] }).has('kontorarbejde')).toBe(true);
    expect(held({ experience: [{ title: 'Pædagogmedhjælper' }] }).has('paedagogisk-arbejde')).toBe(true);
    expect(held({ cvText: 'Har lavet produktionsarbejde på fabrik.' }).has('produktionsmedarbejder')).toBe(
      false,
    );
  });

  it('drops a left-over word the concept already says, and lets the field’s kinds imply its work', () => {
    // 'pleje' is what the grøn pleje concept says; as a word it would have to stand somewhere in the CV.
    expect(understandPhrase('pleje af grønne områder', shipped)).toMatchObject({
      concepts: ['graes-og-udearealer'],
      words: [],
    });
    expect(held({ experience: [{ title: 'Park- og vejmedarbejder' }] }).has('graes-og-udearealer')).toBe(
      true,
    );
    expect(held({ competences: ['Samlebåndsarbejde'] }).has('produktionsarbejde')).toBe(true);
    expect(held({ competences: ['Fødevareproduktion'] }).has('produktionsarbejde')).toBe(true);
  });

  it('reads housekeeping as the hotel cleaning a stuepige does, and a børnehavemedhjælper as working in a børnehave', () => {
    expect(understandPhrase('housekeeping', shipped).concepts).toEqual(['rengoering-hotel']);
    expect(held({ experience: [{ title: 'Stuepige' }] }).has('rengoering-hotel')).toBe(true);
    const aide = held({ experience: [{ title: 'Medhjælper i en børnehave' }] });
    expect(aide.has('boernehave')).toBe(true);
    expect(aide.has('paedagogmedhjaelper')).toBe(true);
    expect(aide.has('vuggestue')).toBe(false);
  });

  it('lets an anlægsgartner have the grøn pleje the trade is trained in', () => {
    expect(held({ competences: ['Anlægsgartner'] }).has('graes-og-udearealer')).toBe(true);
  });

  it('keeps the CNC-operatør with the CNC trades, not as a maskinoperatør', () => {
    const cnc = held({ experience: [{ title: 'CNC-operatør' }] });
    expect(cnc.has('cnc-operatoer')).toBe(true);
    expect(cnc.has('maskinoperatoer')).toBe(false);
  });

  it('has daginstitution as the broader setting of vuggestue and børnehave, not as a børnehave', () => {
    expect(understandPhrase('erfaring fra daginstitution', shipped).concepts).toEqual(['daginstitution']);
    expect(held({ cvText: 'Tre år i en vuggestue.' }).has('daginstitution')).toBe(true);
    expect(held({ cvText: 'Vikar i en daginstitution.' }).has('boernehave')).toBe(false);
  });
});
