// The routes map: a Mercator projection fitted to the routes' waypoints, the countries of the
// world-atlas TopoJSON (bundled, never fetched from outside) as SVG paths, and each route's
// waypoints as a projected polyline. Pure: no DOM.
import { geoMercator, geoPath, type GeoProjection } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { LonLat, TrendRoute } from './trends';

export interface MapSize {
  width: number;
  height: number;
  padding: number;
}

export const DEFAULT_MAP_SIZE: MapSize = { width: 960, height: 540, padding: 24 };

// Europe, the Mediterranean and North-West Africa: the view when there are no waypoints.
const FALLBACK_BOUNDS: [LonLat, LonLat] = [
  [-20, 20],
  [45, 60],
];

export function isLonLat(p: unknown): p is LonLat {
  return (
    Array.isArray(p) &&
    p.length >= 2 &&
    typeof p[0] === 'number' &&
    typeof p[1] === 'number' &&
    Number.isFinite(p[0]) &&
    Number.isFinite(p[1]) &&
    p[0] >= -180 &&
    p[0] <= 180 &&
    p[1] >= -85 &&
    p[1] <= 85
  );
}

// The box around every usable waypoint, widened by a margin (at least 3 degrees) so that a
// route is not drawn against the frame.
export function waypointBounds(routes: TrendRoute[]): [LonLat, LonLat] {
  const pts = routes.flatMap((r) => (Array.isArray(r.path) ? r.path.filter(isLonLat) : []));
  if (pts.length === 0) return FALLBACK_BOUNDS;
  let [minLon, minLat] = pts[0];
  let [maxLon, maxLat] = pts[0];
  for (const [lon, lat] of pts) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  const padLon = Math.max(3, (maxLon - minLon) * 0.12);
  const padLat = Math.max(3, (maxLat - minLat) * 0.12);
  return [
    [Math.max(-180, minLon - padLon), Math.max(-80, minLat - padLat)],
    [Math.min(180, maxLon + padLon), Math.min(80, maxLat + padLat)],
  ];
}

export function mapProjection(routes: TrendRoute[], size: MapSize = DEFAULT_MAP_SIZE): GeoProjection {
  const [[w, s], [e, n]] = waypointBounds(routes);
  const box: Feature = {
    type: 'Feature',
    properties: {},
    geometry: {
      type: 'MultiPoint',
      coordinates: [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
      ],
    },
  };
  return geoMercator().fitExtent(
    [
      [size.padding, size.padding],
      [size.width - size.padding, size.height - size.padding],
    ],
    box,
  );
}

// A route's waypoints on the map (unusable waypoints are skipped).
export function projectWaypoints(path: unknown, projection: GeoProjection): [number, number][] {
  if (!Array.isArray(path)) return [];
  const out: [number, number][] = [];
  for (const p of path) {
    if (!isLonLat(p)) continue;
    const xy = projection([p[0], p[1]]);
    if (xy && Number.isFinite(xy[0]) && Number.isFinite(xy[1])) out.push([Math.round(xy[0] * 10) / 10, Math.round(xy[1] * 10) / 10]);
  }
  return out;
}

export interface RouteLine {
  id: string;
  name: string;
  d: string; // SVG path data
  points: [number, number][];
  label: [number, number]; // where the name goes: the middle waypoint
}

export function routeLines(routes: TrendRoute[], projection: GeoProjection): RouteLine[] {
  const lines: RouteLine[] = [];
  for (const r of routes) {
    const points = projectWaypoints(r.path, projection);
    if (points.length === 0) continue;
    const d = points.length === 1 ? `M${points[0][0]},${points[0][1]}h0.1` : points.map((p, i) => `${i ? 'L' : 'M'}${p[0]},${p[1]}`).join('');
    lines.push({ id: r.id, name: r.name, d, points, label: points[Math.floor((points.length - 1) / 2)] });
  }
  return lines;
}

export interface CountryShape {
  id: string; // ISO 3166-1 numeric as in world-atlas
  name: string;
  d: string;
}

type CountriesTopology = Topology<{ countries: GeometryCollection<{ name: string }> }>;

// The countries that show inside the map's frame, as SVG paths.
export function countryShapes(topology: unknown, projection: GeoProjection, size: MapSize = DEFAULT_MAP_SIZE): CountryShape[] {
  const topo = topology as CountriesTopology;
  if (!topo || topo.type !== 'Topology' || !topo.objects?.countries) return [];
  const collection = feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  const path = geoPath(projection);
  const shapes: CountryShape[] = [];
  for (const f of collection.features) {
    const [[x0, y0], [x1, y1]] = path.bounds(f);
    if (!(x1 >= 0 && x0 <= size.width && y1 >= 0 && y0 <= size.height)) continue;
    const d = path(f);
    if (d) shapes.push({ id: String(f.id ?? ''), name: f.properties?.name ?? '', d });
  }
  return shapes;
}
