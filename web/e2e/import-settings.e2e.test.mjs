// End-to-end tests of the CSV import with its column-mapping step, the account settings page
// (password, API tokens) and the administrators' desks page: the built web app (web/dist)
// served by the real crossroads binary with a fresh demo data directory, driven in Debian's
// Chromium. Saves docs/screenshots/import-mapping.png, import-check.png, settings.png and
// admin-desks.png.
//
//   CROSSROADS_BINARY=/path/to/crossroads node --test e2e/import-settings.e2e.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PASSWORD, TABLET, nav, shot, useCrossroads } from './harness.mjs';

const REF = 'E2E CSV 5/2026';
const TITLE = 'Operation Tramontana: drivers on the Balkan route';

// A change through the API with the page's session (cookie + CSRF token).
async function apiPost(page, url, body) {
  return page.evaluate(
    async ([u, b]) => {
      const s = await fetch('/api/v1/auth/session').then((r) => r.json());
      const r = await fetch(u, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token },
        body: JSON.stringify(b),
      });
      return { status: r.status, body: await r.json() };
    },
    [url, body],
  );
}

describe('CSV import, account settings and desks', () => {
  const app = useCrossroads({ prefix: 'crossroads-e2e-import-' });
  const { newPage, signIn } = app;

  it('desk IT maps the columns of a CSV file, checks every row and imports the good ones', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'it.prosecutor');
      const made = await apiPost(page, '/api/v1/cases', { reference: REF, title: TITLE, offences: ['migrant_smuggling'] });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const caseId = made.body.id;
      const file = path.join(app.dataDir, 'drivers.csv');
      writeFileSync(
        file,
        [
          'Ref,Surname,Given name,Full name,D.O.B.,Citizenship,Mobile,Notes',
          'drv-1,Haddad,Omar,Omar Haddad,1988-04-02,SY,+963 944 123 456,drove the van on 3 May',
          'drv-2,Kaya,Emre,Emre Kaya,1979-13-40,tr,+90 532 999 88 77,',
          'drv-3,Nasser,Rami,"Nasser, Rami",1992,Lebanon,,',
          '',
        ].join('\r\n'),
      );
      await page.goto(`${app.base}/#/cases/${caseId}/import`);
      await page.getByLabel('File').setInputFiles(file);
      await page.getByRole('heading', { name: 'Map the columns' }).waitFor();
      assert.equal(await page.getByLabel('CSV with a column mapping').isChecked(), true);
      // The columns are guessed from their names; the user changes one.
      const mapped = async (column) => page.getByLabel(`Property for column ${column}`, { exact: true }).inputValue();
      assert.equal(await mapped('Ref'), 'id');
      assert.equal(await mapped('Surname'), 'lastName');
      assert.equal(await mapped('Given name'), 'firstName');
      assert.equal(await mapped('Full name'), 'name');
      assert.equal(await mapped('D.O.B.'), 'birthDate');
      assert.equal(await mapped('Citizenship'), 'citizenship');
      await page.getByLabel('Property for column Citizenship', { exact: true }).selectOption('nationality');
      assert.equal(await mapped('Mobile'), 'phone');
      await page.getByLabel('Property for column Notes', { exact: true }).selectOption('');
      await page.getByLabel('Property for column Full name', { exact: true }).selectOption('');
      await page.getByText('Person needs a value for “Name”: map a column to it.').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Check all rows' }).isDisabled(), true);
      await page.getByLabel('Property for column Full name', { exact: true }).selectOption('name');
      await page.getByRole('heading', { name: 'Preview of the first rows' }).waitFor();
      await page.getByRole('cell', { name: 'Nasser, Rami', exact: true }).waitFor();
      await page.getByRole('heading', { name: 'Map the columns' }).scrollIntoViewIfNeeded();
      await shot(page, 'import-mapping');

      // The dry run: every row checked by the server, nothing written.
      await page.getByRole('button', { name: 'Check all rows' }).click();
      await page.getByRole('heading', { name: 'Check of all rows' }).waitFor();
      await page.getByText('2 of 3 rows cannot be imported as they are').waitFor();
      const errors = page.locator('.errors-table tbody tr');
      assert.equal(await errors.count(), 2);
      assert.match(await errors.nth(0).innerText(), /^3\s+2\s+D\.O\.B\. \(birthDate\)\s+'1979-13-40' is not a date/);
      assert.match(await errors.nth(1).innerText(), /^4\s+3\s+Citizenship \(nationality\)\s+'Lebanon' is not a country code/);
      await page.locator('.row-error').first().waitFor();
      assert.match(await page.locator('.stored-table').innerText(), /create[\s\S]*Omar Haddad[\s\S]*sy/);
      const importButton = page.getByRole('button', { name: /^Import \d+ rows? into/ });
      assert.equal(await importButton.isDisabled(), true);
      await page.evaluate(() => document.getElementById('check-h').scrollIntoView());
      await shot(page, 'import-check');
      const listed = await page.evaluate((id) => fetch(`/api/v1/cases/${id}/entities`).then((r) => r.json()), caseId);
      assert.equal(listed.total, 0, 'the check wrote nothing');

      // Only the good row, on purpose.
      await page.getByLabel('Skip the 2 rows with errors and import the others').check();
      await page.getByRole('button', { name: `Import 1 row into ${REF}` }).click();
      await page.getByRole('heading', { name: 'Import report' }).waitFor();
      const report = await page.locator('.report').last().innerText();
      assert.match(report, /Created\s*1/);
      assert.match(report, /Rejected\s*2/);

      // The corrected file: the first row is unchanged, the two others are created.
      const fixed = path.join(app.dataDir, 'drivers-fixed.csv');
      writeFileSync(fixed, readFileSync(file, 'utf8').replace('1979-13-40', '1979-12-04').replace('Lebanon', 'LB'));
      await page.getByLabel('File').setInputFiles(fixed);
      await page.getByLabel('Property for column Notes', { exact: true }).selectOption('');
      await page.getByLabel('Property for column Citizenship', { exact: true }).selectOption('nationality');
      await page.getByRole('button', { name: 'Check all rows' }).click();
      await page.getByText('All 3 rows can be imported.').waitFor();
      await page.getByRole('button', { name: `Import 3 rows into ${REF}` }).click();
      await page.getByRole('heading', { name: 'Import report' }).waitFor();
      const again = await page.locator('.report').last().innerText();
      assert.match(again, /Created\s*2/);
      assert.match(again, /Unchanged\s*1/);
      await page.getByRole('link', { name: 'Back to the case' }).click();
      await page.locator('.entity-caption', { hasText: 'Nasser, Rami' }).waitFor();
      await page.locator('.entity-caption', { hasText: 'Omar Haddad' }).waitFor();
    } finally {
      await page.context().close();
    }
  });

  it('reads a French police export (semicolons, Windows-1252), an Excel Unicode text file (UTF-16, tabs) and names a row with bad bytes', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'it.prosecutor');
      const made = await apiPost(page, '/api/v1/cases', { reference: 'E2E CSV 6/2026', title: 'Police exports', offences: ['migrant_smuggling'] });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const caseId = made.body.id;
      const pv = path.join(app.dataDir, 'pv-export.csv');
      writeFileSync(
        pv,
        Buffer.from('Nom complet;Prénom;Né(e) le;Adresse\r\nJérôme Lefèvre;Jérôme;1987-03-12;"12, rue de la Paix"\r\nRené Müller;René;1990;3, allée des Frênes\r\n', 'latin1'),
      );
      await page.goto(`${app.base}/#/cases/${caseId}/import`);
      await page.getByLabel('File').setInputFiles(pv);
      await page.getByRole('heading', { name: 'Map the columns' }).waitFor();
      assert.match(await page.locator('#csv-format').innerText(), /semicolon-separated, Windows-1252 \(detected\)/);
      assert.equal(await page.getByLabel('Separator').inputValue(), 'semicolon');
      assert.equal(await page.getByLabel('Encoding').inputValue(), 'windows-1252');
      await page.getByLabel('Property for column Nom complet', { exact: true }).selectOption('name');
      await page.getByLabel('Property for column Adresse', { exact: true }).selectOption('address');
      await page.getByRole('cell', { name: '3, allée des Frênes', exact: true }).waitFor();
      await page.getByRole('cell', { name: 'Jérôme Lefèvre', exact: true }).waitFor();
      // Read as commas, the header is one column; back to semicolons, the mapping is guessed again.
      await page.getByLabel('Separator').selectOption('comma');
      assert.match(await page.locator('#csv-format').innerText(), /comma-separated, Windows-1252 \(your choice\)/);
      await page.getByLabel('Property for column Nom complet;Prénom;Né(e) le;Adresse', { exact: true }).waitFor();
      await page.getByLabel('Separator').selectOption('semicolon');
      await page.getByLabel('Property for column Nom complet', { exact: true }).selectOption('name');
      await page.getByRole('button', { name: 'Check all rows' }).click();
      await page.getByText('All 2 rows can be imported.').waitFor();
      assert.match(await page.locator('#check-format').innerText(), /semicolon-separated, Windows-1252 \(encoding detected\)/);
      await page.getByRole('button', { name: 'Import 2 rows into E2E CSV 6/2026' }).click();
      await page.getByRole('heading', { name: 'Import report' }).waitFor();
      assert.match(await page.locator('.report').last().innerText(), /Created\s*2/);

      // Excel's "Unicode text": UTF-16 LE with a byte order mark, tab-separated, Arabic names.
      const wide = path.join(app.dataDir, 'unicode.txt');
      writeFileSync(wide, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Name\tPhone\r\nمحمد عبد الرحمن\t+218 91 234 5678\r\n', 'utf16le')]));
      await page.getByLabel('File').setInputFiles(wide);
      await page.getByRole('heading', { name: 'Map the columns' }).waitFor();
      assert.match(await page.locator('#csv-format').innerText(), /tab-separated, UTF-16 LE with byte order mark \(detected\)/);
      await page.getByRole('cell', { name: 'محمد عبد الرحمن', exact: true }).last().waitFor();
      await page.getByRole('button', { name: 'Check all rows' }).click();
      await page.getByText('All 1 rows can be imported.').waitFor();
      assert.match(await page.locator('.stored-table').innerText(), /محمد عبد الرحمن/);

      // UTF-8 with one line typed elsewhere: that row is refused with its line, never dropped.
      const mixed = path.join(app.dataDir, 'mixed.csv');
      writeFileSync(mixed, Buffer.concat([Buffer.from('Name,City\nJérôme Lefèvre,Nice\n', 'utf8'), Buffer.from([0x52, 0x65, 0x6e, 0xe9]), Buffer.from(' Martin,Lyon\n')]));
      await page.getByLabel('File').setInputFiles(mixed);
      await page.getByRole('heading', { name: 'Map the columns' }).waitFor();
      assert.match(await page.locator('#csv-format').innerText(), /comma-separated, UTF-8 \(detected\)/);
      await page.getByText('Some characters are not valid UTF-8').waitFor();
      await page.getByRole('button', { name: 'Check all rows' }).click();
      await page.getByText('1 of 2 rows cannot be imported as they are').waitFor();
      assert.match(await page.locator('.errors-table tbody tr').first().innerText(), /^3\s+2\s+Name\s+holds a byte that is not valid UTF-8 \(0xE9\)/);
    } finally {
      await page.context().close();
    }
  });

  it('a user changes their password and creates, uses and revokes an API token', async () => {
    const page = await newPage();
    const NEW_PASSWORD = 'a much longer passphrase for the analyst';
    try {
      await signIn(page, 'it.analyst');
      await nav(page, 'Account settings').click();
      await page.getByRole('heading', { name: 'Account settings', level: 1 }).waitFor();
      await page.getByLabel('Current password', { exact: true }).fill(PASSWORD);
      await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel('Repeat the new password', { exact: true }).fill(`${NEW_PASSWORD}!`);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.locator('#pw-repeat-error', { hasText: 'The two new passwords differ' }).waitFor();
      await page.getByLabel('Repeat the new password', { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel('Current password', { exact: true }).fill('not my password');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.locator('#pw-current-error', { hasText: 'the current password is wrong' }).waitFor();
      await page.getByLabel('Current password', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('Your password was changed.').waitFor();

      // A token, shown once; it works until it is revoked.
      await page.getByLabel('Token name').fill('nightly export');
      await page.getByLabel('Expires').selectOption('30');
      await page.getByRole('button', { name: 'Create token' }).click();
      await page.getByText('Copy it now: it is not shown again.').waitFor();
      const secret = await page.getByLabel('Token', { exact: true }).inputValue();
      assert.match(secret, /^crt_[0-9a-f]+$/);
      await page.getByRole('button', { name: 'Copy', exact: true }).click();
      await page.locator('.new-token [role=status]').waitFor();
      await page.locator('.tokens-table tbody tr', { hasText: 'nightly export' }).waitFor();
      await page.evaluate(() => document.getElementById('password-h').scrollIntoView());
      await shot(page, 'settings');
      const withToken = () => fetch(`${app.base}/api/v1/cases`, { headers: { Authorization: `Bearer ${secret}` } }).then((r) => r.status);
      assert.equal(await withToken(), 200);
      await page.getByRole('button', { name: 'Revoke nightly export' }).click();
      await page.getByRole('button', { name: 'Yes, revoke nightly export' }).click();
      await page.getByText('The token “nightly export” was revoked').waitFor();
      await page.locator('.tokens-table tbody tr', { hasText: 'nightly export' }).waitFor({ state: 'detached' });
      assert.equal(await withToken(), 401);

      // The new password is the one that works now.
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByText('You have signed out.').waitFor();
      await page.getByLabel('User name').fill('it.analyst');
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('The user name or password is not right').waitFor();
      await signIn(page, 'it.analyst', NEW_PASSWORD);
    } finally {
      await page.context().close();
    }
  });

  it('the administrator sees the desks with their accounts, adds one and renames it', async () => {
    const page = await newPage();
    try {
      await signIn(page, 'admin');
      await nav(page, 'Desks').click();
      await page.getByRole('heading', { name: 'Desks', level: 1 }).waitFor();
      const italy = page.locator('.desks-table tbody tr', { hasText: 'Italy' });
      // The demo has it.prosecutor and it.analyst (at least) at desk IT.
      const counts = /^IT\s+Italy\s+EU\s+(\d+)\s+(\d+)/.exec(await italy.innerText());
      assert.ok(counts && Number(counts[1]) >= 2, await italy.innerText());
      await shot(page, 'admin-desks');
      await page.getByRole('button', { name: 'New desk' }).click();
      await page.getByLabel('Country code').fill('it');
      await page.getByLabel('Country name').fill('Testland');
      await page.getByLabel('Group').fill('Other partner');
      await page.getByRole('button', { name: 'Add desk' }).click();
      await page.getByText('Desk IT exists already').waitFor();
      await page.getByLabel('Country code').fill('QZ');
      await page.getByRole('button', { name: 'Add desk' }).click();
      await page.getByText('Desk QZ (Testland) added.').waitFor();
      await page.getByLabel('Find a desk').fill('qz');
      await page.getByRole('button', { name: 'Edit desk QZ' }).click();
      await page.getByLabel('Country name').fill('Testland, Republic of');
      await page.getByRole('button', { name: 'Save desk' }).click();
      await page.getByText('must not contain commas').waitFor();
      await page.getByLabel('Country name').fill('Republic of Testland');
      await page.getByRole('button', { name: 'Save desk' }).click();
      await page.getByText('Desk QZ (Republic of Testland) saved.').waitFor();
      // The new desk is offered where desks are chosen.
      await nav(page, 'Users').click();
      await page.getByRole('button', { name: 'New user' }).click();
      assert.equal(await page.locator('#nu-desk option[value="QZ"]').count(), 1);
    } finally {
      await page.context().close();
    }
  });

  it('is readable on a 768 px tablet (import mapping and settings)', async () => {
    const page = await newPage(TABLET);
    try {
      await signIn(page, 'it.prosecutor');
      await page.goto(`${app.base}/#/settings`);
      await page.getByRole('heading', { name: 'Personal API tokens' }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `settings page is ${overflow}px wider than the tablet`);
    } finally {
      await page.context().close();
    }
  });

  it('broke no Content-Security-Policy rule and sent nothing outside', () => {
    assert.deepEqual(app.cspErrors, []);
  });
});
