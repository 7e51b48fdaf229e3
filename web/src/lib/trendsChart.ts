// A time series as SVG coordinates: the periods along x (one slot per month or quarter, gaps
// left open), a linear y from zero to a round maximum, axis ticks, the line's path, and the x of
// each detected shift and alert. Pure: the page draws what this returns.
import {
  describeAlert,
  describeShift,
  formatCompact,
  parsePeriod,
  periodFromOrdinal,
  toGranularity,
  type ChangeAlert,
  type Granularity,
  type Series,
  type Shift,
} from './trends';

export interface ChartSize {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
}

// Drawn at about its own size in a chart cell at 1280 px, so that 11 px labels stay readable.
export const DEFAULT_CHART_SIZE: ChartSize = { width: 480, height: 190, top: 12, right: 12, bottom: 26, left: 44 };

export interface ChartPoint {
  period: string;
  value: number;
  x: number;
  y: number;
}

export interface ChartMarker {
  kind: 'shift' | 'alert';
  period: string; // as the chart shows it (the series' granularity)
  x: number;
  direction: 'up' | 'down';
  text: string;
}

export interface ChartModel {
  size: ChartSize;
  granularity: Granularity;
  first: string | null; // first and last period on the x axis
  last: string | null;
  points: ChartPoint[];
  line: string; // SVG path data; "" without points
  yTicks: { value: number; y: number; label: string }[];
  xTicks: { period: string; x: number; label: string }[];
  markers: ChartMarker[];
  outside: (Shift | ChangeAlert)[]; // shifts and alerts outside the plotted periods
}

// Round tick values from 0 to at least max: steps of 1, 2 or 5 times a power of ten.
export function niceTicks(max: number, count = 4): number[] {
  if (!Number.isFinite(max) || max <= 0) return [0, 1];
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let v = 0; v < max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  return ticks;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

// x ticks: January (or Q1) of every nth year so that at most ~8 labels show.
function yearTicks(firstOrd: number, lastOrd: number, granularity: Granularity, xOf: (o: number) => number) {
  const perYear = granularity === 'month' ? 12 : 4;
  const firstYear = Math.ceil(firstOrd / perYear);
  const lastYear = Math.floor(lastOrd / perYear);
  const years = lastYear - firstYear + 1;
  const ticks: { period: string; x: number; label: string }[] = [];
  if (years < 2) {
    // A short window: every period (or every third month), labelled by its name.
    const every = granularity === 'month' && lastOrd - firstOrd > 8 ? 3 : 1;
    for (let o = firstOrd; o <= lastOrd; o += every) {
      const period = periodFromOrdinal(o, granularity);
      const p = parsePeriod(period)!;
      const label = granularity === 'month' ? `${p.index}/${String(p.year).slice(2)}` : `Q${p.index} ${String(p.year).slice(2)}`;
      ticks.push({ period, x: round1(xOf(o)), label });
    }
    return ticks;
  }
  const every = Math.max(1, Math.ceil(years / 8));
  for (let y = firstYear; y <= lastYear; y += every) {
    const o = y * perYear;
    ticks.push({ period: periodFromOrdinal(o, granularity), x: round1(xOf(o)), label: String(y) });
  }
  return ticks;
}

export function buildChart(
  series: Pick<Series, 'points'>,
  granularity: Granularity,
  shifts: Shift[] = [],
  alerts: ChangeAlert[] = [],
  size: ChartSize = DEFAULT_CHART_SIZE,
): ChartModel {
  // Points of this granularity with a finite value, in time order (the API's order is not trusted).
  const usable = series.points
    .map((pt) => ({ pt, p: parsePeriod(pt.period) }))
    .filter((e) => e.p && e.p.granularity === granularity && Number.isFinite(e.pt.value))
    .sort((a, b) => a.p!.ordinal - b.p!.ordinal);
  const plotW = size.width - size.left - size.right;
  const plotH = size.height - size.top - size.bottom;
  const empty: ChartModel = {
    size,
    granularity,
    first: null,
    last: null,
    points: [],
    line: '',
    yTicks: [],
    xTicks: [],
    markers: [],
    outside: [...shifts, ...alerts],
  };
  if (usable.length === 0) return empty;

  const firstOrd = usable[0].p!.ordinal;
  const lastOrd = usable[usable.length - 1].p!.ordinal;
  const span = Math.max(1, lastOrd - firstOrd);
  // One point alone sits in the middle.
  const xOf = (o: number) => (lastOrd === firstOrd ? size.left + plotW / 2 : size.left + ((o - firstOrd) / span) * plotW);
  const max = Math.max(0, ...usable.map((e) => e.pt.value));
  const ticks = niceTicks(max);
  const top = ticks[ticks.length - 1];
  const yOf = (v: number) => size.top + plotH - (Math.max(0, v) / top) * plotH;

  const points: ChartPoint[] = usable.map((e) => ({
    period: e.pt.period,
    value: e.pt.value,
    x: round1(xOf(e.p!.ordinal)),
    y: round1(yOf(e.pt.value)),
  }));
  // A missing period breaks the line rather than bridging it.
  let line = '';
  for (let i = 0; i < points.length; i++) {
    const gap = i === 0 || usable[i].p!.ordinal !== usable[i - 1].p!.ordinal + 1;
    line += `${gap ? 'M' : 'L'}${points[i].x},${points[i].y}`;
  }

  const markers: ChartMarker[] = [];
  const outside: (Shift | ChangeAlert)[] = [];
  const place = (item: Shift | ChangeAlert, kind: 'shift' | 'alert', text: string) => {
    const shown = toGranularity(item.period, granularity);
    const p = shown ? parsePeriod(shown) : null;
    if (!p || p.ordinal < firstOrd || p.ordinal > lastOrd) {
      outside.push(item);
      return;
    }
    markers.push({ kind, period: shown!, x: round1(xOf(p.ordinal)), direction: item.direction, text });
  };
  for (const s of shifts) place(s, 'shift', `Shift ${describeShift(s, granularity)}`);
  for (const a of alerts) place(a, 'alert', `Alert ${describeAlert(a)}`);

  return {
    size,
    granularity,
    first: usable[0].pt.period,
    last: usable[usable.length - 1].pt.period,
    points,
    line,
    yTicks: ticks.map((value) => ({ value, y: round1(yOf(value)), label: formatCompact(value) })),
    xTicks: yearTicks(firstOrd, lastOrd, granularity, xOf),
    markers,
    outside,
  };
}

// A sentence that tells a screen reader what the chart shows.
export function chartSummary(label: string, series: Pick<Series, 'points' | 'total'>, model: ChartModel, measure: string): string {
  if (model.points.length === 0) return `${label}: no figures in this period.`;
  let maxPt = model.points[0];
  let minPt = model.points[0];
  for (const p of model.points) {
    if (p.value > maxPt.value) maxPt = p;
    if (p.value < minPt.value) minPt = p;
  }
  const shifts = model.markers.filter((m) => m.kind === 'shift').length;
  const alerts = model.markers.filter((m) => m.kind === 'alert').length;
  const fmt = new Intl.NumberFormat('en-GB');
  return (
    `${label}: ${measure} from ${model.first} to ${model.last}, ${model.points.length} periods, total ${fmt.format(series.total)}; ` +
    `highest ${fmt.format(maxPt.value)} in ${maxPt.period}, lowest ${fmt.format(minPt.value)} in ${minPt.period}; ` +
    `${shifts} detected shift${shifts === 1 ? '' : 's'}, ${alerts} alert${alerts === 1 ? '' : 's'}.`
  );
}
