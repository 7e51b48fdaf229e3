import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { api, ApiError, type UploadProgress } from '../lib/api';
import { formatBytes, percent } from '../lib/format';
import { previewNdjson, type Preview } from '../lib/ndjson';
import {
  cellText,
  decodeBytes,
  DELIMITERS,
  delimiterChar,
  describeFormat,
  detectDelimiter,
  detectEncoding,
  ENCODINGS,
  encodingLabel,
  errorsByLine,
  guessMapping,
  ID_TARGET,
  looksLikeCsv,
  mappingForServer,
  mappingProblems,
  previewCsv,
  rowsToImport,
  setTarget,
  targetOptions,
  type CsvImportReport,
  type Delimiter,
  type Encoding,
  type Mapping,
} from '../lib/csv';
import { isPositiveId } from '../lib/router';
import { useUpload } from '../lib/upload';
import { canWriteEntities } from '../lib/roles';
import type { Case, ImportReport, Schema } from '../lib/types';
import { loadSchemata, useAsync, useTitle } from '../hooks';
import { useSession } from '../session';
import { ErrorBox, isNotFound, Loading, NotFound, Notice, ReportFigures } from '../components/ui';

const PREVIEW_BYTES = 64 * 1024;
const PREVIEW_ROWS = 10;

type Format = 'csv' | 'ftm';

async function loadPage(caseId: string) {
  if (!isPositiveId(caseId)) throw new ApiError(404, 'not_found', 'no such case');
  const [c, schemata] = await Promise.all([api.get<Case>(`/cases/${caseId}`), loadSchemata()]);
  return { c, schemata };
}

export function ImportPage({ caseId }: { caseId: string }) {
  const { user } = useSession();
  useTitle('Import');
  const data = useAsync(() => loadPage(caseId), [caseId]);
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<Format>('csv');
  const [head, setHead] = useState<Uint8Array | null>(null);
  const [busy, setBusy] = useState(false);

  if (data.loading) return <Loading />;
  if (isNotFound(data.error)) return <NotFound what="case" />;
  if (data.error || !data.data) return <ErrorBox error={data.error} />;
  const { c, schemata } = data.data;
  if (!canWriteEntities(user, c)) return <Notice kind="warning">Your role or desk does not import into this case.</Notice>;

  const choose = async (e: Event) => {
    const chosen = (e.target as HTMLInputElement).files?.[0] ?? null;
    setFile(chosen);
    setHead(null);
    if (chosen) {
      setFormat(looksLikeCsv(chosen.name, chosen.type) ? 'csv' : 'ftm');
      setHead(new Uint8Array(await chosen.slice(0, PREVIEW_BYTES).arrayBuffer()));
    }
  };

  return (
    <>
      <div class="page-head">
        <div>
          <p class="eyebrow">
            <a href={`#/cases/${c.id}`} dir="auto">
              {c.reference}
            </a>{' '}
            · <bdi dir="auto">{c.title}</bdi>
          </p>
          <h1>Import entities</h1>
        </div>
      </div>
      <section class="panel">
        <p>
          Upload a <strong>CSV file</strong> (a header line naming the columns, one entity per row; separated by commas,
          semicolons, tabs or pipes; UTF-8, UTF-16 or Windows-1252, as Excel and police systems export them): you map its columns to
          the properties of a FollowTheMoney schema and check every row before anything is written. Or upload{' '}
          <strong>FollowTheMoney JSON lines</strong> (<code>.ftm.json</code>, <code>.jsonl</code>). Both imports are all or
          nothing: if one row or line is wrong, nothing is written and the rows at fault are listed. Entities with an id already
          in the case are updated.
        </p>
        <div class="field">
          <label for="import-file">File</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.txt,.json,.jsonl,.ndjson,.ftm,text/csv,application/x-ndjson,application/json"
            onChange={choose}
            disabled={busy}
          />
        </div>
        {file && (
          <>
            <p class="muted">
              {file.name} · {formatBytes(file.size)}
            </p>
            <fieldset class="radio-row">
              <legend>Format</legend>
              <label class="checkbox">
                <input type="radio" name="import-format" value="csv" checked={format === 'csv'} disabled={busy} onChange={() => setFormat('csv')} /> CSV
                with a column mapping
              </label>
              <label class="checkbox">
                <input type="radio" name="import-format" value="ftm" checked={format === 'ftm'} disabled={busy} onChange={() => setFormat('ftm')} />{' '}
                FollowTheMoney JSON lines
              </label>
            </fieldset>
          </>
        )}
      </section>
      {file && head !== null && format === 'ftm' && (
        <FtmImport
          key={`ftm-${file.name}-${file.size}-${file.lastModified}`}
          c={c}
          file={file}
          head={decodeBytes(head, 'utf-8', file.size <= PREVIEW_BYTES)}
          onBusy={setBusy}
        />
      )}
      {file && head !== null && format === 'csv' && (
        <CsvImport key={`csv-${file.name}-${file.size}-${file.lastModified}`} c={c} file={file} head={head} schemata={schemata} onBusy={setBusy} />
      )}
    </>
  );
}

function ProgressPanel({ progress, busy, what }: { progress: UploadProgress; busy: boolean; what: string }) {
  const p = percent(progress.loaded, progress.total);
  return (
    <section class="panel" aria-labelledby="progress-h">
      <h2 id="progress-h">{busy ? 'Sending' : 'Sent'}</h2>
      <progress max={100} value={p} aria-labelledby="progress-h">
        {p}%
      </progress>
      <p class="muted" aria-live="polite">
        {formatBytes(progress.loaded)} of {formatBytes(progress.total)} ({p}%)
        {busy && progress.loaded >= progress.total && ` — the server is ${what}…`}
      </p>
    </section>
  );
}

// The report of a finished import: the counts, what the caller adds (the rejected rows), the way back.
function ImportReportPanel({
  caseId,
  report,
  rejected,
  children,
}: {
  caseId: number;
  report: { created: number; updated: number; unchanged: number };
  rejected?: number;
  children?: ComponentChildren;
}) {
  return (
    <section class="panel" aria-labelledby="report-h">
      <h2 id="report-h">Import report</h2>
      <Notice kind="success">The file was imported.</Notice>
      <ReportFigures
        figures={[
          ['Created', report.created],
          ['Updated', report.updated],
          ['Unchanged', report.unchanged],
          ...(rejected !== undefined ? [['Rejected', rejected] as [string, number]] : []),
        ]}
      />
      {children}
      <p>
        <a href={`#/cases/${caseId}`}>Back to the case</a>
      </p>
    </section>
  );
}

// ---- FollowTheMoney JSON lines

function FtmImport({ c, file, head, onBusy }: { c: Case; file: File; head: string; onBusy: (busy: boolean) => void }) {
  const [preview] = useState<Preview>(() => previewNdjson(head, 10, file.size <= PREVIEW_BYTES));
  const { progress, error, send: upload } = useUpload();
  const [report, setReport] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async () => {
    setBusy(true);
    onBusy(true);
    setReport(null);
    const result = await upload<ImportReport>(`/cases/${c.id}/import/ftm`, file, 'application/x-ndjson', { filename: file.name.slice(0, 200) });
    if (result.ok) setReport(result.value);
    setBusy(false);
    onBusy(false);
  };

  const badLines = preview.lines.filter((l) => l.error).length;
  return (
    <>
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
      {progress && (busy || report || error) && <ProgressPanel progress={progress} busy={busy} what="checking and writing the entities" />}
      {report && <ImportReportPanel caseId={c.id} report={report} />}
      {error && <ErrorBox error={error} title="Nothing was imported." />}
    </>
  );
}

// ---- CSV with a column mapping

function CsvImport({
  c,
  file,
  head,
  schemata,
  onBusy,
}: {
  c: Case;
  file: File;
  head: Uint8Array;
  schemata: Schema[];
  onBusy: (busy: boolean) => void;
}) {
  const complete = file.size <= PREVIEW_BYTES;
  // What the first bytes look like; the user may choose otherwise (a server-side check says
  // what the whole file reads as).
  const [detected] = useState(() => {
    const { encoding, bom } = detectEncoding(head);
    return { encoding, bom, delimiter: detectDelimiter(decodeBytes(head, encoding, complete)) };
  });
  const [encoding, setEncoding] = useState<Encoding>(detected.encoding);
  const [delimiter, setDelimiter] = useState<Delimiter>(detected.delimiter);
  const preview = useMemo(
    () => previewCsv(decodeBytes(head, encoding, complete), PREVIEW_ROWS, complete, delimiterChar(delimiter)),
    [head, encoding, delimiter, complete],
  );
  const initialSchema = schemata.find((s) => s.name === 'Person') ?? schemata[0];
  const [schemaName, setSchemaName] = useState(initialSchema?.name ?? '');
  const schema = schemata.find((s) => s.name === schemaName) ?? initialSchema;
  const [mapping, setMapping] = useState<Mapping>(() => guessMapping(preview.header, schema?.properties ?? []));
  const [check, setCheck] = useState<{ key: string; report: CsvImportReport } | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [phase, setPhase] = useState<'checking' | 'importing' | null>(null);
  const { progress, error, send: upload } = useUpload();
  const [report, setReport] = useState<CsvImportReport | null>(null);

  useEffect(() => onBusy(phase !== null), [phase]);
  if (!schema) return <Notice kind="warning">The server offers no schemata.</Notice>;

  const serverMapping = mappingForServer(preview.header, mapping);
  const encodingChosen = encoding !== detected.encoding;
  const key = JSON.stringify([schema.name, serverMapping, delimiter, encodingChosen ? encoding : '']);
  const current = check && check.key === key ? check.report : null;
  const problems = mappingProblems(preview.header, mapping, schema);
  const options = targetOptions(schema);
  const mappedColumns = preview.header.map((h, i) => ({ h, i })).filter(({ h }) => h && mapping[h]);
  const lineErrors = current ? errorsByLine(current.errors) : new Map();
  const toImport = current ? rowsToImport(current, skipInvalid) : 0;
  const labelOf = (property: string) =>
    property === ID_TARGET ? 'Entity id' : (schema.properties.find((p) => p.name === property)?.label ?? property);

  const chooseSchema = (name: string) => {
    const next = schemata.find((s) => s.name === name);
    if (!next) return;
    setSchemaName(name);
    setMapping(guessMapping(preview.header, next.properties));
    setReport(null);
  };

  // Another separator or encoding gives other column names: guess the mapping again.
  const chooseFormat = (nextDelimiter: Delimiter, nextEncoding: Encoding) => {
    setDelimiter(nextDelimiter);
    setEncoding(nextEncoding);
    const header = previewCsv(decodeBytes(head, nextEncoding, complete), 1, complete, delimiterChar(nextDelimiter)).header;
    setMapping(guessMapping(header, schema.properties));
    setReport(null);
  };

  const send = async (dryRun: boolean) => {
    setPhase(dryRun ? 'checking' : 'importing');
    setReport(null);
    const result = await upload<CsvImportReport>(`/cases/${c.id}/import/csv`, file, 'text/csv', {
      schema: schema.name,
      mapping: JSON.stringify(serverMapping),
      dry_run: dryRun ? 'true' : undefined,
      skip_invalid: !dryRun && skipInvalid ? 'true' : undefined,
      filename: file.name.slice(0, 200),
      // The separator the mapping was made with; the encoding only when the user chose one,
      // so that the server detects it on the whole file otherwise.
      delimiter,
      encoding: encodingChosen ? encoding : undefined,
    });
    if (result.ok && dryRun) setCheck({ key, report: result.value });
    else if (result.ok) {
      setReport(result.value);
      setCheck(null);
    }
    setPhase(null);
  };

  return (
    <>
      <section class="panel" aria-labelledby="mapping-h">
        <h2 id="mapping-h">Map the columns</h2>
        <p class="muted" id="csv-format">
          Read as <strong>{describeFormat(delimiter, encoding, encoding === detected.encoding && detected.bom)}</strong>
          {delimiter === detected.delimiter && encoding === detected.encoding ? ' (detected)' : ' (your choice)'}.
        </p>
        <div class="form-row">
          <div class="field narrow">
            <label for="csv-delimiter">Separator</label>
            <select
              id="csv-delimiter"
              value={delimiter}
              disabled={phase !== null}
              onChange={(e) => chooseFormat((e.target as HTMLSelectElement).value as Delimiter, encoding)}
            >
              {DELIMITERS.map((d) => (
                <option key={d.name} value={d.name}>
                  {d.label}
                  {d.name === detected.delimiter ? ' — detected' : ''}
                </option>
              ))}
            </select>
          </div>
          <div class="field narrow">
            <label for="csv-encoding">Encoding</label>
            <select
              id="csv-encoding"
              value={encoding}
              disabled={phase !== null}
              onChange={(e) => chooseFormat(delimiter, (e.target as HTMLSelectElement).value as Encoding)}
            >
              {ENCODINGS.map((x) => (
                <option key={x.name} value={x.name}>
                  {x.label}
                  {x.name === detected.encoding ? ' — detected' : ''}
                </option>
              ))}
            </select>
          </div>
        </div>
        {preview.error && <Notice kind="warning">The file cannot be read as CSV: {preview.error}.</Notice>}
        {preview.notUtf8 && (
          <Notice kind="warning">
            Some characters are not valid {encodingLabel(encoding)} (shown as �): choose the file's encoding above. Rows that still hold
            such bytes are refused by the check, with their line.
          </Notice>
        )}
        {preview.header.length === 0 ? (
          <p class="empty">The file holds no header line.</p>
        ) : (
          <>
            <div class="field narrow">
              <label for="csv-schema">Every row is a</label>
              <select id="csv-schema" value={schema.name} disabled={phase !== null} onChange={(e) => chooseSchema((e.target as HTMLSelectElement).value)}>
                {schemata
                  .filter((s) => !s.edge)
                  .concat(schemata.filter((s) => s.edge))
                  .map((s) => (
                    <option key={s.name} value={s.name}>
                      {s.label}
                    </option>
                  ))}
              </select>
              <p class="hint">
                Choose “Entity id” for a column holding ids, so that importing a corrected file updates the same entities.
                Without one, each row's id is made from its values.
              </p>
            </div>
            <div class="table-wrap">
              <table class="table compact mapping-table">
                <caption class="sr-only">Which property each column of the file feeds</caption>
                <thead>
                  <tr>
                    <th scope="col">Column</th>
                    <th scope="col">First values</th>
                    <th scope="col">Property</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.header.map((h, i) => (
                    <tr key={i}>
                      <th scope="row">{h ? <bdi dir="auto">{h}</bdi> : <span class="muted">(column {i + 1} has no name)</span>}</th>
                      <td class="muted">
                        <bdi dir="auto">
                          {preview.rows
                            .slice(0, 3)
                            .map((r) => cellText(r.fields[i]))
                            .join(' · ')}
                        </bdi>
                      </td>
                      <td>
                        <label class="sr-only" for={`map-${i}`}>
                          Property for column {h || i + 1}
                        </label>
                        <select
                          id={`map-${i}`}
                          value={mapping[h] ?? ''}
                          disabled={!h || phase !== null}
                          onChange={(e) => setMapping(setTarget(mapping, h, (e.target as HTMLSelectElement).value))}
                        >
                          <option value="">— not imported —</option>
                          <option value={ID_TARGET}>Entity id</option>
                          {options.map((p) => (
                            <option key={p.name} value={p.name}>
                              {p.label} ({p.name})
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {problems.length > 0 && (
              <ul class="problems" aria-live="polite">
                {problems.map((p, i) => (
                  <li key={i}>{p.message}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>

      {mappedColumns.length > 0 && (
        <section class="panel" aria-labelledby="csv-preview-h">
          <h2 id="csv-preview-h">Preview of the first rows</h2>
          <p class="muted">
            The first {preview.rows.length} rows as mapped{preview.complete ? '' : ' (the file goes on)'}.
            {current ? ' Rows the check refused are marked.' : ' Check all rows to see what the server makes of them.'}
          </p>
          <div class="table-wrap">
            <table class="table compact">
              <thead>
                <tr>
                  <th scope="col" class="num">
                    Line
                  </th>
                  {mappedColumns.map(({ h, i }) => (
                    <th scope="col" key={i}>
                      <bdi dir="auto">{h}</bdi> → {labelOf(mapping[h])}
                    </th>
                  ))}
                  {current && <th scope="col">Check</th>}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => {
                  const errs = lineErrors.get(r.line) ?? [];
                  return (
                    <tr key={r.line} class={errs.length ? 'row-error' : undefined}>
                      <td class="num">{r.line}</td>
                      {mappedColumns.map(({ i }) => (
                        <td key={i}>
                          <bdi dir="auto">{cellText(r.fields[i])}</bdi>
                        </td>
                      ))}
                      {current && (
                        <td>
                          {errs.length === 0 ? (
                            <span class="badge outcome-ok">ok</span>
                          ) : (
                            errs.map((e: { column: string; message: string }, k: number) => (
                              <span key={k} class="badge outcome-bad">
                                {e.column ? `${e.column}: ` : ''}
                                {e.message}
                              </span>
                            ))
                          )}
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <div class="form-actions">
            <button type="button" class="button primary" disabled={phase !== null || problems.length > 0 || !!preview.error} onClick={() => send(true)}>
              {phase === 'checking' ? 'Checking…' : 'Check all rows'}
            </button>
          </div>
        </section>
      )}

      {progress && phase !== null && <ProgressPanel progress={progress} busy what={phase === 'checking' ? 'checking every row' : 'writing the entities'} />}

      {current && (
        <section class="panel" aria-labelledby="check-h">
          <h2 id="check-h">Check of all rows</h2>
          <p class="muted" id="check-format">
            The server read the whole file as <strong>{current.format}</strong>
            {current.encoding_detected ? ' (encoding detected)' : ''}.
          </p>
          {current.rejected === 0 ? (
            <Notice kind="success">All {current.rows} rows can be imported. Nothing has been written yet.</Notice>
          ) : (
            <Notice kind="warning">
              {current.rejected} of {current.rows} rows cannot be imported as they are. Fix them in the file and choose it again, or
              import only the good rows.
            </Notice>
          )}
          <ReportFigures
            figures={[
              ['Rows', current.rows],
              ['To create', current.created],
              ['To update', current.updated],
              ['Unchanged', current.unchanged],
              ['With errors', current.rejected],
            ]}
          />
          {current.errors.length > 0 && <RowErrors errors={current.errors} total={current.rejected} />}
          {current.preview.length > 0 && (
            <>
              <h3>As they will be stored</h3>
              <div class="table-wrap">
                <table class="table compact stored-table">
                  <thead>
                    <tr>
                      <th scope="col" class="num">
                        Line
                      </th>
                      <th scope="col">Action</th>
                      <th scope="col">Entity</th>
                      <th scope="col">Values</th>
                    </tr>
                  </thead>
                  <tbody>
                    {current.preview.map((p) => (
                      <tr key={p.line}>
                        <td class="num">{p.line}</td>
                        <td>
                          <span class={`badge action-${p.action}`}>{p.action}</span>
                        </td>
                        <td>
                          <bdi dir="auto">{p.caption || p.ftm_id}</bdi>
                          <br />
                          <code class="small">{p.ftm_id}</code>
                        </td>
                        <td>
                          <ul class="value-list">
                            {Object.entries(p.properties).map(([name, values]) => (
                              <li key={name}>
                                <span class="muted">{labelOf(name)}:</span> <bdi dir="auto">{values.join(', ')}</bdi>
                              </li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
          {current.rejected > 0 && (
            <label class="checkbox">
              <input type="checkbox" checked={skipInvalid} disabled={phase !== null} onChange={(e) => setSkipInvalid((e.target as HTMLInputElement).checked)} /> Skip
              the {current.rejected} rows with errors and import the others
            </label>
          )}
          <div class="form-actions">
            <button type="button" class="button primary" disabled={phase !== null || toImport === 0} onClick={() => send(false)}>
              {phase === 'importing' ? 'Importing…' : `Import ${toImport} ${toImport === 1 ? 'row' : 'rows'} into ${c.reference}`}
            </button>
          </div>
        </section>
      )}

      {report && (
        <ImportReportPanel caseId={c.id} report={report} rejected={report.rejected}>
          {report.errors.length > 0 && <RowErrors errors={report.errors} total={report.rejected} />}
        </ImportReportPanel>
      )}
      {error !== null && <ErrorBox error={error} title="Nothing was imported." />}
    </>
  );
}

function RowErrors({ errors, total }: { errors: CsvImportReport['errors']; total: number }) {
  return (
    <>
      <h3>Rows with errors</h3>
      <div class="table-wrap">
        <table class="table compact errors-table">
          <thead>
            <tr>
              <th scope="col" class="num">
                Line
              </th>
              <th scope="col" class="num">
                Row
              </th>
              <th scope="col">Column</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e, i) => (
              <tr key={i}>
                <td class="num">{e.line}</td>
                <td class="num">{e.row}</td>
                <td>
                  {e.column ? <bdi dir="auto">{e.column}</bdi> : '—'}
                  {e.property && <span class="muted"> ({e.property})</span>}
                </td>
                <td>
                  <bdi dir="auto">{e.message}</bdi>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {errors.length >= 100 && <p class="muted">The first {errors.length} problems are shown ({total} rows are refused).</p>}
    </>
  );
}
