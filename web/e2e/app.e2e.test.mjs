// End-to-end tests: the built web app (web/dist) served by the real crossroads binary, driven in
// Debian's Chromium through playwright-core. Builds nothing: run `scripts/web build` first.
//
//   CROSSROADS_BINARY=/path/to/crossroads node --test e2e/
//
// Saves screenshots of the main pages under docs/screenshots/ (1280x800; the tablet one 768x1024).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PASSWORD, TABLET, nav, shot, useCrossroads } from './harness.mjs';

const REF = 'E2E 17/2026';
const TITLE = 'Operation Levante: crossings from Antalya';

let caseId;

describe('Crossroads web application', () => {
  const app = useCrossroads({ prefix: 'crossroads-e2e-' });
  const { newPage, signIn } = app;

  it('serves index.html with no inline script or style', async () => {
    const res = await fetch(`${app.base}/`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const html = await res.text();
    assert.match(html, /<script type="module"[^>]* src="\/assets\//);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'inline script');
    assert.doesNotMatch(html, /<style/, 'inline style element');
    assert.doesNotMatch(html, /\sstyle=/, 'style attribute');
    assert.doesNotMatch(html, /https?:\/\//, 'outside URL');
  });

  describe('desk IT: a prosecutor opens, fills and shares a case', () => {
    let page;
    before(async () => {
      page = await newPage();
    });
    after(async () => page?.context().close());

    it('shows the login page and refuses a wrong password', async () => {
      await page.goto(`${app.base}/`);
      await page.getByRole('heading', { name: 'Crossroads' }).waitFor();
      await shot(page, 'login');
      await page.getByLabel('User name').fill('it.prosecutor');
      await page.getByLabel('Password').fill('wrong password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('The user name or password is not right').waitFor();
    });

    it('signs in and shows name, desk and role', async () => {
      await signIn(page, 'it.prosecutor');
      const who = page.locator('.who');
      await who.getByText('Marco Santoro').waitFor();
      assert.match(await who.innerText(), /Desk IT/);
      assert.match(await who.innerText(), /Prosecutor/);
      await page.getByRole('heading', { name: 'My cases' }).waitFor();
      await page.getByRole('heading', { name: /Recent activity/ }).waitFor();
      await page.locator('.activity li').first().waitFor();
      await shot(page, 'home');
    });

    it('lists, searches and sorts cases', async () => {
      await nav(page, 'Cases').click();
      await page.getByRole('heading', { name: 'Cases', level: 1 }).waitFor();
      await page.locator('.cases-table tbody tr').first().waitFor();
      await shot(page, 'cases');
      await page.getByRole('searchbox', { name: 'Search' }).fill('Scirocco');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL(/q=Scirocco/);
      await page.getByText('1–1 of 1 cases').waitFor();
      await page.getByRole('button', { name: 'Clear' }).click();
      await page.getByRole('button', { name: /Reference/ }).click();
      await page.waitForURL(/sort=reference/);
    });

    it('opens a case', async () => {
      await page.goto(`${app.base}/#/cases/new`);
      await page.getByLabel('Reference').fill(REF);
      await page.getByLabel('Title').fill(TITLE);
      await page.getByLabel('Summary').fill('Crossings by speedboat from Antalya to the Dodecanese.');
      await page.getByLabel('Document fraud').check();
      await page.getByRole('button', { name: 'Open case' }).click();
      await page.waitForURL(/#\/cases\/\d+$/);
      caseId = /#\/cases\/(\d+)$/.exec(page.url())[1];
      await page.getByRole('heading', { name: TITLE }).waitFor();
    });

    it('refuses a duplicate reference next to the field', async () => {
      await page.goto(`${app.base}/#/cases/new`);
      await page.getByLabel('Reference').fill(REF);
      await page.getByLabel('Title').fill('Duplicate');
      await page.getByRole('button', { name: 'Open case' }).click();
      await page.locator('.alert-error, .field-error').first().waitFor();
    });

    it('adds a person with a phone, showing the server’s validation message at the field', async () => {
      await page.goto(`${app.base}/#/cases/${caseId}`);
      await page.getByRole('heading', { name: TITLE }).waitFor();
      await page.getByRole('button', { name: 'Add entity' }).click();
      await page.getByRole('heading', { name: 'Add person' }).waitFor();
      await page.locator('#prop-name-0').fill('Khaled Mansour');
      await page.getByRole('button', { name: '+ another name' }).click();
      await page.locator('#prop-name-1').fill('خالد منصور');
      await page.locator('#prop-nationality-0').fill('ly');
      await page.locator('#prop-birthDate-0').fill('1991-13-45');
      await page.getByLabel('More fields').selectOption('phone');
      await page.getByRole('button', { name: 'Add field' }).click();
      await page.locator('#prop-phone-0').fill('+218 91 555 0101');
      await page.getByRole('button', { name: 'Add person' }).click();
      const error = page.locator('#prop-birthDate-error');
      await error.waitFor();
      assert.match(await error.innerText(), /not a date/);
      assert.equal(await page.locator('#prop-name-1').getAttribute('dir'), 'auto');
      await shot(page, 'entity-form');
      await page.locator('#prop-birthDate-0').fill('1991-03-12');
      await page.getByRole('button', { name: 'Add person' }).click();
      await page.waitForURL(new RegExp(`#/cases/${caseId}$`));
      await page.locator('.entity-caption', { hasText: 'Khaled Mansour' }).waitFor();
      await page.getByText('+218 91 555 0101').waitFor();
    });

    it('shows a name with markup as text', async () => {
      await page.goto(`${app.base}/#/cases/${caseId}/entities/new?schema=Person`);
      await page.locator('#prop-name-0').fill('<b>x</b>');
      await page.getByRole('button', { name: 'Add person' }).click();
      await page.waitForURL(new RegExp(`#/cases/${caseId}$`));
      await page.locator('.entity-caption', { hasText: '<b>x</b>' }).waitFor();
      assert.equal(await page.locator('.entity-caption b').count(), 0, 'markup was rendered');
    });

    it('shares the case with desk DE', async () => {
      await page.getByLabel('Share with desk').selectOption('DE');
      await page.getByRole('button', { name: 'Share', exact: true }).click();
      await page.getByText('Shared with Germany.').waitFor();
      await page.locator('.share-list').getByText('DE').waitFor();
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.locator('.timeline li', { hasText: 'shared the case' }).waitFor();
      await page.locator('.timeline li', { hasText: 'Khaled Mansour' }).first().waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      await shot(page, 'case');
      await page.getByRole('heading', { name: /^Entities/ }).scrollIntoViewIfNeeded();
      await page.evaluate(() => window.scrollBy(0, 200));
      await shot(page, 'case-entities');
    });

    it('edits the case with its version, and explains a conflict', async () => {
      await page.goto(`${app.base}/#/cases/${caseId}/edit`);
      await page.getByLabel('Stage', { exact: true }).selectOption('investigation');
      // Someone else changes the case meanwhile.
      const csrf = await page.evaluate(() => fetch('/api/v1/auth/session').then((r) => r.json()).then((s) => s.csrf_token));
      const status = await page.evaluate(
        async ([id, token]) => {
          const c = await fetch(`/api/v1/cases/${id}`).then((r) => r.json());
          const r = await fetch(`/api/v1/cases/${id}`, {
            method: 'PATCH',
            headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': token },
            body: JSON.stringify({ version: c.version, summary: 'Changed meanwhile.' }),
          });
          return r.status;
        },
        [caseId, csrf],
      );
      assert.equal(status, 200);
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('Someone else changed this case').waitFor();
      await page.getByRole('button', { name: 'Load the latest version' }).click();
      // The reload is asynchronous: wait until the form shows the other user's change, or a
      // stage chosen before it lands would be overwritten by the reloaded case.
      await page.waitForFunction(() => document.querySelector('#case-summary')?.value === 'Changed meanwhile.');
      await page.getByLabel('Stage', { exact: true }).selectOption('investigation');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.waitForURL(new RegExp(`#/cases/${caseId}$`));
      await page.locator('.stage-investigation').first().waitFor();
    });

    it('imports FollowTheMoney lines with a preview and a report', async () => {
      const file = path.join(app.dataDir, 'entities.ftm.json');
      writeFileSync(
        file,
        [
          { id: 'imp-p1', schema: 'Person', properties: { name: ['Yusuf Demir'], nationality: ['tr'] } },
          { id: 'imp-v1', schema: 'Vessel', properties: { name: ['Deniz Yildizi'], type: ['speedboat'] } },
          { id: 'imp-u1', schema: 'UserAccount', properties: { username: ['antalya_boats'], service: ['Telegram'], owner: ['imp-p1'] } },
        ]
          .map((l) => JSON.stringify(l))
          .join('\n') + '\n',
      );
      await page.goto(`${app.base}/#/cases/${caseId}/import`);
      await page.getByLabel('File').setInputFiles(file);
      await page.getByRole('heading', { name: 'Preview of the first lines' }).waitFor();
      await page.getByText('Deniz Yildizi').waitFor();
      await shot(page, 'import');
      await page.getByRole('button', { name: `Import into ${REF}` }).click();
      await page.getByRole('heading', { name: 'Import report' }).waitFor();
      assert.match(await page.locator('.report').innerText(), /Created\s*3/);
    });

    it('shows the lines of a refused import', async () => {
      const file = path.join(app.dataDir, 'bad.ftm.json');
      writeFileSync(file, '{"id":"ok1","schema":"Person","properties":{"name":["A"]}}\nnot json\n');
      await page.goto(`${app.base}/#/cases/${caseId}/import`);
      await page.getByLabel('File').setInputFiles(file);
      await page.getByText('not valid JSON').waitFor();
      await page.getByRole('button', { name: `Import into ${REF}` }).click();
      await page.getByText('Nothing was imported.').waitFor();
      await page.locator('.error-lines li', { hasText: 'line 2' }).waitFor();
    });

    it('sends the user to the login page when the session ends, and back afterwards', async () => {
      await page.goto(`${app.base}/#/cases/${caseId}`);
      await page.getByRole('heading', { name: TITLE }).waitFor();
      await page.context().clearCookies();
      await page.goto(`${app.base}/#/cases?q=Levante`);
      await page.getByText('Your session has ended').waitFor();
      assert.match(page.url(), /#\/login\?next=/);
      await page.getByLabel('User name').fill('it.prosecutor');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/#\/cases\?q=Levante$/);
      await page.locator('.cases-table').getByText(REF).waitFor();
    });

    it('signs out', async () => {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByText('You have signed out.').waitFor();
    });
  });

  it('desk DE sees the shared case, read only', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'de.prosecutor');
      await page.goto(`${app.base}/#/cases`);
      await page.locator('.cases-table').getByText(REF).click();
      await page.getByRole('heading', { name: TITLE }).waitFor();
      await page.locator('.entity-caption', { hasText: 'Khaled Mansour' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Edit case' }).count(), 0);
      assert.equal(await page.getByRole('button', { name: 'Add entity' }).count(), 0);
    } finally {
      await page.context().close();
    }
  });

  it('desk GR does not see the case, and its address says not found', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'gr.prosecutor');
      await page.goto(`${app.base}/#/cases`);
      await page.locator('.pager-count').waitFor();
      assert.equal(await page.locator('.cases-table').getByText(REF).count(), 0);
      await page.goto(`${app.base}/#/cases/${caseId}`);
      await page.getByRole('heading', { name: 'Not found' }).waitFor();
      assert.equal(await page.getByText(TITLE).count(), 0);
    } finally {
      await page.context().close();
    }
  });

  it('the administrator sees the users and the audit log with the chain status', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'admin');
      await nav(page, 'Users').click();
      await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
      await page.getByRole('cell', { name: 'it.prosecutor', exact: true }).waitFor();
      await shot(page, 'admin-users');
      // Create an account, then disable it.
      await page.getByRole('button', { name: 'New user' }).click();
      await page.getByLabel('User name').fill('it.analyst2');
      await page.getByLabel('Full name').fill('Luca Bianchi');
      await page.locator('#nu-role').selectOption('analyst');
      await page.locator('#nu-desk').selectOption('IT');
      await page.getByLabel('Initial password').fill('a long enough password');
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByText('Account it.analyst2 created.').waitFor();
      await page.getByRole('button', { name: 'Manage it.analyst2' }).click();
      await page.getByRole('button', { name: 'Disable account' }).click();
      await page.getByText('it.analyst2: disabled').waitFor();

      await nav(page, 'Audit log').click();
      await page.locator('.chain-status.intact').waitFor();
      assert.match(await page.locator('.chain-verdict').innerText(), /Intact/);
      await page.locator('.audit-table tbody tr').first().waitFor();
      await page.getByLabel('Action starts with').fill('case.share');
      await page.getByRole('button', { name: 'Filter' }).click();
      await page.locator('.audit-table tbody tr', { hasText: 'with desk DE' }).first().waitFor();
      await page.getByRole('button', { name: 'Clear' }).click();
      await page.locator('.audit-table tbody tr').nth(5).waitFor();
      await shot(page, 'audit-log');
    } finally {
      await page.context().close();
    }
  });

  it('the secretariat sees the statistics', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'secretariat');
      await nav(page, 'Statistics').click();
      await page.getByRole('table', { name: 'Cases by desk and stage' }).waitFor();
      await shot(page, 'statistics');
    } finally {
      await page.context().close();
    }
  });

  it('is readable on a 768 px tablet', async () => {
    const page = await newPage(TABLET);
    try {
      await signIn(page, 'it.prosecutor');
      await page.goto(`${app.base}/#/cases/${caseId}`);
      await page.getByRole('heading', { name: TITLE }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the tablet`);
      await shot(page, 'case-tablet');
    } finally {
      await page.context().close();
    }
  });

  describe('hits: desk IT and desk DE hold the same phone number; desk GR sees nothing', () => {
    const HIT_REF = 'E2E 18/2026';
    const HIT_TITLE = 'Operation Brenner: money transfers to Munich';
    const PERSON = 'Tommaso Ferri';
    const GERMAN_REF = 'StA München I 114 Js 20871/25';
    let germanCaseId;

    // The matcher runs in the background: reload the inbox until the row shows (up to ~10 s).
    async function waitForHitRow(page, texts, ms = 12000) {
      const end = Date.now() + ms;
      for (;;) {
        await page.goto(`${app.base}/#/hits`);
        await page.getByRole('heading', { name: 'Hits', level: 1 }).waitFor();
        await page.locator('.hits-table, .empty').first().waitFor();
        let row = page.locator('.hits-table tbody tr');
        for (const t of texts) row = row.filter({ hasText: t });
        if ((await row.count()) > 0) return row.first();
        if (Date.now() > end) throw new Error(`no hit row with ${texts.join(', ')}\n${app.serverLog}`);
        await new Promise((r) => setTimeout(r, 500));
        await page.reload();
      }
    }

    it('desk IT adds a person whose phone desk DE also holds, and sees the normalised number', async () => {
      const page = await newPage();
      try {
        await signIn(page, 'it.prosecutor');
        await page.goto(`${app.base}/#/cases/new`);
        await page.getByLabel('Reference').fill(HIT_REF);
        await page.getByLabel('Title').fill(HIT_TITLE);
        await page.getByRole('button', { name: 'Open case' }).click();
        await page.waitForURL(/#\/cases\/\d+$/);
        const id = /#\/cases\/(\d+)$/.exec(page.url())[1];
        await page.goto(`${app.base}/#/cases/${id}/entities/new?schema=Person`);
        await page.locator('#prop-name-0').fill(PERSON);
        await page.getByRole('button', { name: '+ another name' }).click();
        await page.locator('#prop-name-1').fill('Томмазо Ферри');
        await page.locator('#prop-name-1-norm', { hasText: 'Latin:' }).waitFor();
        assert.equal(await page.locator('#prop-name-1-norm').getAttribute('dir'), 'auto');
        assert.equal(await page.locator('#prop-name-0-norm').count(), 0, 'no transliteration for a Latin name');
        await page.getByLabel('More fields').selectOption('phone');
        await page.getByRole('button', { name: 'Add field' }).click();
        await page.locator('#prop-phone-0').fill('+218 91');
        await page.locator('#prop-phone-0-norm.norm-invalid').waitFor();
        await page.locator('#prop-phone-0').fill('+49 151 23456789');
        await page.locator('#prop-phone-0-norm', { hasText: '+49 1512 3456789' }).waitFor();
        await shot(page, 'entity-form-normalised');
        await page.getByRole('button', { name: 'Add person' }).click();
        await page.waitForURL(new RegExp(`#/cases/${id}$`));
        await page.locator('.entity-caption', { hasText: PERSON }).waitFor();
        const row = await waitForHitRow(page, [PERSON, 'phone number']);
        assert.match(await row.innerText(), /Germany/);
        assert.match(await row.innerText(), /\d+(\.\d)?%/);
        // The nav item counts the unread hits.
        assert.match(await page.locator('.sidenav .nav-badge').innerText(), /\d/);
        await page.getByRole('checkbox', { name: 'Unread only' }).check();
        await page.waitForURL(/unread=true/);
        await page.locator('.hits-table tbody tr', { hasText: PERSON }).waitFor();
        await shot(page, 'hits');
      } finally {
        await page.context().close();
      }
    });

    it('desk DE sees the hit about its own entity, from desk IT', async () => {
      const page = await newPage();
      try {
        await signIn(page, 'de.prosecutor');
        await page.getByRole('heading', { name: 'New hits since your last visit' }).waitFor();
        const row = await waitForHitRow(page, ['Italy', 'phone number']);
        assert.doesNotMatch(await row.innerText(), new RegExp(PERSON));
        await row.locator('a.hit-open').click();
        await page.getByRole('heading', { name: /hit with desk IT/ }).waitFor();
        await page.locator('.facts').getByText('Italy (IT)').waitFor();
      } finally {
        await page.context().close();
      }
    });

    it('desk IT asks for access; nothing of the German case shows until then', async () => {
      const page = await newPage();
      try {
        await signIn(page, 'it.prosecutor');
        const row = await waitForHitRow(page, [PERSON, 'phone number']);
        await row.locator('a.hit-open').click();
        await page.getByRole('heading', { name: /hit with desk DE/ }).waitFor();
        assert.equal(await page.getByRole('heading', { name: 'Why they match' }).count(), 0);
        assert.equal(await page.getByText(GERMAN_REF).count(), 0);
        await page.getByRole('button', { name: 'Request access' }).click();
        await page.getByLabel('Reason for the request').fill('Same phone as our suspect in Operation Brenner.');
        await page.getByRole('button', { name: 'Send request' }).click();
        await page.getByText('Access requested from Germany.').waitFor();
        await page.locator('.facts .access-pending').waitFor();
        assert.equal(await page.getByRole('button', { name: 'Request access' }).count(), 0);
        await nav(page, 'Access requests').click();
        await page.locator('#outgoing ~ .requests .request', { hasText: 'Germany' }).getByText('Pending').waitFor();
      } finally {
        await page.context().close();
      }
    });

    it('desk DE grants the request', async () => {
      const page = await newPage();
      try {
        await signIn(page, 'de.prosecutor');
        await nav(page, 'Access requests').click();
        const request = page.locator('.request', { hasText: 'Operation Brenner' });
        await request.getByText('Pending').waitFor();
        await shot(page, 'access-requests');
        await request.getByLabel('Note (optional)').fill('Granted for the joint investigation.');
        await request.getByRole('button', { name: /^Grant/ }).click();
        await page.locator('.request', { hasText: 'Operation Brenner' }).getByText('Granted', { exact: true }).waitFor();
      } finally {
        await page.context().close();
      }
    });

    it('desk IT now sees why they match and opens the German case', async () => {
      const page = await newPage();
      try {
        await signIn(page, 'it.prosecutor');
        const row = await waitForHitRow(page, [PERSON, 'phone number']);
        await row.locator('a.hit-open').click();
        await page.getByRole('heading', { name: 'Why they match' }).waitFor();
        await page.locator('.explanation li').first().waitFor();
        assert.match(await page.locator('.explanation').innerText(), /[+−±]\d+\.\d\d/);
        await page.locator('.facts .access-granted').waitFor();
        await shot(page, 'hit');
        await page.getByRole('link', { name: 'Open the other case' }).click();
        await page.waitForURL(/#\/cases\/\d+$/);
        germanCaseId = /#\/cases\/(\d+)$/.exec(page.url())[1];
        await page.getByText(GERMAN_REF).first().waitFor();
      } finally {
        await page.context().close();
      }
    });

    it('desk IT confirms the phone link and rejects a suggested person link', async () => {
      const page = await newPage();
      try {
        await signIn(page, 'it.prosecutor');
        const row = await waitForHitRow(page, [PERSON, 'phone number']);
        await row.locator('a.hit-open').click();
        await page.getByRole('heading', { name: /hit with desk DE/ }).waitFor();
        await page.getByRole('button', { name: 'Confirm link' }).click();
        await page.getByText('Link confirmed: it will always be linked.').waitFor();
        assert.equal(await page.getByRole('button', { name: 'Link confirmed' }).getAttribute('aria-pressed'), 'true');
        // The demo's Ousmane Diallo (desk IT) and Ousman Dialo (desk MT): a probable person match.
        const suggested = await waitForHitRow(page, ['Ousmane Diallo', 'Malta']);
        assert.match(await suggested.innerText(), /Person hit/);
        await suggested.locator('a.hit-open').click();
        await page.getByRole('heading', { name: /Person hit with desk MT/ }).waitFor();
        await page.getByRole('button', { name: 'Reject link' }).click();
        await page.getByText('Link rejected: it will not be linked again.').waitFor();
        assert.equal(await page.getByRole('button', { name: 'Link rejected' }).isDisabled(), true);
        // The decision is on the case's audit trail.
        const ownCase = /#\/cases\/(\d+)/.exec(await page.locator('.facts a[href^="#/cases/"]').first().getAttribute('href'))[1];
        const trail = await page.evaluate((id) => fetch(`/api/v1/cases/${id}/audit?limit=500`).then((r) => r.json()), ownCase);
        assert.ok(
          trail.items.some((r) => r.action === 'link.decide' && r.detail.startsWith('rejected') && r.user === 'it.prosecutor'),
          JSON.stringify(trail.items.map((r) => r.action)),
        );
      } finally {
        await page.context().close();
      }
    });

    it('desk GR sees no such hit, and the German case says not found', async () => {
      const page = await newPage();
      try {
        await signIn(page, 'gr.prosecutor');
        await page.goto(`${app.base}/#/hits`);
        await page.getByRole('heading', { name: 'Hits', level: 1 }).waitFor();
        await page.locator('.pager-count').waitFor();
        assert.equal(await page.locator('.hits-table tbody tr', { hasText: 'Italy' }).count(), 0);
        assert.equal(await page.getByText(PERSON).count(), 0);
        assert.ok(germanCaseId, 'the German case id is known');
        await page.goto(`${app.base}/#/cases/${germanCaseId}`);
        await page.getByRole('heading', { name: 'Not found' }).waitFor();
        assert.equal(await page.getByText(GERMAN_REF).count(), 0);
      } finally {
        await page.context().close();
      }
    });
  });

  it('broke no Content-Security-Policy rule and sent nothing outside', () => {
    assert.deepEqual(app.cspErrors, []);
  });
});
