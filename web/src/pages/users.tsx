import { useState } from 'preact/hooks';
import { api, ApiError, fieldOf } from '../lib/api';
import { formatDateTime, humanize } from '../lib/format';
import type { Desk, User, Vocabulary } from '../lib/types';
import { loadDesks, loadVocabulary, useAsync, useTitle } from '../hooks';
import { useSession } from '../session';
import { ActionsHeader, describedBy, ErrorBox, Field, Loading, Notice } from '../components/ui';

export function UsersPage() {
  useTitle('Users');
  const users = useAsync(() => api.get<{ items: User[] }>('/users').then((r) => r.items), []);
  const lists = useAsync(() => Promise.all([loadVocabulary(), loadDesks()]), []);
  const [editing, setEditing] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const { user: me } = useSession();

  if (users.loading || lists.loading) return <Loading what="Loading accounts" />;
  if (users.error || lists.error) return <ErrorBox error={users.error || lists.error} />;
  const [vocab, desks] = lists.data!;
  const list = users.data!;
  const selected = list.find((u) => u.id === editing) ?? null;

  return (
    <>
      <div class="page-head">
        <h1>Users</h1>
        <button type="button" class="button primary" onClick={() => { setCreating(!creating); setEditing(null); setNotice(null); }} aria-expanded={creating}>
          {creating ? 'Close' : 'New user'}
        </button>
      </div>
      {notice && <Notice kind="success">{notice}</Notice>}
      {creating && (
        <CreateUser
          vocab={vocab}
          desks={desks}
          onCreated={(u) => {
            setCreating(false);
            setNotice(`Account ${u.username} created.`);
            users.reload();
          }}
        />
      )}
      {selected && (
        <EditUser
          key={selected.id}
          user={selected}
          me={me}
          vocab={vocab}
          desks={desks}
          onClose={() => setEditing(null)}
          onSaved={(u, what) => {
            setNotice(`${u.username}: ${what}.`);
            users.setData(list.map((x) => (x.id === u.id ? u : x)));
          }}
        />
      )}
      <div class="table-wrap">
        <table class="table">
          <caption class="sr-only">All accounts</caption>
          <thead>
            <tr>
              <th scope="col">User name</th>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Desk</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
              <ActionsHeader />
            </tr>
          </thead>
          <tbody>
            {list.map((u) => (
              <tr key={u.id} class={u.disabled ? 'row-muted' : undefined}>
                <td>
                  <code>{u.username}</code>
                </td>
                <td dir="auto">{u.display_name}</td>
                <td>{humanize(u.role)}</td>
                <td>{u.desk ?? '—'}</td>
                <td>{u.disabled ? <span class="badge outcome-bad">disabled</span> : <span class="badge outcome-ok">active</span>}</td>
                <td class="nowrap">{formatDateTime(u.created_at)}</td>
                <td>
                  <button
                    type="button"
                    class="button secondary small"
                    onClick={() => { setEditing(u.id); setCreating(false); setNotice(null); }}
                  >
                    Manage<span class="sr-only"> {u.username}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function RoleDeskFields({
  prefix,
  role,
  desk,
  vocab,
  desks,
  error,
  onRole,
  onDesk,
}: {
  prefix: string;
  role: string;
  desk: string;
  vocab: Vocabulary;
  desks: Desk[];
  error: unknown;
  onRole: (v: string) => void;
  onDesk: (v: string) => void;
}) {
  const err = (f: string) => (fieldOf(error) === f ? (error as ApiError).message : null);
  return (
    <>
      <Field id={`${prefix}-role`} label="Role" error={err('role')}>
        <select id={`${prefix}-role`} value={role} onChange={(e) => onRole((e.target as HTMLSelectElement).value)}>
          {vocab.roles.map((r) => (
            <option key={r} value={r}>
              {humanize(r)}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${prefix}-desk`} label="Desk" error={err('desk')} hint={role === 'administrator' ? 'Administrators have no desk' : null}>
        <select
          id={`${prefix}-desk`}
          value={role === 'administrator' ? '' : desk}
          disabled={role === 'administrator'}
          aria-describedby={describedBy(`${prefix}-desk`, role === 'administrator' ? 'x' : null, err('desk'))}
          onChange={(e) => onDesk((e.target as HTMLSelectElement).value)}
        >
          <option value="">—</option>
          {desks.map((d) => (
            <option key={d.code} value={d.code}>
              {d.code} — {d.name}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}

function CreateUser({ vocab, desks, onCreated }: { vocab: Vocabulary; desks: Desk[]; onCreated: (u: User) => void }) {
  const [f, setF] = useState({ username: '', display_name: '', password: '', role: 'prosecutor', desk: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const err = (name: string) => (fieldOf(error) === name ? (error as ApiError).message : null);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.target as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { username: f.username.trim(), display_name: f.display_name.trim(), password: f.password, role: f.role };
      if (f.role !== 'administrator') body.desk = f.desk;
      onCreated(await api.post<User>('/users', body));
    } catch (x) {
      setError(x);
      setBusy(false);
    }
  };
  return (
    <form class="form panel" onSubmit={submit} noValidate aria-labelledby="new-user-h">
      <h2 id="new-user-h">New user</h2>
      {error && !fieldOf(error) && <ErrorBox error={error} />}
      <div class="form-row">
        <Field id="nu-username" label="User name" required hint="3 to 64 of a–z, 0–9, dot, dash, underscore" error={err('username')}>
          <input id="nu-username" autoComplete="off" value={f.username} onInput={set('username')} aria-describedby={describedBy('nu-username', 'x', err('username'))} />
        </Field>
        <Field id="nu-name" label="Full name" required error={err('display_name')}>
          <input id="nu-name" dir="auto" value={f.display_name} onInput={set('display_name')} />
        </Field>
      </div>
      <div class="form-row">
        <RoleDeskFields
          prefix="nu"
          role={f.role}
          desk={f.desk}
          vocab={vocab}
          desks={desks}
          error={error}
          onRole={(role) => setF({ ...f, role })}
          onDesk={(desk) => setF({ ...f, desk })}
        />
        <Field id="nu-password" label="Initial password" required hint="At least 12 characters" error={err('password')}>
          <input id="nu-password" type="password" autoComplete="new-password" value={f.password} onInput={set('password')} />
        </Field>
      </div>
      <div class="form-actions">
        <button type="submit" class="button primary" disabled={busy}>
          Create account
        </button>
      </div>
    </form>
  );
}

function EditUser({
  user,
  me,
  vocab,
  desks,
  onClose,
  onSaved,
}: {
  user: User;
  me: User;
  vocab: Vocabulary;
  desks: Desk[];
  onClose: () => void;
  onSaved: (u: User, what: string) => void;
}) {
  const [name, setName] = useState(user.display_name);
  const [role, setRole] = useState<string>(user.role);
  const [desk, setDesk] = useState(user.desk ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const err = (f: string) => (fieldOf(error) === f ? (error as ApiError).message : null);

  const patch = async (body: Record<string, unknown>, what: string) => {
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.patch<User>(`/users/${user.id}`, body), what);
      if ('password' in body) setPassword('');
    } catch (x) {
      setError(x);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel form" aria-labelledby="edit-user-h">
      <div class="section-head">
        <h2 id="edit-user-h">
          Manage <code>{user.username}</code>
        </h2>
        <button type="button" class="button secondary small" onClick={onClose}>
          Close
        </button>
      </div>
      {error && !fieldOf(error) && <ErrorBox error={error} />}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const body: Record<string, unknown> = {};
          if (name.trim() !== user.display_name) body.display_name = name.trim();
          if (role !== user.role) body.role = role;
          const newDesk = role === 'administrator' ? null : desk;
          if ((newDesk ?? '') !== (user.desk ?? '')) body.desk = newDesk;
          if (Object.keys(body).length === 0) return;
          patch(body, 'account changed');
        }}
      >
        <div class="form-row">
          <Field id="eu-name" label="Full name" error={err('display_name')}>
            <input id="eu-name" dir="auto" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
          </Field>
          <RoleDeskFields prefix="eu" role={role} desk={desk} vocab={vocab} desks={desks} error={error} onRole={setRole} onDesk={setDesk} />
        </div>
        <div class="form-actions">
          <button type="submit" class="button primary" disabled={busy}>
            Save role and desk
          </button>
        </div>
      </form>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          patch({ password }, 'password reset');
        }}
      >
        <Field id="eu-password" label="New password" hint="At least 12 characters; tell the user through another channel" error={err('password')}>
          <input id="eu-password" type="password" autoComplete="new-password" value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
        </Field>
        <button type="submit" class="button secondary" disabled={busy || !password}>
          Reset password
        </button>
      </form>
      <div class="form-actions">
        {user.disabled ? (
          <button type="button" class="button secondary" disabled={busy} onClick={() => patch({ disabled: false }, 'enabled')}>
            Enable account
          </button>
        ) : (
          <button
            type="button"
            class="button danger"
            disabled={busy || user.id === me.id}
            title={user.id === me.id ? 'You cannot disable yourself' : undefined}
            onClick={() => patch({ disabled: true }, 'disabled; its sessions end')}
          >
            Disable account
          </button>
        )}
      </div>
    </section>
  );
}
