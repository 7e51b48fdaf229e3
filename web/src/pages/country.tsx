import { useEffect, useState } from 'preact/hooks';
import { api } from '../lib/api';
import { href } from '../lib/router';
import {
  checkFilters,
  DEFAULT_FILTERS,
  formatCount,
  MEASURE_LABELS,
  parsePeriod,
  routeName,
  type CountryTrends,
  type FilterProblem,
  type Granularity,
  type TrendRoute,
} from '../lib/trends';
import { toCsv } from '../lib/trendsCsv';
import { humanize } from '../lib/format';
import { loadDesks, navigate, useAsync, useTitle } from '../hooks';
import { NewOngoingTable } from '../components/countTables';
import { describedBy, ErrorBox, Field, isNotFound, Loading, NotFound, Notice, ReportFigures } from '../components/ui';
import { downloadText, TrendChart } from './trends';

const COUNTRY = /^[A-Z]{2}$/;

// The window of the country page from the address: months (YYYY-MM) or nothing.
function readWindow(params: URLSearchParams): { from: string; to: string; problems: FilterProblem[] } {
  const from = (params.get('from') ?? '').trim();
  const to = (params.get('to') ?? '').trim();
  const problems = checkFilters({ ...DEFAULT_FILTERS, from, to });
  const bad = new Set(problems.map((p) => p.field));
  return { from: bad.has('from') ? '' : from, to: bad.has('to') ? '' : to, problems };
}

function WindowForm({ cc, from, to }: { cc: string; from: string; to: string }) {
  const [draft, setDraft] = useState({ from, to });
  const [problems, setProblems] = useState<FilterProblem[]>([]);
  useEffect(() => setDraft({ from, to }), [from, to]);
  const errorOf = (field: 'from' | 'to') =>
    problems
      .filter((p) => p.field === field)
      .map((p) => p.message)
      .join(' ') || null;
  const submit = (e: Event) => {
    e.preventDefault();
    const found = checkFilters({ ...DEFAULT_FILTERS, ...draft });
    setProblems(found);
    if (found.length > 0) return;
    const params = new URLSearchParams();
    if (draft.from) params.set('from', draft.from);
    if (draft.to) params.set('to', draft.to);
    const q = params.toString();
    navigate(`/trends/countries/${cc}${q ? `?${q}` : ''}`);
  };
  return (
    <form class="filters" onSubmit={submit} aria-label="Period" noValidate>
      {(['from', 'to'] as const).map((field) => {
        const id = `cw-${field}`;
        const error = errorOf(field);
        return (
          <Field key={field} id={id} label={field === 'from' ? 'From' : 'To'} hint="YYYY-MM" error={error}>
            <input
              id={id}
              type="month"
              value={draft[field]}
              placeholder="YYYY-MM"
              onInput={(e) => setDraft({ ...draft, [field]: (e.target as HTMLInputElement).value })}
              aria-describedby={describedBy(id, 'YYYY-MM', error)}
              aria-invalid={error ? true : undefined}
            />
          </Field>
        );
      })}
      <div class="field actions">
        <button type="submit" class="button primary">
          Show
        </button>
      </div>
    </form>
  );
}

export function CountryPage({ cc, params }: { cc: string; params: URLSearchParams }) {
  const code = cc.toUpperCase();
  const valid = COUNTRY.test(code);
  const { from, to, problems } = readWindow(params);
  const desks = useAsync(() => loadDesks(), []);
  const deskName = desks.data?.find((d) => d.code === code)?.name ?? code;
  useTitle(`Country page ${code}`);
  const data = useAsync(
    () =>
      valid
        ? Promise.all([
            api.get<CountryTrends>(`/trends/countries/${code}`, { from, to }),
            api.get<{ routes: TrendRoute[] }>('/trends/routes').then((r) => r.routes),
          ])
        : Promise.resolve(null),
    [code, from, to],
  );
  if (!valid) return <NotFound what="country page" />;
  if (data.loading && !data.data) return <Loading what={`Loading the country page of ${code}`} />;
  if (isNotFound(data.error)) return <NotFound what="country page" />;
  if (data.error || !data.data) return <ErrorBox error={data.error} />;
  const [country, routes] = data.data;
  const granularityOf = (periods: string[]): Granularity => (parsePeriod(periods[0] ?? '')?.granularity ?? 'month');
  const incidents = Object.entries(country.incidents ?? {});
  const cases = [...(country.cases_per_year ?? [])].sort((a, b) => b.year - a.year);
  return (
    <>
      <div class="page-head">
        <div>
          <p class="eyebrow">
            <a href={href('/trends')}>Routes and trends</a> · country page
          </p>
          <h1>
            {deskName} ({code})
          </h1>
        </div>
      </div>
      {problems.length > 0 && (
        <Notice kind="warning">Some of the period in the address was not understood and is ignored: {problems.map((p) => p.message).join(' ')}</Notice>
      )}
      <WindowForm cc={code} from={from} to={to} />
      <div class="country-grid">
        <section class="panel" aria-labelledby="c-routes-h">
          <h2 id="c-routes-h">Routes touching {deskName}</h2>
          {country.routes.length === 0 ? (
            <p class="empty">No route of the taxonomy touches this country.</p>
          ) : (
            <ul class="link-list">
              {country.routes.map((r) => (
                <li key={r}>
                  <a href={href('/trends', { route: r, ...(from ? { from } : {}), ...(to ? { to } : {}) })}>{routeName(routes, r)}</a>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section class="panel" aria-labelledby="c-inc-h">
          <h2 id="c-inc-h">Incidents {from || to ? `${from || 'start'} to ${to || 'now'}` : 'in all periods'}</h2>
          {incidents.length === 0 ? (
            <p class="empty">No incidents recorded.</p>
          ) : (
            <ReportFigures figures={incidents.map(([k, v]) => [MEASURE_LABELS[k as keyof typeof MEASURE_LABELS] ?? humanize(k), formatCount(v)])} />
          )}
        </section>
      </div>
      <section class="panel" aria-labelledby="c-series-h">
        <h2 id="c-series-h">Series of the routes</h2>
        {country.series.length === 0 ? (
          <p class="empty">No figures in this period.</p>
        ) : (
          <div class="chart-grid">
            {country.series.map((s) => (
              <TrendChart key={s.key} series={s} granularity={granularityOf(s.points.map((p) => p.period))} measure="Detections" />
            ))}
          </div>
        )}
      </section>
      <section class="panel" aria-labelledby="c-cases-h">
        <div class="section-head">
          <h2 id="c-cases-h">Cases of desk {code} per year</h2>
          <button
            type="button"
            class="button secondary small"
            disabled={cases.length === 0}
            onClick={() =>
              downloadText(
                `crossroads-cases-per-year-${code}.csv`,
                toCsv(
                  ['desk', 'year', 'new', 'ongoing'],
                  cases.map((c) => [code, c.year, c.new, c.ongoing]),
                ),
              )
            }
          >
            Export CSV
          </button>
        </div>
        {cases.length === 0 ? (
          <p class="empty">
            {country.cases_visible === false
              ? `Your role or desk does not see the case counts of desk ${code}.`
              : 'No cases counted for this desk.'}
          </p>
        ) : (
          <NewOngoingTable
            caption={<>Cases of desk {code} per year: new and ongoing</>}
            captionClass="sr-only"
            first="Year"
            rows={cases.map((c) => ({ key: c.year, label: c.year, new: c.new, ongoing: c.ongoing }))}
          />
        )}
      </section>
    </>
  );
}
