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

/** Renders the CV-pakke as one PDF (A4, the standard Helvetica font, which covers æ, ø and å). */
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

    doc.font('Helvetica-Bold').fontSize(18).text(`CV-pakke: ${bundle.jobOrderTitle}`);
    doc.font('Helvetica').fontSize(10).moveDown(0.3);
    if (bundle.companyName) doc.text(`Til: ${bundle.companyName}`);
    doc.text(
      `Periode ${bundle.period.from} – ${bundle.period.to}, ${bundle.weeklyHours} timer/uge. ` +
        `${bundle.candidates.length} ${bundle.candidates.length === 1 ? 'kandidat' : 'kandidater'}.`,
    );
    doc.text(`Udarbejdet ${bundle.createdAt.slice(0, 10)} af jobcentret.`);
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
      doc
        .font('Helvetica-Bold')
        .fontSize(14)
        .text(`${i + 1}. ${c.name}`);
      doc.font('Helvetica').fontSize(10).moveDown(0.3);
      const facts = [
        c.weeklyHours !== null ? `Kan arbejde ${c.weeklyHours} timer/uge` : 'Timer/uge ikke oplyst',
        c.distanceKm !== null ? `bor ${formatKm(c.distanceKm)} km fra arbejdspladsen` : null,
      ].filter(Boolean);
      doc.text(`${facts.join(', ')}.`);
      if (c.contact && (c.contact.email || c.contact.phone)) {
        doc.text(`Kontakt: ${[c.contact.email, c.contact.phone].filter(Boolean).join(', ')}`);
      } else {
        doc.text('Kontakt: via jobcentret.');
      }
      doc.moveDown(0.5);
      doc.font('Helvetica-Bold').text('Hvorfor denne kandidat');
      doc.font('Helvetica').text(c.explanation);

      const section = (title: string, lines: string[]) => {
        if (lines.length === 0) return;
        doc.moveDown(0.5);
        doc.font('Helvetica-Bold').text(title);
        doc.font('Helvetica');
        for (const line of lines) doc.text(`• ${line}`, { indent: 8 });
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
