// End-to-end tests of the routes and trends pages: the built web app (web/dist) served by the
// real crossroads binary with a fresh data directory, driven in Debian's Chromium. An analyst
// imports the real Frontex workbook through the page (skipped when ../shared/data is absent),
// sees the charts with their detected shifts, filters, exports the CSV; the country page and the
// annual statistics. Saves docs/screenshots/trends*.png, country.png, statistics-annual.png.
//
//   CROSSROADS_BINARY=/path/to/crossroads node --test e2e/trends.e2e.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TABLET, nav, shot, useCrossroads, webDir } from './harness.mjs';

const workbook = path.resolve(
  webDir,
  process.env.CROSSROADS_FRONTEX_XLSX || '../../shared/data/frontex/monthly-detections-ibc-2009-2025.xlsx',
);
const haveWorkbook = existsSync(workbook);

// The chart (a <figure>) of one series, by its heading.
function chart(page, label) {
  return page.locator('figure.chart').filter({ has: page.getByRole('heading', { name: label, exact: true }) });
}

describe('Routes and trends pages', () => {
  // The world map is bundled: no request may go to a tile server or a CDN.
  const app = useCrossroads({ prefix: 'crossroads-e2e-trends-', pageTimeout: 15000, contextOptions: { acceptDownloads: true } });
  const { newPage, signIn } = app;

  it('shows the map of the routes from the bundled world atlas', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'it.analyst');
      await nav(page, 'Routes and trends').click();
      await page.getByRole('heading', { name: 'Routes and trends', level: 1 }).waitFor();
      await page.locator('.map-countries path').first().waitFor();
      assert.ok((await page.locator('.map-route').count()) >= 5, 'route lines on the map');
      // Choosing a route in the legend filters by it; choosing it again shows every route.
      const legend = page.locator('.map-legend').getByRole('button', { name: /^Western Balkans?/ });
      await legend.click();
      await page.waitForURL(/route=western_balkans?(&|$)/);
      assert.equal(await legend.getAttribute('aria-pressed'), 'true');
      await legend.click();
      await page.waitForURL((url) => !url.hash.includes('route='));
    } finally {
      await page.context().close();
    }
  });

  it('a prosecutor is not offered the import of sources', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'it.prosecutor');
      await page.goto(`${app.base}/#/trends`);
      await page.getByRole('heading', { name: 'Sources' }).waitFor();
      assert.equal(await page.getByRole('heading', { name: 'Import a published source' }).count(), 0);
    } finally {
      await page.context().close();
    }
  });

  it('refuses a period that ends before it starts, next to the field, and changes nothing', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'it.analyst');
      await page.goto(`${app.base}/#/trends?measure=dead`);
      await page.getByRole('heading', { name: 'Routes and trends', level: 1 }).waitFor();
      await page.getByLabel('From', { exact: true }).fill('2024-05');
      await page.getByLabel('To', { exact: true }).fill('2023-01');
      await page.getByRole('button', { name: 'Show', exact: true }).click();
      await page.locator('#tf-to-error', { hasText: 'before it starts' }).waitFor();
      assert.match(page.url(), /#\/trends\?measure=dead$/);
    } finally {
      await page.context().close();
    }
  });

  describe('the Frontex workbook imported through the page', { skip: haveWorkbook ? false : `no workbook at ${workbook}` }, () => {
    let page;
    before(async () => {
      page = await newPage();
      await signIn(page, 'it.analyst');
    });
    after(async () => page?.context().close());

    it('imports the workbook and reports what it read', async () => {
      await page.goto(`${app.base}/#/trends`);
      await page.getByRole('heading', { name: 'Import a published source' }).waitFor();
      await page.getByLabel('Source file').setInputFiles(workbook);
      assert.equal(await page.getByLabel('Kind of source').inputValue(), 'frontex');
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const report = page.locator('.import-report');
      await report.getByRole('heading', { name: /Import report/ }).waitFor({ timeout: 60000 });
      const imported = Number((await report.locator('dd').first().innerText()).replace(/[^\d]/g, ''));
      assert.ok(imported > 1000, `rows imported: ${imported}`);
      await page.locator('.table', { hasText: path.basename(workbook) }).waitFor();
    });

    it('draws a chart per route with the detected shifts marked', async () => {
      await page.locator('.chart-svg').first().waitFor({ timeout: 30000 });
      assert.ok((await page.locator('figure.chart').count()) >= 5, 'a chart per route');
      await page.locator('.chart-shift').first().waitFor({ timeout: 30000 });
      const shiftText = await page.locator('.shift-list li.shift-up, .shift-list li.shift-down').first().textContent();
      assert.match(shiftText, /Shift \w{3} \d{4}: (up|down) [+−]\d+% .*confidence \d+(\.\d)?%/);
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, 'trends');
      await page.getByRole('heading', { name: /^Detections by route/ }).scrollIntoViewIfNeeded();
      await shot(page, 'trends-charts');
    });

    it('filters by route, source and year: the Central Mediterranean 2023 total Frontex announced', async () => {
      await page.getByLabel('Route', { exact: true }).selectOption('central_mediterranean');
      await page.getByLabel('From', { exact: true }).fill('2023-01');
      await page.getByLabel('To', { exact: true }).fill('2023-12');
      await page.getByLabel('Source', { exact: true }).selectOption('frontex');
      await page.getByRole('button', { name: 'Show', exact: true }).click();
      await page.waitForURL(/route=central_mediterranean/);
      assert.match(page.url(), /from=2023-01/);
      const cm = chart(page, 'Central Mediterranean');
      await cm.locator('.chart-svg').waitFor();
      // The charts of the previous filter stay until the new figures arrive: wait for them to go.
      await page
        .waitForFunction(() => document.querySelectorAll('figure.chart').length === 1, null, { timeout: 15000 })
        .catch(() => {});
      assert.equal(await page.locator('figure.chart').count(), 1, 'only the chosen route');
      assert.match(await cm.locator('.chart-figures').innerText(), /total 158,026/);
      // The figures as a table beside the chart.
      await cm.getByText(/as a table/).click();
      await cm.getByRole('rowheader', { name: 'Jan 2023' }).waitFor();
    });

    it('exports exactly the shown series as CSV', async () => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
      assert.match(download.suggestedFilename(), /^crossroads-trends-detections-month-central_mediterranean-frontex-2023-01-to-2023-12\.csv$/);
      const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
      const lines = text.trimEnd().split('\r\n');
      assert.equal(lines[0], 'measure,granularity,group_by,key,label,period,value,year_on_year_change,shift_direction,shift_change,shift_confidence,alert_probability');
      assert.equal(lines.length, 13, 'twelve months of one route');
      assert.ok(lines.slice(1).every((l) => l.startsWith('detections,month,route,central_mediterranean,Central Mediterranean,2023-')));
      const total = lines.slice(1).reduce((sum, l) => sum + Number(l.split(',')[6]), 0);
      assert.equal(total, 158026);
    });

    it('marks the Western Balkans fall and lists displacements and moves', async () => {
      await page.goto(`${app.base}/#/trends?route=western_balkans&source=frontex`);
      const wb = page.locator('figure.chart').first();
      await wb.locator('.chart-shift-down').first().waitFor({ timeout: 30000 });
      await page.getByRole('heading', { name: 'Displacement between routes' }).waitFor();
      await page.getByRole('heading', { name: 'Top nationalities' }).waitFor();
      await page.locator('section[aria-labelledby="top-h"] tbody tr, section[aria-labelledby="top-h"] .empty').first().waitFor();
    });
  });

  it('the country page of desk IT: routes, figures and cases per year', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'it.prosecutor');
      await nav(page, 'Country page IT').click();
      await page.getByRole('heading', { name: /\(IT\)$/, level: 1 }).waitFor();
      await page.getByRole('heading', { name: /^Routes touching/ }).waitFor();
      await page.getByRole('link', { name: 'Central Mediterranean' }).waitFor();
      await page.getByRole('heading', { name: 'Cases of desk IT per year' }).waitFor();
      await page.locator('#c-cases-h').locator('xpath=../..').locator('tbody tr').first().waitFor();
      await shot(page, 'country');
    } finally {
      await page.context().close();
    }
  });

  it('is readable on a 768 px tablet', async () => {
    const page = await newPage(TABLET);
    try {
      await signIn(page, 'it.analyst');
      await page.goto(`${app.base}/#/trends`);
      await page.locator('.map-countries path').first().waitFor();
      await page.locator('section[aria-labelledby="charts-h"] :is(.chart-svg, .empty)').first().waitFor({ timeout: 30000 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the tablet`);
      await shot(page, 'trends-tablet');
    } finally {
      await page.context().close();
    }
  });

  it('the secretariat sees the annual report of a chosen year', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'secretariat');
      await nav(page, 'Statistics').click();
      const thisYear = new Date().getFullYear();
      await page.getByRole('heading', { name: `Annual report ${thisYear}` }).waitFor();
      // Last year from the address, then this year again with the selector.
      await page.goto(`${app.base}/#/statistics?year=${thisYear - 1}`);
      await page.getByRole('heading', { name: `Annual report ${thisYear - 1}` }).waitFor();
      await page.getByRole('table', { name: `Cases in ${thisYear - 1} by desk` }).waitFor();
      const year = String(thisYear);
      await page.getByLabel('Year', { exact: true }).selectOption(year);
      await page.waitForURL(new RegExp(`year=${year}$`));
      await page.getByRole('heading', { name: `Annual report ${year}` }).waitFor();
      await page.getByRole('table', { name: `Cases in ${year} by desk` }).waitFor();
      await page.getByRole('table', { name: `Cases in ${year} by stage` }).waitFor();
      assert.match(await page.locator('.report').first().innerText(), /Coordination meetings\s*\d+/);
      await page.getByRole('table', { name: `Cases in ${year} by desk` }).scrollIntoViewIfNeeded();
      await shot(page, 'statistics-annual');
    } finally {
      await page.context().close();
    }
  });

  it('broke no Content-Security-Policy rule and sent nothing outside', () => {
    assert.deepEqual(app.cspErrors, []);
  });
});
