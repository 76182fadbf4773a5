import fs from 'node:fs';
import PDFDocument from 'pdfkit';

/**
 * One candidate as the company sees them in a CV-pakke. Built by workers/bundle.ts from the stored candidate; the
 * type has no CPR, cvText or benefit field on purpose, so nothing of the kind can reach the PDF by accident.
 */
export interface BundleCandidate {
  name: string;
  /** The competences that matter for this order first, then the rest of what they listed. */
  relevantCompetences: string[];
  otherCompetences: string[];
  experience: Array<{
    title: string;
    from?: string | undefined;
    to?: string | undefined;
    description?: string | undefined;
  }>;
  educations: Array<{ title: string; level?: string | undefined }>;
  languages: string[];
  driversLicences: string[];
  weeklyHours: number | null;
  distanceKm: number | null;
  /** The plain-Danish match explanation from the bruttoliste. */
  explanation: string;
  /** Only present when the candidate agreed to be contacted by the company. */
  contact?: { email?: string | undefined; phone?: string | undefined } | undefined;
}

export interface BundleDocument {
  bundleId: string;
  jobOrderTitle: string;
  companyName: string | null;
  period: { from: string; to: string };
  weeklyHours: number;
  createdAt: string;
  candidates: BundleCandidate[];
}

const EDUCATION_LEVEL_DA: Record<string, string> = {
  grundskole: 'grundskole',
  gymnasial: 'gymnasial uddannelse',
  eud: 'erhvervsuddannelse',
  kvu: 'kort videregående uddannelse',
  mvu: 'mellemlang videregående uddannelse',
  lvu: 'lang videregående uddannelse',
};

const period = (from?: string, to?: string) => (from || to ? ` (${from ?? '?'} – ${to ?? 'nu'})` : '');

const formatKm = (km: number) => km.toFixed(1).replace('.', ',');

/**
 * DejaVu Sans is embedded because pdfkit's standard fonts only encode Latin-1: names such as Łukasz Wiśniewski,
 * Şükrü Öztürk, Nguyễn Văn An or محمد came out as garbage. DejaVu covers Latin Extended, Vietnamese, Greek,
 * Cyrillic, Arabic and Hebrew; pdfkit embeds only the glyphs a document uses. Read once, on the first PDF.
 */
const FONT_DIR = new URL('./fonts/', import.meta.url);
const REGULAR = 'Sans';
const BOLD = 'Sans-Bold';
let fontFiles: { regular: Buffer; bold: Buffer } | undefined;
function loadFonts() {
  fontFiles ??= {
    regular: fs.readFileSync(new URL('DejaVuSans.ttf', FONT_DIR)),
    bold: fs.readFileSync(new URL('DejaVuSans-Bold.ttf', FONT_DIR)),
  };
  return fontFiles;
}

const RTL_LETTER =
  '[\\p{Script=Arabic}\\p{Script=Hebrew}\\p{Script=Syriac}\\p{Script=Thaana}\\p{Script=Nko}]';
/** A right-to-left stretch: from the first to the last right-to-left letter, with the spaces, punctuation and
 * marks between them (and the marks after the last letter), but never a Latin letter or a European digit. */
const RTL_RUN = new RegExp(`${RTL_LETTER}(?:[^\\p{L}\\p{N}]*${RTL_LETTER})*\\p{M}*`, 'gu');

/**
 * Splits text into its left-to-right and right-to-left stretches, in the order they are written. Every text in
 * the CV-pakke is Danish, so the line runs left to right and only a stretch in Arabic or Hebrew (usually a name)
 * is turned around; a full Unicode bidi algorithm is more than the PDF needs.
 */
export function directionRuns(text: string): Array<{ text: string; rtl: boolean }> {
  const runs: Array<{ text: string; rtl: boolean }> = [];
  let at = 0;
  for (const m of text.matchAll(RTL_RUN)) {
    if (m.index > at) runs.push({ text: text.slice(at, m.index), rtl: false });
    runs.push({ text: m[0], rtl: true });
    at = m.index + m[0].length;
  }
  if (at < text.length || runs.length === 0) runs.push({ text: text.slice(at), rtl: false });
  return runs;
}

/**
 * Writes one paragraph. pdfkit shapes each word on its own, so fontkit turned the letters of an Arabic word
 * around but kept the words, and the space after each, in left-to-right order: "محمد عبد الله" read as its words
 * backwards with two of them run together. Passing OpenType features makes pdfkit shape the whole right-to-left
 * stretch of a line as one run, which fontkit lays out right to left, words and spaces included; the rest of the
 * line is written around it as continued text.
 */
function write(doc: PDFKit.PDFDocument, text: string, options: PDFKit.Mixins.TextOptions = {}) {
  const runs = directionRuns(text);
  runs.forEach((run, i) => {
    doc.text(run.text, {
      ...options,
      ...(run.rtl ? { features: [] } : {}),
      continued: i < runs.length - 1,
    });
  });
  return doc;
}

/** Renders the CV-pakke as one PDF (A4, DejaVu Sans, which prints every name in the pool). */
export function renderBundlePdf(bundle: BundleDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: { Title: `CV-pakke: ${bundle.jobOrderTitle}`, Author: 'Vikarmatch', Producer: 'Vikarmatch' },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const fonts = loadFonts();
    doc.registerFont(REGULAR, fonts.regular);
    doc.registerFont(BOLD, fonts.bold);

    write(doc.font(BOLD).fontSize(18), `CV-pakke: ${bundle.jobOrderTitle}`);
    doc.font(REGULAR).fontSize(10).moveDown(0.3);
    if (bundle.companyName) write(doc, `Til: ${bundle.companyName}`);
    write(
      doc,
      `Periode ${bundle.period.from} – ${bundle.period.to}, ${bundle.weeklyHours} timer/uge. ` +
        `${bundle.candidates.length} ${bundle.candidates.length === 1 ? 'kandidat' : 'kandidater'}.`,
    );
    write(doc, `Udarbejdet ${bundle.createdAt.slice(0, 10)} af jobcentret.`);
    doc.moveDown(0.5);
    doc
      .fontSize(9)
      .fillColor('#555555')
      .text(
        'Oplysningerne er fortrolige og må kun bruges til at udvælge en vikar til denne stilling. ' +
          'Kontaktoplysninger vises kun for kandidater, der har sagt ja til at blive kontaktet direkte; ' +
          'ellers går kontakten gennem jobcentret.',
      )
      .fillColor('black');

    bundle.candidates.forEach((c, i) => {
      if (i > 0) doc.addPage();
      else doc.moveDown(1);
      write(doc.font(BOLD).fontSize(14), `${i + 1}. ${c.name}`);
      doc.font(REGULAR).fontSize(10).moveDown(0.3);
      const facts = [
        c.weeklyHours !== null ? `Kan arbejde ${c.weeklyHours} timer/uge` : 'Timer/uge ikke oplyst',
        c.distanceKm !== null ? `bor ${formatKm(c.distanceKm)} km fra arbejdspladsen` : null,
      ].filter(Boolean);
      write(doc, `${facts.join(', ')}.`);
      if (c.contact && (c.contact.email || c.contact.phone)) {
        write(doc, `Kontakt: ${[c.contact.email, c.contact.phone].filter(Boolean).join(', ')}`);
      } else {
        write(doc, 'Kontakt: via jobcentret.');
      }
      doc.moveDown(0.5);
      write(doc.font(BOLD), 'Hvorfor denne kandidat');
      write(doc.font(REGULAR), c.explanation);

      const section = (title: string, lines: string[]) => {
        if (lines.length === 0) return;
        doc.moveDown(0.5);
        write(doc.font(BOLD), title);
        doc.font(REGULAR);
        for (const line of lines) write(doc, `• ${line}`, { indent: 8 });
      };
      section('Relevante kompetencer', c.relevantCompetences);
      section('Øvrige kompetencer', c.otherCompetences);
      section(
        'Erfaring',
        c.experience.map(
          (e) => `${e.title}${period(e.from, e.to)}${e.description ? `: ${e.description}` : ''}`,
        ),
      );
      section(
        'Uddannelse',
        c.educations.map((e) => `${e.title}${e.level ? ` (${EDUCATION_LEVEL_DA[e.level] ?? e.level})` : ''}`),
      );
      section('Sprog', c.languages.length > 0 ? [c.languages.join(', ')] : []);
      section('Kørekort', c.driversLicences.length > 0 ? [c.driversLicences.join(', ')] : []);
    });
    doc.end();
  });
}
