// The cooperation section of a case page: the JITs, coordination meetings, EIOs and EAWs
// recorded in the case, and a form for the desks that may write it. Partner desks named here do
// not gain access to the case: only sharing it does that.
import { useState } from 'preact/hooks';
import { api, fieldOf } from '../lib/api';
import { formatDate, today } from '../lib/format';
import {
  canWriteCooperation,
  COOPERATION_KINDS,
  cooperationKindLabel,
  cooperationStatus,
  parseDeskList,
  type Cooperation,
  type CooperationKind,
} from '../lib/focusGroup';
import type { Case, User } from '../lib/types';
import { useAsync } from '../hooks';
import { ActionsHeader, ErrorBox, Field, Notice, RowButton } from '../components/ui';

const EMPTY = { kind: 'jit' as CooperationKind, title: '', started_on: '', ended_on: '', partners: '', notes: '' };

export function CooperationPanel({ c, user }: { c: Case; user: User }) {
  const records = useAsync(() => api.get<{ items: Cooperation[] }>(`/cases/${c.id}/cooperation`).then((r) => r.items), [c.id]);
  const write = canWriteCooperation(user, c);
  const [f, setF] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const set = (name: keyof typeof EMPTY) => (e: Event) => setF((v) => ({ ...v, [name]: (e.target as HTMLInputElement).value }));
  const fieldError = (name: string) => (fieldOf(error) === name ? (error as Error).message : null);
  const now = today();

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const body: Record<string, unknown> = {
        kind: f.kind,
        title: f.title,
        started_on: f.started_on,
        partner_desks: parseDeskList(f.partners),
        notes: f.notes,
      };
      if (f.ended_on) body.ended_on = f.ended_on;
      const r = await api.post<Cooperation>(`/cases/${c.id}/cooperation`, body);
      setDone(`${cooperationKindLabel(r.kind)} “${r.title}” recorded.`);
      setF(EMPTY);
      records.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (r: Cooperation) => {
    if (!window.confirm(`Remove the record “${r.title}”?`)) return;
    setError(null);
    try {
      await api.delete(`/cooperation/${r.id}`);
      records.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section class="panel" aria-labelledby="cooperation-h">
      <h2 id="cooperation-h">Cooperation</h2>
      {records.error ? <ErrorBox error={records.error} /> : null}
      {records.data && records.data.length === 0 && <p class="empty">No JIT, coordination meeting, EIO or EAW is recorded in this case.</p>}
      {records.data && records.data.length > 0 && (
        <div class="table-wrap">
          <table class="table compact">
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">Title</th>
                <th scope="col">Period</th>
                <th scope="col">Partner desks</th>
                <th scope="col">Notes</th>
                {write && (
                  <ActionsHeader />
                )}
              </tr>
            </thead>
            <tbody>
              {records.data.map((r) => (
                <tr key={r.id}>
                  <td>{cooperationKindLabel(r.kind)}</td>
                  <td dir="auto">{r.title}</td>
                  <td class="nowrap">
                    {formatDate(r.started_on)} – {r.ended_on ? formatDate(r.ended_on) : ''}{' '}
                    <span class="tag">{cooperationStatus(r, now)}</span>
                  </td>
                  <td>{r.partner_desks.join(', ') || '—'}</td>
                  <td class="small" dir="auto">
                    {r.notes}
                  </td>
                  {write && (
                    <td>
                      <RowButton label="Remove" name={r.title} onClick={() => remove(r)} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {write && (
        <form class="form" onSubmit={submit} noValidate aria-labelledby="cooperation-add-h">
          <h3 id="cooperation-add-h">Record cooperation</h3>
          <div class="form-row">
            <Field id="coop-kind" label="Kind" required error={fieldError('kind')}>
              <select id="coop-kind" value={f.kind} onChange={set('kind')}>
                {COOPERATION_KINDS.map((k) => (
                  <option key={k.value} value={k.value}>
                    {k.label}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="coop-title" label="Title" required error={fieldError('title')}>
              <input id="coop-title" dir="auto" maxLength={300} value={f.title} onInput={set('title')} />
            </Field>
            <Field id="coop-start" label="Started on" required error={fieldError('started_on')}>
              <input id="coop-start" type="date" value={f.started_on} onInput={set('started_on')} />
            </Field>
            <Field id="coop-end" label="Ended on" hint="Empty while it goes on" error={fieldError('ended_on')}>
              <input id="coop-end" type="date" value={f.ended_on} onInput={set('ended_on')} />
            </Field>
            <Field id="coop-partners" label="Partner desks" hint="Desk codes, e.g. FR, ES" error={fieldError('partner_desks')}>
              <input id="coop-partners" value={f.partners} onInput={set('partners')} />
            </Field>
          </div>
          <Field id="coop-notes" label="Notes" error={fieldError('notes')}>
            <textarea id="coop-notes" dir="auto" rows={2} value={f.notes} onInput={set('notes')} />
          </Field>
          {error && !fieldOf(error) ? <ErrorBox error={error} /> : null}
          {done && <Notice kind="success">{done}</Notice>}
          <div class="form-actions">
            <button type="submit" class="button primary" disabled={busy}>
              {busy ? 'Saving…' : 'Add record'}
            </button>
          </div>
          <p class="muted small">Naming a partner desk does not share the case with it.</p>
        </form>
      )}
    </section>
  );
}
