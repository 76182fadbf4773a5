import { describe, expect, it } from 'vitest';
import { findPeriod } from '../../indexer/sources/cv-dates.ts';
import { guessEducationLevel } from '../../indexer/sources/cv-entries.ts';
import { readCvFields } from '../../indexer/sources/cv-fields.ts';

const cv = (...lines: string[]) => readCvFields(lines.join('\n'));

describe('readCvFields', () => {
  it('finds the name on the first name-like line, or after "Navn:"', () => {
    expect(cv('Curriculum Vitae', 'METTE HANSEN', 'Lagervej 1').name).toBe('Mette Hansen');
    expect(cv('CV', 'Anne-Marie van der Berg – CV', 'x').name).toBe('Anne-Marie van der Berg');
    expect(cv('Personlige oplysninger', 'Navn: Ole Sørensen', 'Tlf: 22334455').name).toBe('Ole Sørensen');
    expect(cv('Jeg søger job som lagermedarbejder', 'Kompetencer', 'Truck').name).toBeUndefined();
  });

  it('reads e-mail and Danish phone formats', () => {
    expect(cv('Mail: ole.s@firma-mail.dk.').email).toBe('ole.s@firma-mail.dk');
    expect(cv('Telefon: 12 34 56 78').phone).toBe('+4512345678');
    expect(cv('Ring på +45 12345678').phone).toBe('+4512345678');
    expect(cv('Kontakt 0045 20 30 40 50').phone).toBe('+4520304050');
    expect(cv('Mobil 2030 4050').phone).toBe('+4520304050');
    expect(cv('Ole Hansen', '22334455').phone).toBe('+4522334455');
    expect(cv('Arbejdsgiver CVR 24256790').phone).toBeUndefined();
    expect(cv('Lagermedarbejder 2019 2025').phone).toBeUndefined();
  });

  it('reads a postnummer only with its own town name or a label, and not from an employer address', () => {
    expect(cv('Ole Hansen', 'Vestergade 10, DK-5000 Odense C').postalCode).toBe('5000');
    expect(cv('Ole Hansen', 'Bor i 8000 Aarhus').postalCode).toBe('8000');
    expect(cv('Ole Hansen', 'Postnr: 9000').postalCode).toBe('9000');
    expect(cv('Ole Hansen', '2019 Odense C', '1234 Aarhus').postalCode).toBeUndefined();
    expect(
      cv('Ole Hansen', 'Erhvervserfaring', 'Lager, Vejlevej 2, 7100 Vejle 2019-2020').postalCode,
    ).toBeUndefined();
  });

  it('splits competences on lines, bullets, commas and semicolons, under any of the headings', () => {
    const fields = cv(
      'Ole Hansen',
      'FAGLIGE KOMPETENCER:',
      '• Truckcertifikat B, lagerstyring',
      '- Plukning; pakning',
      '* Kasseapparat.',
      'Interesser',
      'Fodbold, løb',
      'Færdigheder: Excel, truckcertifikat b',
    );
    expect(fields.competences).toEqual([
      'Truckcertifikat B',
      'lagerstyring',
      'Plukning',
      'pakning',
      'Kasseapparat',
      'Excel',
    ]);
  });

  it('reads experience in the common layouts', () => {
    const fields = cv(
      'Erhvervserfaring',
      '2020 – nu: Truckfører hos Nordlager A/S',
      'Ansvar for varemodtagelse',
      '01.03.2017 - 31.12.2019 Lagermedarbejder | Coop',
      'Butiksassistent',
      'Netto A/S',
      'januar 2015 til februar 2017',
      'fra 2012 Frivillig i Røde Kors',
      'Sprog',
      'Dansk',
    );
    expect(fields.experience).toEqual([
      { title: 'Truckfører', from: '2020-01-01', description: 'Nordlager A/S\nAnsvar for varemodtagelse' },
      { title: 'Lagermedarbejder', from: '2017-03-01', to: '2019-12-31', description: 'Coop' },
      { title: 'Butiksassistent', from: '2015-01-01', to: '2017-02-01', description: 'Netto A/S' },
      { title: 'Frivillig i Røde Kors', from: '2012-01-01' },
    ]);
  });

  it('reads an undated experience section as a list of titles', () => {
    expect(cv('Erfaring', '• Lagermedarbejder, Nordlager A/S', '• Chauffør').experience).toEqual([
      { title: 'Lagermedarbejder', description: 'Nordlager A/S' },
      { title: 'Chauffør' },
    ]);
  });

  it('guesses education levels', () => {
    const fields = cv(
      'Uddannelser',
      'Cand.merc., Aarhus Universitet 2010–2012',
      'Aarhus Universitet',
      'Professionsbachelor i ernæring',
      'Logistikøkonom AK',
      'Student (STX) 2005',
      'Svejser, EUD',
      '10. klasse',
      'Kursus i førstehjælp',
    );
    expect(fields.educations).toEqual([
      { title: 'Cand.merc., Aarhus Universitet', level: 'lvu' },
      { title: 'Professionsbachelor i ernæring', level: 'mvu' },
      { title: 'Logistikøkonom AK', level: 'kvu' },
      { title: 'Student (STX)', level: 'gymnasial' },
      { title: 'Svejser, EUD', level: 'eud' },
      { title: '10. klasse', level: 'grundskole' },
      { title: 'Kursus i førstehjælp' },
    ]);
    expect(guessEducationLevel('Erhvervsakademi Dania, markedsføringsøkonom')).toBe('kvu');
    expect(guessEducationLevel('Master i ledelse')).toBe('lvu');
    expect(guessEducationLevel('Svendborg Gymnasium, HHX')).toBe('gymnasial');
  });

  it('reads languages as lowercased Danish names, also from an inline "Sprog:" line', () => {
    expect(cv('Sprog: Dansk (flydende), English, Polish og lidt tysk').languages).toEqual([
      'dansk',
      'engelsk',
      'polsk',
      'tysk',
    ]);
    expect(cv('Jeg taler dansk').languages).toBeUndefined();
  });

  it('reads kørekort categories in their usual phrasings', () => {
    expect(cv('Kørekort: B, C og CE').driversLicences).toEqual(['B', 'C', 'CE']);
    expect(cv('Kørekort kategori B').driversLicences).toEqual(['B']);
    expect(cv('Har B-kørekort og egen bil').driversLicences).toEqual(['B']);
    expect(cv('Kørekort', 'BE').driversLicences).toEqual(['BE']);
    expect(cv('Kørekort: ja, til de fleste biler').driversLicences).toBeUndefined();
    expect(cv('Truckcertifikat B').driversLicences).toBeUndefined();
  });

  it('removes CPR numbers from cvText and never reads one as a phone number', () => {
    const fields = cv('Ole Hansen', 'CPR: 0101901234', 'Personnummer 010190 1234');
    expect(fields.cvText).toBe('Ole Hansen\nCPR: [CPR fjernet]\nPersonnummer [CPR fjernet]');
    expect(fields.phone).toBeUndefined();
    expect(JSON.stringify(fields)).not.toMatch(/0101901234|010190/);
  });
});

describe('findPeriod', () => {
  it.each([
    ['2019–2025', '2019-01-01', '2025-12-31'],
    ['03/2019 - 12/2025', '2019-03-01', '2025-12-01'],
    ['marts 2019 – december 2025', '2019-03-01', '2025-12-01'],
    ['sept. 2019 - nu', '2019-09-01', undefined],
    ['2019-03-01 – d.d.', '2019-03-01', undefined],
    ['1.3.2019-31.12.2025', '2019-03-01', '2025-12-31'],
    ['siden maj 2021', '2021-05-01', undefined],
    ['2018', '2018-01-01', '2018-12-31'],
  ])('%s', (text, from, to) => {
    const period = findPeriod(`Lagermedarbejder ${text}`);
    expect(period && { from: period.from, to: period.to }).toEqual({ from, to });
  });

  it('ignores non-dates', () => {
    expect(findPeriod('Truckcertifikat B')).toBeUndefined();
    expect(findPeriod('13/2019 - 14/2020')).toBeUndefined();
  });
});
