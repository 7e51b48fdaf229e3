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
    assert.deepEqual(app.cspErrors, []);
  });
});
