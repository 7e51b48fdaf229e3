import { api } from '../lib/api';
import { humanize } from '../lib/format';
import type { CaseCount } from '../lib/types';
import { loadVocabulary, navigate, useAsync, useLocation, useTitle } from '../hooks';
import { NewOngoingTable } from '../components/countTables';
import { ErrorBox, Loading, ReportFigures } from '../components/ui';
import { href } from '../lib/router';
import { formatCount, type AnnualStatistics } from '../lib/trends';

export interface CrossTable {
  rows: string[];
  columns: string[];
  cell: (row: string, column: string) => number;
  rowTotal: (row: string) => number;
  columnTotal: (column: string) => number;
  total: number;
}

// Counts summed into a desk x stage table (and the same by year).
export function crossTable(counts: CaseCount[], rowOf: (c: CaseCount) => string, columns: string[]): CrossTable {
  const map = new Map<string, number>();
  const rows = new Set<string>();
  let total = 0;
  for (const c of counts) {
    const r = rowOf(c);
    rows.add(r);
    const key = `${r}\u0000${c.stage}`;
    map.set(key, (map.get(key) ?? 0) + c.count);
    total += c.count;
  }
  const sortedRows = [...rows].sort();
  return {
    rows: sortedRows,
    columns,
    cell: (r, col) => map.get(`${r}\u0000${col}`) ?? 0,
    rowTotal: (r) => columns.reduce((s, col) => s + (map.get(`${r}\u0000${col}`) ?? 0), 0),
    columnTotal: (col) => sortedRows.reduce((s, r) => s + (map.get(`${r}\u0000${col}`) ?? 0), 0),
    total,
  };
}

function Table({ t, rowLabel, caption }: { t: CrossTable; rowLabel: string; caption: string }) {
  return (
    <div class="table-wrap">
      <table class="table compact stats">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{rowLabel}</th>
            {t.columns.map((c) => (
              <th scope="col" class="num" key={c}>
                {humanize(c)}
              </th>
            ))}
            <th scope="col" class="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {t.rows.map((r) => (
            <tr key={r}>
              <th scope="row">{r}</th>
              {t.columns.map((c) => (
                <td class="num" key={c}>
                  {t.cell(r, c) || <span class="muted">·</span>}
                </td>
              ))}
              <td class="num strong">{t.rowTotal(r)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            {t.columns.map((c) => (
              <td class="num" key={c}>
                {t.columnTotal(c)}
              </td>
            ))}
            <td class="num strong">{t.total}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function StatisticsPage() {
  useTitle('Statistics');
  const data = useAsync(() => Promise.all([api.get<{ cases: CaseCount[] }>('/statistics'), loadVocabulary()]), []);
  if (data.loading) return <Loading what="Loading statistics" />;
  if (data.error || !data.data) return <ErrorBox error={data.error} />;
  const [stats, vocab] = data.data;
  const byDesk = crossTable(stats.cases, (c) => c.desk, vocab.stages);
  const byYear = crossTable(stats.cases, (c) => String(c.year), vocab.stages);
  return (
    <>
      <div class="page-head">
        <h1>Statistics</h1>
      </div>
      <p class="muted">Counts of cases by owning desk, stage and the year they were opened. No case contents are shown here.</p>
      <section class="panel">
        <p class="big-number">
          <strong>{byDesk.total}</strong> cases on <strong>{byDesk.rows.length}</strong> desks
        </p>
        <Table t={byDesk} rowLabel="Desk" caption="Cases by desk and stage" />
      </section>
      <section class="panel">
        <Table t={byYear} rowLabel="Year opened" caption="Cases by year opened and stage" />
      </section>
      <AnnualReport years={byYear.rows.map(Number)} />
    </>
  );
}

// The year of the annual figures: ?year=YYYY in the address, else the current year.
export function annualYear(params: URLSearchParams, now: Date = new Date()): number {
  const text = params.get('year') ?? '';
  const year = /^\d{4}$/.test(text) ? Number(text) : NaN;
  return year >= 1990 && year <= now.getFullYear() + 1 ? year : now.getFullYear();
}

// The years to choose from: those with cases, the current one and the chosen one, newest first.
export function annualYears(withCases: number[], chosen: number, now: Date = new Date()): number[] {
  const years = new Set([...withCases.filter((y) => Number.isInteger(y) && y >= 1990), now.getFullYear(), chosen]);
  return [...years].sort((a, b) => b - a);
}

function AnnualReport({ years }: { years: number[] }) {
  const loc = useLocation();
  const year = annualYear(loc.params);
  const data = useAsync(() => api.get<AnnualStatistics>('/statistics/annual', { year }), [year]);
  const choose = (e: Event) => navigate(`/statistics?year=${(e.target as HTMLSelectElement).value}`);
  const a = data.data;
  return (
    <section class="panel" aria-labelledby="annual-h">
      <div class="section-head">
        <h2 id="annual-h">Annual report {year}</h2>
        <div class="inline-form">
          <label for="annual-year">Year</label>
          <select id="annual-year" value={String(year)} onChange={choose}>
            {annualYears(years, year).map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </div>
      {data.loading && !a ? (
        <Loading what={`Loading the figures of ${year}`} />
      ) : data.error || !a ? (
        <ErrorBox error={data.error} />
      ) : (
        <>
          <ReportFigures
            figures={[
              ['New cases', formatCount(a.cases.new)],
              ['Ongoing cases', formatCount(a.cases.ongoing)],
              ['New JITs', formatCount(a.jits.new)],
              ['Ongoing JITs', formatCount(a.jits.ongoing)],
              ['Coordination meetings', formatCount(a.coordination_meetings)],
            ]}
          />
          <div class="annual-grid">
            <NewOngoingTable
              caption={<>Cases in {year} by desk</>}
              first="Desk"
              rows={a.cases.by_desk.map((d) => ({
                key: d.desk,
                label: <a href={href(`/trends/countries/${d.desk}`)}>{d.desk}</a>,
                new: d.new,
                ongoing: d.ongoing,
              }))}
              total={a.cases}
            />
            <div class="table-wrap">
              <table class="table compact stats">
                <caption>Cases in {year} by stage</caption>
                <thead>
                  <tr>
                    <th scope="col">Stage</th>
                    <th scope="col" class="num">
                      Cases
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {a.cases.by_stage.map((s) => (
                    <tr key={s.stage}>
                      <th scope="row">{humanize(s.stage)}</th>
                      <td class="num">{formatCount(s.count)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
