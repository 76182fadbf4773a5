import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMonth } from '../../web/src/lib/format.ts';
import { buildPdf } from '../indexer/helpers.ts';
import {
  axeProblems,
  CHROMIUM,
  hasChromium,
  konsulentToken,
  launchChromium,
  type Server,
  screenshot,
  startServer,
} from './browser-harness.ts';

/**
 * The web app in Debian's Chromium against the real server process on demo data: the konsulent's path from
 * vikarprofil to CV-pakke, the company's answer from the link alone, tenancy, logout, and axe on every page.
 * The steps build on each other, so they run in order in one file.
 */
if (!hasChromium) {
  console.warn(
    `browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run does this)`,
  );
}

describe.skipIf(!hasChromium)('the web app in a real browser', () => {
  let server: Server;
  let browser: Browser;
  let konsulent: BrowserContext;
  let page: Page;
  let token751: string;
  let token101: string;
  let orderUrl = '';
  let companyLink = '';
  const axeFindings: Record<string, string[]> = {};
  // Script errors and CSP refusals; failed requests are left out, the flows provoke 401s and 404s on purpose.
  const consoleErrors: string[] = [];
  function watch(p: Page): Page {
    p.on('pageerror', (e) => consoleErrors.push(`${p.url()}: ${e.message}`));
    p.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
        consoleErrors.push(`${p.url()}: ${m.text()}`);
    });
    return p;
  }

  async function check(p: Page, name: string) {
    await p.waitForLoadState('networkidle');
    const problems = await axeProblems(p);
    if (problems.length) axeFindings[name] = problems;
    await screenshot(p, name);
  }

  async function login(p: Page, token: string) {
    await p.goto('/');
    await p.getByRole('heading', { name: 'Log ind' }).waitFor();
    await p.getByLabel('Adgangsnøgle').fill(token);
    await p.getByRole('button', { name: 'Log ind' }).click();
    await p.getByRole('heading', { name: 'Oversigt', level: 1 }).waitFor();
  }

  beforeAll(async () => {
    server = await startServer();
    token751 = await konsulentToken(server, '751', 'Karen Konsulent (Aarhus)');
    token101 = await konsulentToken(server, '101', 'Kasper Konsulent (København)');
    browser = await launchChromium();
    konsulent = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1360, height: 900 },
      locale: 'da-DK',
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    page = watch(await konsulent.newPage());
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('logs a konsulent in with a token, keeping it out of storage and the address bar', async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Log ind' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('da');
    await check(page, '01-log-ind');
    await login(page, token751);
    // A string, not a function: the test code is typed for Node, the page's globals are the browser's.
    const stored = await page.evaluate<string>(
      'JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })',
    );
    expect(stored).not.toContain(token751);
    expect(page.url()).not.toContain(token751);
    const cookies = await konsulent.cookies();
    expect(cookies.find((c) => c.name === 'vikarmatch_session')?.httpOnly).toBe(true);
    await check(page, '02-oversigt');
  });

  it('creates a job order: a field error from the API is shown next to the field, then fixed', async () => {
    await page.getByRole('link', { name: 'Jobordrer' }).first().click();
    await page.getByRole('heading', { name: 'Jobordrer', level: 1 }).waitFor();
    await check(page, '03-jobordrer');
    await page.getByRole('link', { name: 'Opret jobordre' }).click();
    await page.getByRole('heading', { name: 'Opret jobordre', level: 1 }).waitFor();
    await page.getByLabel('Stillingsbetegnelse').fill('Lagermedarbejder (jobrotationsvikar)');
    await page.getByLabel('CVR-nummer').fill('12345678');
    await page.getByLabel('Virksomhedens navn').fill('Nordlager A/S');
    // A town name is enough: the field looks it up and shows the postnummer it will use.
    await page.getByLabel('Arbejdsstedets postnummer eller by').fill('Aarhus N');
    await page.getByText('8200 Aarhus N').waitFor();
    await page.getByLabel('Skal-krav', { exact: true }).fill('truckcertifikat');
    await page.getByLabel('Skal-krav', { exact: true }).press('Enter');
    await page.getByLabel('Gerne-krav', { exact: true }).fill('varemodtagelse');
    await page.getByLabel('Gerne-krav', { exact: true }).press('Enter');
    await page.getByLabel('Periode fra').fill('2027-01-04');
    await page.getByLabel('Periode til').fill('2027-06-30');
    await page.getByLabel('Timer pr. uge').fill('30');
    await page.getByLabel('Jobrotation (vikaren skal opfylde reglerne for jobrotationsydelse)').check();
    await page.getByRole('button', { name: 'Opret jobordre' }).click();

    const summary = page.getByTestId('error-summary');
    await summary.waitFor();
    await expect.poll(() => summary.textContent()).toContain('CVR-nummer: Skal være et CVR-nummer');
    await expect.poll(() => page.locator('#f-cvr-error').textContent()).toContain('modulus 11');
    expect(await page.locator('#f-cvr').getAttribute('aria-invalid')).toBe('true');
    await check(page, '04-jobordre-fejl');

    await page.getByLabel('CVR-nummer').fill('24256790');
    await page.getByRole('button', { name: 'Opret jobordre' }).click();
    await page.getByRole('heading', { name: 'Lagermedarbejder (jobrotationsvikar)', level: 1 }).waitFor();
    orderUrl = new URL(page.url()).pathname;
    expect(orderUrl).toMatch(/^\/jobordrer\/[0-9a-f-]{36}$/);
    // Vikar hours over the period times the rule set's sats, as the API estimates it.
    await expect
      .poll(() => page.getByTestId('estimate').textContent())
      .toMatch(/vikartimer × 165 kr\. = [\d.]+ kr\./);
    expect(await page.locator('.vm-facts').textContent()).toContain('8200');
  });

  it('requests a bruttoliste and shows the ranked list with explanations without a reload', async () => {
    await page.getByLabel('Antal kandidater').fill('8');
    await page.getByRole('button', { name: 'Lav bruttoliste' }).click();
    const rows = page.getByTestId('entry');
    await rows.first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('shortlist-status').textContent()).toContain('Færdig');
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    const first = await rows.first().textContent();
    expect(first).toMatch(/truckcertifikat/);
    expect(await rows.first().locator('.vm-explanation').textContent()).toMatch(/\w+/);
    expect(await page.locator('.vm-distance circle.vm-dot').count()).toBe(count);
    // The order's own jobcenter's people are named; anyone from another jobcenter is named by jobcenter.
    const own = rows.filter({ hasText: 'Jobcenter 751' }).first();
    expect(await own.getByRole('link').first().textContent()).not.toMatch(/^Kandidat fra jobcenter/);
    await check(page, '05-bruttoliste');
  });

  it('moves the first candidate through kontaktet, interesseret and sendt', async () => {
    await page.getByTestId('entry').first().getByRole('link').first().click();
    await page.getByTestId('candidate-state').waitFor();
    for (const [button, state] of [
      ['Markér som kontaktet', 'Kontaktet'],
      ['Interesseret', 'Interesseret'],
      ['Sendt til virksomhed', 'Sendt til virksomhed'],
    ] as const) {
      await page.getByRole('button', { name: button, exact: true }).click();
      await expect.poll(() => page.getByTestId('candidate-state').textContent()).toContain(state);
    }
    expect(await page.locator('.vm-history li').count()).toBe(3);
    await check(page, '06-kandidat');
  });

  it('makes the CV-pakke, previews its PDF and copies the company link', async () => {
    await page.goto(orderUrl);
    await page.getByRole('heading', { name: 'CV-pakke til virksomheden' }).waitFor();
    await page.getByRole('button', { name: 'Lav CV-pakke og link' }).click();
    await page.getByTestId('bundle-created').waitFor();
    companyLink = await page.getByLabel('Link til virksomheden').inputValue();
    expect(companyLink).toMatch(/\/virksomhed#.+/);
    await page.getByRole('button', { name: 'Kopiér link' }).click();
    await page.getByText('Linket er kopieret.').waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(companyLink);
    const pdf = page.getByRole('link', { name: 'Se PDF' });
    await pdf.waitFor({ timeout: 30_000 });
    const res = await konsulent.request.get((await pdf.getAttribute('href')) ?? '');
    expect(res.status()).toBe(200);
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await check(page, '07-cv-pakke');
  });

  it('lets the company open the link on a phone, download the PDF and choose', async () => {
    const company = await browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'da-DK',
      isMobile: true,
      hasTouch: true,
      acceptDownloads: true,
    });
    const cp = watch(await company.newPage());
    await cp.goto(companyLink);
    await cp.getByTestId('company-candidate').first().waitFor();
    // The secret left the address bar as soon as it was exchanged.
    expect(new URL(cp.url()).hash).toBe('');
    expect(await cp.getByText('Oplysningerne må kun bruges til at vælge vikar').count()).toBe(1);
    // The CV is readable on the page itself, as the PDF shows it.
    expect(await cp.getByTestId('company-candidate').first().textContent()).toMatch(/Relevante kompetencer/);
    await check(cp, '08-virksomhed');
    const [download] = await Promise.all([
      cp.waitForEvent('download'),
      cp.getByRole('link', { name: "Hent CV'erne som PDF" }).click(),
    ]);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const card = cp.getByTestId('company-candidate').first();
    await card.getByRole('button', { name: 'Valgt', exact: true }).click();
    await expect.poll(() => card.textContent()).toContain('Status: Valgt');

    // The company's cookie opens this one bundle, never a konsulent page or API.
    const origin = new URL(companyLink).origin;
    await cp.goto(`${origin}${orderUrl}`);
    await cp.getByRole('heading', { name: 'Log ind' }).waitFor();
    for (const url of [
      '/v1/job-orders',
      `/v1${orderUrl.replace('/jobordrer', '/job-orders')}`,
      '/v1/candidates',
      '/v1/stats',
    ]) {
      const r = await company.request.get(`${origin}${url}`);
      expect([401, 403], url).toContain(r.status());
    }
    await company.close();
  });

  it('shows the konsulent the company’s choice, that the link was opened, and lets them close it', async () => {
    await page.goto(orderUrl);
    const row = page.getByTestId('progress-row').first();
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('Valgt');
    const bundle = page.getByTestId('bundle-row').first();
    await expect.poll(() => bundle.getByTestId('bundle-opened').textContent()).toMatch(/^Ja, /);
    await bundle.getByRole('button', { name: 'Luk linket' }).click();
    await expect.poll(() => bundle.textContent()).toContain('Linket er lukket');
    const company = await browser.newContext();
    const cp = await company.newPage();
    await cp.goto(companyLink);
    await cp.getByText('Linket virker ikke').waitFor();
    await company.close();

    await page.getByRole('link', { name: 'Oversigt' }).click();
    const choices = page.getByTestId('overview-recentChoices');
    await expect
      .poll(() => choices.textContent())
      .toContain('Valgt til «Lagermedarbejder (jobrotationsvikar)»');
    await check(page, '12-oversigt-med-valg');
  });

  it('keeps another jobcenter’s order out of reach: konsulent 101 sees "ikke fundet"', async () => {
    const other = await browser.newContext({ baseURL: server.url });
    const op = await other.newPage();
    await login(op, token101);
    await op.goto(orderUrl);
    await op.getByRole('heading', { name: 'Ikke fundet', level: 1 }).waitFor();
    expect(await op.getByText('Lagermedarbejder (jobrotationsvikar)').count()).toBe(0);
    await other.close();
  });

  it('shows the other main pages (Kandidater, Statistik, Admin) with no serious accessibility findings', async () => {
    await page.getByRole('link', { name: 'Kandidater' }).first().click();
    await page.getByRole('heading', { name: 'Kandidater', level: 1 }).waitFor();
    await page.locator('table tbody tr').first().waitFor();
    // Three files at once. NDJSON and CSV, each with one good and one bad line: the good one lands, the bad one is
    // reported by line and field. A PDF CV: stored as a draft that names what the CV did not say.
    const good = {
      externalId: 'browser-upload-1',
      jobcenter: '751',
      name: 'Ulla Upload',
      postalCode: '8000',
      unemployedSince: '2026-05-01',
      benefit: 'dagpenge',
    };
    const bad = { ...good, externalId: 'browser-upload-2', benefit: 'løn' };
    const csv =
      'externalId;jobcenter;name;postalCode;unemployedSince;benefit\n' +
      'browser-csv-1;751;Carla Csv;8000;01-05-2026;dagpenge\n' +
      'browser-csv-2;751;Carl Csv;8000;2026-02-30;dagpenge\n';
    const pdf = await buildPdf([
      { text: 'Petra Pdf Hansen', size: 18 },
      { text: 'Åbyhøjvej 3, 8210 Aarhus V' },
      { text: 'Kompetencer', size: 14 },
      { text: '• Truckcertifikat B' },
    ]);
    await page.getByLabel('Filer med kandidater').setInputFiles([
      {
        name: 'kandidater.ndjson',
        mimeType: 'application/x-ndjson',
        buffer: Buffer.from(`${JSON.stringify(good)}\n${JSON.stringify(bad)}\n`),
      },
      { name: 'kandidater.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) },
      { name: 'petra-cv.pdf', mimeType: 'application/pdf', buffer: pdf },
    ]);
    await page.getByRole('button', { name: 'Indlæs' }).click();
    const report = page.getByTestId('import-report');
    await report.waitFor();
    await expect.poll(() => report.textContent()).toContain('Indlæsningen er færdig');
    const text = (await report.textContent()) ?? '';
    expect(text).toContain('kandidater.ndjson: indlæst1 nye, 0 opdateret, 0 uændret, 1 afvist');
    expect(text).toContain('kandidater.csv: indlæst1 nye, 0 opdateret, 0 uændret, 1 afvist');
    expect(text).toContain('petra-cv.pdf: gemt som ny kandidat');
    expect(text).toContain('Ledig siden, Ydelse mangler');
    const rejected = report.locator('table');
    await expect
      .poll(() => rejected.nth(0).locator('tbody tr').first().textContent())
      .toMatch(/^2browser-upload-2Ydelse/);
    await expect
      .poll(() => rejected.nth(1).locator('tbody tr').first().textContent())
      .toMatch(/^3browser-csv-2Ledig siden: Skal være en gyldig dato/);
    await check(page, '09-kandidater');
    await page.getByRole('link', { name: 'Statistik' }).first().click();
    await page.getByRole('heading', { name: 'Statistik', level: 1 }).waitFor();
    await page.locator('.vm-chart svg').first().waitFor();
    await check(page, '10-statistik');
    // Per month over a picked range; each chart's numbers are also a table for screen readers.
    const thisMonth = new Date().toISOString().slice(0, 7);
    const summary = page.getByTestId('month-summary');
    await expect.poll(() => summary.textContent()).toMatch(/^I perioden .* \d+ jobordrer/);
    await page.getByLabel('Fra måned').selectOption(thisMonth);
    await expect
      .poll(() => summary.textContent())
      .toContain(`I perioden ${formatMonth(thisMonth)} – ${formatMonth(thisMonth)}:`);
    expect(await page.locator('table.sr-only caption').allTextContents()).toEqual(
      expect.arrayContaining([
        'Jobordrer, bruttolister, sendt, valgt og ansættelser',
        'Træfsikkerhed (valgt af sendt)',
      ]),
    );
    const lastMonth = await page.locator('#stats-to option').nth(1).getAttribute('value');
    await page.getByLabel('Til måned').selectOption(lastMonth!);
    await page.getByText('“Fra” skal være før eller samme måned som “til”.').waitFor();
    await page.getByLabel('Til måned').selectOption(thisMonth);
    await check(page, '10b-statistik-maaned');

    const admin = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1360, height: 900 },
      locale: 'da-DK',
    });
    const ap = watch(await admin.newPage());
    await login(ap, server.adminToken);
    await ap.getByRole('link', { name: 'Administration' }).click();
    await ap.getByRole('heading', { name: 'Adgangsnøgler' }).waitFor();
    await ap.getByText('Karen Konsulent (Aarhus)').first().waitFor();
    await ap.getByLabel('Jobcenter', { exact: true }).fill('461');
    await ap.getByLabel('Navn på indehaver').fill('Olga Odense');
    await ap.getByRole('button', { name: 'Opret nøgle' }).click();
    const shown = (await ap.getByTestId('new-token').textContent()) ?? '';
    expect(shown).toMatch(/^vm_/);
    // The new token works once, as a konsulent of 461, until it is revoked here.
    const bearer = { authorization: `Bearer ${shown}` };
    expect((await fetch(`${server.url}/v1/job-orders`, { headers: bearer })).status).toBe(200);
    await ap
      .getByRole('row', { name: /Olga Odense/ })
      .getByRole('button', { name: 'Tilbagekald' })
      .click();
    // The list shows active tokens: the revoked one leaves it.
    await expect.poll(() => ap.getByRole('row', { name: /Olga Odense/ }).count()).toBe(0);
    expect((await fetch(`${server.url}/v1/job-orders`, { headers: bearer })).status).toBe(401);
    await check(ap, '11-admin');
    await admin.close();
  });

  it('logs out server-side: the old cookie gets 401 afterwards', async () => {
    const cookie = (await konsulent.cookies()).find((c) => c.name === 'vikarmatch_session');
    expect(cookie).toBeDefined();
    const header = { cookie: `${cookie?.name}=${cookie?.value}` };
    expect((await fetch(`${server.url}/v1/session`, { headers: header })).status).toBe(200);
    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.getByRole('heading', { name: 'Log ind' }).waitFor();
    expect((await fetch(`${server.url}/v1/session`, { headers: header })).status).toBe(401);
    expect((await fetch(`${server.url}/v1/job-orders`, { headers: header })).status).toBe(401);
  });

  it('axe found no serious or critical problem on any page, and no page logged a script or CSP error', () => {
    expect(axeFindings).toEqual({});
    expect(consoleErrors).toEqual([]);
  });
});
