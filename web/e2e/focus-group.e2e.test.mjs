// End-to-end tests of the Focus Group page and of the cooperation section of a case page: the
// built web app (web/dist) served by the real crossroads binary over a fresh data directory
// holding the synthetic demo world (its Focus Group content and cooperation records), driven in
// Debian's Chromium. Saves docs/screenshots/focus-group.png and case-cooperation.png.
//
//   CROSSROADS_BINARY=/path/to/crossroads node --test e2e/focus-group.e2e.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const binary = path.resolve(webDir, process.env.CROSSROADS_BINARY || '../build/src/exe/crossroads');
const webRoot = path.join(webDir, 'dist');
const shots = path.resolve(webDir, process.env.CROSSROADS_SCREENSHOTS_DIR || '../docs/screenshots');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const PASSWORD = 'crossroads-demo';

let dataDir;
let server;
let serverLog = '';
let base;
let browser;
const cspErrors = [];

async function waitFor(check, what, ms = 15000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const value = check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}\n${serverLog}`);
}

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', timezoneId: 'Europe/Rome' });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content.Security.Policy|Refused to/i.test(msg.text())) cspErrors.push(msg.text());
  });
  page.on('pageerror', (err) => cspErrors.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(base) && !url.startsWith('data:') && !url.startsWith('blob:')) cspErrors.push(`outside request: ${url}`);
  });
  page.on('dialog', (d) => d.accept());
  return page;
}

async function signIn(page, username) {
  await page.goto(`${base}/#/login`);
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.topbar').waitFor();
}

function nav(page, name) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

async function shot(page, name) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: false });
}

describe('Focus Group and cooperation', () => {
  before(async () => {
    assert.ok(existsSync(binary) && statSync(binary).isFile(), `no crossroads binary at ${binary} (set CROSSROADS_BINARY)`);
    assert.ok(existsSync(path.join(webRoot, 'index.html')), `no built app in ${webRoot} (run scripts/web build)`);
    dataDir = mkdtempSync(path.join(tmpdir(), 'crossroads-e2e-fg-'));
    execFileSync(binary, ['--data-dir', dataDir, 'synth', '--scale', 'demo', '--seed', '6'], { stdio: 'pipe' });
    const portFile = path.join(dataDir, 'port');
    server = spawn(binary, ['--data-dir', dataDir, 'serve', '--host', '127.0.0.1', '--port', '0', '--port-file', portFile, '--web-root', webRoot], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout.on('data', (d) => (serverLog += d));
    server.stderr.on('data', (d) => (serverLog = (serverLog + d).slice(-20000)));
    const port = await waitFor(() => existsSync(portFile) && readFileSync(portFile, 'utf8').trim(), 'the port file');
    base = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  after(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => {
        const t = setTimeout(() => {
          server.kill('SIGKILL');
          r();
        }, 5000);
        server.once('exit', () => {
          clearTimeout(t);
          r();
        });
      });
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows members, the meeting programme, best practices and country updates; a prosecutor writes an update', async () => {
    const page = await newPage();
    await signIn(page, 'it.prosecutor');
    await nav(page, 'Focus Group').click();
    await page.getByRole('heading', { level: 1, name: 'Focus Group on migrant smuggling' }).waitFor();
    const members = page.getByRole('region', { name: 'Members by desk' });
    await members.getByText('Giulia Ferraro').waitFor();
    assert.ok((await members.getByRole('row').count()) > 10);
    // Members and meetings are the secretariat's: no forms for a prosecutor.
    assert.equal(await page.getByRole('form', { name: 'Add a member' }).count(), 0);
    assert.equal(await page.getByRole('form', { name: 'Add a meeting' }).count(), 0);
    const meeting = page.getByRole('article', { name: /Annual meeting of the Focus Group/ });
    const sessions = await meeting.locator('ol.programme > li').count();
    assert.ok(sessions >= 5 && sessions <= 8, `${sessions} sessions`);
    await meeting.getByText('Unaccompanied minors as witnesses').waitFor();

    // A country update with markup in it shows as text.
    const form = page.getByRole('form', { name: 'Write a country update' });
    assert.equal(await form.getByLabel('Desk').inputValue(), 'IT');
    await form.getByLabel('Update').fill('Departures from <b>Zuwara</b> fell after the action day.');
    await form.getByRole('button', { name: 'Publish update' }).click();
    await page.getByText('Update for desk IT published.').waitFor();
    const updates = page.getByRole('region', { name: 'Country updates' });
    await updates.getByText('Departures from <b>Zuwara</b> fell after the action day.').waitFor();
    assert.equal(await updates.locator('b').count(), 0, 'no markup from data');
    await page.getByRole('heading', { name: 'Focus Group on migrant smuggling' }).scrollIntoViewIfNeeded();
    await shot(page, 'focus-group');

    // The reader view of a best practice.
    await page.getByRole('link', { name: 'Following the money in hawala networks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Following the money in hawala networks' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Search for the ledger.' }).waitFor();
    assert.ok((await page.locator('article.reader p').count()) >= 4);
    await page.context().close();
  });

  it('lets an observer read but offers no forms', async () => {
    const page = await newPage();
    await signIn(page, 'de.observer');
    await nav(page, 'Focus Group').click();
    await page.getByRole('heading', { name: 'Best practices' }).waitFor();
    await page.getByRole('link', { name: 'Using phone evidence across borders' }).waitFor();
    assert.equal(await page.getByRole('form').count(), 0);
    await page.context().close();
  });

  it('adds a cooperation record on a case of the desk, refusing an unknown partner desk', async () => {
    const page = await newPage();
    await signIn(page, 'it.prosecutor');
    await nav(page, 'Cases').click();
    const first = page.locator('table a[href^="#/cases/"]').first();
    await first.waitFor();
    await first.click();
    const section = page.getByRole('region', { name: 'Cooperation' });
    // The records load after the case: wait for the table or the empty note.
    await section.locator('table, p.empty').first().waitFor();
    const before = await section.locator('tbody tr').count();
    const form = section.getByRole('form', { name: 'Record cooperation' });
    await form.getByLabel('Kind').selectOption('jit');
    await form.getByLabel('Title').fill('JIT Levante');
    await form.getByLabel('Started on').fill('2026-03-02');
    await form.getByLabel('Partner desks').fill('fr, XX');
    await form.getByRole('button', { name: 'Add record' }).click();
    await form.getByText("there is no desk 'XX'", { exact: false }).waitFor();
    assert.equal(await section.locator('tbody tr').count(), before);

    await form.getByLabel('Partner desks').fill('fr, es');
    await form.getByLabel('Notes').fill('Agreement signed at the coordination meeting.');
    await form.getByRole('button', { name: 'Add record' }).click();
    await section.getByText('Joint investigation team (JIT) “JIT Levante” recorded.').waitFor();
    const row = section.locator('tbody tr').filter({ hasText: 'JIT Levante' });
    await row.waitFor();
    assert.match(await row.innerText(), /FR, ES/);
    assert.match(await row.innerText(), /ongoing/);
    await section.scrollIntoViewIfNeeded();
    await shot(page, 'case-cooperation');
    await page.context().close();
  });

  it('raised no Content-Security-Policy errors and made no outside requests', () => {
    assert.deepEqual(cspErrors, []);
  });
});
