import { useEffect, useMemo, useState } from 'preact/hooks';
import { api, ApiError } from './lib/api';
import { humanize } from './lib/format';
import { currentPlace, href, matchRoute, safeNext } from './lib/router';
import { canCreateCase, canReadStatistics, isAdmin, isCaseRole } from './lib/roles';
import type { LoginResult, SessionInfo, User } from './lib/types';
import { forgetCachedLists, navigate, useLocation } from './hooks';
import { SessionContext, useSession } from './session';
import { Loading, NotFound } from './components/ui';
import { LoginPage } from './pages/login';
import { HomePage } from './pages/home';
import { CaseListPage } from './pages/caseList';
import { CasePage } from './pages/casePage';
import { CaseFormPage } from './pages/caseForm';
import { EntityFormPage } from './pages/entityForm';
import { ImportPage } from './pages/import';
import { SettingsPage } from './pages/settings';
import { DesksPage } from './pages/desks';
import { UsersPage } from './pages/users';
import { AuditPage } from './pages/audit';
import { StatisticsPage } from './pages/statistics';
import { TrendsPage } from './pages/trends';
import { CountryPage } from './pages/country';
import { BestPracticePage, FocusGroupPage } from './pages/focusGroup';
import { AccessRequestsPage, HitPage, HitsPage } from './pages/hits';
import { badgeText } from './lib/hits';
import { useAsync } from './hooks';

type Phase = 'checking' | 'signed-out' | 'signed-in';

export function App() {
  const loc = useLocation();
  const [phase, setPhase] = useState<Phase>('checking');
  const [user, setUser] = useState<User | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  // Any 401 from any call: the session has ended; back to the login page, keeping the place.
  useEffect(() => {
    api.onUnauthorized = () => {
      const place = currentPlace(useLocationSnapshot());
      api.setCsrfToken(null);
      forgetCachedLists();
      setUser(null);
      setPhase('signed-out');
      setMessage('Your session has ended. Please sign in again; you will return to where you were.');
      if (!place.startsWith('/login')) navigate(`/login?next=${encodeURIComponent(place)}`, true);
    };
    return () => {
      api.onUnauthorized = undefined;
    };
  }, []);

  useEffect(() => {
    api.get<SessionInfo>('/auth/session', undefined, { quietUnauthorized: true }).then(
      (info) => {
        api.setCsrfToken(info.csrf_token ?? null);
        setUser(info.user);
        setPhase('signed-in');
      },
      (error) => {
        setPhase('signed-out');
        if (!(error instanceof ApiError && error.status === 401)) setMessage(error.message);
        const place = currentPlace(useLocationSnapshot());
        if (!place.startsWith('/login')) {
          const next = place === '/' ? '' : `?next=${encodeURIComponent(place)}`;
          navigate(`/login${next}`, true);
        }
      },
    );
  }, []);

  const session = useMemo(
    () =>
      user && {
        user,
        signOut: () => {
          api.post('/auth/logout').catch(() => undefined).finally(() => {
            api.setCsrfToken(null);
            forgetCachedLists();
            setUser(null);
            setPhase('signed-out');
            setMessage('You have signed out.');
            navigate('/login', true);
          });
        },
      },
    [user],
  );

  if (phase === 'checking') return <Loading what="Starting Crossroads" />;

  if (phase === 'signed-out' || !session || loc.path === '/login') {
    if (phase === 'signed-in' && session && loc.path === '/login') {
      // Already signed in: the login page has nothing to do.
      navigate(safeNext(loc.params.get('next')), true);
      return <Loading />;
    }
    return (
      <LoginPage
        message={message}
        onSignedIn={(result: LoginResult) => {
          api.setCsrfToken(result.csrf_token);
          setMessage(null);
          setUser(result.user);
          setPhase('signed-in');
          navigate(safeNext(loc.params.get('next')), true);
        }}
      />
    );
  }

  return (
    <SessionContext.Provider value={session}>
      <Shell path={loc.path}>
        <Routes />
      </Shell>
    </SessionContext.Provider>
  );
}

function useLocationSnapshot() {
  const hash = window.location.hash;
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const q = text.indexOf('?');
  return { path: (q >= 0 ? text.slice(0, q) : text) || '/', params: new URLSearchParams(q >= 0 ? text.slice(q + 1) : '') };
}

function Routes() {
  const loc = useLocation();
  const { user } = useSession();
  const p = loc.path;
  let m: Record<string, string> | null;
  if (p === '/') return <HomePage />;
  if (p === '/cases') return <CaseListPage params={loc.params} />;
  if (p === '/cases/new') return <CaseFormPage />;
  if ((m = matchRoute('/cases/:id', p))) return <CasePage id={m.id} />;
  if ((m = matchRoute('/cases/:id/edit', p))) return <CaseFormPage id={m.id} />;
  if ((m = matchRoute('/cases/:id/entities/new', p)))
    return <EntityFormPage caseId={m.id} schemaName={loc.params.get('schema') ?? ''} />;
  if ((m = matchRoute('/entities/:id/edit', p))) return <EntityFormPage entityId={m.id} />;
  if ((m = matchRoute('/cases/:id/import', p))) return <ImportPage caseId={m.id} />;
  if (p === '/hits' && isCaseRole(user)) return <HitsPage params={loc.params} />;
  if ((m = matchRoute('/hits/:id', p)) && isCaseRole(user)) return <HitPage id={m.id} />;
  if (p === '/access-requests' && isCaseRole(user)) return <AccessRequestsPage />;
  if (p === '/admin/users' && isAdmin(user)) return <UsersPage />;
  if (p === '/admin/audit' && isAdmin(user)) return <AuditPage params={loc.params} />;
  if (p === '/admin/desks' && isAdmin(user)) return <DesksPage />;
  if (p === '/focus-group') return <FocusGroupPage />;
  if ((m = matchRoute('/focus-group/best-practices/:id', p))) return <BestPracticePage id={m.id} />;
  if (p === '/settings') return <SettingsPage />;
  if (p === '/statistics' && canReadStatistics(user)) return <StatisticsPage />;
  if (p === '/trends') return <TrendsPage params={loc.params} />;
  if ((m = matchRoute('/trends/countries/:cc', p))) return <CountryPage cc={m.cc} params={loc.params} />;
  return <NotFound />;
}

function NavLink({ to, current, children, badge, exact }: { to: string; current: string; children: string; badge?: string; exact?: boolean }) {
  const active = to === '/' || exact ? current === to : current === to || current.startsWith(`${to}/`);
  return (
    <li>
      <a href={href(to)} class={active ? 'active' : undefined} aria-current={active ? 'page' : undefined}>
        {children}
        {badge && (
          <span class="nav-badge">
            {badge}
            <span class="sr-only"> unread</span>
          </span>
        )}
      </a>
    </li>
  );
}

function Shell({ path, children }: { path: string; children: preact.ComponentChildren }) {
  const { user, signOut } = useSession();
  // The unread hits of the desk, asked again on every change of page.
  const unread = useAsync(
    () =>
      isCaseRole(user)
        ? api.get<{ total: number }>('/hits', { unread: 'true', limit: 1 }).then((r) => r.total, () => 0)
        : Promise.resolve(0),
    [user.id, path],
  );
  return (
    <div class="shell">
      <a class="skip-link" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Skip to content
      </a>
      <header class="topbar">
        <a class="brand" href="#/">
          <span class="brand-mark" aria-hidden="true" />
          Crossroads
        </a>
        <div class="who" aria-label="Signed in as">
          <span class="who-name" dir="auto">{user.display_name}</span>
          <span class="who-desk">{user.desk ? `Desk ${user.desk}` : 'No desk'}</span>
          <span class="who-role">{humanize(user.role)}</span>
        </div>
        <button type="button" class="button signout" onClick={signOut}>
          Sign out
        </button>
      </header>
      <nav class="sidenav" aria-label="Main">
        <ul>
          <NavLink to="/" current={path}>Home</NavLink>
          {isCaseRole(user) && <NavLink to="/cases" current={path}>Cases</NavLink>}
          {canCreateCase(user) && <NavLink to="/cases/new" current={path}>New case</NavLink>}
          {isCaseRole(user) && (
            <NavLink to="/hits" current={path} badge={badgeText(unread.data ?? 0)}>
              Hits
            </NavLink>
          )}
          {isCaseRole(user) && <NavLink to="/access-requests" current={path}>Access requests</NavLink>}
          {canReadStatistics(user) && <NavLink to="/statistics" current={path}>Statistics</NavLink>}
          <NavLink to="/trends" current={path} exact>Routes and trends</NavLink>
          {user.desk && <NavLink to={`/trends/countries/${user.desk}`} current={path}>{`Country page ${user.desk}`}</NavLink>}
          <NavLink to="/focus-group" current={path}>Focus Group</NavLink>
          <NavLink to="/settings" current={path}>Account settings</NavLink>
        </ul>
        {isAdmin(user) && (
          <>
            <h2 class="nav-heading">Administration</h2>
            <ul>
              <NavLink to="/admin/users" current={path}>Users</NavLink>
              <NavLink to="/admin/desks" current={path}>Desks</NavLink>
              <NavLink to="/admin/audit" current={path}>Audit log</NavLink>
            </ul>
          </>
        )}
      </nav>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
