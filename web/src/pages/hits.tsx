import { useState } from 'preact/hooks';
import { api, errorMessage } from '../lib/api';
import { formatDateTime, formatRelative, humanize } from '../lib/format';
import { href, isPositiveId } from '../lib/router';
import {
  accessStatusText,
  canDecideAccess,
  describeDecision,
  formatStrength,
  formatWeight,
  hitActions,
  strengthLevel,
  strengthStep,
  type AccessRequest,
  type HitNotice,
} from '../lib/hits';
import type { Desk, Entity, Page } from '../lib/types';
import { loadDesks, navigate, useAsync, useTitle } from '../hooks';
import { useSession } from '../session';
import { ErrorBox, isNotFound, Loading, NotFound, Notice, Pager } from '../components/ui';

const PAGE_SIZE = 20;

export function deskName(desks: Desk[], code: string): string {
  return desks.find((d) => d.code === code)?.name ?? code;
}

// Captions of our own entities, fetched once each while the app runs.
const captions = new Map<number, Promise<string>>();
export function entityCaption(id: number): Promise<string> {
  let p = captions.get(id);
  if (!p) {
    p = api.get<Entity>(`/entities/${id}`).then(
      (e) => e.caption || e.ftm_id,
      () => `Entity ${id}`,
    );
    captions.set(id, p);
  }
  return p;
}

export async function withCaptions(hits: HitNotice[]): Promise<Record<number, string>> {
  const ids = [...new Set(hits.map((h) => h.own_entity_id))];
  const names = await Promise.all(ids.map(entityCaption));
  return Object.fromEntries(ids.map((id, i) => [id, names[i]]));
}

export function StrengthBadge({ strength }: { strength: number }) {
  const level = strengthLevel(strength);
  return (
    <span class={`strength strength-${level}`} title="Match probability">
      <span class="strength-bar" aria-hidden="true">
        <span class={`strength-fill step-${strengthStep(strength)}`} />
      </span>
      <span class="badge strength-value">{formatStrength(strength)}</span>
    </span>
  );
}

function AccessBadge({ status }: { status: HitNotice['access_status'] }) {
  return <span class={`badge access access-${status ?? 'none'}`}>{accessStatusText(status)}</span>;
}

async function loadInbox(unread: boolean, page: number) {
  const [list, desks] = await Promise.all([
    api.get<Page<HitNotice>>('/hits', { unread: unread ? 'true' : undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    loadDesks(),
  ]);
  const names = await withCaptions(list.items);
  return { list, desks, names };
}

export function HitsPage({ params }: { params: URLSearchParams }) {
  useTitle('Hits');
  const unread = params.get('unread') === 'true';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const data = useAsync(() => loadInbox(unread, page), [unread, page]);
  const go = (u: boolean, p: number) => {
    const q: Record<string, string> = {};
    if (u) q.unread = 'true';
    if (p > 1) q.page = String(p);
    navigate(href('/hits', q).slice(1));
  };
  return (
    <>
      <div class="page-head">
        <h1>Hits</h1>
        <div class="head-actions">
          <label class="checkbox">
            <input type="checkbox" checked={unread} onChange={(e) => go((e.target as HTMLInputElement).checked, 1)} /> Unread only
          </label>
          <button type="button" class="button secondary" onClick={data.reload}>
            Refresh
          </button>
        </div>
      </div>
      <p class="muted intro">
        A hit says that an entity of one of your desk's cases matches an entity in another desk's case. Nothing of the other
        case is shown until that desk grants access.
      </p>
      {data.loading && !data.data && <Loading />}
      <ErrorBox error={data.error} />
      {data.data && (
        <>
          {data.data.list.items.length === 0 ? (
            <p class="empty">{unread ? 'No unread hits.' : 'No hits for your desk yet.'}</p>
          ) : (
            <div class="table-wrap">
              <table class="table hits-table">
                <thead>
                  <tr>
                    <th scope="col">Strength</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Evidence</th>
                    <th scope="col">Your entity</th>
                    <th scope="col">Other desk</th>
                    <th scope="col">Access</th>
                    <th scope="col">When</th>
                  </tr>
                </thead>
                <tbody>
                  {data.data.list.items.map((h) => (
                    <tr key={h.id} class={h.read ? undefined : 'unread'}>
                      <td>
                        <StrengthBadge strength={h.strength} />
                      </td>
                      <td class="nowrap">
                        {!h.read && <span class="badge unread-dot">New</span>}{' '}
                        <a href={`#/hits/${h.id}`} class="hit-open">
                          {humanize(h.kind)} hit<span class="sr-only"> {h.id}</span>
                        </a>
                      </td>
                      <td>{h.evidence_kinds.join(', ')}</td>
                      <td>
                        <a href={`#/cases/${h.own_case_id}`} dir="auto">
                          {data.data!.names[h.own_entity_id]}
                        </a>
                      </td>
                      <td>
                        {deskName(data.data!.desks, h.other_desk)} <span class="muted">({h.other_desk})</span>
                      </td>
                      <td>
                        <AccessBadge status={h.access_status} />
                      </td>
                      <td class="nowrap">
                        <time dateTime={h.created_at} title={formatDateTime(h.created_at)}>
                          {formatRelative(h.created_at)}
                        </time>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager total={data.data.list.total} page={page} pageSize={PAGE_SIZE} onPage={(p) => go(unread, p)} noun="hits" />
        </>
      )}
    </>
  );
}

async function loadHit(id: string) {
  if (!isPositiveId(id)) throw new Error('no such hit');
  const hit = await api.get<HitNotice>(`/hits/${id}`);
  const [desks, caption] = await Promise.all([loadDesks(), entityCaption(hit.own_entity_id)]);
  return { hit, desks, caption };
}

export function HitPage({ id }: { id: string }) {
  const { user } = useSession();
  useTitle('Hit');
  const data = useAsync(() => loadHit(id), [id]);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [decided, setDecided] = useState<'confirm' | 'reject' | null>(null);
  const [decisionNote, setDecisionNote] = useState('');
  if (data.loading && !data.data) return <Loading />;
  if (isNotFound(data.error) || (data.error instanceof Error && data.error.message === 'no such hit')) return <NotFound what="hit" />;
  if (data.error || !data.data) return <ErrorBox error={data.error} />;
  const { hit, desks, caption } = data.data;
  const actions = hitActions(user, hit);
  const other = deskName(desks, hit.other_desk);

  const decide = async (decision: 'confirm' | 'reject') => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/hits/${hit.id}/decision`, decisionNote.trim() ? { decision, note: decisionNote.trim() } : { decision });
      setDecided(decision);
      setDecisionNote('');
      data.reload();
      setMessage(decision === 'confirm' ? 'Link confirmed: it will always be linked.' : 'Link rejected: it will not be linked again.');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const request = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post(`/hits/${hit.id}/access-request`, reason.trim() ? { reason: reason.trim() } : {});
      setAsking(false);
      setReason('');
      setMessage(`Access requested from ${other}.`);
      data.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div class="page-head">
        <div>
          <p class="eyebrow">
            <a href="#/hits">Hits</a>
          </p>
          <h1>
            {humanize(hit.kind)} hit with desk {hit.other_desk}
          </h1>
        </div>
      </div>
      {message && <Notice kind="success">{message}</Notice>}
      <ErrorBox error={error} />
      <section class="panel hit-detail" aria-labelledby="hit-facts">
        <h2 id="hit-facts" class="sr-only">
          The hit
        </h2>
        <dl class="facts">
          <dt>Strength</dt>
          <dd>
            <StrengthBadge strength={hit.strength} />
          </dd>
          <dt>Kind</dt>
          <dd>{humanize(hit.kind)}</dd>
          <dt>Evidence</dt>
          <dd>{hit.evidence_kinds.join(', ')}</dd>
          <dt>Your entity</dt>
          <dd>
            <a href={`#/cases/${hit.own_case_id}`} dir="auto">
              {caption}
            </a>
          </dd>
          <dt>Other desk</dt>
          <dd>
            {other} ({hit.other_desk})
          </dd>
          <dt>Access</dt>
          <dd>
            <AccessBadge status={hit.access_status} />
          </dd>
          <dt>Found</dt>
          <dd>
            <time dateTime={hit.created_at}>{formatDateTime(hit.created_at)}</time>
          </dd>
        </dl>
        {hit.decision && (
          <div class="earlier-decision" role="note" aria-labelledby="hit-decision-h">
            <h3 id="hit-decision-h">{hit.decision.evidence_since ? 'Decided earlier, found again since' : 'Decision'}</h3>
            <p>
              <span class={`badge ${hit.decision.decision === 'confirmed' ? 'outcome-ok' : 'outcome-bad'}`}>{hit.decision.decision}</span>{' '}
              <bdi dir="auto">{describeDecision(hit.decision)}</bdi> on{' '}
              <time dateTime={hit.decision.decided_at}>{formatDateTime(hit.decision.decided_at)}</time>.
            </p>
            {hit.decision.note && (
              <p class="muted">
                Note: <bdi dir="auto">{hit.decision.note}</bdi>
              </p>
            )}
            {hit.decision.evidence_since && <p class="muted small">The matcher found this link again after the decision; the decision still holds until a reviewer changes it.</p>}
          </div>
        )}
        {actions.decide && (
          <div class="field">
            <label for="decision-note">Note on your decision (optional)</label>
            <textarea
              id="decision-note"
              dir="auto"
              rows={2}
              maxLength={2000}
              value={decisionNote}
              disabled={busy}
              onInput={(e) => setDecisionNote((e.target as HTMLTextAreaElement).value)}
            />
          </div>
        )}
        {(actions.decide || actions.requestAccess) && (
          <div class="form-actions">
            {actions.decide && (
              <>
                <button
                  type="button"
                  class="button primary"
                  disabled={busy || decided === 'confirm'}
                  aria-pressed={decided === 'confirm'}
                  onClick={() => decide('confirm')}
                >
                  {decided === 'confirm' ? 'Link confirmed' : 'Confirm link'}
                </button>
                <button
                  type="button"
                  class="button danger"
                  disabled={busy || decided === 'reject'}
                  aria-pressed={decided === 'reject'}
                  onClick={() => decide('reject')}
                >
                  {decided === 'reject' ? 'Link rejected' : 'Reject link'}
                </button>
              </>
            )}
            {actions.requestAccess && !asking && (
              <button type="button" class="button secondary" disabled={busy} onClick={() => setAsking(true)}>
                Request access
              </button>
            )}
          </div>
        )}
        {asking && (
          <form class="form access-form" onSubmit={request}>
            <div class="field">
              <label for="access-reason">Reason for the request</label>
              <textarea
                id="access-reason"
                dir="auto"
                rows={3}
                maxLength={2000}
                value={reason}
                onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
              />
              <p class="hint">Seen by desk {hit.other_desk}, which decides whether to share its case with your desk.</p>
            </div>
            <div class="form-actions">
              <button type="submit" class="button primary" disabled={busy}>
                Send request
              </button>
              <button type="button" class="button secondary" onClick={() => setAsking(false)}>
                Cancel
              </button>
            </div>
          </form>
        )}
      </section>
      {hit.other_case_id !== undefined ? (
        <section class="panel" aria-labelledby="why">
          <h2 id="why">Why they match</h2>
          {hit.explanation && hit.explanation.length > 0 ? (
            <ul class="explanation">
              {hit.explanation.map((l, i) => (
                <li key={i}>
                  <span class={`weight ${l.weight < 0 ? 'negative' : 'positive'}`}>{formatWeight(l.weight)}</span>{' '}
                  <span dir="auto">{l.text}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p class="empty">No explanation lines.</p>
          )}
          <p>
            <a href={`#/cases/${hit.other_case_id}`} class="button secondary">
              Open the other case
            </a>
          </p>
        </section>
      ) : (
        <p class="muted">The other case stays hidden until desk {hit.other_desk} grants access.</p>
      )}
    </>
  );
}

async function loadRequests() {
  const [incoming, outgoing, desks] = await Promise.all([
    api.get<{ items: AccessRequest[] }>('/access-requests', { direction: 'incoming' }),
    api.get<{ items: AccessRequest[] }>('/access-requests', { direction: 'outgoing' }),
    loadDesks(),
  ]);
  return { incoming: incoming.items, outgoing: outgoing.items, desks };
}

function StatusBadge({ status }: { status: AccessRequest['status'] }) {
  return <span class={`badge access access-${status}`}>{humanize(status)}</span>;
}

function IncomingRow({ r, desks, canDecide, onDone }: { r: AccessRequest; desks: Desk[]; canDecide: boolean; onDone: () => void }) {
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const decide = async (grant: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/access-requests/${r.id}/decision`, note.trim() ? { grant, note: note.trim() } : { grant });
      onDone();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const noteId = `note-${r.id}`;
  return (
    <li class="request">
      <div class="request-head">
        <strong>
          {deskName(desks, r.requesting_desk)} ({r.requesting_desk})
        </strong>{' '}
        asks for{' '}
        {r.case_id !== undefined ? <a href={`#/cases/${r.case_id}`}>case {r.case_id}</a> : 'a case of your desk'}{' '}
        <StatusBadge status={r.status} />{' '}
        <time class="muted" dateTime={r.created_at} title={formatDateTime(r.created_at)}>
          {formatRelative(r.created_at)}
        </time>
      </div>
      {r.reason && (
        <p class="request-reason" dir="auto">
          {r.reason}
        </p>
      )}
      {r.decision_note && (
        <p class="muted" dir="auto">
          Note: {r.decision_note}
        </p>
      )}
      {r.status === 'pending' && canDecide && (
        <div class="inline-form request-decide">
          <label for={noteId}>Note (optional)</label>
          <input id={noteId} type="text" dir="auto" maxLength={2000} value={note} onInput={(e) => setNote((e.target as HTMLInputElement).value)} />
          <button type="button" class="button primary" disabled={busy} onClick={() => decide(true)}>
            Grant<span class="sr-only"> access to {r.requesting_desk}</span>
          </button>
          <button type="button" class="button danger" disabled={busy} onClick={() => decide(false)}>
            Refuse<span class="sr-only"> access to {r.requesting_desk}</span>
          </button>
        </div>
      )}
      {error !== null && <p class="field-error" role="alert">{errorMessage(error)}</p>}
    </li>
  );
}

export function AccessRequestsPage() {
  const { user } = useSession();
  useTitle('Access requests');
  const data = useAsync(loadRequests, []);
  const canDecide = canDecideAccess(user);
  return (
    <>
      <div class="page-head">
        <h1>Access requests</h1>
        <button type="button" class="button secondary" onClick={data.reload}>
          Refresh
        </button>
      </div>
      {data.loading && !data.data && <Loading />}
      <ErrorBox error={data.error} />
      {data.data && (
        <div class="home-grid">
          <section class="panel" aria-labelledby="incoming">
            <h2 id="incoming">Incoming: to desk {user.desk}</h2>
            {data.data.incoming.length === 0 ? (
              <p class="empty">No requests to your desk.</p>
            ) : (
              <ul class="requests">
                {data.data.incoming.map((r) => (
                  <IncomingRow key={`${r.id}-${r.status}`} r={r} desks={data.data!.desks} canDecide={canDecide} onDone={data.reload} />
                ))}
              </ul>
            )}
            {!canDecide && <p class="muted">National members and prosecutors grant or refuse requests.</p>}
          </section>
          <section class="panel" aria-labelledby="outgoing">
            <h2 id="outgoing">Outgoing: from desk {user.desk}</h2>
            {data.data.outgoing.length === 0 ? (
              <p class="empty">Your desk has not asked for access.</p>
            ) : (
              <ul class="requests">
                {data.data.outgoing.map((r) => (
                  <li class="request" key={r.id}>
                    <div class="request-head">
                      To <strong>{deskName(data.data!.desks, r.owning_desk)} ({r.owning_desk})</strong>
                      {r.hit_id !== undefined && (
                        <>
                          {' '}
                          about <a href={`#/hits/${r.hit_id}`}>hit {r.hit_id}</a>
                        </>
                      )}{' '}
                      <StatusBadge status={r.status} />{' '}
                      <time class="muted" dateTime={r.created_at} title={formatDateTime(r.created_at)}>
                        {formatRelative(r.created_at)}
                      </time>
                    </div>
                    {r.reason && (
                      <p class="request-reason" dir="auto">
                        {r.reason}
                      </p>
                    )}
                    {r.decision_note && (
                      <p class="muted" dir="auto">
                        Note: {r.decision_note}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      )}
    </>
  );
}
