import { appliesToText } from './appliesToText';

const t = (key: string, values?: Record<string, string | number>) =>
  key.replace(/{{\s*(\w+)\s*}}/g, (_, name: string) => String(values?.[name] ?? `<${name}>`));

describe('appliesToText', () => {
  it('words each kind of target', () => {
    expect(appliesToText(t, { kind: 'hosts', hosts: ['reviews'] })).toBe('reviews');
    expect(appliesToText(t, { kind: 'hosts', hosts: ['a', 'b', 'c', 'd', 'e'] })).toBe(
      'a, b, c and 2 more',
    );
    expect(appliesToText(t, { kind: 'hosts', hosts: [] })).toBe('No hosts');
    expect(
      appliesToText(t, {
        kind: 'selector',
        labels: { app: 'reviews', version: 'v1' },
        scope: 'namespace',
      }),
    ).toBe('Workloads with app=reviews, version=v1');
    expect(appliesToText(t, { kind: 'selector', labels: { app: 'x' }, scope: 'mesh' })).toBe(
      'Workloads with app=x, in every namespace',
    );
    expect(appliesToText(t, { kind: 'namespace' })).toBe('Every workload in the namespace');
    expect(appliesToText(t, { kind: 'mesh' })).toBe('Every workload in the mesh');
    expect(
      appliesToText(t, {
        kind: 'targetRefs',
        refs: [
          { kind: 'Gateway', name: 'waypoint' },
          { kind: 'Service', name: 'reviews' },
        ],
      }),
    ).toBe('Gateway waypoint, Service reviews');
    expect(
      appliesToText(t, {
        kind: 'parents',
        refs: [{ kind: 'Gateway', name: 'gw', namespace: 'ingress' }],
        hosts: ['books.example.com'],
      }),
    ).toBe('Gateway ingress/gw, for books.example.com');
    expect(appliesToText(t, { kind: 'parents', refs: [], hosts: [] })).toBe('No parent');
    expect(appliesToText(t, { kind: 'unknown' })).toBe('');
  });
});
