import { useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api';
import type { LoginResult } from '../lib/types';
import { useTitle } from '../hooks';

export function LoginPage({ message, onSignedIn }: { message: string | null; onSignedIn: (r: LoginResult) => void }) {
  useTitle('Sign in');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const result = await api.post<LoginResult>('/auth/login', { username: username.trim(), password }, { quietUnauthorized: true });
      onSignedIn(result);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError('The user name or password is not right, or the account is disabled.');
      else setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <main class="login-page" id="main">
      <div class="login-card">
        <h1 class="login-title">
          <span class="brand-mark" aria-hidden="true" />
          Crossroads
        </h1>
        <p class="login-sub">Case hub of the Focus Group on migrant smuggling</p>
        {message && !error && (
          <div class="alert alert-info" role="status">
            {message}
          </div>
        )}
        {error && (
          <div class="alert alert-error" role="alert">
            {error}
          </div>
        )}
        <form onSubmit={submit} aria-label="Sign in">
          <div class="field">
            <label for="login-username">User name</label>
            <input
              id="login-username"
              name="username"
              autoComplete="username"
              autoFocus
              required
              value={username}
              onInput={(e) => setUsername((e.target as HTMLInputElement).value)}
            />
          </div>
          <div class="field">
            <label for="login-password">Password</label>
            <input
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
            />
          </div>
          <button type="submit" class="button primary wide" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p class="login-foot">Access is logged. Use only for the cases of your desk and the desks that share with it.</p>
      </div>
    </main>
  );
}
