import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { type BundleCandidate, directionRuns, renderBundlePdf } from '../../src/bundle/render.ts';

const NAMES = {
  polish: 'Łukasz Wiśniewski',
  turkish: 'Şükrü Öztürk',
  vietnamese: 'Nguyễn Văn Đức',
  czech: 'Antonín Dvořák',
  arabic: 'محمد عبد الله',
  somali: 'Cabdiraxmaan Maxamed Xuseen',
  danish: 'Søren Ærø Åberg',
};

function candidate(name: string, extra: Partial<BundleCandidate> = {}): BundleCandidate {
  return {
    name,
    relevantCompetences: ['truckcertifikat B'],
    otherCompetences: [],
    experience: [{ title: 'Lagermedarbejder', from: '2019-03', to: '2025-12' }],
    educations: [],
    languages: ['dansk'],
    driversLicences: ['B'],
    weeklyHours: 37,
    distanceKm: 4.2,
    explanation: 'Har truckcertifikat B.',
    ...extra,
  };
}

async function render(candidates: BundleCandidate[]) {
  const pdf = await renderBundlePdf({
    bundleId: 'b-1',
    jobOrderTitle: 'Lagermedarbejder',
    companyName: 'Nordlager A/S',
    period: { from: '2026-03-01', to: '2026-05-31' },
    weeklyHours: 37,
    createdAt: '2026-02-20T10:00:00.000Z',
    candidates,
  });
  const { text } = await extractText(new Uint8Array(pdf), { mergePages: false });
  // pdfkit maps each glyph back to its characters, but a shaped Arabic letter can come back as its presentation
  // form (U+FExx); NFKC folds those to the letters that were written.
  return { pdf, pages: text.map((page) => page.normalize('NFKC')) };
}

describe('the CV-pakke PDF', () => {
  it('prints every name, in Latin Extended, Vietnamese and Arabic script, so a text extractor reads it back', async () => {
    const { pages } = await render(Object.values(NAMES).map((name) => candidate(name)));
    expect(pages).toHaveLength(Object.keys(NAMES).length);
    // One candidate per page, in order, the name heading its page. The extractor (pdf.js) runs its own bidi pass:
    // the Arabic name comes back in reading order, as written, so it is compared unreversed; but that pass reads
    // the whole heading line as right to left and moves the "5." behind the name, so for that line only the name
    // itself is checked (the rendered page shows "5." on the left and the name reading right to left).
    Object.values(NAMES).forEach((name, i) => {
      const expected = name === NAMES.arabic ? name : `${i + 1}. ${name}`;
      expect(pages[i]).toContain(expected.normalize('NFKC'));
    });
  });

  it('prints non-Latin-1 text in every field, not only the name', async () => {
    const { pages } = await render([
      candidate('Jan Nowak', {
        relevantCompetences: ['Kierowca wózka widłowego'],
        otherCompetences: ['Şoförlük'],
        experience: [{ title: 'Kho hàng', description: 'Xếp dỡ hàng hóa' }],
        educations: [{ title: 'Střední odborné učiliště', level: 'eud' }],
        languages: ['polsk', 'العربية', 'tyrkisk'],
        explanation: 'Har kørt truck i Łódź.',
      }),
    ]);
    for (const text of [
      'Kierowca wózka widłowego',
      'Şoförlük',
      'Kho hàng: Xếp dỡ hàng hóa',
      'Střední odborné učiliště',
      // The extractor's bidi pass reorders this mixed line around the Arabic word, so each part is checked alone.
      'polsk,',
      'العربية',
      'tyrkisk',
      'Har kørt truck i Łódź.',
    ]) {
      expect(pages[0]).toContain(text);
    }
  });
});

describe('directionRuns', () => {
  it('keeps a Danish line whole and cuts an Arabic stretch out of it, spaces between its words included', () => {
    expect(directionRuns('Kontakt: via jobcentret.')).toEqual([
      { text: 'Kontakt: via jobcentret.', rtl: false },
    ]);
    expect(directionRuns('1. محمد عبد الله')).toEqual([
      { text: '1. ', rtl: false },
      { text: 'محمد عبد الله', rtl: true },
    ]);
    expect(directionRuns('dansk, العربية, polsk')).toEqual([
      { text: 'dansk, ', rtl: false },
      { text: 'العربية', rtl: true },
      { text: ', polsk', rtl: false },
    ]);
    expect(directionRuns('')).toEqual([{ text: '', rtl: false }]);
  });
});
