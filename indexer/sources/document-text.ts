import { readFile } from 'node:fs/promises';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';

export type DocumentType = 'pdf' | 'docx';

/**
 * The text of a PDF or DOCX, one paragraph or text line per line. Pages are joined by us rather than with
 * unpdf's mergePages, which collapses all whitespace, newlines included, and so would erase the headings and
 * list lines the CV reader depends on.
 */
export async function extractDocumentText(file: string, type: DocumentType): Promise<string> {
  if (type === 'docx') return (await mammoth.extractRawText({ path: file })).value;
  // pdf.js refuses a Node Buffer and wants a plain Uint8Array; verbosity 0 keeps its warnings off stdout.
  const pdf = await getDocumentProxy(new Uint8Array(await readFile(file)), { verbosity: 0 });
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    return text.join('\n');
  } finally {
    await pdf.destroy();
  }
}

/** Fewer visible characters than this and a document is taken to have no text layer (a scan, a photo). */
export const MIN_TEXT_CHARS = 20;

export function hasTextLayer(text: string): boolean {
  return text.replace(/\s/g, '').length >= MIN_TEXT_CHARS;
}
