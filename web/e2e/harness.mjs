// Shared set-up of the end-to-end tests: the built web app (web/dist) served by the real
// crossroads binary on a free loopback port over a fresh temporary data directory, driven in
// Debian's Chromium through playwright-core. Builds nothing: run `scripts/web build` first.
//
// A test file calls useCrossroads() inside its describe(): that registers the before() hook that
// loads the data, starts the server and the browser, and the after() hook that stops them and
// removes the data directory. The returned object gives the address (base), the data directory,
// the server's log, the list of Content-Security-Policy errors and outside requests, and
// newPage()/signIn() bound to this server.
//
// Environment: CROSSROADS_BINARY (the server), CROSSROADS_SCREENSHOTS_DIR (where screenshots go,
// docs/screenshots/ by default), CHROMIUM (the browser, /usr/bin/chromium by default).
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const binary = path.resolve(webDir, process.env.CROSSROADS_BINARY || '../build/src/exe/crossroads');
export const webRoot = path.join(webDir, 'dist');
export const shotsDir = path.resolve(webDir, process.env.CROSSROADS_SCREENSHOTS_DIR || '../docs/screenshots');
export const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** The password of every demo account. */
export const PASSWORD = 'crossroads-demo';
export const DESKTOP = { width: 1280, height: 800 };
export const TABLET = { width: 768, height: 1024 };

// playwright-core starts Chromium with a fresh temporary --user-data-dir of its own (it refuses
// the flag here) and removes it on close.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Fails unless the server binary and the built app are there. */
export function assertBuilt() {
  assert.ok(existsSync(binary) && statSync(binary).isFile(), `no crossroads binary at ${binary} (set CROSSROADS_BINARY)`);
  assert.ok(existsSync(path.join(webRoot, 'index.html')), `no built app in ${webRoot} (run scripts/web build)`);
}

/** A new temporary data directory, filled by `crossroads --data-dir DIR <load...>`. */
export function makeDataDir(prefix, load) {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  execFileSync(binary, ['--data-dir', dataDir, ...load], { stdio: 'pipe' });
  return dataDir;
}

/** Polls check() until it returns a truthy value; on time-out the error carries log(). */
export async function waitFor(check, what, log = () => '', ms = 15000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const value = check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}\n${log()}`);
}

/** Starts `crossroads serve` on a free loopback port; returns { child, base, log }. */
export async function startServer(dataDir) {
  const portFile = path.join(dataDir, 'port');
  const child = spawn(binary, ['--data-dir', dataDir, 'serve', '--host', '127.0.0.1', '--port', '0', '--port-file', portFile, '--web-root', webRoot], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const server = { child, base: '', log: '' };
  child.stdout.on('data', (d) => (server.log += d));
  child.stderr.on('data', (d) => (server.log = (server.log + d).slice(-20000)));
  let port;
  try {
    port = await waitFor(() => existsSync(portFile) && readFileSync(portFile, 'utf8').trim(), 'the port file', () => server.log);
  } catch (err) {
    await stopServer(child);
    throw err;
  }
  server.base = `http://127.0.0.1:${port}`;
  return server;
}

/** Stops the server: SIGTERM, then SIGKILL after 5 s. */
export async function stopServer(child) {
  if (!child || child.exitCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((r) => {
    const t = setTimeout(() => {
      child.kill('SIGKILL');
      r();
    }, 5000);
    child.once('exit', () => {
      clearTimeout(t);
      r();
    });
  });
}

/** Debian's headless Chromium. */
export function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath, headless: true, args: CHROMIUM_ARGS });
}

/** Records in problems every CSP error, page error and request that would leave the machine. */
export function watchPage(page, base, problems) {
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content.Security.Policy|Refused to/i.test(msg.text())) problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  // No request may leave the machine (no tile server, no CDN).
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(base) && !url.startsWith('data:') && !url.startsWith('blob:')) problems.push(`outside request: ${url}`);
  });
}

/** Signs in through the login page and waits for the top bar. */
export async function signIn(page, base, username, password = PASSWORD) {
  await page.goto(`${base}/#/login`);
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('.topbar').waitFor();
}

/** A link of the main navigation. */
export function nav(page, name) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
}

/** Saves a screenshot of the viewport as <shotsDir>/<name>.png. */
export async function shot(page, name) {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`) });
}

/**
 * Registers the before()/after() hooks of a suite run against its own server and browser.
 *   prefix: the name of the temporary data directory; load: the crossroads command that fills it;
 *   pageTimeout: the default time-out of each page; contextOptions: more browser context options;
 *   acceptDialogs: accept every confirm()/alert() of the page.
 */
export function useCrossroads({ prefix, load = ['demo'], pageTimeout = 10000, contextOptions = {}, acceptDialogs = false }) {
  let server;
  let browser;
  const app = {
    base: undefined,
    dataDir: undefined,
    /** CSP errors, page errors and outside requests seen by any page. */
    cspErrors: [],
    get serverLog() {
      return server?.log ?? '';
    },
    /** A page in a new browser context (a new user), watched for CSP errors and outside requests. */
    async newPage(viewport = DESKTOP) {
      const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/Rome', ...contextOptions });
      const page = await context.newPage();
      page.setDefaultTimeout(pageTimeout);
      watchPage(page, app.base, app.cspErrors);
      if (acceptDialogs) page.on('dialog', (d) => d.accept());
      return page;
    },
    signIn(page, username, password) {
      return signIn(page, app.base, username, password);
    },
  };

  before(async () => {
    assertBuilt();
    app.dataDir = makeDataDir(prefix, load);
    server = await startServer(app.dataDir);
    app.base = server.base;
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await stopServer(server?.child);
    if (app.dataDir) rmSync(app.dataDir, { recursive: true, force: true });
  });

  return app;
}
