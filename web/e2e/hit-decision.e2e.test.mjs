// End-to-end test of a reviewer's decision on a hit: the note given with it, and what each desk
// sees when the hit is opened again (the deciding desk: who and why; the other desk: only the
// outcome, when and which desk). The built web app served by the real crossroads binary over a
// fresh demo data directory, driven in Debian's Chromium.
//
//   CROSSROADS_BINARY=/path/to/crossroads node --test e2e/hit-decision.e2e.test.mjs
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { useCrossroads } from './harness.mjs';

describe('an earlier decision on a hit', () => {
  const app = useCrossroads({ prefix: 'crossroads-e2e-hit-decision-' });
  const { newPage, signIn } = app;
  const hits = (page) => page.evaluate(() => fetch('/api/v1/hits').then((r) => r.json()));

  it('shows the deciding desk who and why, and the other desk only the outcome', async () => {
    const page = await newPage();
    let otherDesk = null;
    try {
      await signIn(page, 'it.prosecutor');
      const inbox = await hits(page);
      assert.ok(inbox.items.length > 0, 'the demo world holds hits for desk IT');
      // The demo world links IT's and DE's cases (and others'); take a hit with desk DE.
      const hit = inbox.items.find((h) => h.other_desk === 'DE');
      assert.ok(hit, `a hit with desk DE among ${inbox.items.map((h) => h.other_desk).join(', ')}`);
      otherDesk = hit.other_desk;
      assert.equal(hit.decision, null);
      await page.goto(`${app.base}/#/hits/${hit.id}`);
      await page.getByRole('button', { name: 'Reject link' }).waitFor();
      await page.getByLabel('Note on your decision (optional)').fill('Different person: born <b>twenty</b> years apart.');
      await page.getByRole('button', { name: 'Reject link' }).click();
      await page.getByText('Link rejected: it will not be linked again.').waitFor();
      const note = page.getByRole('note', { name: 'Decision' });
      await note.waitFor();
      assert.match(await note.innerText(), /rejected\s+Rejected by .+ \(IT\) on/);
      await note.getByText('Note: Different person: born <b>twenty</b> years apart.').waitFor();
      assert.equal(await note.locator('b').count(), 0, 'no markup from data');
      // Opened again later: the decision is still there.
      await page.reload();
      await page.getByRole('note', { name: 'Decision' }).getByText(/twenty/).waitFor();
    } finally {
      await page.context().close();
    }
    assert.equal(otherDesk, 'DE');
    {
      const de = await newPage();
      try {
        await signIn(de, 'de.prosecutor');
        const theirs = (await hits(de)).items.find((h) => h.other_desk === 'IT' && h.decision);
        assert.ok(theirs, 'desk DE sees the decision on its notice of the same link');
        assert.equal(theirs.decision.decided_by, null);
        assert.equal(theirs.decision.note, null);
        await de.goto(`${app.base}/#/hits/${theirs.id}`);
        const note = de.getByRole('note', { name: 'Decision' });
        await note.getByText('Rejected by a reviewer of desk IT', { exact: false }).waitFor();
        assert.doesNotMatch(await note.innerText(), /twenty/);
      } finally {
        await de.context().close();
      }
    }
  });

  it('raised no Content-Security-Policy errors and made no outside requests', () => {
    assert.deepEqual(app.cspErrors, []);
  });
});
