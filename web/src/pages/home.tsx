import { api } from '../lib/api';
import { formatDateTime, formatRelative, humanize } from '../lib/format';
import { canCreateCase, canReadCaseAudit, canReadStatistics, isAdmin, isCaseRole } from '../lib/roles';
import type { AuditRecord, Case, Page, User } from '../lib/types';
import { loadDesks, useAsync, useTitle } from '../hooks';
import { useSession } from '../session';
import { ErrorBox, Loading, StageBadge } from '../components/ui';
import type { HitNotice } from '../lib/hits';
import { deskName, StrengthBadge, withCaptions } from './hits';

// Changes worth showing as activity (reads and lists are in the audit trail too, but are noise here).
export const CHANGE_ACTIONS = [
  'case.create',
  'case.update',
  'case.share',
  'case.unshare',
  'case.delete',
  'entity.create',
  'entity.update',
  'entity.delete',
  'entity.import',
];

const ACTION_WORDS: Record<string, string> = {
  'case.create': 'opened the case',
  'case.update': 'changed the case',
  'case.share': 'shared the case',
  'case.unshare': 'stopped sharing the case',
  'case.delete': 'deleted the case',
  'entity.create': 'added an entity',
  'entity.update': 'edited an entity',
  'entity.delete': 'deleted an entity',
  'entity.import': 'imported entities',
};

export function describeAction(action: string): string {
  return ACTION_WORDS[action] ?? action;
}

interface Activity {
  key: string;
  time: string;
  who: string;
  what: string;
  detail: string;
  c: Case;
}

async function loadHome(user: User) {
  const desk = user.desk ?? '';
  const page = await api.get<Page<Case>>('/cases', { desk, sort: '-updated_at', limit: 100 });
  const mine = page.items.filter((c) => c.created_by === user.id).slice(0, 10);
  const shared = await api.get<Page<Case>>('/cases', { sort: '-updated_at', limit: 100 });
  const sharedWithUs = shared.items.filter((c) => c.desk !== desk).slice(0, 5);
  const recent = page.items.slice(0, 5);
  const activity: Activity[] = [];
  const auditable = recent.filter((c) => canReadCaseAudit(user, c));
  const trails = await Promise.all(
    auditable.map((c) =>
      api
        .get<{ items: AuditRecord[] }>(`/cases/${c.id}/audit`, { limit: 200 })
        .then((r) => ({ c, items: r.items }))
        .catch(() => ({ c, items: [] as AuditRecord[] })),
    ),
  );
  for (const { c, items } of trails) {
    for (const r of items) {
      if (r.outcome !== 'ok' || !CHANGE_ACTIONS.includes(r.action)) continue;
      activity.push({ key: `a${r.seq}`, time: r.time, who: r.user, what: describeAction(r.action), detail: r.detail, c });
    }
  }
  // Cases whose trail this role may not read: their last change, from the case itself.
  for (const c of recent.filter((c) => !canReadCaseAudit(user, c))) {
    activity.push({ key: `c${c.id}`, time: c.updated_at, who: '', what: 'case updated', detail: '', c });
  }
  activity.sort((a, b) => b.time.localeCompare(a.time));
  const hits = await api
    .get<Page<HitNotice>>('/hits', { unread: 'true', limit: 5 })
    .catch(() => ({ items: [] as HitNotice[], total: 0, limit: 5, offset: 0 }));
  const [names, desks] = await Promise.all([withCaptions(hits.items), loadDesks().catch(() => [])]);
  return { hits, names, desks, mine, sharedWithUs, desk: page, activity: activity.slice(0, 15), auditable: auditable.length > 0 };
}

function CaseRows({ cases }: { cases: Case[] }) {
  return (
    <div class="table-wrap">
    <table class="table">
      <thead>
        <tr>
          <th scope="col">Reference</th>
          <th scope="col">Title</th>
          <th scope="col">Stage</th>
          <th scope="col">Updated</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.id}>
            <td class="nowrap">
              <a href={`#/cases/${c.id}`} dir="auto">
                {c.reference}
              </a>
            </td>
            <td dir="auto">{c.title}</td>
            <td>
              <StageBadge stage={c.stage} />
            </td>
            <td class="nowrap">
              <time dateTime={c.updated_at} title={formatDateTime(c.updated_at)}>
                {formatRelative(c.updated_at)}
              </time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}

function CaseHome({ user }: { user: User }) {
  const home = useAsync(() => loadHome(user), [user.id]);
  return (
    <>
      <div class="page-head">
        <h1>Home</h1>
        {canCreateCase(user) && (
          <a class="button primary" href="#/cases/new">
            New case
          </a>
        )}
      </div>
      {home.loading && <Loading />}
      <ErrorBox error={home.error} />
      {home.data && (
        <div class="home-grid">
          <section class="panel span-2" aria-labelledby="new-hits">
            <h2 id="new-hits">New hits since your last visit</h2>
            {home.data.hits.items.length === 0 ? (
              <p class="empty">No unread hits.</p>
            ) : (
              <ul class="hit-list">
                {home.data.hits.items.map((h) => (
                  <li key={h.id}>
                    <StrengthBadge strength={h.strength} />{' '}
                    <a href={`#/hits/${h.id}`}>
                      {h.evidence_kinds.join(', ') || h.kind}
                    </a>{' '}
                    <span class="muted">with</span> {deskName(home.data!.desks, h.other_desk)} ({h.other_desk}){' '}
                    <span class="muted">for</span>{' '}
                    <a href={`#/cases/${h.own_case_id}`} dir="auto">
                      {home.data!.names[h.own_entity_id]}
                    </a>{' '}
                    <time class="muted" dateTime={h.created_at} title={formatDateTime(h.created_at)}>
                      {formatRelative(h.created_at)}
                    </time>
                  </li>
                ))}
              </ul>
            )}
            <p class="more">
              <a href="#/hits?unread=true">
                {home.data.hits.total > 5 ? `All ${home.data.hits.total} unread hits` : 'Open the hits inbox'}
              </a>
            </p>
          </section>
          <section class="panel" aria-labelledby="my-cases">
            <h2 id="my-cases">My cases</h2>
            {home.data.mine.length === 0 ? (
              <p class="empty">You have not opened a case yet.</p>
            ) : (
              <CaseRows cases={home.data.mine} />
            )}
            <p class="more">
              <a href={`#/cases?desk=${user.desk ?? ''}`}>All {home.data.desk.total} cases of desk {user.desk}</a>
            </p>
          </section>
          <section class="panel" aria-labelledby="activity">
            <h2 id="activity">Recent activity on my desk's cases</h2>
            {home.data.activity.length === 0 ? (
              <p class="empty">No recent changes.</p>
            ) : (
              <ol class="activity">
                {home.data.activity.map((a) => (
                  <li key={a.key}>
                    <time dateTime={a.time} title={formatDateTime(a.time)}>
                      {formatRelative(a.time)}
                    </time>
                    <span class="activity-text">
                      {a.who && <strong>{a.who}</strong>} {a.what} in{' '}
                      <a href={`#/cases/${a.c.id}`} dir="auto">
                        {a.c.reference}
                      </a>
                      {a.detail && <span class="muted"> — {a.detail}</span>}
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </section>
          {home.data.sharedWithUs.length > 0 && (
            <section class="panel span-2" aria-labelledby="shared">
              <h2 id="shared">Shared with my desk</h2>
              <CaseRows cases={home.data.sharedWithUs} />
            </section>
          )}
        </div>
      )}
    </>
  );
}

export function HomePage() {
  const { user } = useSession();
  useTitle('Home');
  if (isCaseRole(user)) return <CaseHome user={user} />;
  return (
    <>
      <div class="page-head">
        <h1>Home</h1>
      </div>
      <div class="home-grid">
        {isAdmin(user) && (
          <section class="panel" aria-labelledby="admin-h">
            <h2 id="admin-h">Administration</h2>
            <p>Administrators manage accounts and watch the audit trail; they never read case contents.</p>
            <ul class="link-list">
              <li>
                <a href="#/admin/users">Users</a>: create accounts, change roles and desks, disable, reset passwords
              </li>
              <li>
                <a href="#/admin/audit">Audit log</a>: every read and change, and the state of the hash chain
              </li>
            </ul>
          </section>
        )}
        {canReadStatistics(user) && (
          <section class="panel" aria-labelledby="stats-h">
            <h2 id="stats-h">Statistics</h2>
            <p>Case counts by desk, stage and year; no case contents.</p>
            <p>
              <a href="#/statistics">Open the statistics</a>
            </p>
          </section>
        )}
        <section class="panel" aria-labelledby="role-h">
          <h2 id="role-h">Your role</h2>
          <p>
            You are signed in as {humanize(user.role).toLowerCase()}
            {user.desk ? ` of desk ${user.desk}` : ''}.
          </p>
        </section>
      </div>
    </>
  );
}
