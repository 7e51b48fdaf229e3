// world-atlas ships TopoJSON files without types; the map reads them as unknown and checks them.
declare module 'world-atlas/countries-110m.json' {
  const topology: unknown;
  export default topology;
}
