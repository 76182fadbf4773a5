import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import PDFDocument from 'pdfkit';
import { readRecords } from '../../indexer/sources/index.ts';
import type { ReadOptions, SourceRecord } from '../../indexer/sources/types.ts';

export function tmpDir(): {
  dir: string;
  write: (name: string, content: string | Buffer) => string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vm-'));
  return {
    dir,
    write: (name, content) => {
      const file = path.join(dir, name);
      writeFileSync(file, content);
      return file;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export async function collect(
  file: string,
  opts: ReadOptions = { kind: 'candidates' },
): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const r of readRecords(file, opts)) out.push(r);
  return out;
}

/** The ok records' values, failing loudly when a record is an error. */
export function values(records: SourceRecord[]): Record<string, unknown>[] {
  return records.map((r) => {
    if (!r.ok) throw new Error(`unexpected error record at line ${r.line}: ${r.error}`);
    return r.value;
  });
}

export type PdfLine = { text: string; size?: number } | { gap: true };

/** A PDF with one text line per entry (pdfkit's built-in Helvetica covers æøå). */
export function buildPdf(lines: PdfLine[], draw?: (doc: PDFKit.PDFDocument) => void): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (const line of lines) {
      if ('gap' in line) doc.moveDown();
      else doc.fontSize(line.size ?? 11).text(line.text);
    }
    draw?.(doc);
    doc.end();
  });
}

export type DocxParagraph = string | { heading: string } | { bullet: string };

export function buildDocx(paragraphs: DocxParagraph[]): Promise<Buffer> {
  const children = paragraphs.map((p) =>
    typeof p === 'string'
      ? new Paragraph({ text: p })
      : 'heading' in p
        ? new Paragraph({ text: p.heading, heading: HeadingLevel.HEADING_2 })
        : new Paragraph({ text: p.bullet, bullet: { level: 0 } }),
  );
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}
