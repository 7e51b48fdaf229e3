import { useEffect, useMemo, useState } from 'preact/hooks';
import { api } from '../lib/api';
import { formatBytes, formatDateTime, humanize, percent } from '../lib/format';
import { href } from '../lib/router';
import { useUpload } from '../lib/upload';
import {
  belongsToSeries,
  BORDER_TYPES,
  canImportTrends,
  checkFilters,
  describeAlert,
  describeShift,
  FILTER_LABELS,
  formatChange,
  formatCount,
  formatShare,
  GROUP_BYS,
  IMPORT_TYPES,
  importKindOf,
  importProblem,
  MEASURE_LABELS,
  MEASURES,
  METHODS,
  parseTrendFilters,
  periodLabel,
  routeName,
  seriesColour,
  seriesQuery,
  shiftsQuery,
  SOURCE_LABELS,
  SOURCES,
  trendFiltersToParams,
  type ChangeAlert,
  type FilterProblem,
  type Granularity,
  type ImportKind,
  type Series,
  type SeriesAnswer,
  type Shift,
  type ShiftsAnswer,
  type TopNationalities,
  type TrendFilters,
  type TrendImportReport,
  type TrendRoute,
  type TrendSource,
} from '../lib/trends';
import { buildChart, chartSummary } from '../lib/trendsChart';
import { countryShapes, DEFAULT_MAP_SIZE, mapProjection, routeLines } from '../lib/trendsMap';
import { toCsv, trendsCsv, trendsCsvFileName } from '../lib/trendsCsv';
import { loadDesks, navigate, useAsync, useTitle } from '../hooks';
import { useSession } from '../session';
import { describedBy, ErrorBox, Field, Loading, Notice, ReportFigures } from '../components/ui';

// ---- shared with the country page

// Text saved as a file through a Blob URL (nothing leaves the browser).
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  // A byte order mark so that spreadsheets read the UTF-8 names right.
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

let chartIds = 0;
const NONE: never[] = [];

// One series as a line chart, with its shifts and alerts marked, a sentence for screen readers,
// the list of its shifts in words and its figures as a table.
export function TrendChart({
  series,
  granularity,
  measure,
  shifts = NONE,
  alerts = NONE,
}: {
  series: Series;
  granularity: Granularity;
  measure: string;
  shifts?: Shift[];
  alerts?: ChangeAlert[];
}) {
  const [id] = useState(() => `chart-${++chartIds}`);
  const model = useMemo(() => buildChart(series, granularity, shifts, alerts), [series, granularity, shifts, alerts]);
  const colour = seriesColour(series.key);
  const { size } = model;
  const yoy = new Map((series.yoy ?? []).map((y) => [y.period, y.change]));
  const plotBottom = size.height - size.bottom;
  const hasAlert = alerts.length > 0;
  return (
    <figure class={`chart${hasAlert ? ' chart-alerted' : ''}`} aria-labelledby={`${id}-h`}>
      <figcaption class="chart-head">
        <h3 id={`${id}-h`}>
          <svg class="swatch" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
            <rect width="12" height="12" rx="2" fill={colour} />
          </svg>
          <bdi dir="auto">{series.label}</bdi>
        </h3>
        <span class="chart-figures">
          total {formatCount(series.total)} · share {formatShare(series.share)}
          {hasAlert && <span class="badge alert-flag">alert</span>}
        </span>
      </figcaption>
      {model.points.length === 0 ? (
        <p class="empty">No figures in this period.</p>
      ) : (
        <svg
          class="chart-svg"
          viewBox={`0 0 ${size.width} ${size.height}`}
          role="img"
          aria-labelledby={`${id}-title`}
          aria-describedby={`${id}-desc`}
          focusable="false"
        >
          <title id={`${id}-title`}>{`${series.label}: ${measure}`}</title>
          <desc id={`${id}-desc`}>{chartSummary(series.label, series, model, measure)}</desc>
          <g class="chart-grid-lines">
            {model.yTicks.map((t) => (
              <g key={t.value}>
                <line x1={size.left} x2={size.width - size.right} y1={t.y} y2={t.y} />
                <text x={size.left - 6} y={t.y} text-anchor="end" dominant-baseline="middle" class="chart-tick">
                  {t.label}
                </text>
              </g>
            ))}
            {model.xTicks.map((t) => (
              <g key={t.period}>
                <line x1={t.x} x2={t.x} y1={plotBottom} y2={plotBottom + 4} />
                <text x={t.x} y={plotBottom + 16} text-anchor="middle" class="chart-tick">
                  {t.label}
                </text>
              </g>
            ))}
          </g>
          {model.markers
            .filter((m) => m.kind === 'alert')
            .map((m, i) => (
              <g class="chart-alert" key={`a${i}`}>
                <title>{m.text}</title>
                <line x1={m.x} x2={m.x} y1={size.top} y2={plotBottom} stroke-dasharray="4 3" />
                <circle cx={m.x} cy={size.top + 4} r="5" />
              </g>
            ))}
          <path d={model.line} fill="none" stroke={colour} stroke-width="2" stroke-linejoin="round" />
          {model.points.map((p) => (
            <circle key={p.period} cx={p.x} cy={p.y} r="2.2" fill={colour} class="chart-point">
              <title>{`${periodLabel(p.period)}: ${formatCount(p.value)}`}</title>
            </circle>
          ))}
          {model.markers
            .filter((m) => m.kind === 'shift')
            .map((m, i) => (
              <g class={`chart-shift chart-shift-${m.direction}`} key={`s${i}`}>
                <title>{m.text}</title>
                <line x1={m.x} x2={m.x} y1={size.top} y2={plotBottom} />
                <path d={m.direction === 'up' ? `M${m.x - 6},${size.top + 10}l6,-10l6,10z` : `M${m.x - 6},${size.top}l6,10l6,-10z`} />
              </g>
            ))}
        </svg>
      )}
      {(shifts.length > 0 || alerts.length > 0) &&
        (shifts.length + alerts.length > 6 ? (
          <details class="chart-table">
            <summary>
              {shifts.length} shift{shifts.length === 1 ? '' : 's'} and {alerts.length} alert{alerts.length === 1 ? '' : 's'} in words
            </summary>
            <ShiftList shifts={shifts} alerts={alerts} granularity={granularity} />
          </details>
        ) : (
          <ShiftList shifts={shifts} alerts={alerts} granularity={granularity} />
        ))}
      {model.points.length > 0 && (
        <details class="chart-table">
          <summary>Figures of {series.label} as a table</summary>
          <div class="table-wrap">
            <table class="table compact">
              <caption class="sr-only">
                {series.label}: {measure} by period
              </caption>
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  <th scope="col" class="num">
                    {humanize(measure)}
                  </th>
                  <th scope="col" class="num">
                    Year on year
                  </th>
                </tr>
              </thead>
              <tbody>
                {model.points.map((p) => (
                  <tr key={p.period}>
                    <th scope="row">{periodLabel(p.period)}</th>
                    <td class="num">{formatCount(p.value)}</td>
                    <td class="num">{formatChange(yoy.get(p.period))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </figure>
  );
}

function ShiftList({ shifts, alerts, granularity }: { shifts: Shift[]; alerts: ChangeAlert[]; granularity: Granularity }) {
  return (
    <ul class="shift-list">
      {shifts.map((s, i) => (
        <li key={`s${i}`} class={`shift-${s.direction}`}>
          <span class="shift-mark" aria-hidden="true">
            {s.direction === 'up' ? '▲' : '▼'}
          </span>{' '}
          Shift {describeShift(s, granularity)}
        </li>
      ))}
      {alerts.map((a, i) => (
        <li key={`a${i}`} class="alert-item">
          <span class="badge alert-flag">alert</span> {describeAlert(a)}
        </li>
      ))}
    </ul>
  );
}

// ---- the map

type TopologyModule = { default: unknown };

function RoutesMap({ routes, selected, onSelect }: { routes: TrendRoute[]; selected: string; onSelect: (id: string) => void }) {
  // The world atlas is bundled as its own chunk, loaded from this server on first use.
  const atlas = useAsync(() => import('world-atlas/countries-110m.json').then((m: TopologyModule) => m.default), []);
  const size = DEFAULT_MAP_SIZE;
  const projection = useMemo(() => mapProjection(routes, size), [routes]);
  const countries = useMemo(() => (atlas.data ? countryShapes(atlas.data, projection, size) : []), [atlas.data, projection]);
  const lines = useMemo(() => routeLines(routes, projection), [routes, projection]);
  const drawn = new Set(lines.map((l) => l.id));
  return (
    <div class="map-layout">
      <svg
        class="map-svg"
        viewBox={`0 0 ${size.width} ${size.height}`}
        role="img"
        aria-labelledby="map-title"
        focusable="false"
      >
        <title id="map-title">
          {`Map of ${lines.length} smuggling routes${selected ? `; selected: ${routeName(routes, selected)}` : ''}`}
        </title>
        <rect class="map-sea" x="0" y="0" width={size.width} height={size.height} />
        <g class="map-countries">
          {countries.map((c) => (
            <path key={c.id || c.name} d={c.d}>
              <title>{c.name}</title>
            </path>
          ))}
        </g>
        {lines.map((l) => {
          const active = !selected || selected === l.id;
          return (
            <g
              key={l.id}
              class={`map-route${selected === l.id ? ' selected' : ''}${active ? '' : ' dimmed'}`}
              onClick={() => onSelect(l.id)}
            >
              <title>{`${l.name}: click to ${selected === l.id ? 'show every route' : 'show only this route'}`}</title>
              <path class="map-route-hit" d={l.d} fill="none" stroke="transparent" stroke-width="14" />
              <path d={l.d} fill="none" stroke={seriesColour(l.id)} stroke-width={selected === l.id ? 5 : 3} stroke-linecap="round" stroke-linejoin="round" />
              {l.points.length > 0 && (
                <circle cx={l.points[l.points.length - 1][0]} cy={l.points[l.points.length - 1][1]} r="4" fill={seriesColour(l.id)} />
              )}
            </g>
          );
        })}
      </svg>
      <div class="map-legend">
        <h3 id="legend-h">Routes</h3>
        <p class="hint">Choose a route to show only its figures; choose it again to show all.</p>
        <ul aria-labelledby="legend-h">
          {routes.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                class={`legend-button${selected === r.id ? ' selected' : ''}`}
                aria-pressed={selected === r.id}
                onClick={() => onSelect(r.id)}
              >
                <svg class="swatch" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
                  <rect width="12" height="12" rx="2" fill={seriesColour(r.id)} />
                </svg>
                {r.name}
                {!drawn.has(r.id) && <span class="muted small"> (no waypoints)</span>}
              </button>
              {r.countries.length > 0 && <span class="legend-countries muted small">{r.countries.join(', ')}</span>}
            </li>
          ))}
        </ul>
        {atlas.error ? <ErrorBox error={atlas.error} title="The world map could not be loaded." /> : null}
      </div>
    </div>
  );
}

// ---- the filters

function FilterForm({
  filters,
  routes,
  onApply,
}: {
  filters: TrendFilters;
  routes: TrendRoute[];
  onApply: (f: TrendFilters) => void;
}) {
  const [draft, setDraft] = useState(filters);
  const [problems, setProblems] = useState<FilterProblem[]>([]);
  const key = trendFiltersToParams(filters).toString();
  useEffect(() => {
    setDraft(filters);
    setProblems([]);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const set = (field: keyof TrendFilters) => (e: Event) =>
    setDraft({ ...draft, [field]: (e.target as HTMLInputElement | HTMLSelectElement).value });
  const errorOf = (field: keyof TrendFilters) =>
    problems
      .filter((p) => p.field === field)
      .map((p) => p.message)
      .join(' ') || null;
  const submit = (e: Event) => {
    e.preventDefault();
    const found = checkFilters(draft);
    setProblems(found);
    if (found.length === 0) onApply(draft);
  };
  const select = (field: keyof TrendFilters, options: { value: string; label: string }[], hint?: string) => {
    const id = `tf-${field}`;
    const error = errorOf(field);
    return (
      <Field id={id} label={FILTER_LABELS[field]} hint={hint} error={error}>
        <select id={id} value={draft[field]} onChange={set(field)} aria-describedby={describedBy(id, hint, error)} aria-invalid={error ? true : undefined}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </Field>
    );
  };
  const input = (field: keyof TrendFilters, type: string, hint: string, extra: Record<string, string> = {}) => {
    const id = `tf-${field}`;
    const error = errorOf(field);
    return (
      <Field id={id} label={FILTER_LABELS[field]} hint={hint} error={error}>
        <input
          id={id}
          type={type}
          value={draft[field]}
          onInput={set(field)}
          aria-describedby={describedBy(id, hint, error)}
          aria-invalid={error ? true : undefined}
          {...extra}
        />
      </Field>
    );
  };
  const routeOptions = [{ value: '', label: 'All routes' }, ...routes.map((r) => ({ value: r.id, label: r.name }))];
  if (draft.route && !routes.some((r) => r.id === draft.route)) routeOptions.push({ value: draft.route, label: draft.route });
  return (
    <form class="filters trend-filters" onSubmit={submit} aria-label="Trend filters" noValidate>
      {select('route', routeOptions)}
      {input('nationality', 'text', 'Code or name, e.g. SY or Syria', { maxLength: '80', autocomplete: 'off' })}
      {input('from', 'month', 'YYYY-MM', { pattern: '\\d{4}-\\d{2}', placeholder: 'YYYY-MM' })}
      {input('to', 'month', 'YYYY-MM', { pattern: '\\d{4}-\\d{2}', placeholder: 'YYYY-MM' })}
      {select(
        'measure',
        MEASURES.map((m) => ({ value: m, label: MEASURE_LABELS[m] })),
      )}
      {select('granularity', [
        { value: 'month', label: 'Month' },
        { value: 'quarter', label: 'Quarter' },
      ])}
      {select('source', [{ value: '', label: 'All sources' }, ...SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] ?? s }))])}
      <details class="more-filters">
        <summary>More filters and shift detection</summary>
        <div class="more-filters-body">
          {select(
            'groupBy',
            GROUP_BYS.map((g) => ({ value: g, label: humanize(g) })),
          )}
          {select('borderType', [{ value: '', label: 'Any' }, ...BORDER_TYPES.map((b) => ({ value: b, label: humanize(b) }))])}
          {select('method', [{ value: '', label: 'Server default' }, ...METHODS.map((m) => ({ value: m, label: m === 'pelt' ? 'PELT' : 'Binary segmentation' }))])}
          {input('penalty', 'text', 'bic, aic or a number', { maxLength: '16', autocomplete: 'off' })}
        </div>
      </details>
      <div class="field actions">
        <button type="submit" class="button primary">
          Show
        </button>
        <button type="button" class="button secondary" onClick={() => navigate('/trends')}>
          Clear
        </button>
      </div>
    </form>
  );
}

// ---- imports and sources

function ImportPanel({ onImported }: { onImported: () => void }) {
  const [kind, setKind] = useState<ImportKind>('frontex');
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { progress, setProgress, error, setError, send: upload } = useUpload();
  const [report, setReport] = useState<TrendImportReport | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = (e: Event) => {
    const chosen = (e.target as HTMLInputElement).files?.[0] ?? null;
    setFile(chosen);
    setReport(null);
    setError(null);
    setProgress(null);
    const guessed = chosen ? importKindOf(chosen.name) : null;
    const k = guessed ?? kind;
    if (guessed) setKind(guessed);
    setProblem(chosen ? importProblem(k, chosen.name, chosen.size) : null);
  };
  const changeKind = (e: Event) => {
    const k = (e.target as HTMLSelectElement).value as ImportKind;
    setKind(k);
    setProblem(file ? importProblem(k, file.name, file.size) : null);
  };
  const send = async (e: Event) => {
    e.preventDefault();
    if (!file) {
      setProblem('Choose a file first.');
      return;
    }
    const found = importProblem(kind, file.name, file.size);
    setProblem(found);
    if (found) return;
    setBusy(true);
    setReport(null);
    const result = await upload<TrendImportReport>(`/trends/import/${kind}`, file, IMPORT_TYPES[kind].contentType, { file_name: file.name.slice(0, 200) });
    if (result.ok) {
      setReport(result.value);
      onImported();
    }
    setBusy(false);
  };
  const allErrors = report?.errors ?? [];
  const shownErrors = allErrors.slice(0, 200);
  return (
    <section class="panel" aria-labelledby="import-h">
      <h2 id="import-h">Import a published source</h2>
      <p class="muted">
        The Frontex “Detections of illegal border crossings” workbook or the IOM Missing Migrants CSV export, as downloaded.
        Importing a newer file of the same source replaces its figures; rows that cannot be read are listed with the reason.
      </p>
      <form class="inline-form" onSubmit={send}>
        <div class="field">
          <label for="ti-kind">Kind of source</label>
          <select id="ti-kind" value={kind} onChange={changeKind} disabled={busy}>
            {(Object.keys(IMPORT_TYPES) as ImportKind[]).map((k) => (
              <option key={k} value={k}>
                {IMPORT_TYPES[k].label}
              </option>
            ))}
          </select>
        </div>
        <div class={`field${problem ? ' has-error' : ''}`}>
          <label for="ti-file">Source file</label>
          <input
            id="ti-file"
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={choose}
            disabled={busy}
            aria-describedby={problem ? 'ti-file-error' : undefined}
          />
          {problem && (
            <p class="field-error" id="ti-file-error" role="alert">
              {problem}
            </p>
          )}
        </div>
        <button type="submit" class="button primary" disabled={busy || !file || !!problem}>
          {busy ? 'Importing…' : 'Import'}
        </button>
      </form>
      {file && (
        <p class="muted small">
          {file.name} · {formatBytes(file.size)}
        </p>
      )}
      {progress && busy && (
        <progress max={100} value={percent(progress.loaded, progress.total)} aria-label="Upload progress">
          {percent(progress.loaded, progress.total)}%
        </progress>
      )}
      <ErrorBox error={error} title="Nothing was imported." />
      {report && (
        <div class="import-report" aria-labelledby="ti-report-h">
          <h3 id="ti-report-h">Import report: {report.source.file_name}</h3>
          <ReportFigures
            figures={[
              ['Rows imported', formatCount(report.rows_imported)],
              ['Rows replaced', formatCount(report.rows_replaced)],
              ['Rows rejected', formatCount(report.errors_total ?? allErrors.length)],
            ]}
          />
          {allErrors.length > 0 && (
            <>
              <div class="table-wrap">
                <table class="table compact">
                  <caption>Rejected rows{(report.errors_total ?? allErrors.length) > shownErrors.length ? ` (first ${shownErrors.length} of ${report.errors_total ?? allErrors.length})` : ''}</caption>
                  <thead>
                    <tr>
                      <th scope="col" class="num">
                        Row
                      </th>
                      <th scope="col">Column</th>
                      <th scope="col">Reason</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shownErrors.map((r, i) => (
                      <tr key={i}>
                        <td class="num">{r.row}</td>
                        <td>{r.column ?? '—'}</td>
                        <td>{r.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <button
                type="button"
                class="button secondary small"
                onClick={() =>
                  downloadText(
                    `rejected-rows-${report.source.file_name.replace(/[^A-Za-z0-9_.-]+/g, '_')}.csv`,
                    toCsv(
                      ['row', 'column', 'reason'],
                      allErrors.map((r) => [r.row, r.column, r.reason]),
                    ),
                  )
                }
              >
                Download all rejected rows (CSV)
              </button>
            </>
          )}
        </div>
      )}
    </section>
  );
}

function SourcesTable({ sources }: { sources: TrendSource[] }) {
  if (sources.length === 0) return <p class="empty">No source has been imported yet.</p>;
  return (
    <div class="table-wrap">
      <table class="table compact">
        <caption class="sr-only">Imported sources</caption>
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">File</th>
            <th scope="col">Imported</th>
            <th scope="col" class="num">
              Rows
            </th>
            <th scope="col" class="num">
              Rejected
            </th>
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => (
            <tr key={s.id}>
              <td>{SOURCE_LABELS[s.kind] ?? s.kind}</td>
              <td>
                <bdi dir="auto">{s.file_name}</bdi>
              </td>
              <td class="nowrap">{formatDateTime(s.imported_at)}</td>
              <td class="num">{formatCount(s.rows)}</td>
              <td class="num">{formatCount(s.rejected)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// ---- top nationalities and their moves

function TopNationalitiesPanel({
  routes,
  initialRoute,
  filters,
  moves,
}: {
  routes: TrendRoute[];
  initialRoute: string;
  filters: TrendFilters;
  moves: ShiftsAnswer['nationality_moves'];
}) {
  const [route, setRoute] = useState(initialRoute);
  useEffect(() => setRoute(initialRoute), [initialRoute]);
  const top = useAsync(
    () =>
      route
        ? api.get<TopNationalities>('/trends/top-nationalities', {
            route,
            from: filters.from,
            to: filters.to,
            measure: filters.measure,
            source: filters.source,
            limit: 10,
          })
        : Promise.resolve(null),
    [route, filters.from, filters.to, filters.measure, filters.source],
  );
  const linkFor = (nationality: string) => href('/trends', trendFiltersToParams({ ...filters, nationality }));
  return (
    <section class="panel" aria-labelledby="top-h">
      <div class="section-head">
        <h2 id="top-h">Top nationalities</h2>
        <div class="inline-form">
          <label for="top-route">Nationalities on route</label>
          <select id="top-route" value={route} onChange={(e) => setRoute((e.target as HTMLSelectElement).value)}>
            {!route && <option value="">Choose a route</option>}
            {routes.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {top.loading ? (
        <Loading what="Loading nationalities" />
      ) : top.error ? (
        <ErrorBox error={top.error} />
      ) : !top.data || top.data.nationalities.length === 0 ? (
        <p class="empty">No nationalities recorded on this route in this period.</p>
      ) : (
        <div class="table-wrap">
          <table class="table compact">
            <caption>
              {routeName(routes, top.data.route)}: the {top.data.nationalities.length} largest nationalities
            </caption>
            <thead>
              <tr>
                <th scope="col">Nationality</th>
                <th scope="col" class="num">
                  {MEASURE_LABELS[filters.measure]}
                </th>
                <th scope="col" class="num">
                  Share
                </th>
              </tr>
            </thead>
            <tbody>
              {top.data.nationalities.map((n) => (
                <tr key={n.nationality}>
                  <th scope="row">
                    <a href={linkFor(n.nationality)} dir="auto">
                      {n.nationality}
                    </a>
                  </th>
                  <td class="num">{formatCount(n.value)}</td>
                  <td class="num">{formatShare(n.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3 id="moves-h">Nationalities moving between routes</h3>
      {moves.length === 0 ? (
        <p class="empty">No nationality moved from one route to another in this period.</p>
      ) : (
        <div class="table-wrap">
          <table class="table compact" aria-labelledby="moves-h">
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Nationality</th>
                <th scope="col">From route</th>
                <th scope="col">To route</th>
              </tr>
            </thead>
            <tbody>
              {moves.map((m, i) => (
                <tr key={i}>
                  <td class="nowrap">{periodLabel(m.period)}</td>
                  <td>
                    <a href={linkFor(m.nationality)} dir="auto">
                      {m.nationality}
                    </a>
                  </td>
                  <td>{routeName(routes, m.from_route)}</td>
                  <td>{routeName(routes, m.to_route)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

// ---- the page

export function TrendsPage({ params }: { params: URLSearchParams }) {
  useTitle('Routes and trends');
  const { user } = useSession();
  const { filters, problems } = useMemo(() => parseTrendFilters(params), [params.toString()]);
  const [tick, setTick] = useState(0);
  const seriesKey = JSON.stringify(seriesQuery(filters));
  const shiftsKey = JSON.stringify(shiftsQuery(filters));
  const routes = useAsync(() => api.get<{ routes: TrendRoute[] }>('/trends/routes').then((r) => r.routes), [tick]);
  const series = useAsync(() => api.get<SeriesAnswer>('/trends/series', seriesQuery(filters)), [seriesKey, tick]);
  const shifts = useAsync(() => api.get<ShiftsAnswer>('/trends/shifts', shiftsQuery(filters)), [shiftsKey, tick]);
  const sources = useAsync(() => api.get<{ sources: TrendSource[] }>('/trends/sources').then((r) => r.sources), [tick]);
  const desks = useAsync(() => loadDesks(), []);

  const apply = (f: TrendFilters) => navigate(`/trends${paramsText(trendFiltersToParams(f))}`);
  const selectRoute = (id: string) => apply({ ...filters, route: filters.route === id ? '' : id });

  const routeList = routes.data ?? [];
  const shown = series.data?.series ?? [];
  const allShifts = shifts.data?.shifts ?? [];
  const allAlerts = shifts.data?.alerts ?? [];
  const perSeries = useMemo(
    () =>
      new Map(
        shown.map((s) => [
          s.key,
          {
            shifts: allShifts.filter((x) => belongsToSeries(x.series, s, filters)),
            alerts: allAlerts.filter((x) => belongsToSeries(x.series, s, filters)),
          },
        ]),
      ),
    [series.data, shifts.data, seriesKey],
  );
  const granularity = filters.granularity;
  const measure = MEASURE_LABELS[filters.measure];
  const exportCsv = () => downloadText(trendsCsvFileName(filters), trendsCsv(shown, filters, allShifts, allAlerts));
  const topRoute = filters.route || (filters.groupBy === 'route' ? shown[0]?.key : '') || routeList[0]?.id || '';

  return (
    <>
      <div class="page-head">
        <div>
          <h1>Routes and trends</h1>
          <p class="muted intro-line">
            Detections, deaths and missing persons by route from published sources and the incidents in the cases your desk may read;
            shifts between routes detected in the series.
          </p>
        </div>
      </div>
      {problems.length > 0 && (
        <Notice kind="warning">
          Some filters in the address were not understood and are ignored:{' '}
          {problems.map((p) => `${FILTER_LABELS[p.field]}: ${p.message}`).join(' ')}
        </Notice>
      )}
      <FilterForm filters={filters} routes={routeList} onApply={apply} />

      <section class="panel" aria-labelledby="map-h">
        <h2 id="map-h">Map of the routes</h2>
        {routes.loading && !routes.data ? (
          <Loading what="Loading the routes" />
        ) : routes.error ? (
          <ErrorBox error={routes.error} />
        ) : (
          <RoutesMap routes={routeList} selected={filters.route} onSelect={selectRoute} />
        )}
      </section>

      {allAlerts.length > 0 && (
        <section class="panel panel-alert" aria-labelledby="alerts-h">
          <h2 id="alerts-h">Alerts on the newest months</h2>
          <ul class="alert-list">
            {allAlerts.map((a, i) => (
              <li key={i}>
                <span class="badge alert-flag">alert</span> <strong>{seriesName(routeList, a.series)}</strong> {describeAlert(a)}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section class="panel" aria-labelledby="charts-h">
        <div class="section-head">
          <h2 id="charts-h">
            {measure} by {humanize(filters.groupBy).toLowerCase()}, {granularity === 'month' ? 'monthly' : 'quarterly'}
            {filters.route ? ` · ${routeName(routeList, filters.route)}` : ''}
            {filters.nationality ? ` · ${filters.nationality}` : ''}
          </h2>
          <button type="button" class="button secondary" onClick={exportCsv} disabled={shown.length === 0}>
            Export CSV
          </button>
        </div>
        {shifts.error ? <ErrorBox error={shifts.error} title="Shifts could not be detected:" /> : null}
        {series.loading && !series.data ? (
          <Loading what="Loading the series" />
        ) : series.error ? (
          <ErrorBox error={series.error} />
        ) : shown.length === 0 ? (
          <p class="empty">No figures for these filters. Import a source below, or widen the period.</p>
        ) : (
          <div class="chart-grid">
            {shown.map((s) => (
              <TrendChart
                key={s.key}
                series={s}
                granularity={granularity}
                measure={measure}
                shifts={perSeries.get(s.key)?.shifts}
                alerts={perSeries.get(s.key)?.alerts}
              />
            ))}
          </div>
        )}
      </section>

      <section class="panel" aria-labelledby="disp-h">
        <h2 id="disp-h">Displacement between routes</h2>
        {shifts.loading && !shifts.data ? (
          <Loading what="Detecting shifts" />
        ) : (shifts.data?.displacements ?? []).length === 0 ? (
          <p class="empty">No route fell while another rose in the same window.</p>
        ) : (
          <div class="table-wrap">
            <table class="table compact">
              <caption class="sr-only">A route falling while another rises in the same window</caption>
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  <th scope="col">Falling route</th>
                  <th scope="col" class="num">
                    Change
                  </th>
                  <th scope="col">Rising route</th>
                  <th scope="col" class="num">
                    Change
                  </th>
                </tr>
              </thead>
              <tbody>
                {shifts.data!.displacements.map((d, i) => (
                  <tr key={i}>
                    <td class="nowrap">{periodLabel(d.period)}</td>
                    <td>{routeName(routeList, d.falling.route)}</td>
                    <td class="num shift-down">{formatChange(d.falling.change)}</td>
                    <td>{routeName(routeList, d.rising.route)}</td>
                    <td class="num shift-up">{formatChange(d.rising.change)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <TopNationalitiesPanel routes={routeList} initialRoute={topRoute} filters={filters} moves={shifts.data?.nationality_moves ?? []} />

      {canImportTrends(user) && <ImportPanel onImported={() => setTick((t) => t + 1)} />}

      <section class="panel" aria-labelledby="sources-h">
        <h2 id="sources-h">Sources</h2>
        {sources.loading && !sources.data ? (
          <Loading what="Loading the sources" />
        ) : sources.error ? (
          <ErrorBox error={sources.error} />
        ) : (
          <SourcesTable sources={sources.data ?? []} />
        )}
      </section>

      <section class="panel" aria-labelledby="countries-h">
        <h2 id="countries-h">Country pages</h2>
        {desks.data ? (
          <ul class="country-links">
            {[...desks.data].sort((a, b) => a.name.localeCompare(b.name, 'en')).map((d) => (
              <li key={d.code}>
                <a href={href(`/trends/countries/${d.code}`)}>
                  {d.name} ({d.code})
                </a>
              </li>
            ))}
          </ul>
        ) : desks.error ? (
          <ErrorBox error={desks.error} />
        ) : (
          <Loading what="Loading the desks" />
        )}
      </section>
    </>
  );
}

function paramsText(params: URLSearchParams): string {
  const text = params.toString();
  return text ? `?${text}` : '';
}

function seriesName(routes: TrendRoute[], ref: { route: string | null; nationality: string | null }): string {
  const parts = [ref.route ? routeName(routes, ref.route) : '', ref.nationality ?? ''].filter(Boolean);
  return parts.length ? `${parts.join(', ')}:` : '';
}
