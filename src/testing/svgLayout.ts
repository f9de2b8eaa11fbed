/**
 * Test support: jsdom lays nothing out and lacks the SVG shape classes. The console's topology
 * library measures SVG text and tells shapes apart by class, as any browser can; these stand-ins
 * let it render in jsdom (where positions are meaningless, but content and events are real).
 */
export const installSvgLayoutStubs = () => {
  Object.defineProperty(SVGElement.prototype, 'getBBox', {
    configurable: true,
    value: () => ({ x: 0, y: 0, width: 40, height: 12 }),
  });
  for (const name of ['Circle', 'Ellipse', 'Path', 'Polygon', 'Rect', 'G']) {
    const key = `SVG${name}Element`;
    if (!(key in globalThis)) {
      Object.defineProperty(globalThis, key, {
        configurable: true,
        value: class extends SVGElement {},
      });
    }
  }
};
