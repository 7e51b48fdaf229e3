import { api } from '../lib/api';
import { humanize } from '../lib/format';
import type { CaseCount } from '../lib/types';
import { loadVocabulary, useAsync, useTitle } from '../hooks';
import { ErrorBox, Loading } from '../components/ui';

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
    </>
  );
}
