import { useState } from 'preact/hooks';
import { api, errorMessage, fieldOf } from '../lib/api';
import { checkDeskCode, deskGroups, deskRows, type DeskRow } from '../lib/settings';
import type { Desk, User } from '../lib/types';
import { forgetCachedLists, useAsync, useTitle } from '../hooks';
import { ActionsHeader, ErrorBox, Loading, Notice } from '../components/ui';

async function loadDesksAndUsers() {
  const [desks, users] = await Promise.all([
    api.get<{ items: Desk[] }>('/desks').then((r) => r.items),
    api.get<{ items: User[] }>('/users').then((r) => r.items),
  ]);
  return { desks, users };
}

export function DesksPage() {
  useTitle('Desks');
  const data = useAsync(loadDesksAndUsers, []);
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  if (data.loading && !data.data) return <Loading what="Loading desks" />;
  if (data.error || !data.data) return <ErrorBox error={data.error} />;
  const { desks, users } = data.data;
  const rows = deskRows(desks, users, filter);
  const groups = deskGroups(desks);
  const saved = (d: Desk, verb: string) => {
    setNotice(`Desk ${d.code} (${d.name}) ${verb}.`);
    setEditing(null);
    setAdding(false);
    forgetCachedLists(); // other pages read the desks from a cache
    data.reload();
  };

  return (
    <>
      <div class="page-head">
        <h1>Desks</h1>
        <button type="button" class="button primary" aria-expanded={adding} onClick={() => { setAdding(!adding); setNotice(null); }}>
          {adding ? 'Close' : 'New desk'}
        </button>
      </div>
      <p class="muted intro">
        One desk per country. Accounts belong to a desk; cases are owned by one. Desks are never deleted, since accounts, cases and
        the audit trail name them.
      </p>
      {notice && <Notice kind="success">{notice}</Notice>}
      {adding && <DeskForm desks={desks} groups={groups} onSaved={(d) => saved(d, 'added')} onCancel={() => setAdding(false)} />}
      <datalist id="desk-groups">
        {groups.map((g) => (
          <option key={g} value={g} />
        ))}
      </datalist>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="desk-filter">Find a desk</label>
          <input id="desk-filter" type="search" value={filter} placeholder="Code, country or group" onInput={(e) => setFilter((e.target as HTMLInputElement).value)} />
        </div>
      </form>
      <p class="muted" aria-live="polite">
        {rows.length} of {desks.length} desks · {users.filter((u) => u.desk && !u.disabled).length} active accounts at desks
      </p>
      <div class="table-wrap">
        <table class="table compact desks-table">
          <caption class="sr-only">Desks with their numbers of accounts</caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Country</th>
              <th scope="col">Group</th>
              <th scope="col" class="num">
                Active accounts
              </th>
              <th scope="col" class="num">
                Disabled
              </th>
              <ActionsHeader />
            </tr>
          </thead>
          <tbody>
            {rows.map((d) =>
              editing === d.code ? (
                <tr key={d.code}>
                  <td colSpan={6}>
                    <DeskForm desk={d} desks={desks} groups={groups} onSaved={(x) => saved(x, 'saved')} onCancel={() => setEditing(null)} />
                  </td>
                </tr>
              ) : (
                <DeskLine key={d.code} d={d} onEdit={() => { setEditing(d.code); setNotice(null); }} />
              ),
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

function DeskLine({ d, onEdit }: { d: DeskRow; onEdit: () => void }) {
  return (
    <tr class={d.users === 0 ? 'row-muted' : undefined}>
      <td>
        <code>{d.code}</code>
      </td>
      <td dir="auto">{d.name}</td>
      <td>{d.group}</td>
      <td class="num">{d.users}</td>
      <td class="num">{d.disabled}</td>
      <td>
        <button type="button" class="button secondary" onClick={onEdit}>
          Edit<span class="sr-only"> desk {d.code}</span>
        </button>
      </td>
    </tr>
  );
}

function DeskForm({
  desk,
  desks,
  groups,
  onSaved,
  onCancel,
}: {
  desk?: Desk;
  desks: Desk[];
  groups: string[];
  onSaved: (d: Desk) => void;
  onCancel: () => void;
}) {
  const [code, setCode] = useState(desk?.code ?? '');
  const [name, setName] = useState(desk?.name ?? '');
  const [group, setGroup] = useState(desk?.group ?? groups[0] ?? '');
  const [error, setError] = useState<unknown>(null);
  const [codeError, setCodeError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const prefix = desk ? `edit-${desk.code}` : 'new-desk';

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const problem = desk ? null : checkDeskCode(code, desks);
    setCodeError(problem);
    if (problem) return;
    setBusy(true);
    try {
      const target = desk ? desk.code : code.trim().toUpperCase();
      onSaved(await api.put<Desk>(`/desks/${encodeURIComponent(target)}`, { name: name.trim(), group: group.trim() }));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const fieldError = (f: string) => (fieldOf(error) === f ? errorMessage(error) : null);
  return (
    <form class={desk ? 'inline-form desk-form' : 'panel form desk-form'} onSubmit={submit} aria-label={desk ? `Edit desk ${desk.code}` : 'New desk'}>
      {!desk && <h2>New desk</h2>}
      {error !== null && !fieldOf(error) && <ErrorBox error={error} />}
      {!desk && (
        <div class="field">
          <label for={`${prefix}-code`}>Country code</label>
          <input
            id={`${prefix}-code`}
            type="text"
            maxLength={2}
            required
            value={code}
            aria-invalid={codeError || fieldError('code') ? 'true' : undefined}
            aria-describedby={codeError || fieldError('code') ? `${prefix}-code-error` : undefined}
            onInput={(e) => setCode((e.target as HTMLInputElement).value.toUpperCase())}
          />
          {(codeError || fieldError('code')) && (
            <p class="field-error" id={`${prefix}-code-error`} role="alert">
              {codeError || fieldError('code')}
            </p>
          )}
        </div>
      )}
      <div class="field">
        <label for={`${prefix}-name`}>Country name</label>
        <input id={`${prefix}-name`} type="text" maxLength={100} required dir="auto" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        {fieldError('name') && <p class="field-error" role="alert">{fieldError('name')}</p>}
      </div>
      <div class="field">
        <label for={`${prefix}-group`}>Group</label>
        <input id={`${prefix}-group`} type="text" maxLength={100} required list="desk-groups" value={group} onInput={(e) => setGroup((e.target as HTMLInputElement).value)} />
        {fieldError('group') && <p class="field-error" role="alert">{fieldError('group')}</p>}
      </div>
      <div class="form-actions">
        <button type="submit" class="button primary" disabled={busy || !name.trim() || !group.trim()}>
          {desk ? 'Save desk' : 'Add desk'}
        </button>
        <button type="button" class="button secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
