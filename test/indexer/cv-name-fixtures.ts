import PDFDocument from 'pdfkit';
import { buildDocx, buildPdf, type DocxParagraph, type PdfLine } from './helpers.ts';

/**
 * Realistic Danish CVs in the layouts jobcentre actually receive, each with the name a konsulent would read off it.
 * They are built at test time (no binaries in the repo). Names, addresses and companies are invented; references
 * and employers carry person-like and company names on purpose, since those must never be taken for the candidate.
 */
export interface NameFixture {
  file: string;
  expected: string;
  build: () => Promise<Buffer>;
}

/** A sidebar and a main column, drawn sidebar first as most CV templates do, so its text comes first. */
function twoColumnPdf(sidebar: PdfLine[], main: PdfLine[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 0 });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.rect(0, 0, 190, 842).fill('#e8eef4').fillColor('#000000');
    const column = (lines: PdfLine[], x: number, width: number) => {
      let y = 50;
      for (const line of lines) {
        if ('gap' in line) {
          y += 12;
          continue;
        }
        const size = line.size ?? 10;
        doc.fontSize(size).text(line.text, x, y, { width });
        y = doc.y + 2;
      }
    };
    column(sidebar, 20, 155);
    column(main, 215, 340);
    doc.end();
  });
}

const body = {
  lager: [
    { text: 'Profil', size: 14 },
    { text: 'Stabil og mødefast lagermedarbejder med erfaring fra pluk og pak.' },
    { text: 'Kompetencer', size: 14 },
    { text: '• Truckcertifikat A og B' },
    { text: '• Håndscanner, plukning, pakning' },
    { text: 'Erhvervserfaring', size: 14 },
    { text: 'Lagermedarbejder, Netto A/S   03/2019 - 12/2025' },
    { text: 'Pluk og pak, varemodtagelse' },
    { text: 'Uddannelse', size: 14 },
    { text: 'Lagerassistent, EUD 2016–2018' },
    { text: 'Referencer', size: 14 },
    { text: 'Lars Jensen, driftsleder, Netto A/S, tlf. 40 50 60 70' },
  ] as PdfLine[],
  rengoering: [
    { text: 'Erhvervserfaring', size: 14 },
    { text: '2018 – nu: Rengøringsassistent hos ISS Facility Services A/S' },
    { text: '2015 – 2018: Køkkenmedhjælper, Kantinen Vejle' },
    { text: 'Kompetencer', size: 14 },
    { text: 'Erhvervsrengøring, gulvpleje, hygiejne' },
    { text: 'Sprog', size: 14 },
    { text: 'Polsk (modersmål), dansk (godt), engelsk' },
  ] as PdfLine[],
};

const docxBody: DocxParagraph[] = [
  { heading: 'Profil' },
  'Jeg er en positiv og ansvarsfuld person, som trives med fysisk arbejde.',
  { heading: 'Erhvervserfaring' },
  'Chauffør, Danske Fragtmænd A/S',
  '2017 - 2025',
  'Lagermedarbejder, Salling Group',
  '2014 - 2017',
  { heading: 'Kompetencer' },
  { bullet: 'Kørekort B og C' },
  { bullet: 'Truckcertifikat' },
  { heading: 'Referencer' },
  'Hanne Kristensen, afdelingsleder, Salling Group',
];

export const NAME_FIXTURES: NameFixture[] = [
  {
    file: 'cv.pdf',
    expected: 'Mette Hansen',
    build: () =>
      buildPdf([
        { text: 'Mette Hansen', size: 20 },
        { text: 'Lagermedarbejder' },
        { text: 'Vestergade 12, 8000 Aarhus C' },
        { text: 'Tlf. 22 33 44 55 · mette.hansen@mail.dk' },
        ...body.lager,
      ]),
  },
  {
    file: 'Lars CV 2025.pdf',
    expected: 'Lars Pedersen',
    build: () =>
      buildPdf([
        { text: 'LARS PEDERSEN', size: 22 },
        { text: 'LAGERMEDARBEJDER', size: 12 },
        { text: 'Skolevej 4 · 7100 Vejle · 30 40 50 60 · lp1978@gmail.com' },
        ...body.lager,
      ]),
  },
  {
    file: 'curriculum-vitae.pdf',
    expected: 'Søren Østergaard-Nielsen',
    build: () =>
      buildPdf([
        { text: 'Curriculum Vitae', size: 22 },
        { text: 'Søren Østergaard-Nielsen', size: 16 },
        { text: 'Smed / svejser' },
        { text: 'Åbyhøjvej 3, 8230 Åbyhøj' },
        { text: 'Mobil: 28 19 37 46' },
        { text: 'Erhvervserfaring', size: 14 },
        { text: 'Svejser, Vestas Wind Systems A/S   2015 – 2024' },
        { text: 'Kompetencer', size: 14 },
        { text: 'MIG/MAG-svejsning, TIG, tegningslæsning' },
      ]),
  },
  {
    file: 'jpm.pdf',
    expected: 'Jens Peter Mikkelsen',
    build: () =>
      buildPdf([
        { text: 'Jens Peter Mikkelsen – CV', size: 18 },
        { text: 'Født 12.04.1969 · Kørekort B, C, CE' },
        { text: 'Rosenvænget 8, 6700 Esbjerg' },
        { text: 'jpm@outlook.dk' },
        { text: 'Erhvervserfaring', size: 14 },
        { text: 'Lastbilchauffør hos DSV Road A/S, 2010 – 2025' },
        { text: 'Kørekort', size: 14 },
        { text: 'B, C, CE' },
      ]),
  },
  {
    file: 'min-cv.pdf',
    expected: 'Fatima Ahmadi',
    build: () =>
      buildPdf([
        { text: 'CV', size: 24 },
        { text: 'Navn: Fatima Ahmadi' },
        { text: 'Adresse: Bispehavevej 20, 2. tv., 8210 Aarhus V' },
        { text: 'Telefon: 52 63 74 85' },
        { text: 'E-mail: fatima.ahmadi@hotmail.com' },
        ...body.rengoering,
      ]),
  },
  {
    file: 'ansøgning.docx',
    expected: 'Karin Juhl Andersen',
    build: () =>
      buildDocx([
        { heading: 'Profil' },
        'Erfaren social- og sundhedshjælper med hjerte for ældreplejen.',
        { heading: 'Personlige oplysninger' },
        'Navn Karin Juhl Andersen',
        'Adresse Kirkegade 5, 4700 Næstved',
        'Telefon 24 35 46 57',
        { heading: 'Erhvervserfaring' },
        'Social- og sundhedshjælper, Næstved Kommune',
        '2009 - 2025',
        { heading: 'Referencer' },
        'Gitte Holm, sygeplejerske, Næstved Kommune',
      ]),
  },
  {
    file: 'cv-chauffor.pdf',
    expected: 'Henrik Bøgh Larsen',
    build: () =>
      twoColumnPdf(
        [
          { text: 'Kontakt', size: 13 },
          { text: 'Møllevej 17' },
          { text: '5700 Svendborg' },
          { text: '+45 61 72 83 94' },
          { text: 'henrik.b.larsen@gmail.com' },
          { gap: true },
          { text: 'Kørekort', size: 13 },
          { text: 'B, C, CE' },
          { gap: true },
          { text: 'Sprog', size: 13 },
          { text: 'Dansk, Engelsk' },
        ],
        [
          { text: 'Henrik Bøgh Larsen', size: 22 },
          { text: 'Chauffør', size: 13 },
          { gap: true },
          { text: 'Profil', size: 14 },
          { text: 'Erfaren chauffør med kørsel i ind- og udland.' },
          { text: 'Erhvervserfaring', size: 14 },
          { text: 'Chauffør, Fredericia Transport ApS   2012 – 2025' },
          { text: 'Referencer', size: 14 },
          { text: 'Ole Skov, vognmand, 20 30 40 50' },
        ],
      ),
  },
  {
    file: 'cv_paedagog.docx',
    expected: 'Camilla Brix Thomsen',
    build: () =>
      buildDocx([
        'Pædagogmedhjælper',
        'Camilla Brix Thomsen',
        'Lindevej 9, 9000 Aalborg · 42 53 64 75 · camilla.brix@live.dk',
        { heading: 'Om mig' },
        'Glad og nærværende pædagogmedhjælper med erfaring fra vuggestue og SFO.',
        { heading: 'Erhvervserfaring' },
        'Pædagogmedhjælper, Børnehuset Solsikken, Aalborg Kommune, 2019 - 2025',
        { heading: 'Uddannelse' },
        'PGU, pædagogisk assistent 2018',
      ]),
  },
  {
    file: 'CV 2024 final.pdf',
    expected: 'Maria Kowalska',
    build: () =>
      buildPdf([
        { text: 'MARIA', size: 28 },
        { text: 'KOWALSKA', size: 28 },
        { text: 'Rengøringsassistent' },
        { text: 'Tlf. 71 82 93 04 | maria.kowalska@wp.pl | 2300 København S' },
        ...body.rengoering,
      ]),
  },
  {
    file: 'Ali_H.docx',
    expected: 'Ali Hassan',
    build: () =>
      buildDocx([
        { heading: 'Personlige oplysninger' },
        'Navn: Ali Hassan',
        'Fødselsdato: 03.07.1991',
        'Adresse: Nørrebrogade 100, 2200 København N',
        'Mobil: 91 82 73 64',
        ...docxBody,
      ]),
  },
  {
    file: 'CV_Mette_Kristensen.pdf',
    expected: 'Mette Kristensen',
    build: () => buildPdf([...body.lager, { text: 'Kørekort: B' }]),
  },
  {
    file: 'anne-sofie-holm-cv.docx',
    expected: 'Anne-Sofie Holm',
    build: () => buildDocx(['Jobansøgning – butiksassistent', ...docxBody]),
  },
  {
    file: 'Ansøgning og CV - Ali Hassan Mahmoud.pdf',
    expected: 'Ali Hassan Mahmoud',
    build: () =>
      buildPdf([
        { text: 'Ansøgning', size: 16 },
        { text: 'Til Netto A/S, att. butikschef' },
        { text: 'Jeg søger stillingen som butiksassistent i jeres butik i Kolding.' },
        ...body.lager,
      ]),
  },
  {
    file: 'ib.pdf',
    expected: 'Ib Kjær',
    build: () =>
      buildPdf([
        { text: 'Ib Kjær', size: 20 },
        { text: 'ib.kjaer@mail.dk' },
        { text: '6000 Kolding' },
        ...body.lager,
      ]),
  },
  {
    file: 'thomas.docx',
    expected: 'Thomas Vestergaard',
    build: () =>
      buildDocx([
        'Curriculum Vitae for Thomas Vestergaard',
        'Strandvejen 55, 2900 Hellerup',
        'Telefon: 23 45 67 81',
        ...docxBody,
      ]),
  },
  {
    file: 'Nadia CV.pdf',
    expected: 'Nadia El-Khatib',
    build: () =>
      buildPdf([
        { text: 'CV – Nadia El-Khatib', size: 18 },
        { text: 'Kontorassistent' },
        { text: 'Tlf.: 27 38 49 50, nadia.elkhatib@gmail.com' },
        { text: 'Erhvervserfaring', size: 14 },
        { text: 'Kontorassistent, Region Midtjylland   2016 – 2024' },
        { text: 'IT-kompetencer', size: 14 },
        { text: 'Microsoft 365, Excel, Navision' },
      ]),
  },
  {
    file: 'peter_holm.pdf',
    expected: 'Peter Holm',
    build: () =>
      buildPdf([
        { text: 'Peter Holm | Tlf. 22 33 44 56 | peter.holm@mail.dk' },
        { text: 'Tømrer' },
        ...body.lager,
      ]),
  },
  {
    file: 'bsm.docx',
    expected: 'Birgitte Skov Madsen',
    build: () =>
      buildDocx([
        'Birgitte Skov Madsen, Vestergade 12, 7100 Vejle',
        'Mobil 26 37 48 59 · birgitte@skovmadsen.dk',
        ...docxBody,
      ]),
  },
  {
    file: 'cv-sosu.pdf',
    expected: 'Mohammed Al-Sayed',
    build: () =>
      twoColumnPdf(
        [
          { text: 'Personlige oplysninger', size: 12 },
          { text: 'Navn' },
          { text: 'Mohammed Al-Sayed' },
          { text: 'Adresse' },
          { text: 'Toftegårds Allé 4, 2500 Valby' },
          { text: 'Telefon' },
          { text: '50 61 72 83' },
          { text: 'Kørekort' },
          { text: 'B' },
        ],
        [
          { text: 'Social- og sundhedsassistent', size: 20 },
          { text: 'Profil', size: 14 },
          { text: 'Uddannet social- og sundhedsassistent med erfaring fra plejecenter.' },
          { text: 'Erhvervserfaring', size: 14 },
          { text: 'SOSU-assistent, Plejecenter Solbakken, Københavns Kommune, 2018 – 2025' },
        ],
      ),
  },
  {
    file: 'Kasper CV.docx',
    expected: 'Kasper Mølgaard',
    build: () =>
      buildDocx([
        'Kasper Mølgaard',
        'Elektriker',
        'Søndergade 3, 8700 Horsens',
        '+45 31 42 53 64',
        { heading: 'Kompetencer' },
        { bullet: 'Stærkstrøm, svagstrøm, fejlfinding' },
        { heading: 'Erhvervserfaring' },
        'Elektriker, Bravida Danmark A/S',
        '2015 - 2025',
        { heading: 'Referencer' },
        'Navn: Bent Olsen, formand, Bravida',
      ]),
  },
  {
    file: 'hmf.pdf',
    expected: 'Hanne M. Frandsen',
    build: () =>
      twoColumnPdf(
        [
          { text: 'Hanne M. Frandsen', size: 18 },
          { text: 'Kantinemedarbejder' },
          { gap: true },
          { text: 'Kontaktoplysninger', size: 12 },
          { text: 'Egevej 21' },
          { text: '4000 Roskilde' },
          { text: '29 38 47 56' },
        ],
        [
          { text: 'Om mig', size: 14 },
          { text: 'Jeg er uddannet ernæringsassistent og har arbejdet i kantine i 12 år.' },
          { text: 'Erhvervserfaring', size: 14 },
          { text: 'Kantinemedarbejder, Danish Crown A/S, 2012 – 2024' },
          { text: 'Uddannelse', size: 14 },
          { text: 'Ernæringsassistent, EUD 2010' },
        ],
      ),
  },
  {
    file: 'lan.pdf',
    expected: 'Nguyen Thi Lan',
    build: () =>
      buildPdf([
        { text: 'Personlig profil', size: 14 },
        { text: 'Flittig og præcis produktionsmedarbejder.' },
        { text: 'Personlige oplysninger', size: 14 },
        { text: 'Nguyen Thi Lan' },
        { text: 'Sønderborgvej 2, 6400 Sønderborg' },
        { text: 'Tlf. 60 71 82 93' },
        { text: 'Erhvervserfaring', size: 14 },
        { text: 'Produktionsmedarbejder, Danfoss A/S, 2016 – 2025' },
      ]),
  },
];
