// End-to-end tests of the Focus Group page and of the cooperation section of a case page: the
// built web app (web/dist) served by the real crossroads binary over a fresh data directory
// holding the synthetic demo world (its Focus Group content and cooperation records), driven in
// Debian's Chromium. Saves docs/screenshots/focus-group.png and case-cooperation.png.
//
//   CROSSROADS_BINARY=/path/to/crossroads node --test e2e/focus-group.e2e.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nav, shot, useCrossroads } from './harness.mjs';

describe('Focus Group and cooperation', () => {
  const app = useCrossroads({
    prefix: 'crossroads-e2e-fg-',
    load: ['synth', '--scale', 'demo', '--seed', '6'],
    pageTimeout: 15000,
    acceptDialogs: true,
  });
  const { newPage, signIn } = app;

  it('shows members, the meeting programme, best practices and country updates; a prosecutor writes an update', async () => {
    const page = await newPage();
    await signIn(page, 'it.prosecutor');
    await nav(page, 'Focus Group').click();
    await page.getByRole('heading', { level: 1, name: 'Focus Group on migrant smuggling' }).waitFor();
    const members = page.getByRole('region', { name: 'Members by desk' });
    // The demo's members, meeting and notes vary with the seed: check their shape, not names.
    await members.getByRole('row').nth(1).waitFor();
    assert.ok((await members.getByRole('row').count()) > 10);
    // Members and meetings are the secretariat's: no forms for a prosecutor.
    assert.equal(await page.getByRole('form', { name: 'Add a member' }).count(), 0);
    assert.equal(await page.getByRole('form', { name: 'Add a meeting' }).count(), 0);
    const meeting = page.getByRole('article', { name: /Annual meeting of the Focus Group/ });
    const sessions = await meeting.locator('ol.programme > li').count();
    assert.ok(sessions >= 5 && sessions <= 8, `${sessions} sessions`);
    await meeting.getByText('Country round table and conclusions').waitFor();

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
    const note = page.getByRole('region', { name: 'Best practices' }).getByRole('link').first();
    const title = (await note.textContent()).trim();
    assert.ok(title.length > 5, title);
    await note.click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    assert.ok((await page.locator('article.reader p').count()) >= 2);
    await page.context().close();
  });

  it('lets an observer read but offers no forms', async () => {
    const page = await newPage();
    await signIn(page, 'de.observer');
    await nav(page, 'Focus Group').click();
    await page.getByRole('heading', { name: 'Best practices' }).waitFor();
    await page.getByRole('region', { name: 'Best practices' }).getByRole('link').first().waitFor();
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

  it('creates, edits, recovers from a conflict and removes a best-practice note and a cooperation record', async () => {
    const page = await newPage();
    // A change made meanwhile by someone else, through the API with the page's session.
    const apiCall = (method, url, body) =>
      page.evaluate(
        async ([m, u, b]) => {
          const s = await fetch('/api/v1/auth/session').then((r) => r.json());
          const r = await fetch(u, {
            method: m,
            headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token },
            body: b === undefined ? undefined : JSON.stringify(b),
          });
          return { status: r.status, body: r.status === 204 ? null : await r.json() };
        },
        [method, url, body],
      );
    await signIn(page, 'it.prosecutor');
    await nav(page, 'Focus Group').click();

    // A note: written, then opened in the reader view and edited.
    const write = page.getByRole('form', { name: 'Write a best-practice note' });
    await write.getByLabel('Title').fill('Interpreters for Tigrinya hearings');
    await write.getByLabel('Topics').fill('witnesses, languages');
    await write.getByLabel('Text').fill('Book them early.');
    await write.getByRole('button', { name: 'Publish note' }).click();
    await page.getByText('“Interpreters for Tigrinya hearings” is in the library.').waitFor();
    await page.getByRole('link', { name: 'Interpreters for Tigrinya hearings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Interpreters for Tigrinya hearings' }).waitFor();
    const noteId = Number(page.url().split('/').pop());
    await page.getByRole('button', { name: 'Edit the note' }).click();
    const edit = page.getByRole('form', { name: 'Edit the note' });
    assert.equal(await edit.getByLabel('Text').inputValue(), 'Book them early.');
    await edit.getByLabel('Title').fill('Interpreters for Tigrinya and Amharic hearings');
    // Meanwhile the secretariat (here: the same desk through the API) changes the text.
    const current = await apiCall('GET', `/api/v1/focus-group/best-practices/${noteId}`);
    const other = await apiCall('PATCH', `/api/v1/focus-group/best-practices/${noteId}`, { body: 'Book them a week early.', version: current.body.version });
    assert.equal(other.status, 200, JSON.stringify(other.body));
    await edit.getByRole('button', { name: 'Save note' }).click();
    await edit.getByText('Someone else changed this note while you were editing it.').waitFor();
    await edit.getByRole('button', { name: 'Load the latest version' }).click();
    const fresh = page.getByRole('form', { name: 'Edit the note' });
    await page.waitForFunction(() => document.querySelector('#fg-edit-note-body')?.value === 'Book them a week early.');
    assert.equal(await fresh.getByLabel('Title').inputValue(), 'Interpreters for Tigrinya hearings');
    await fresh.getByLabel('Title').fill('Interpreters for Tigrinya and Amharic hearings');
    await fresh.getByRole('button', { name: 'Save note' }).click();
    await page.getByRole('heading', { level: 1, name: 'Interpreters for Tigrinya and Amharic hearings' }).waitFor();
    await page.getByText('Book them a week early.').waitFor();
    // An empty text is refused on its field.
    await page.getByRole('button', { name: 'Edit the note' }).click();
    await page.getByRole('form', { name: 'Edit the note' }).getByLabel('Text').fill('   ');
    await page.getByRole('form', { name: 'Edit the note' }).getByRole('button', { name: 'Save note' }).click();
    await page.locator('.has-error #fg-edit-note-body').waitFor();
    await page.getByRole('form', { name: 'Edit the note' }).getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Remove from the library' }).click();
    await page.getByRole('heading', { level: 1, name: 'Focus Group on migrant smuggling' }).waitFor();
    await page.getByRole('heading', { name: 'Best practices' }).waitFor();
    await page.getByRole('link', { name: /Interpreters for Tigrinya/ }).waitFor({ state: 'detached' });
    assert.equal((await apiCall('GET', `/api/v1/focus-group/best-practices/${noteId}`)).status, 404);

    // A cooperation record of a case of the desk.
    await nav(page, 'Cases').click();
    const first = page.locator('table a[href^="#/cases/"]').first();
    await first.waitFor();
    await first.click();
    const section = page.getByRole('region', { name: 'Cooperation' });
    await section.locator('table, p.empty').first().waitFor();
    const caseId = Number(page.url().split('/').pop());
    const add = section.getByRole('form', { name: 'Record cooperation' });
    await add.getByLabel('Kind').selectOption('eio');
    await add.getByLabel('Title').fill('EIO to Malta');
    await add.getByLabel('Started on').fill('2026-04-01');
    await add.getByLabel('Partner desks').fill('MT');
    await add.getByRole('button', { name: 'Add record' }).click();
    await section.getByText('European Investigation Order (EIO) “EIO to Malta” recorded.').waitFor();
    await section.getByRole('button', { name: 'Edit EIO to Malta' }).click();
    const coopEdit = section.getByRole('form', { name: 'Edit “EIO to Malta”' });
    assert.equal(await coopEdit.getByLabel('Partner desks').inputValue(), 'MT');
    await coopEdit.getByLabel('Notes').fill('Sent through the liaison magistrate.');
    const records = await apiCall('GET', `/api/v1/cases/${caseId}/cooperation`);
    const record = records.body.items.find((r) => r.title === 'EIO to Malta');
    const changed = await apiCall('PATCH', `/api/v1/cooperation/${record.id}`, { ended_on: '2026-05-15', version: record.version });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    await coopEdit.getByRole('button', { name: 'Save changes' }).click();
    await coopEdit.getByText('Someone else changed this record while you were editing it.').waitFor();
    await coopEdit.getByRole('button', { name: 'Load the latest version' }).click();
    await page.waitForFunction(() => document.querySelector('#coop-edit-end')?.value === '2026-05-15');
    const coopFresh = section.getByRole('form', { name: 'Edit “EIO to Malta”' });
    assert.equal(await coopFresh.getByLabel('Notes').inputValue(), '');
    await coopFresh.getByLabel('Notes').fill('Sent through the liaison magistrate.');
    await coopFresh.getByLabel('Title').fill('EIO to Malta (bank records)');
    await coopFresh.getByRole('button', { name: 'Save changes' }).click();
    await section.getByText('European Investigation Order (EIO) “EIO to Malta (bank records)” saved.').waitFor();
    const row = section.locator('tbody tr').filter({ hasText: 'EIO to Malta (bank records)' });
    assert.match(await row.innerText(), /Sent through the liaison magistrate\./);
    assert.match(await row.innerText(), /ended/);
    await section.getByRole('button', { name: 'Remove EIO to Malta (bank records)' }).click();
    await section.getByText('“EIO to Malta (bank records)” removed.').waitFor();
    await section.locator('tbody tr').filter({ hasText: 'EIO to Malta' }).waitFor({ state: 'detached' });
    const left = await apiCall('GET', `/api/v1/cases/${caseId}/cooperation`);
    assert.equal(left.body.items.filter((r) => r.title.startsWith('EIO to Malta')).length, 0);
    await page.context().close();
  });

  it('raised no Content-Security-Policy errors and made no outside requests', () => {
    assert.deepEqual(app.cspErrors, []);
  });
});
