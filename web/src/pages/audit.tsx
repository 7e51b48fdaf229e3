import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api';
import { formatDateTime } from '../lib/format';
import type { AuditRecord, AuditVerification } from '../lib/types';
import { navigate, useAsync, useTitle } from '../hooks';
import { ErrorBox, Loading, OutcomeBadge } from '../components/ui';

export const AUDIT_FILTERS = ['user', 'action', 'object', 'case_id', 'limit', 'after'] as const;

export function auditQuery(params: URLSearchParams): Record<string, string> {
  const q: Record<string, string> = {};
  for (const k of AUDIT_FILTERS) {
    const v = params.get(k)?.trim();
    if (v) q[k] = v;
  }
  if (!q.limit) q.limit = '100';
  return q;
}

export function AuditPage({ params }: { params: URLSearchParams }) {
  useTitle('Audit log');
  const key = params.toString();
  const query = auditQuery(params);
  const [form, setForm] = useState<Record<string, string>>(query);
  useEffect(() => setForm(auditQuery(params)), [key]);
  const records = useAsync(() => api.get<{ items: AuditRecord[] }>('/audit', query).then((r) => r.items), [key]);
  const verify = useAsync(() => api.get<AuditVerification>('/audit/verify'), []);

  const go = (values: Record<string, string>) => {
    const p = new URLSearchParams();
    for (const k of AUDIT_FILTERS) if (values[k]?.trim() && !(k === 'limit' && values[k] === '100')) p.set(k, values[k].trim());
    const text = p.toString();
    navigate(`/admin/audit${text ? `?${text}` : ''}`);
  };
  const input = (k: string, label: string, placeholder?: string, type: 'text' | 'number' = 'text') => (
    <div class="field">
      <label for={`audit-${k}`}>{label}</label>
      <input
        id={`audit-${k}`}
        type={type}
        min={type === 'number' ? 0 : undefined}
        placeholder={placeholder}
        value={form[k] ?? ''}
        onInput={(e) => setForm({ ...form, [k]: (e.target as HTMLInputElement).value })}
      />
    </div>
  );

  return (
    <>
      <div class="page-head">
        <h1>Audit log</h1>
      </div>
      <section class="panel chain" aria-labelledby="chain-h">
        <div class="section-head">
          <h2 id="chain-h">Hash chain</h2>
          <button type="button" class="button secondary small" onClick={verify.reload} disabled={verify.loading}>
            Verify again
          </button>
        </div>
        {verify.loading && <Loading what="Verifying the chain" />}
        <ErrorBox error={verify.error} />
        {verify.data && (
          <div class={`chain-status ${verify.data.intact ? 'intact' : 'broken'}`} role="status">
            <p class="chain-verdict">
              {verify.data.intact ? '✓ Intact' : '✗ Broken'} — {verify.data.records} records checked
            </p>
            {!verify.data.intact && (
              <p>
                First bad record: <strong>{verify.data.first_bad_seq}</strong>. {verify.data.problem}
              </p>
            )}
            <p class="small">
              Head hash <code class="hash">{verify.data.head_hash}</code> — keep it elsewhere to detect a trail cut short at its end.
            </p>
          </div>
        )}
      </section>
      <form
        class="filters"
        role="search"
        aria-label="Filter the audit log"
        onSubmit={(e) => {
          e.preventDefault();
          go(form);
        }}
      >
        {input('user', 'User', 'it.prosecutor')}
        {input('action', 'Action starts with', 'case.')}
        {input('object', 'Object', 'case:12')}
        {input('case_id', 'Case id', '', 'number')}
        {input('after', 'After record no.', '', 'number')}
        <div class="field">
          <label for="audit-limit">Records</label>
          <select id="audit-limit" value={form.limit ?? '100'} onChange={(e) => setForm({ ...form, limit: (e.target as HTMLSelectElement).value })}>
            {['50', '100', '250', '500', '1000'].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <div class="field actions">
          <button type="submit" class="button primary">
            Filter
          </button>
          <button type="button" class="button secondary" onClick={() => go({})}>
            Clear
          </button>
        </div>
      </form>
      <ErrorBox error={records.error} />
      {records.loading && !records.data && <Loading what="Loading records" />}
      {records.data && (
        <div class="table-wrap">
          <table class="table compact audit-table">
            <caption class="sr-only">Audit records, newest first</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  No.
                </th>
                <th scope="col">Time</th>
                <th scope="col">User</th>
                <th scope="col">Desk</th>
                <th scope="col">Action</th>
                <th scope="col">Object</th>
                <th scope="col">Outcome</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {records.data.length === 0 && (
                <tr>
                  <td colSpan={8} class="empty">
                    No record matches.
                  </td>
                </tr>
              )}
              {records.data.map((r) => (
                <tr key={r.seq}>
                  <td class="num">{r.seq}</td>
                  <td class="nowrap">{formatDateTime(r.time)}</td>
                  <td>{r.user}</td>
                  <td>{r.desk}</td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td>{r.object}</td>
                  <td>
                    <OutcomeBadge outcome={r.outcome} />
                  </td>
                  <td class="detail" dir="auto">
                    {r.detail}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {records.data.length > 0 && (
            <p class="muted small">
              {records.data.length} records, newest first. Records after no. {query.after ?? 0}.
            </p>
          )}
        </div>
      )}
    </>
  );
}
