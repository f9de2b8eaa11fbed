import type { Deployment, Pod, Service, ServicePort } from '../../models';
import { warning } from '../issues';
import { isOurVersionService, proposeVersionServices, versionServiceName } from './versionServices';

const NS = 'bookinfo';

const deployment = (name: string, labels: Record<string, string>, replicas = 1): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: NS },
  spec: { replicas, template: { metadata: { labels } } },
});

const service = (
  name: string,
  selector: Record<string, string> | undefined,
  ports: ServicePort[] = [{ name: 'http', port: 9080 }],
): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: NS, labels: { app: 'reviews', service: name } },
  spec: { ...(selector ? { selector } : {}), ports, clusterIP: '10.0.0.1', type: 'ClusterIP' },
});

const pod = (name: string, labels: Record<string, string>): Pod => ({
  metadata: { name, namespace: NS, labels },
});

const reviews = service('reviews', { app: 'reviews' }, [
  { name: 'http', port: 9080, targetPort: 9080, protocol: 'TCP', appProtocol: 'http' },
]);
const bookinfo = [
  deployment('reviews-v1', { app: 'reviews', version: 'v1' }),
  deployment('reviews-v2', { app: 'reviews', version: 'v2' }),
  deployment('ratings-v1', { app: 'ratings', version: 'v1' }),
];

describe('proposeVersionServices', () => {
  it('proposes a Service per version: the parent’s selector and ports, our labels', () => {
    const { backends, warnings } = proposeVersionServices({
      service: reviews,
      deployments: bookinfo,
      services: [reviews],
    });
    expect(warnings).toEqual([]);
    expect(backends.map((b) => [b.name, b.version, b.deployments, b.labels])).toEqual([
      ['reviews-v1', 'v1', ['reviews-v1'], { app: 'reviews', version: 'v1' }],
      ['reviews-v2', 'v2', ['reviews-v2'], { app: 'reviews', version: 'v2' }],
    ]);
    expect(backends[0].create).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'reviews-v1',
        namespace: NS,
        labels: {
          app: 'reviews',
          version: 'v1',
          'app.kubernetes.io/created-by': 'mesh-console-plugin',
        },
      },
      // Only what selects and speaks: no clusterIP, type or nodePort copied.
      spec: {
        selector: { app: 'reviews', version: 'v1' },
        ports: [
          { name: 'http', port: 9080, targetPort: 9080, protocol: 'TCP', appProtocol: 'http' },
        ],
      },
    });
    expect(isOurVersionService(backends[0].create as Service)).toBe(true);
    expect(isOurVersionService(reviews)).toBe(false);
  });

  it('reuses a Service that selects exactly that version’s pods', () => {
    const v1 = service('reviews-v1', { app: 'reviews', version: 'v1' });
    const byName = service('reviews-stable', { version: 'v2', app: 'reviews' });
    // Selects ratings-v1 too: mixing apps into the split, so not reused.
    const tooWide = service('all-v1', { version: 'v1' });
    const { backends } = proposeVersionServices({
      service: reviews,
      deployments: bookinfo,
      services: [reviews, tooWide, v1, byName],
    });
    expect(backends).toEqual([
      {
        name: 'reviews-v1',
        version: 'v1',
        deployments: ['reviews-v1'],
        labels: { app: 'reviews', version: 'v1' },
      },
      {
        name: 'reviews-stable',
        version: 'v2',
        deployments: ['reviews-v2'],
        labels: { version: 'v2', app: 'reviews' },
      },
    ]);
  });

  it('prefers the Service named as we would name it, then one with all the parent’s ports', () => {
    const sel = { app: 'reviews', version: 'v1' };
    const a = service('a-v1', sel, [{ port: 1 }]);
    const b = service('b-v1', sel);
    const named = service('reviews-v1', sel, [{ port: 1 }]);
    const pick = (services: Service[]) =>
      proposeVersionServices({ service: reviews, deployments: bookinfo.slice(0, 1), services })
        .backends[0].name;
    expect(pick([reviews, a, b])).toBe('b-v1');
    expect(pick([reviews, a, b, named])).toBe('reviews-v1');
  });

  it('checks the pods when given: a Service also reaching pods of no Deployment is not reused', () => {
    const deployments = [
      deployment('reviews-v1', { app: 'reviews', version: 'v1', tier: 'backend' }),
      deployment('ratings-v1', { app: 'ratings', version: 'v1' }),
    ];
    const tiered = service('tiered-v1', { version: 'v1', tier: 'backend' });
    const ours = [pod('reviews-v1-abc', { app: 'reviews', version: 'v1', tier: 'backend' })];
    // A bare pod (no Deployment) the Service selects, outside the parent Service.
    const stray = pod('debug', { version: 'v1', tier: 'backend' });
    const pick = (pods?: Pod[]) =>
      proposeVersionServices({ service: reviews, deployments, services: [reviews, tiered], pods })
        .backends[0].name;
    expect(pick()).toBe('tiered-v1');
    expect(pick(ours)).toBe('tiered-v1');
    expect(pick([...ours, stray])).toBe('reviews-v1');
  });

  it('never takes over a name another Service holds: it suffixes', () => {
    const squatter = service('reviews-v1', { app: 'other' });
    const { backends } = proposeVersionServices({
      service: reviews,
      deployments: bookinfo,
      services: [reviews, squatter],
    });
    expect(backends.map((b) => b.name)).toEqual(['reviews-v1-2', 'reviews-v2']);
    expect(backends[0].labels).toEqual({ app: 'reviews', version: 'v1' });
  });

  it('warns about no Deployments, Deployments without a version, versions scaled to zero', () => {
    expect(
      proposeVersionServices({ service: undefined, deployments: bookinfo, services: [] }),
    ).toEqual({
      backends: [],
      warnings: [],
    });
    expect(
      proposeVersionServices({
        service: service('x', undefined),
        deployments: bookinfo,
        services: [],
      }).warnings,
    ).toEqual([warning('gateway.version.no-deployments')]);
    const { backends, warnings } = proposeVersionServices({
      service: reviews,
      deployments: [
        deployment('reviews', { app: 'reviews' }),
        deployment('reviews-v3', { app: 'reviews', version: 'v3' }, 0),
      ],
      services: [reviews],
    });
    expect(backends.map((b) => b.name)).toEqual(['reviews-v3']);
    expect(warnings).toEqual([
      warning('gateway.version.no-label', [], { deployment: 'reviews', label: 'version' }),
      warning('gateway.version.scaled-to-zero', [], { version: 'v3' }),
    ]);
  });

  it('uses another version label when asked', () => {
    const { backends } = proposeVersionServices({
      service: reviews,
      deployments: [deployment('reviews-blue', { app: 'reviews', track: 'blue' })],
      services: [reviews],
      versionLabel: 'track',
    });
    expect(backends[0].create?.spec?.selector).toEqual({ app: 'reviews', track: 'blue' });
    expect(backends[0].create?.metadata?.labels?.track).toBe('blue');
  });
});

describe('versionServiceName', () => {
  it('is a DNS-1035 label of at most 63 characters', () => {
    expect(versionServiceName('reviews', 'v1')).toBe('reviews-v1');
    expect(versionServiceName('reviews', 'V1.2_beta')).toBe('reviews-v1-2-beta');
    expect(versionServiceName('reviews', '--')).toBe('reviews-version');
    const long = versionServiceName('a'.repeat(60), 'release-2026-01-01');
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long.endsWith('-release-2026-01-01')).toBe(true);
    for (const name of [
      long,
      versionServiceName('s', 'x'.repeat(100)),
      versionServiceName('s', '1.0'),
    ]) {
      expect(name).toMatch(/^[a-z]([-a-z0-9]*[a-z0-9])?$/);
      expect(name.length).toBeLessThanOrEqual(63);
    }
  });
});
