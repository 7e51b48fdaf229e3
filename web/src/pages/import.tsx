import { useState } from 'preact/hooks';
import { api, ApiError, type UploadProgress } from '../lib/api';
import { formatBytes, percent } from '../lib/format';
import { previewNdjson, type Preview } from '../lib/ndjson';
import { isPositiveId } from '../lib/router';
import { canWriteEntities } from '../lib/roles';
import type { Case, ImportReport } from '../lib/types';
import { useAsync, useTitle } from '../hooks';
import { useSession } from '../session';
import { ErrorBox, isNotFound, Loading, NotFound, Notice } from '../components/ui';

const PREVIEW_BYTES = 64 * 1024;

export function ImportPage({ caseId }: { caseId: string }) {
  const { user } = useSession();
  useTitle('Import');
  const data = useAsync(
    () => (isPositiveId(caseId) ? api.get<Case>(`/cases/${caseId}`) : Promise.reject(new ApiError(404, 'not_found', 'no such case'))),
    [caseId],
  );
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (data.loading) return <Loading />;
  if (isNotFound(data.error)) return <NotFound what="case" />;
  if (data.error || !data.data) return <ErrorBox error={data.error} />;
  const c = data.data;
  if (!canWriteEntities(user, c)) return <Notice kind="warning">Your role or desk does not import into this case.</Notice>;

  const choose = async (e: Event) => {
    const chosen = (e.target as HTMLInputElement).files?.[0] ?? null;
    setFile(chosen);
    setReport(null);
    setError(null);
    setProgress(null);
    setPreview(null);
    if (chosen) {
      const head = await chosen.slice(0, PREVIEW_BYTES).text();
      setPreview(previewNdjson(head, 10, chosen.size <= PREVIEW_BYTES));
    }
  };

  const send = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setReport(null);
    setProgress({ loaded: 0, total: file.size });
    try {
      const result = await api.upload<ImportReport>(
        `/cases/${c.id}/import/ftm`,
        file,
        'application/x-ndjson',
        { filename: file.name.slice(0, 200) },
        setProgress,
      );
      setReport(result);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const badLines = preview?.lines.filter((l) => l.error).length ?? 0;
  return (
    <>
      <div class="page-head">
        <div>
          <p class="eyebrow">
            <a href={`#/cases/${c.id}`} dir="auto">
              {c.reference}
            </a>{' '}
            · {c.title}
          </p>
          <h1>Import FollowTheMoney entities</h1>
        </div>
      </div>
      <section class="panel">
        <p>
          Upload a file of FollowTheMoney entities, one JSON object per line (<code>.ftm.json</code>, <code>.jsonl</code>). The import
          is all or nothing: if one line cannot be read, nothing is written and the lines at fault are listed. Entities with an id
          already in the case are updated.
        </p>
        <div class="field">
          <label for="import-file">File</label>
          <input id="import-file" type="file" accept=".json,.jsonl,.ndjson,.ftm,application/x-ndjson,application/json" onChange={choose} disabled={busy} />
        </div>
        {file && (
          <p class="muted">
            {file.name} · {formatBytes(file.size)}
          </p>
        )}
      </section>

      {preview && (
        <section class="panel" aria-labelledby="preview-h">
          <h2 id="preview-h">Preview of the first lines</h2>
          {preview.lines.length === 0 ? (
            <p class="empty">The file holds no lines.</p>
          ) : (
            <div class="table-wrap">
              <table class="table compact">
                <thead>
                  <tr>
                    <th scope="col" class="num">
                      Line
                    </th>
                    <th scope="col">Schema</th>
                    <th scope="col">Id</th>
                    <th scope="col">Name</th>
                    <th scope="col">Check</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.lines.map((l) => (
                    <tr key={l.line} class={l.error ? 'row-error' : undefined}>
                      <td class="num">{l.line}</td>
                      <td>{l.schema ?? '—'}</td>
                      <td>
                        <code>{l.id ?? '—'}</code>
                      </td>
                      <td>
                        <bdi dir="auto">{l.caption ?? ''}</bdi>
                      </td>
                      <td>{l.error ? <span class="badge outcome-bad">{l.error}</span> : <span class="badge outcome-ok">ok</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {badLines > 0 && <Notice kind="warning">Some of the first lines look wrong; the server will refuse the file unless they are fixed.</Notice>}
          <div class="form-actions">
            <button type="button" class="button primary" disabled={busy || preview.lines.length === 0} onClick={send}>
              {busy ? 'Importing…' : `Import into ${c.reference}`}
            </button>
          </div>
        </section>
      )}

      {progress && (busy || report || error) && (
        <section class="panel" aria-labelledby="progress-h">
          <h2 id="progress-h">{busy ? 'Sending' : 'Sent'}</h2>
          <progress max={100} value={percent(progress.loaded, progress.total)} aria-labelledby="progress-h">
            {percent(progress.loaded, progress.total)}%
          </progress>
          <p class="muted" aria-live="polite">
            {formatBytes(progress.loaded)} of {formatBytes(progress.total)} ({percent(progress.loaded, progress.total)}%)
            {busy && progress.loaded >= progress.total && ' — the server is checking and writing the entities…'}
          </p>
        </section>
      )}

      {report && (
        <section class="panel" aria-labelledby="report-h">
          <h2 id="report-h">Import report</h2>
          <Notice kind="success">The file was imported.</Notice>
          <dl class="report">
            <div>
              <dt>Created</dt>
              <dd>{report.created}</dd>
            </div>
            <div>
              <dt>Updated</dt>
              <dd>{report.updated}</dd>
            </div>
            <div>
              <dt>Unchanged</dt>
              <dd>{report.unchanged}</dd>
            </div>
          </dl>
          <p>
            <a href={`#/cases/${c.id}`}>Back to the case</a>
          </p>
        </section>
      )}
      {error && <ErrorBox error={error} title="Nothing was imported." />}
    </>
  );
}
