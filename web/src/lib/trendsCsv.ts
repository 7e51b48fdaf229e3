// CSV of what the trends page shows, made in the browser (RFC 4180: commas, quotes and line
// breaks quoted, CRLF line ends). Text that a spreadsheet would run as a formula (=, +, -, @,
// tab, CR at its start) gets a leading apostrophe; numbers are written as numbers.
import { belongsToSeries, toGranularity, type ChangeAlert, type Granularity, type Series, type Shift, type TrendFilters } from './trends';

export type CsvValue = string | number | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  if (/[",\r\n]/.test(text)) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

export function toCsv(header: string[], rows: CsvValue[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export const TRENDS_CSV_HEADER = [
  'measure',
  'granularity',
  'group_by',
  'key',
  'label',
  'period',
  'value',
  'year_on_year_change',
  'shift_direction',
  'shift_change',
  'shift_confidence',
  'alert_probability',
];

// One row per series and period, as the charts and their tables show them, with the shift and
// alert marked at their period.
export function trendsCsv(series: Series[], filters: TrendFilters, shifts: Shift[], alerts: ChangeAlert[]): string {
  const g: Granularity = filters.granularity;
  const rows: CsvValue[][] = [];
  for (const s of series) {
    const yoy = new Map(s.yoy?.map((y) => [y.period, y.change]) ?? []);
    const shiftAt = new Map<string, Shift>();
    for (const sh of shifts) {
      const at = toGranularity(sh.period, g);
      if (at && belongsToSeries(sh.series, s, filters)) shiftAt.set(at, sh);
    }
    const alertAt = new Map<string, ChangeAlert>();
    for (const a of alerts) {
      const at = toGranularity(a.period, g);
      if (at && belongsToSeries(a.series, s, filters)) alertAt.set(at, a);
    }
    for (const p of s.points) {
      const sh = shiftAt.get(p.period);
      const al = alertAt.get(p.period);
      rows.push([
        filters.measure,
        g,
        filters.groupBy,
        s.key,
        s.label,
        p.period,
        p.value,
        yoy.get(p.period) ?? null,
        sh?.direction ?? null,
        sh?.change ?? null,
        sh?.confidence ?? null,
        al?.probability ?? null,
      ]);
    }
  }
  return toCsv(TRENDS_CSV_HEADER, rows);
}

// "crossroads-trends-detections-month-central_mediterranean-2023-01-to-2024-12.csv"
export function trendsCsvFileName(f: TrendFilters): string {
  const parts = ['crossroads-trends', f.measure, f.granularity];
  if (f.route) parts.push(f.route);
  if (f.nationality) parts.push(f.nationality);
  if (f.source) parts.push(f.source);
  if (f.from || f.to) parts.push(`${f.from || 'start'}-to-${f.to || 'end'}`);
  return `${parts.join('-').replace(/[^A-Za-z0-9_.-]+/g, '_')}.csv`;
}
