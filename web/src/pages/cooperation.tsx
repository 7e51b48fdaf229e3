// The cooperation section of a case page: the JITs, coordination meetings, EIOs and EAWs
// recorded in the case, and forms to add, change and remove them for the desks that may write
// it. A change carries the version it read; a record changed meanwhile by someone else is
// refused (409) and the form offers its latest version. Partner desks named here do not gain
// access to the case: only sharing it does that.
import { useState } from 'preact/hooks';
import { api, fieldOf } from '../lib/api';
import { formatDate, today } from '../lib/format';
import {
  canWriteCooperation,
  changedFields,
  COOPERATION_KINDS,
  cooperationKindLabel,
  cooperationStatus,
  isStaleWrite,
  parseDeskList,
  versionedPath,
  type Cooperation,
  type CooperationKind,
} from '../lib/focusGroup';
import type { Case, User } from '../lib/types';
import { useAsync } from '../hooks';
import { ActionsHeader, ErrorBox, Field, Notice, RowButton } from '../components/ui';
import { StaleNotice } from '../components/staleNotice';

const EMPTY = { kind: 'jit' as CooperationKind, title: '', started_on: '', ended_on: '', partners: '', notes: '' };
type Values = typeof EMPTY;

const valuesOf = (r: Cooperation): Values => ({
  kind: r.kind,
  title: r.title,
  started_on: r.started_on,
  ended_on: r.ended_on ?? '',
  partners: r.partner_desks.join(', '),
  notes: r.notes,
});

// The fields as the API takes them; an empty end date makes a record ongoing again.
const bodyOf = (v: Values) => ({
  kind: v.kind,
  title: v.title,
  started_on: v.started_on,
  ended_on: v.ended_on || null,
  partner_desks: parseDeskList(v.partners),
  notes: v.notes,
});

export function CooperationPanel({ c, user }: { c: Case; user: User }) {
  const records = useAsync(() => api.get<{ items: Cooperation[] }>(`/cases/${c.id}/cooperation`).then((r) => r.items), [c.id]);
  const write = canWriteCooperation(user, c);
  const [editingId, setEditingId] = useState<number | null>(null);
  const [rowError, setRowError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const editing = editingId === null ? null : (records.data?.find((r) => r.id === editingId) ?? null);
  const now = today();

  const remove = async (r: Cooperation) => {
    if (!window.confirm(`Remove the record “${r.title}”?`)) return;
    setRowError(null);
    setDone(null);
    try {
      await api.delete(versionedPath(`/cooperation/${r.id}`, r.version));
      if (editingId === r.id) setEditingId(null);
      setDone(`${cooperationKindLabel(r.kind)} “${r.title}” removed.`);
      records.reload();
    } catch (err) {
      setRowError(err);
    }
  };

  return (
    <section class="panel" aria-labelledby="cooperation-h">
      <h2 id="cooperation-h">Cooperation</h2>
      {records.error ? <ErrorBox error={records.error} /> : null}
      {isStaleWrite(rowError) ? (
        <StaleNotice
          what="record"
          onReload={() => {
            setRowError(null);
            records.reload();
          }}
        />
      ) : rowError ? (
        <ErrorBox error={rowError} />
      ) : null}
      {done && <Notice kind="success">{done}</Notice>}
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
                {write && <ActionsHeader />}
              </tr>
            </thead>
            <tbody>
              {records.data.map((r) => (
                <tr key={r.id} class={r.id === editingId ? 'row-selected' : undefined}>
                  <td>{cooperationKindLabel(r.kind)}</td>
                  <td dir="auto">{r.title}</td>
                  <td class="nowrap">
                    {formatDate(r.started_on)} – {r.ended_on ? formatDate(r.ended_on) : ''} <span class="tag">{cooperationStatus(r, now)}</span>
                  </td>
                  <td>{r.partner_desks.join(', ') || '—'}</td>
                  <td class="small" dir="auto">
                    {r.notes}
                  </td>
                  {write && (
                    <td class="nowrap">
                      <RowButton
                        label="Edit"
                        name={r.title}
                        onClick={() => {
                          setDone(null);
                          setEditingId(r.id);
                        }}
                      />{' '}
                      <RowButton label="Remove" name={r.title} onClick={() => remove(r)} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {write && editingId !== null && !editing && records.data && (
        <Notice kind="warning">The record you were editing was removed by someone else.</Notice>
      )}
      {write && (
        <CooperationForm
          key={editing ? `edit-${editing.id}-${editing.version}` : 'new'}
          c={c}
          record={editing}
          onSaved={(message) => {
            setEditingId(null);
            setDone(message);
            records.reload();
          }}
          onCancel={() => setEditingId(null)}
          onReload={records.reload}
        />
      )}
    </section>
  );
}

function CooperationForm({
  c,
  record,
  onSaved,
  onCancel,
  onReload,
}: {
  c: Case;
  record: Cooperation | null;
  onSaved: (message: string) => void;
  onCancel: () => void;
  onReload: () => void;
}) {
  const initial = record ? valuesOf(record) : EMPTY;
  const [f, setF] = useState<Values>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = (name: keyof Values) => (e: Event) => setF((v) => ({ ...v, [name]: (e.target as HTMLInputElement).value }));
  const fieldError = (name: string) => (fieldOf(error) === name && !isStaleWrite(error) ? (error as Error).message : null);
  const prefix = record ? 'coop-edit' : 'coop';

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (record) {
        const r = await api.patch<Cooperation>(`/cooperation/${record.id}`, changedFields(bodyOf(initial), bodyOf(f), record.version));
        onSaved(`${cooperationKindLabel(r.kind)} “${r.title}” saved.`);
      } else {
        const body: Record<string, unknown> = bodyOf(f);
        if (!f.ended_on) delete body.ended_on;
        const r = await api.post<Cooperation>(`/cases/${c.id}/cooperation`, body);
        setF(EMPTY);
        onSaved(`${cooperationKindLabel(r.kind)} “${r.title}” recorded.`);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const heading = record ? `Edit “${record.title}”` : 'Record cooperation';
  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby={`${prefix}-h`}>
      <h3 id={`${prefix}-h`} dir="auto">
        {heading}
      </h3>
      <div class="form-row">
        <Field id={`${prefix}-kind`} label="Kind" required error={fieldError('kind')}>
          <select id={`${prefix}-kind`} value={f.kind} onChange={set('kind')}>
            {COOPERATION_KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${prefix}-title`} label="Title" required error={fieldError('title')}>
          <input id={`${prefix}-title`} dir="auto" maxLength={300} value={f.title} onInput={set('title')} />
        </Field>
        <Field id={`${prefix}-start`} label="Started on" required error={fieldError('started_on')}>
          <input id={`${prefix}-start`} type="date" value={f.started_on} onInput={set('started_on')} />
        </Field>
        <Field id={`${prefix}-end`} label="Ended on" hint="Empty while it goes on" error={fieldError('ended_on')}>
          <input id={`${prefix}-end`} type="date" value={f.ended_on} onInput={set('ended_on')} />
        </Field>
        <Field id={`${prefix}-partners`} label="Partner desks" hint="Desk codes, e.g. FR, ES" error={fieldError('partner_desks')}>
          <input id={`${prefix}-partners`} value={f.partners} onInput={set('partners')} />
        </Field>
      </div>
      <Field id={`${prefix}-notes`} label="Notes" error={fieldError('notes')}>
        <textarea id={`${prefix}-notes`} dir="auto" rows={2} value={f.notes} onInput={set('notes')} />
      </Field>
      {isStaleWrite(error) ? (
        <StaleNotice what="record" onReload={onReload} />
      ) : error && !fieldOf(error) ? (
        <ErrorBox error={error} />
      ) : null}
      <div class="form-actions">
        <button type="submit" class="button primary" disabled={busy}>
          {busy ? 'Saving…' : record ? 'Save changes' : 'Add record'}
        </button>
        {record && (
          <button type="button" class="button secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
      </div>
      <p class="muted small">Naming a partner desk does not share the case with it.</p>
    </form>
  );
}
