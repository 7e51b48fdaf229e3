import { describe, expect, it } from 'vitest';
import atlas from 'world-atlas/countries-110m.json';
import {
  belongsToSeries,
  canImportTrends,
  checkFilters,
  DEFAULT_FILTERS,
  describeShift,
  formatChange,
  formatShare,
  importKindOf,
  importProblem,
  parsePeriod,
  parseTrendFilters,
  periodLabel,
  routeName,
  seriesColour,
  seriesQuery,
  shiftsQuery,
  toGranularity,
  trendFiltersToParams,
  type ChangeAlert,
  type Series,
  type SeriesAnswer,
  type Shift,
  type ShiftsAnswer,
  type TrendFilters,
  type TrendRoute,
} from '../src/lib/trends';
import { buildChart, chartSummary, DEFAULT_CHART_SIZE, niceTicks } from '../src/lib/trendsChart';
import { csvCell, toCsv, TRENDS_CSV_HEADER, trendsCsv, trendsCsvFileName } from '../src/lib/trendsCsv';
import { countryShapes, mapProjection, projectWaypoints, routeLines, waypointBounds } from '../src/lib/trendsMap';
import { annualYear, annualYears } from '../src/pages/statistics';
import type { User } from '../src/lib/types';

// Fixtures in the shape of the API contract (/api/v1/trends/*).
const ROUTES: TrendRoute[] = [
  {
    id: 'central_mediterranean',
    name: 'Central Mediterranean',
    countries: ['LY', 'TN', 'IT', 'MT'],
    path: [
      [13.19, 32.89],
      [12.6, 35.5],
      [12.61, 37.5],
    ],
  },
  {
    id: 'western_balkans',
    name: 'Western Balkans',
    countries: ['GR', 'MK', 'RS', 'HU'],
    path: [
      [22.94, 40.64],
      [21.43, 41.99],
      [20.46, 44.79],
      [19.04, 47.5],
    ],
  },
  { id: 'channel', name: 'Channel', countries: ['FR', 'GB'], path: [] },
];

const months = (from: string, values: number[]) => {
  const start = parsePeriod(from)!;
  return values.map((value, i) => {
    const o = start.ordinal + i;
    return { period: `${Math.floor(o / 12)}-${String((o % 12) + 1).padStart(2, '0')}`, value };
  });
};

const CM: Series = {
  key: 'central_mediterranean',
  label: 'Central Mediterranean',
  points: months('2022-09', [4000, 4200, 3900, 12000, 12500, 11800]),
  total: 48400,
  share: 0.41,
  yoy: [{ period: '2022-12', change: 0.35 }, { period: '2023-01', change: null }],
};
const WB: Series = {
  key: 'western_balkans',
  label: 'Western Balkans',
  points: months('2022-09', [12000, 11500, 3100, 3000, 2900, 3200]),
  total: 35700,
  share: 0.3,
  yoy: [],
};
const SERIES: SeriesAnswer = { measure: 'detections', granularity: 'month', group_by: 'route', series: [CM, WB] };

const WB_SHIFT: Shift = {
  series: { route: 'western_balkans', nationality: null },
  period: '2022-11',
  direction: 'down',
  before: 12000.5,
  after: 3100.2,
  change: -0.74,
  confidence: 0.97,
};
const CM_SHIFT: Shift = {
  series: { route: 'central_mediterranean', nationality: null },
  period: '2022-12',
  direction: 'up',
  before: 4033,
  after: 12100,
  change: 2,
  confidence: 0.9,
};
const SYRIA_SHIFT: Shift = { ...CM_SHIFT, series: { route: 'central_mediterranean', nationality: 'Syria' }, period: '2023-01' };
const ALERT: ChangeAlert = { series: { route: 'central_mediterranean', nationality: null }, period: '2023-02', probability: 0.83, direction: 'up' };
const SHIFTS: ShiftsAnswer = {
  shifts: [WB_SHIFT, CM_SHIFT, SYRIA_SHIFT],
  alerts: [ALERT],
  displacements: [{ period: '2022-11', falling: { route: 'western_balkans', change: -0.6 }, rising: { route: 'central_mediterranean', change: 1.1 } }],
  nationality_moves: [{ nationality: 'Syria', from_route: 'western_balkans', to_route: 'eastern_mediterranean', period: '2023-Q1' }],
};

const filters = (over: Partial<TrendFilters> = {}): TrendFilters => ({ ...DEFAULT_FILTERS, ...over });

describe('periods', () => {
  it('parses months and quarters into consecutive ordinals', () => {
    expect(parsePeriod('2023-01')).toMatchObject({ granularity: 'month', year: 2023, index: 1 });
    expect(parsePeriod('2023-02')!.ordinal - parsePeriod('2023-01')!.ordinal).toBe(1);
    expect(parsePeriod('2023-01')!.ordinal - parsePeriod('2022-12')!.ordinal).toBe(1);
    expect(parsePeriod('2023-Q1')!.ordinal - parsePeriod('2022-Q4')!.ordinal).toBe(1);
    for (const bad of ['2023-13', '2023-00', '2023-1', '2023-Q5', '23-01', '2023-01-05', '']) expect(parsePeriod(bad)).toBeNull();
  });
  it('converts between months and quarters', () => {
    expect(toGranularity('2023-03', 'quarter')).toBe('2023-Q1');
    expect(toGranularity('2023-04', 'quarter')).toBe('2023-Q2');
    expect(toGranularity('2023-12', 'quarter')).toBe('2023-Q4');
    expect(toGranularity('2023-Q3', 'month')).toBe('2023-07');
    expect(toGranularity('2023-05', 'month')).toBe('2023-05');
    expect(toGranularity('May 2023', 'month')).toBeNull();
  });
  it('labels periods as people read them', () => {
    expect(periodLabel('2022-11')).toBe('Nov 2022');
    expect(periodLabel('2023-Q1')).toBe('Q1 2023');
    expect(periodLabel('whenever')).toBe('whenever');
  });
  it('writes changes, shares and shifts in words', () => {
    expect(formatChange(0.354)).toBe('+35%');
    expect(formatChange(-0.74)).toBe('−74%');
    expect(formatChange(null)).toBe('—');
    expect(formatShare(0.41)).toBe('41%');
    expect(formatShare(0.004)).toBe('0.4%');
    expect(describeShift(WB_SHIFT)).toBe('Nov 2022: down −74% (12,001 → 3,100 a month), confidence 97%');
  });
});

describe('trend filters', () => {
  it('round-trip through the address, leaving defaults out', () => {
    const f = filters({ route: 'western_balkans', nationality: 'Syria', from: '2022-01', to: '2023-12', measure: 'dead', granularity: 'quarter', source: 'iom', penalty: '25' });
    const params = trendFiltersToParams(f);
    expect(params.get('measure')).toBe('dead');
    expect(params.has('group_by')).toBe(false);
    expect(parseTrendFilters(params)).toEqual({ filters: f, problems: [] });
    expect(trendFiltersToParams(DEFAULT_FILTERS).toString()).toBe('');
  });
  it('report each bad value with its field and what to do, and fall back to the default', () => {
    const { filters: f, problems } = parseTrendFilters(
      new URLSearchParams('route=Central Med&from=2023-13&to=2022-01&measure=arrivals&granularity=week&source=twitter&penalty=-3&border_type=sky'),
    );
    const fields = problems.map((p) => p.field).sort();
    expect(fields).toEqual(['borderType', 'from', 'granularity', 'measure', 'penalty', 'route', 'source']);
    expect(problems.find((p) => p.field === 'from')!.message).toMatch(/YYYY-MM/);
    expect(f).toEqual({ ...DEFAULT_FILTERS, to: '2022-01' });
  });
  it('refuse a period that ends before it starts', () => {
    const problems = checkFilters(filters({ from: '2024-05', to: '2023-01' }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field: 'to' });
    expect(problems[0].message).toMatch(/before it starts/);
    expect(checkFilters(filters({ from: '2023-01', to: '2023-01' }))).toEqual([]);
  });
  it('refuse markup and overlong nationalities', () => {
    expect(checkFilters(filters({ nationality: '<script>' }))[0].field).toBe('nationality');
    expect(checkFilters(filters({ nationality: 'x'.repeat(81) }))[0].field).toBe('nationality');
    expect(checkFilters(filters({ nationality: "Côte d'Ivoire" }))).toEqual([]);
  });
  it('become the API queries of the contract', () => {
    const f = filters({ route: 'channel', nationality: 'AF', from: '2021-01', borderType: 'sea', method: 'binseg', penalty: 'aic' });
    expect(seriesQuery(f)).toEqual({
      measure: 'detections',
      granularity: 'month',
      group_by: 'route',
      route: 'channel',
      nationality: 'AF',
      border_type: 'sea',
      from: '2021-01',
      to: '',
      source: '',
    });
    expect(shiftsQuery(f)).toEqual({
      route: 'channel',
      nationality: 'AF',
      measure: 'detections',
      from: '2021-01',
      to: '',
      source: '',
      method: 'binseg',
      penalty: 'aic',
    });
  });
  it('give each series its own shifts', () => {
    expect(belongsToSeries(WB_SHIFT.series, WB, filters())).toBe(true);
    expect(belongsToSeries(WB_SHIFT.series, CM, filters())).toBe(false);
    // Without a nationality filter the route's own series, not a nationality's.
    expect(belongsToSeries(SYRIA_SHIFT.series, CM, filters())).toBe(false);
    expect(belongsToSeries(SYRIA_SHIFT.series, CM, filters({ nationality: 'Syria' }))).toBe(true);
    // Grouped by nationality: the nationality's series on the chosen route.
    const syria = { key: 'SY', label: 'Syria' };
    expect(belongsToSeries(SYRIA_SHIFT.series, syria, filters({ groupBy: 'nationality', route: 'central_mediterranean' }))).toBe(true);
    expect(belongsToSeries(SYRIA_SHIFT.series, syria, filters({ groupBy: 'nationality' }))).toBe(false);
    expect(belongsToSeries(WB_SHIFT.series, WB, filters({ groupBy: 'border_type' }))).toBe(false);
  });
  it('name routes and give them stable colours', () => {
    expect(routeName(ROUTES, 'western_balkans')).toBe('Western Balkans');
    expect(routeName(ROUTES, 'black_sea')).toBe('Black sea');
    expect(seriesColour('central_mediterranean')).toMatch(/^#[0-9a-f]{6}$/);
    expect(seriesColour('Syria')).toBe(seriesColour('Syria'));
    expect(seriesColour('central_mediterranean')).not.toBe(seriesColour('eastern_mediterranean'));
  });
});

describe('imports', () => {
  const user = (role: User['role']): User => ({ id: 1, username: 'u', display_name: 'U', role, desk: 'IT', disabled: false, created_at: '' });
  it('are offered to the roles the contract names', () => {
    expect(['national_member', 'analyst', 'secretariat', 'administrator'].every((r) => canImportTrends(user(r as User['role'])))).toBe(true);
    expect(canImportTrends(user('prosecutor'))).toBe(false);
    expect(canImportTrends(user('observer'))).toBe(false);
  });
  it('check the file before sending it', () => {
    expect(importKindOf('monthly-detections-ibc-2009-2025.xlsx')).toBe('frontex');
    expect(importKindOf('MissingMigrants-Global.CSV')).toBe('iom');
    expect(importKindOf('notes.pdf')).toBeNull();
    expect(importProblem('frontex', 'a.xlsx', 10)).toBeNull();
    expect(importProblem('frontex', 'a.csv', 10)).toMatch(/not a \.xlsx file/);
    expect(importProblem('iom', 'a.csv', 0)).toMatch(/empty/);
  });
});

describe('chart coordinates', () => {
  const size = DEFAULT_CHART_SIZE;
  const plotBottom = size.height - size.bottom;
  it('puts the periods from left to right and zero at the bottom', () => {
    const model = buildChart(CM, 'month');
    expect(model.first).toBe('2022-09');
    expect(model.last).toBe('2023-02');
    expect(model.points[0].x).toBe(size.left);
    expect(model.points[model.points.length - 1].x).toBe(size.width - size.right);
    const xs = model.points.map((p) => p.x);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    // Equal spacing for consecutive months.
    expect(xs[2] - xs[1]).toBeCloseTo(xs[1] - xs[0], 0);
    // y: the top tick is the round maximum, zero is the bottom of the plot.
    const top = model.yTicks[model.yTicks.length - 1];
    expect(top.value).toBeGreaterThanOrEqual(12500);
    expect(top.y).toBe(size.top);
    expect(model.yTicks[0]).toMatchObject({ value: 0, y: plotBottom });
    const highest = model.points.find((p) => p.value === 12500)!;
    expect(highest.y).toBeCloseTo(plotBottom - (12500 / top.value) * (plotBottom - size.top), 0);
    expect(model.line.startsWith(`M${size.left},`)).toBe(true);
    expect(model.line.match(/M/g)).toHaveLength(1);
  });
  it('sorts the points and breaks the line at a missing period', () => {
    const model = buildChart(
      { points: [{ period: '2023-04', value: 5 }, { period: '2023-01', value: 1 }, { period: '2023-02', value: 2 }, { period: 'bad', value: 9 }] },
      'month',
    );
    expect(model.points.map((p) => p.period)).toEqual(['2023-01', '2023-02', '2023-04']);
    expect(model.line.match(/M/g)).toHaveLength(2);
    // March is a slot on the axis even without a value.
    expect(model.points[2].x - model.points[1].x).toBeCloseTo(2 * (model.points[1].x - model.points[0].x), 0);
  });
  it('marks shifts and alerts at their period, converting months to quarters', () => {
    const model = buildChart(CM, 'month', [CM_SHIFT], [ALERT]);
    const shift = model.markers.find((m) => m.kind === 'shift')!;
    expect(shift.x).toBe(model.points.find((p) => p.period === '2022-12')!.x);
    expect(shift.direction).toBe('up');
    expect(shift.text).toMatch(/^Shift Dec 2022: up \+200%/);
    expect(model.markers.find((m) => m.kind === 'alert')!.x).toBe(size.width - size.right);
    const quarterly = buildChart(
      { points: [{ period: '2022-Q3', value: 4000 }, { period: '2022-Q4', value: 20000 }, { period: '2023-Q1', value: 36000 }] },
      'quarter',
      [CM_SHIFT],
    );
    expect(quarterly.markers[0].period).toBe('2022-Q4');
    expect(quarterly.markers[0].x).toBe(quarterly.points[1].x);
  });
  it('keeps shifts outside the plotted periods apart', () => {
    const early: Shift = { ...CM_SHIFT, period: '2019-03' };
    const model = buildChart(CM, 'month', [early]);
    expect(model.markers).toEqual([]);
    expect(model.outside).toEqual([early]);
  });
  it('copes with no points and with one point', () => {
    expect(buildChart({ points: [] }, 'month').line).toBe('');
    const one = buildChart({ points: [{ period: '2023-01', value: 0 }] }, 'month');
    expect(one.points[0].x).toBe(size.left + (size.width - size.left - size.right) / 2);
    expect(one.points[0].y).toBe(plotBottom);
  });
  it('labels years on a long axis and months on a short one', () => {
    const long = buildChart({ points: months('2009-01', Array.from({ length: 196 }, (_, i) => i)) }, 'month');
    expect(long.xTicks.length).toBeLessThanOrEqual(9);
    expect(long.xTicks[0].label).toBe('2009');
    expect(long.xTicks.every((t) => /^\d{4}$/.test(t.label))).toBe(true);
    const short = buildChart(CM, 'month');
    expect(short.xTicks[0].label).toBe('9/22');
  });
  it('rounds ticks to 1, 2 or 5 times a power of ten', () => {
    expect(niceTicks(12500)).toEqual([0, 5000, 10000, 15000]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(1)).toEqual([0, 0.5, 1]);
  });
  it('tells a screen reader what it shows', () => {
    const model = buildChart(WB, 'month', [WB_SHIFT]);
    expect(chartSummary('Western Balkans', WB, model, 'Detections')).toBe(
      'Western Balkans: Detections from 2022-09 to 2023-02, 6 periods, total 35,700; highest 12,000 in 2022-09, lowest 2,900 in 2023-01; 1 detected shift, 0 alerts.',
    );
  });
});

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('Central Mediterranean')).toBe('Central Mediterranean');
    expect(csvCell('Congo, Democratic Republic')).toBe('"Congo, Democratic Republic"');
    expect(csvCell('the "Balkan" route')).toBe('"the ""Balkan"" route"');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell("Côte d'Ivoire")).toBe("Côte d'Ivoire");
  });
  it('defuses text a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell('+49')).toBe("'+49");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell(-0.74)).toBe('-0.74');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });
  it('writes CRLF lines', () => {
    expect(toCsv(['a', 'b'], [[1, 'x,y']])).toBe('a,b\r\n1,"x,y"\r\n');
  });
  it('holds exactly the shown series, with shifts and alerts at their period', () => {
    const text = trendsCsv(SERIES.series, filters(), SHIFTS.shifts, SHIFTS.alerts);
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(TRENDS_CSV_HEADER.join(','));
    expect(lines).toHaveLength(1 + CM.points.length + WB.points.length);
    expect(lines).toContain('detections,month,route,central_mediterranean,Central Mediterranean,2022-12,12000,0.35,up,2,0.9,');
    expect(lines).toContain('detections,month,route,central_mediterranean,Central Mediterranean,2023-02,11800,,,,,0.83');
    expect(lines).toContain('detections,month,route,western_balkans,Western Balkans,2022-11,3100,,down,-0.74,0.97,');
    // The Syrian shift belongs to another series than the ones shown.
    expect(lines.filter((l) => l.includes(',2023-01,')).every((l) => l.endsWith(',,,,'))).toBe(true);
    expect(trendsCsv([WB], filters(), SHIFTS.shifts, [])).not.toMatch(/central_mediterranean/);
  });
  it('names the file after the filters', () => {
    expect(trendsCsvFileName(filters({ route: 'western_balkans', from: '2022-01' }))).toBe(
      'crossroads-trends-detections-month-western_balkans-2022-01-to-end.csv',
    );
    expect(trendsCsvFileName(filters({ nationality: 'Côte d’Ivoire / x' }))).toBe('crossroads-trends-detections-month-C_te_d_Ivoire_x.csv');
  });
});

describe('map projection of waypoints', () => {
  const projection = mapProjection(ROUTES);
  it('fits every waypoint inside the frame, north up and east right', () => {
    const pts = projectWaypoints(ROUTES[1].path, projection);
    expect(pts).toHaveLength(4);
    for (const [x, y] of pts) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(960);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(540);
    }
    // Thessaloniki (south) to Budapest (north): y falls; Libya (13 E) is west of Greece (23 E).
    expect(pts[3][1]).toBeLessThan(pts[0][1]);
    const tripoli = projectWaypoints([[13.19, 32.89]], projection)[0];
    expect(tripoli[0]).toBeLessThan(pts[0][0]);
  });
  it('skips unusable waypoints and routes without any', () => {
    expect(projectWaypoints([[13, 32], [500, 10], ['x', 1], [Number.NaN, 3], null, [12, 40]], projection)).toHaveLength(2);
    expect(projectWaypoints('nonsense', projection)).toEqual([]);
    const lines = routeLines(ROUTES, projection);
    expect(lines.map((l) => l.id)).toEqual(['central_mediterranean', 'western_balkans']);
    expect(lines[0].d).toMatch(/^M[\d.]+,[\d.]+L[\d.]+,[\d.]+L[\d.]+,[\d.]+$/);
  });
  it('frames the waypoints with a margin, or Europe and Africa when there are none', () => {
    const [[w, s], [e, n]] = waypointBounds(ROUTES);
    expect(w).toBeLessThan(12.6);
    expect(e).toBeGreaterThan(22.94);
    expect(s).toBeLessThan(32.89);
    expect(n).toBeGreaterThan(47.5);
    expect(waypointBounds([])).toEqual([
      [-20, 20],
      [45, 60],
    ]);
  });
  it('draws the countries of the bundled atlas that fall in the frame', () => {
    const shapes = countryShapes(atlas, projection);
    const names = shapes.map((s) => s.name);
    expect(names).toContain('Italy');
    expect(names).toContain('Libya');
    expect(names).not.toContain('Australia');
    expect(shapes.every((s) => s.d.startsWith('M'))).toBe(true);
    expect(countryShapes({ type: 'nonsense' }, projection)).toEqual([]);
  });
});

describe('annual statistics', () => {
  const now = new Date(2026, 10, 22);
  it('reads the year from the address, else the current one', () => {
    expect(annualYear(new URLSearchParams('year=2024'), now)).toBe(2024);
    expect(annualYear(new URLSearchParams(''), now)).toBe(2026);
    expect(annualYear(new URLSearchParams('year=20x4'), now)).toBe(2026);
    expect(annualYear(new URLSearchParams('year=3024'), now)).toBe(2026);
  });
  it('offers the years with cases, this year and the chosen one, newest first', () => {
    expect(annualYears([2023, 2025, 2023], 2019, now)).toEqual([2026, 2025, 2023, 2019]);
  });
});
