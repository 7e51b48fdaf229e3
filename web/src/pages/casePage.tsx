import { useState } from 'preact/hooks';
import { api, ApiError } from '../lib/api';
import { formatDate, formatDateTime, humanize } from '../lib/format';
import { isPositiveId } from '../lib/router';
import { canManageCase, canReadCaseAudit, canWriteEntities } from '../lib/roles';
import { groupBySchema, groupSchemata, orderProperties } from '../lib/schemaForm';
import type { AuditRecord, Case, Desk, Entity, Page, Schema, User } from '../lib/types';
import { loadDesks, loadSchemata, navigate, useAsync, useTitle } from '../hooks';
import { useSession } from '../session';
import { ActionsHeader, ErrorBox, isNotFound, Loading, NotFound, Notice, SensitivityBadge, StageBadge } from '../components/ui';
import { CHANGE_ACTIONS, describeAction } from './home';
import { CooperationPanel } from './cooperation';

export async function loadAllEntities(caseId: number | string, max = 5000): Promise<Entity[]> {
  const items: Entity[] = [];
  for (let offset = 0; offset < max; offset += 500) {
    const page = await api.get<Page<Entity>>(`/cases/${caseId}/entities`, { limit: 500, offset, sort: 'created_at' });
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) break;
  }
  return items;
}

function userLabel(id: number, me: User): string {
  return id === me.id ? me.display_name : `user #${id}`;
}

export interface TimelineEntry {
  key: string;
  time: string;
  text: string;
  who: string;
  entityId?: number;
}

// What was added when: the case's audit trail where the role may read it, else the entities'
// creation times.
export function buildTimeline(c: Case, entities: Entity[], audit: AuditRecord[] | null): TimelineEntry[] {
  const byId = new Map(entities.map((e) => [e.id, e]));
  if (audit) {
    return audit
      .filter((r) => r.outcome === 'ok' && CHANGE_ACTIONS.includes(r.action))
      .map((r) => {
        const m = /^entity:(\d+)$/.exec(r.object);
        const entity = m ? byId.get(Number(m[1])) : undefined;
        const what = describeAction(r.action);
        const text = entity ? `${what}: ${entity.caption || entity.ftm_id} (${entity.schema})` : r.detail ? `${what} — ${r.detail}` : what;
        return { key: `a${r.seq}`, time: r.time, text, who: r.user, entityId: entity?.id };
      });
  }
  const entries: TimelineEntry[] = entities.map((e) => ({
    key: `e${e.id}`,
    time: e.created_at,
    text: `${e.schema} added: ${e.caption || e.ftm_id}`,
    who: '',
    entityId: e.id,
  }));
  entries.push({ key: 'created', time: c.created_at, text: 'Case opened', who: '' });
  return entries.sort((a, b) => b.time.localeCompare(a.time));
}

async function loadCase(id: string, user: User) {
  const c = await api.get<Case>(`/cases/${id}`);
  const [entities, schemata] = await Promise.all([loadAllEntities(id), loadSchemata()]);
  let audit: AuditRecord[] | null = null;
  if (canReadCaseAudit(user, c)) {
    audit = await api.get<{ items: AuditRecord[] }>(`/cases/${id}/audit`, { limit: 1000 }).then(
      (r) => r.items,
      () => null,
    );
  }
  return { c, entities, schemata, audit };
}

export function CasePage({ id }: { id: string }) {
  const { user } = useSession();
  const data = useAsync(() => (isPositiveId(id) ? loadCase(id, user) : Promise.reject(new ApiError(404, 'not_found', 'no such case'))), [id]);
  useTitle(data.data ? data.data.c.reference : 'Case');
  if (data.loading && !data.data) return <Loading what="Loading the case" />;
  if (isNotFound(data.error)) return <NotFound what="case" />;
  if (data.error || !data.data) return <ErrorBox error={data.error} />;
  const { c, entities, schemata, audit } = data.data;
  return (
    <CaseView
      c={c}
      entities={entities}
      schemata={schemata}
      audit={audit}
      user={user}
      onCase={(next) => data.setData({ ...data.data!, c: next })}
      reload={data.reload}
    />
  );
}

function CaseView({
  c,
  entities,
  schemata,
  audit,
  user,
  onCase,
  reload,
}: {
  c: Case;
  entities: Entity[];
  schemata: Schema[];
  audit: AuditRecord[] | null;
  user: User;
  onCase: (c: Case) => void;
  reload: () => void;
}) {
  const manage = canManageCase(user, c);
  const write = canWriteEntities(user, c);
  const groups = groupBySchema(entities, schemata);
  const timeline = buildTimeline(c, entities, audit);
  const [schemaToAdd, setSchemaToAdd] = useState('Person');
  const picker = groupSchemata(schemata);

  return (
    <article class="case-page" aria-labelledby="case-title">
      <div class="page-head">
        <div>
          <p class="eyebrow">
            Case of desk {c.desk}
            {c.desk !== user.desk && ' · shared with your desk (read only)'}
          </p>
          <h1 id="case-title" dir="auto">
            <span class="case-ref">{c.reference}</span> {c.title}
          </h1>
          <p class="badges">
            <StageBadge stage={c.stage} /> <SensitivityBadge level={c.sensitivity} />
          </p>
        </div>
        <div class="head-actions">
          {manage && (
            <a class="button secondary" href={`#/cases/${c.id}/edit`}>
              Edit case
            </a>
          )}
          {write && (
            <a class="button secondary" href={`#/cases/${c.id}/import`}>
              Import
            </a>
          )}
          <a class="button secondary" href={`/api/v1/cases/${c.id}/export/ftm`} download={`case-${c.id}.ftm.json`}>
            Export
          </a>
        </div>
      </div>

      <div class="case-grid">
        <section class="panel" aria-labelledby="summary-h">
          <h2 id="summary-h">Summary</h2>
          {c.summary ? (
            <p class="summary" dir="auto">
              {c.summary}
            </p>
          ) : (
            <p class="empty">No summary.</p>
          )}
          <dl class="facts">
            <dt>Offences</dt>
            <dd>{c.offences.map(humanize).join(', ')}</dd>
            <dt>Stage</dt>
            <dd>
              {humanize(c.stage)} since {formatDate(c.stage_date)}
            </dd>
            <dt>Retention review</dt>
            <dd>{formatDate(c.retention_review)}</dd>
            <dt>Opened</dt>
            <dd>
              {formatDateTime(c.created_at)} by {userLabel(c.created_by, user)}
            </dd>
            <dt>Last change</dt>
            <dd>{formatDateTime(c.updated_at)}</dd>
            <dt>Entities</dt>
            <dd>{c.entity_count}</dd>
          </dl>
        </section>

        <SharingPanel c={c} manage={manage} onCase={onCase} />

        <section class="panel" aria-labelledby="stages-h">
          <h2 id="stages-h">Stage history</h2>
          <table class="table compact">
            <thead>
              <tr>
                <th scope="col">Stage</th>
                <th scope="col">Since</th>
                <th scope="col">Recorded</th>
              </tr>
            </thead>
            <tbody>
              {[...c.stage_history].reverse().map((s, i) => (
                <tr key={i}>
                  <td>
                    <StageBadge stage={s.stage} />
                  </td>
                  <td>{formatDate(s.date)}</td>
                  <td>
                    {formatDateTime(s.recorded_at)} <span class="muted">by {userLabel(s.changed_by, user)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>

      <CooperationPanel c={c} user={user} />

      <section class="panel" aria-labelledby="entities-h">
        <div class="section-head">
          <h2 id="entities-h">Entities ({entities.length})</h2>
          {write && (
            <form
              class="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                navigate(`/cases/${c.id}/entities/new?schema=${encodeURIComponent(schemaToAdd)}`);
              }}
            >
              <label for="add-schema">Add</label>
              <select id="add-schema" value={schemaToAdd} onChange={(e) => setSchemaToAdd((e.target as HTMLSelectElement).value)}>
                <optgroup label="Things">
                  {picker.things.map((s) => (
                    <option key={s.name} value={s.name}>
                      {s.label}
                    </option>
                  ))}
                </optgroup>
                <optgroup label="Links">
                  {picker.links.map((s) => (
                    <option key={s.name} value={s.name}>
                      {s.label}
                    </option>
                  ))}
                </optgroup>
              </select>
              <button type="submit" class="button primary">
                Add entity
              </button>
            </form>
          )}
        </div>
        {groups.length === 0 && <p class="empty">This case holds no entities yet.</p>}
        {groups.map((g) => (
          <EntityGroup key={g.schema} schema={schemata.find((s) => s.name === g.schema)} plural={g.plural} items={g.items} write={write} />
        ))}
      </section>

      <section class="panel" aria-labelledby="timeline-h">
        <div class="section-head">
          <h2 id="timeline-h">Timeline</h2>
          <button type="button" class="button secondary small" onClick={reload}>
            Refresh
          </button>
        </div>
        <p class="muted small">{audit ? 'From the case audit trail.' : 'From the entities’ creation times (the audit trail is not open to your role).'}</p>
        {timeline.length === 0 ? (
          <p class="empty">Nothing yet.</p>
        ) : (
          <ol class="timeline">
            {timeline.map((t) => (
              <li key={t.key}>
                <time dateTime={t.time}>{formatDateTime(t.time)}</time>
                <span dir="auto">
                  {t.who && <strong>{t.who} </strong>}
                  {t.text}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}

function EntityGroup({ schema, plural, items, write }: { schema: Schema | undefined; plural: string; items: Entity[]; write: boolean }) {
  const columns = schema ? orderProperties(schema).primary.filter((p) => p.name !== 'name').slice(0, 4) : [];
  return (
    <div class="entity-group">
      <h3>
        {plural} <span class="count">{items.length}</span>
      </h3>
      <div class="table-wrap">
        <table class="table compact">
          <thead>
            <tr>
              <th scope="col">Name</th>
              {columns.map((p) => (
                <th scope="col" key={p.name}>
                  {p.label}
                </th>
              ))}
              <th scope="col">Other values</th>
              {write && (
                <ActionsHeader />
              )}
            </tr>
          </thead>
          <tbody>
            {items.map((e) => {
              const shown = new Set(['name', ...columns.map((c) => c.name)]);
              const others = Object.entries(e.properties).filter(([k]) => !shown.has(k));
              return (
                <tr key={e.id}>
                  <td class="entity-caption">
                    <bdi dir="auto">{e.caption || e.ftm_id}</bdi>
                    {(e.properties.name?.length ?? 0) > 1 && (
                      <div class="muted small">
                        {e.properties.name.slice(1).map((n, i) => (
                          <bdi key={i} dir="auto" class="alt-name">
                            {n}
                          </bdi>
                        ))}
                      </div>
                    )}
                  </td>
                  {columns.map((p) => (
                    <td key={p.name} dir="auto">
                      {(e.properties[p.name] ?? []).join(', ')}
                    </td>
                  ))}
                  <td class="small">
                    {others.slice(0, 4).map(([k, v]) => (
                      <div key={k}>
                        <span class="muted">{schema?.properties.find((p) => p.name === k)?.label ?? k}:</span> <bdi dir="auto">{v.join(', ')}</bdi>
                      </div>
                    ))}
                    {others.length > 4 && <div class="muted">+{others.length - 4} more</div>}
                  </td>
                  {write && (
                    <td class="nowrap">
                      <a href={`#/entities/${e.id}/edit`} aria-label={`Edit ${e.caption || e.ftm_id}`}>
                        Edit
                      </a>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function SharingPanel({ c, manage, onCase }: { c: Case; manage: boolean; onCase: (c: Case) => void }) {
  const desks = useAsync(() => loadDesks(), []);
  const [desk, setDesk] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const name = (code: string) => desks.data?.find((d: Desk) => d.code === code)?.name ?? code;
  const available = (desks.data ?? []).filter((d) => d.code !== c.desk && !c.shared_with.includes(d.code));

  const change = async (method: 'put' | 'delete', code: string) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const next = method === 'put' ? await api.put<Case>(`/cases/${c.id}/shares/${code}`) : await api.delete<Case>(`/cases/${c.id}/shares/${code}`);
      onCase(next);
      setDone(method === 'put' ? `Shared with ${name(code)}.` : `No longer shared with ${name(code)}.`);
      setDesk('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel" aria-labelledby="sharing-h">
      <h2 id="sharing-h">Shared with</h2>
      {c.shared_with.length === 0 ? (
        <p class="empty">Only desk {c.desk} sees this case.</p>
      ) : (
        <ul class="share-list">
          {c.shared_with.map((code) => (
            <li key={code}>
              <span>
                <strong>{code}</strong> {name(code)}
              </span>
              {manage && (
                <button type="button" class="button secondary small" disabled={busy} onClick={() => change('delete', code)}>
                  Stop sharing<span class="sr-only"> with {name(code)}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {manage && (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (desk) change('put', desk);
          }}
        >
          <label for="share-desk">Share with desk</label>
          <select id="share-desk" value={desk} onChange={(e) => setDesk((e.target as HTMLSelectElement).value)}>
            <option value="">Choose a desk…</option>
            {available.map((d) => (
              <option key={d.code} value={d.code}>
                {d.code} — {d.name}
              </option>
            ))}
          </select>
          <button type="submit" class="button primary" disabled={!desk || busy}>
            Share
          </button>
        </form>
      )}
      {done && <Notice kind="success">{done}</Notice>}
      <ErrorBox error={error} />
      {manage && <p class="muted small">Desks a case is shared with read it; only desk {c.desk} changes it.</p>}
    </section>
  );
}
