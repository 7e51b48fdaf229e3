import { useState } from 'preact/hooks';
import { api, errorMessage, fieldOf } from '../lib/api';
import { formatDateTime, humanize } from '../lib/format';
import { passwordFormProblem, tokenExpiryChoices, type ApiToken, type NewApiToken } from '../lib/settings';
import { useAsync, useTitle } from '../hooks';
import { useSession } from '../session';
import { ActionsHeader, describedBy, ErrorBox, Field, Loading, Notice } from '../components/ui';

export function SettingsPage() {
  const { user } = useSession();
  useTitle('Account settings');
  return (
    <>
      <div class="page-head">
        <h1>Account settings</h1>
      </div>
      <section class="panel" aria-labelledby="account-h">
        <h2 id="account-h">Your account</h2>
        <dl class="facts">
          <dt>User name</dt>
          <dd>
            <code>{user.username}</code>
          </dd>
          <dt>Name</dt>
          <dd dir="auto">{user.display_name}</dd>
          <dt>Desk</dt>
          <dd>{user.desk ?? 'No desk'}</dd>
          <dt>Role</dt>
          <dd>{humanize(user.role)}</dd>
        </dl>
        <p class="muted">An administrator changes your name, desk or role.</p>
      </section>
      <PasswordForm />
      <Tokens />
    </>
  );
}

function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<{ field: string; message: string } | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setDone(false);
    setError(null);
    const problem = passwordFormProblem(current, next, repeat);
    setLocal(problem);
    if (problem) return;
    setBusy(true);
    try {
      await api.post('/auth/password', { current_password: current, new_password: next });
      setCurrent('');
      setNext('');
      setRepeat('');
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (field: string) => {
    if (local?.field === field) return local.message;
    return fieldOf(error) === field ? errorMessage(error) : null;
  };
  const input = (id: string, label: string, field: string, value: string, set: (v: string) => void, autocomplete: string, hint?: string) => {
    const err = fieldError(field);
    return (
      <Field id={id} label={label} error={err} hint={hint}>
        <input
          id={id}
          type="password"
          autoComplete={autocomplete}
          value={value}
          required
          aria-invalid={err ? 'true' : undefined}
          aria-describedby={describedBy(id, hint, err)}
          onInput={(e) => set((e.target as HTMLInputElement).value)}
        />
      </Field>
    );
  };
  const general = error && !fieldOf(error) ? error : null;
  return (
    <section class="panel" aria-labelledby="password-h">
      <h2 id="password-h">Change your password</h2>
      {done && <Notice kind="success">Your password was changed.</Notice>}
      <ErrorBox error={general} />
      <form class="form narrow-form" onSubmit={submit} noValidate>
        {input('pw-current', 'Current password', 'current_password', current, setCurrent, 'current-password')}
        {input('pw-new', 'New password', 'new_password', next, setNext, 'new-password', 'A long passphrase is best; the server says what it needs.')}
        {input('pw-repeat', 'Repeat the new password', 'repeat', repeat, setRepeat, 'new-password')}
        <div class="form-actions">
          <button type="submit" class="button primary" disabled={busy}>
            {busy ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
    </section>
  );
}

function Tokens() {
  const tokens = useAsync(() => api.get<{ items: ApiToken[] }>('/tokens').then((r) => r.items), []);
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [created, setCreated] = useState<NewApiToken | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const create = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    setCopied(null);
    try {
      const body: Record<string, unknown> = { name: name.trim() };
      if (days !== '0') body.expires_in_days = Number(days);
      const made = await api.post<NewApiToken>('/tokens', body);
      setCreated(made);
      setName('');
      tokens.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (t: ApiToken) => {
    setBusy(true);
    setError(null);
    try {
      await api.delete(`/tokens/${t.id}`);
      setConfirming(null);
      setNotice(`The token “${t.name}” was revoked: scripts using it are refused from now on.`);
      if (created?.id === t.id) setCreated(null);
      tokens.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied('Copied to the clipboard.');
    } catch {
      const field = document.getElementById('new-token') as HTMLInputElement | null;
      field?.select();
      setCopied('Selected: press Ctrl+C (⌘C) to copy.');
    }
  };
  const nameError = fieldOf(error) === 'name' ? errorMessage(error) : null;

  return (
    <section class="panel" aria-labelledby="tokens-h">
      <h2 id="tokens-h">Personal API tokens</h2>
      <p class="muted">
        Scripts send a token as <code>Authorization: Bearer crt_…</code> and act with your rights. Revoke a token you no longer
        use.
      </p>
      {notice && <Notice kind="success">{notice}</Notice>}
      {error !== null && !nameError && <ErrorBox error={error} />}
      {created && (
        <div class="new-token" role="region" aria-labelledby="new-token-h">
          <h3 id="new-token-h">New token “{created.name}”</h3>
          <p>
            <strong>Copy it now: it is not shown again.</strong> Only a hash of it is kept.
          </p>
          <div class="inline-form">
            <label for="new-token">Token</label>
            <input id="new-token" class="token-secret" type="text" readOnly value={created.secret} onFocus={(e) => (e.target as HTMLInputElement).select()} />
            <button type="button" class="button secondary" onClick={copy}>
              Copy
            </button>
            <button type="button" class="button secondary" onClick={() => setCreated(null)}>
              Done
            </button>
          </div>
          {copied && (
            <p class="muted" role="status">
              {copied}
            </p>
          )}
        </div>
      )}
      {tokens.loading && !tokens.data && <Loading />}
      <ErrorBox error={tokens.error} />
      {tokens.data &&
        (tokens.data.length === 0 ? (
          <p class="empty">You have no API tokens.</p>
        ) : (
          <div class="table-wrap">
            <table class="table compact tokens-table">
              <caption class="sr-only">Your API tokens</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Starts with</th>
                  <th scope="col">Created</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Last used</th>
                  <ActionsHeader />
                </tr>
              </thead>
              <tbody>
                {tokens.data.map((t) => (
                  <tr key={t.id}>
                    <td dir="auto">{t.name}</td>
                    <td>
                      <code>{t.prefix}…</code>
                    </td>
                    <td class="nowrap">{formatDateTime(t.created_at)}</td>
                    <td class="nowrap">{t.expires_at ? formatDateTime(t.expires_at) : 'Never'}</td>
                    <td class="nowrap">{t.last_used_at ? formatDateTime(t.last_used_at) : 'Never'}</td>
                    <td class="nowrap">
                      {confirming === t.id ? (
                        <span class="confirm">
                          <span>Revoke it?</span>{' '}
                          <button type="button" class="button danger" disabled={busy} onClick={() => revoke(t)}>
                            Yes, revoke<span class="sr-only"> {t.name}</span>
                          </button>{' '}
                          <button type="button" class="button secondary" onClick={() => setConfirming(null)}>
                            Keep
                          </button>
                        </span>
                      ) : (
                        <button type="button" class="button secondary" onClick={() => setConfirming(t.id)}>
                          Revoke<span class="sr-only"> {t.name}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
      <h3>New token</h3>
      <form class="inline-form token-form" onSubmit={create}>
        <label for="token-name">Token name</label>
        <input
          id="token-name"
          type="text"
          maxLength={100}
          required
          value={name}
          placeholder="e.g. nightly export"
          aria-invalid={nameError ? 'true' : undefined}
          aria-describedby={nameError ? 'token-name-error' : undefined}
          onInput={(e) => setName((e.target as HTMLInputElement).value)}
        />
        <label for="token-days">Expires</label>
        <select id="token-days" value={days} onChange={(e) => setDays((e.target as HTMLSelectElement).value)}>
          {tokenExpiryChoices.map((c) => (
            <option key={c.days} value={String(c.days)}>
              {c.label}
            </option>
          ))}
        </select>
        <button type="submit" class="button primary" disabled={busy || !name.trim()}>
          Create token
        </button>
      </form>
      {nameError && (
        <p class="field-error" id="token-name-error" role="alert">
          {nameError}
        </p>
      )}
    </section>
  );
}
