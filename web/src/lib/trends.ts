// Routes and trends: the shapes of the /api/v1/trends/* answers, the trends page's filters (kept
// in the address so that a view can be bookmarked and reloaded), their check and their query, and
// period arithmetic ("2023-01" months, "2023-Q1" quarters). No DOM here: unit tested.
import type { QueryValue } from './api';
import type { Role, User } from './types';

export const MEASURES = ['detections', 'dead', 'missing', 'dead_and_missing', 'survivors', 'minors'] as const;
export type Measure = (typeof MEASURES)[number];
export const GRANULARITIES = ['month', 'quarter'] as const;
export type Granularity = (typeof GRANULARITIES)[number];
export const GROUP_BYS = ['route', 'nationality', 'border_type'] as const;
export type GroupBy = (typeof GROUP_BYS)[number];
export const SOURCES = ['frontex', 'iom', 'synth', 'cases'] as const;
export const BORDER_TYPES = ['sea', 'land', 'air'] as const;
export const METHODS = ['pelt', 'binseg'] as const;

export const MEASURE_LABELS: Record<Measure, string> = {
  detections: 'Detections',
  dead: 'Dead',
  missing: 'Missing',
  dead_and_missing: 'Dead and missing',
  survivors: 'Survivors',
  minors: 'Children and unaccompanied minors',
};
export const SOURCE_LABELS: Record<string, string> = {
  frontex: 'Frontex detections',
  iom: 'IOM Missing Migrants',
  synth: 'Synthetic world',
  cases: 'Incidents in cases',
};

// ---- the API's answers (contract: docs/architecture.md, src/api/openapi.json)

export type LonLat = [number, number];

export interface TrendRoute {
  id: string;
  name: string;
  countries: string[];
  path: LonLat[];
}

export interface SeriesPoint {
  period: string;
  value: number;
}

export interface YoyPoint {
  period: string;
  change: number | null;
}

export interface Series {
  key: string;
  label: string;
  points: SeriesPoint[];
  total: number;
  share: number;
  yoy: YoyPoint[];
}

export interface SeriesAnswer {
  measure: string;
  granularity: string;
  group_by: string;
  series: Series[];
}

export interface SeriesRef {
  route: string | null;
  nationality: string | null;
  border_type?: string | null;
}

export interface Shift {
  series: SeriesRef;
  period: string;
  direction: 'up' | 'down';
  before: number;
  after: number;
  change: number;
  confidence: number;
}

export interface ChangeAlert {
  series: SeriesRef;
  period: string;
  probability: number;
  direction: 'up' | 'down';
}

export interface Displacement {
  period: string;
  falling: { route: string; change: number };
  rising: { route: string; change: number };
}

export interface NationalityMove {
  nationality: string;
  from_route: string;
  to_route: string;
  period: string;
}

export interface ShiftsAnswer {
  shifts: Shift[];
  alerts: ChangeAlert[];
  displacements: Displacement[];
  nationality_moves: NationalityMove[];
}

export interface TopNationalities {
  route: string;
  nationalities: { nationality: string; value: number; share: number }[];
}

export interface TrendSource {
  id: number;
  kind: string;
  file_name: string;
  imported_at: string;
  rows: number;
  rejected: number;
}

export interface TrendImportError {
  row: number;
  column: string | null;
  reason: string;
}

export interface TrendImportReport {
  source: TrendSource;
  rows_imported: number;
  rows_replaced: number;
  errors: TrendImportError[]; // the first 1000
  errors_total?: number; // all rejected rows
}

export interface CountryTrends {
  country: string;
  routes: string[];
  incidents: Record<string, number>;
  series: Series[];
  cases_per_year: { year: number; new: number; ongoing: number }[];
  cases_visible?: boolean; // false: the caller's role or desk may not see the desk's case counts
}

export interface AnnualStatistics {
  year: number;
  cases: {
    new: number;
    ongoing: number;
    by_desk: { desk: string; new: number; ongoing: number }[];
    by_stage: { stage: string; count: number }[];
  };
  jits: { new: number; ongoing: number };
  coordination_meetings: number;
}

// ---- who may import (the server decides; this only hides a form that would be refused)

const IMPORT_ROLES: Role[] = ['national_member', 'analyst', 'secretariat', 'administrator'];
export const canImportTrends = (user: User) => IMPORT_ROLES.includes(user.role);

export type ImportKind = 'frontex' | 'iom';
export const IMPORT_TYPES: Record<ImportKind, { contentType: string; extension: string; label: string }> = {
  frontex: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: '.xlsx',
    label: 'Frontex detections workbook (.xlsx)',
  },
  iom: { contentType: 'text/csv', extension: '.csv', label: 'IOM Missing Migrants export (.csv)' },
};

// The kind a file name suggests (by its extension), or null.
export function importKindOf(fileName: string): ImportKind | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'frontex';
  if (lower.endsWith('.csv')) return 'iom';
  return null;
}

// Why a file cannot be sent as this kind, or null when it can.
export function importProblem(kind: ImportKind, fileName: string, size: number): string | null {
  const want = IMPORT_TYPES[kind];
  if (!fileName.toLowerCase().endsWith(want.extension))
    return `“${fileName}” is not a ${want.extension} file; choose the ${want.label} or change the kind of source.`;
  if (size === 0) return `“${fileName}” is empty; download the file again.`;
  return null;
}

// ---- periods

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface ParsedPeriod {
  granularity: Granularity;
  year: number;
  index: number; // month 1..12 or quarter 1..4
  ordinal: number; // consecutive periods of one granularity have consecutive ordinals
}

export function parsePeriod(period: string): ParsedPeriod | null {
  let m = MONTH.exec(period);
  if (m) {
    const year = Number(m[1]);
    const index = Number(m[2]);
    return { granularity: 'month', year, index, ordinal: year * 12 + index - 1 };
  }
  m = QUARTER.exec(period);
  if (m) {
    const year = Number(m[1]);
    const index = Number(m[2]);
    return { granularity: 'quarter', year, index, ordinal: year * 4 + index - 1 };
  }
  return null;
}

export function periodFromOrdinal(ordinal: number, granularity: Granularity): string {
  if (granularity === 'month') {
    const year = Math.floor(ordinal / 12);
    return `${year}-${String((ordinal % 12) + 1).padStart(2, '0')}`;
  }
  return `${Math.floor(ordinal / 4)}-Q${(ordinal % 4) + 1}`;
}

// The same period in another granularity: a month to its quarter, a quarter to its first month.
export function toGranularity(period: string, granularity: Granularity): string | null {
  const p = parsePeriod(period);
  if (!p) return null;
  if (p.granularity === granularity) return period;
  if (granularity === 'quarter') return `${p.year}-Q${Math.floor((p.index - 1) / 3) + 1}`;
  return `${p.year}-${String((p.index - 1) * 3 + 1).padStart(2, '0')}`;
}

// "2023-01" -> "Jan 2023", "2023-Q1" -> "Q1 2023"; anything else as it came.
export function periodLabel(period: string): string {
  const p = parsePeriod(period);
  if (!p) return period;
  return p.granularity === 'month' ? `${MONTH_NAMES[p.index - 1]} ${p.year}` : `Q${p.index} ${p.year}`;
}

// ---- numbers as people read them

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-GB', { notation: 'compact', maximumFractionDigits: 1 });

export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return whole.format(value);
}
export function formatCompact(value: number): string {
  return compact.format(value);
}
// 0.354 -> "+35%", -0.74 -> "−74%", null -> "—".
export function formatChange(change: number | null | undefined): string {
  if (change === null || change === undefined || !Number.isFinite(change)) return '—';
  const pct = Math.round(change * 100);
  if (pct === 0) return '0%';
  return `${pct > 0 ? '+' : '−'}${Math.abs(pct)}%`;
}
// 0.41 -> "41%"; 0.004 -> "0.4%".
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  const pct = share * 100;
  return `${pct > 0 && pct < 1 ? pct.toFixed(1) : Math.round(pct)}%`;
}

// A shift in words: "Nov 2022: down −74% (12,001 → 3,100 a month), confidence 97%".
export function describeShift(s: Shift, granularity: Granularity = 'month'): string {
  const per = granularity === 'month' ? 'a month' : 'a quarter';
  return (
    `${periodLabel(s.period)}: ${s.direction} ${formatChange(s.change)} ` +
    `(${formatCount(s.before)} → ${formatCount(s.after)} ${per}), confidence ${formatShare(s.confidence)}`
  );
}
export function describeAlert(a: ChangeAlert): string {
  return `${periodLabel(a.period)}: possible change ${a.direction}, probability ${formatShare(a.probability)}`;
}

// ---- the filters of the trends page

export interface TrendFilters {
  route: string;
  nationality: string;
  borderType: string;
  from: string; // YYYY-MM or ''
  to: string;
  measure: Measure;
  granularity: Granularity;
  groupBy: GroupBy;
  source: string;
  method: string; // '' (server default), pelt, binseg
  penalty: string; // '' (server default), bic, aic or a positive number
}

export const DEFAULT_FILTERS: TrendFilters = {
  route: '',
  nationality: '',
  borderType: '',
  from: '',
  to: '',
  measure: 'detections',
  granularity: 'month',
  groupBy: 'route',
  source: '',
  method: '',
  penalty: '',
};

// The address parameter of each filter.
const PARAM: Record<keyof TrendFilters, string> = {
  route: 'route',
  nationality: 'nationality',
  borderType: 'border_type',
  from: 'from',
  to: 'to',
  measure: 'measure',
  granularity: 'granularity',
  groupBy: 'group_by',
  source: 'source',
  method: 'method',
  penalty: 'penalty',
};

export const FILTER_LABELS: Record<keyof TrendFilters, string> = {
  route: 'Route',
  nationality: 'Nationality',
  borderType: 'Border type',
  from: 'From',
  to: 'To',
  measure: 'Measure',
  granularity: 'Granularity',
  groupBy: 'Group by',
  source: 'Source',
  method: 'Shift method',
  penalty: 'Penalty',
};

export interface FilterProblem {
  field: keyof TrendFilters;
  message: string;
}

const oneOf = (list: readonly string[], value: string) => list.includes(value);

// Every problem of a set of filters, each naming its field and what to do.
export function checkFilters(f: TrendFilters): FilterProblem[] {
  const problems: FilterProblem[] = [];
  const add = (field: keyof TrendFilters, message: string) => problems.push({ field, message });
  if (f.route && !/^[a-z][a-z0-9_]{0,63}$/.test(f.route))
    add('route', `“${f.route}” is not a route id; pick a route from the list.`);
  if (f.nationality.length > 80) add('nationality', 'A nationality is a country code or name of at most 80 characters.');
  if (f.nationality && /[\u0000-\u001f<>]/.test(f.nationality))
    add('nationality', 'A nationality is a country code (SY) or a name (Syria), without control characters or < >.');
  if (f.borderType && !oneOf(BORDER_TYPES, f.borderType)) add('borderType', `Border type is one of ${BORDER_TYPES.join(', ')}.`);
  for (const field of ['from', 'to'] as const) {
    const value = f[field];
    if (value && parsePeriod(value)?.granularity !== 'month')
      add(field, `“${value}” is not a month; write it as YYYY-MM, for example 2023-01.`);
  }
  if (f.from && f.to && parsePeriod(f.from) && parsePeriod(f.to) && f.from > f.to)
    add('to', `The period ends (${f.to}) before it starts (${f.from}); swap the two months.`);
  if (!oneOf(MEASURES, f.measure)) add('measure', `Measure is one of ${MEASURES.join(', ')}.`);
  if (!oneOf(GRANULARITIES, f.granularity)) add('granularity', 'Granularity is month or quarter.');
  if (!oneOf(GROUP_BYS, f.groupBy)) add('groupBy', `Group by is one of ${GROUP_BYS.join(', ')}.`);
  if (f.source && !oneOf(SOURCES, f.source)) add('source', `Source is one of ${SOURCES.join(', ')}.`);
  if (f.method && !oneOf(METHODS, f.method)) add('method', 'The shift method is pelt or binseg.');
  if (f.penalty && !(f.penalty === 'bic' || f.penalty === 'aic' || (/^\d+(\.\d+)?$/.test(f.penalty) && Number(f.penalty) > 0)))
    add('penalty', `“${f.penalty}” is not a penalty; use bic, aic or a positive number such as 25.`);
  return problems;
}

// The filters in the address; a value that fails its check is reported and replaced by its default.
export function parseTrendFilters(params: URLSearchParams): { filters: TrendFilters; problems: FilterProblem[] } {
  const read = (key: keyof TrendFilters) => (params.get(PARAM[key]) ?? '').trim();
  const raw: TrendFilters = {
    route: read('route'),
    nationality: read('nationality'),
    borderType: read('borderType'),
    from: read('from'),
    to: read('to'),
    measure: (read('measure') || DEFAULT_FILTERS.measure) as Measure,
    granularity: (read('granularity') || DEFAULT_FILTERS.granularity) as Granularity,
    groupBy: (read('groupBy') || DEFAULT_FILTERS.groupBy) as GroupBy,
    source: read('source'),
    method: read('method'),
    penalty: read('penalty'),
  };
  const problems = checkFilters(raw);
  const filters = { ...raw };
  for (const p of problems) (filters as Record<string, string>)[p.field] = DEFAULT_FILTERS[p.field];
  return { filters, problems };
}

// The address parameters of the filters (defaults left out).
export function trendFiltersToParams(f: TrendFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of Object.keys(PARAM) as (keyof TrendFilters)[]) {
    const value = f[key].trim();
    if (value && value !== DEFAULT_FILTERS[key]) params.set(PARAM[key], value);
  }
  return params;
}

// GET /trends/series
export function seriesQuery(f: TrendFilters): Record<string, QueryValue> {
  return {
    measure: f.measure,
    granularity: f.granularity,
    group_by: f.groupBy,
    route: f.route,
    nationality: f.nationality,
    border_type: f.borderType,
    from: f.from,
    to: f.to,
    source: f.source,
  };
}

// GET /trends/shifts
export function shiftsQuery(f: TrendFilters): Record<string, QueryValue> {
  return {
    route: f.route,
    nationality: f.nationality,
    measure: f.measure,
    from: f.from,
    to: f.to,
    source: f.source,
    method: f.method,
    penalty: f.penalty,
  };
}

const same = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

// Whether a detected shift or alert belongs to the chart of one series. A series grouped by route
// takes the route's shifts (of the chosen nationality when one is chosen, else of the whole
// route); grouped by nationality, the nationality's shifts on the chosen route (or all routes).
export function belongsToSeries(ref: SeriesRef, series: Pick<Series, 'key' | 'label'>, f: TrendFilters): boolean {
  if (f.groupBy === 'route') {
    if (!same(ref.route, series.key)) return false;
    return f.nationality ? ref.nationality !== null && ref.nationality !== undefined : !ref.nationality;
  }
  if (f.groupBy === 'nationality') {
    if (!ref.nationality || !(same(ref.nationality, series.key) || same(ref.nationality, series.label))) return false;
    return f.route ? same(ref.route, f.route) : !ref.route;
  }
  return false;
}

// A route's name from the list, or the id made readable.
export function routeName(routes: TrendRoute[] | undefined, id: string): string {
  const found = routes?.find((r) => r.id === id);
  if (found) return found.name;
  const spaced = id.replace(/_/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

// A colour per route (SVG stroke/fill attributes: no inline style under the CSP), stable by id.
const ROUTE_COLOURS: Record<string, string> = {
  central_mediterranean: '#1f77b4',
  eastern_mediterranean: '#d62728',
  western_mediterranean: '#2ca02c',
  western_african: '#ff7f0e',
  western_balkans: '#9467bd',
  eastern_land_borders: '#8c564b',
  circular_albania_greece: '#e377c2',
  black_sea: '#17becf',
  channel: '#bcbd22',
  other: '#7f7f7f',
};
const EXTRA_COLOURS = ['#3b5b92', '#a23b72', '#2e7d6b', '#b8741a', '#5d4e8c', '#7a8b2d', '#c0504d', '#4f81bd'];

export function seriesColour(key: string): string {
  if (ROUTE_COLOURS[key]) return ROUTE_COLOURS[key];
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) >>> 0;
  return EXTRA_COLOURS[h % EXTRA_COLOURS.length];
}
