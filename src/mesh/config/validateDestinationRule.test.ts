import type { DestinationRule } from '../../models';
import {
  ROOT,
  bookinfo,
  deployment,
  destinationRule,
  peerAuthentication,
  service,
  serviceEntry,
} from '../../testing/meshConfigFixtures';
import type { Issue } from '../issues';
import { indexMeshConfig } from './meshConfigIndex';
import type { MeshConfigInput } from './meshConfigIndex';
import { validateObject } from './validateMeshConfig';

/** The DestinationRule's issues in a cluster that holds it and `others` (not bookinfo's own). */
const check = (
  dr: DestinationRule,
  input: MeshConfigInput = bookinfo(),
  others: DestinationRule[] = [],
): Issue[] => validateObject(dr, indexMeshConfig({ ...input, destinationRules: [dr, ...others] }));

const codes = (issues: Issue[]) => issues.map((i) => [i.code, i.path]);

const versions = (...vs: string[]) => vs.map((v) => ({ name: v, labels: { version: v } }));

const strictNamespace = peerAuthentication('default', 'bookinfo', { mtls: { mode: 'STRICT' } });

describe('DestinationRule host (KIA0202)', () => {
  it('reports a host with no Service or ServiceEntry', () => {
    expect(check(destinationRule('d', 'bookinfo', { host: 'details' }))).toEqual([
      {
        path: ['spec', 'host'],
        code: 'config.dr.host-not-found',
        params: { host: 'details', kia: 'KIA0202' },
        severity: 'error',
      },
    ]);
  });

  it('accepts Services by any spelling and ServiceEntry hosts', () => {
    const input = {
      ...bookinfo(),
      serviceEntries: [serviceEntry('api', 'bookinfo', { hosts: ['api.example.com'] })],
    };
    for (const host of ['reviews', 'reviews.bookinfo', 'reviews.bookinfo.svc.cluster.local']) {
      expect(check(destinationRule('d', 'bookinfo', { host }), input)).toEqual([]);
    }
    expect(check(destinationRule('d', 'bookinfo', { host: 'api.example.com' }), input)).toEqual([]);
  });

  it('skips wildcard hosts', () => {
    for (const host of ['*.bookinfo.svc.cluster.local', '*.local', '*']) {
      expect(check(destinationRule('d', ROOT, { host }))).toEqual([]);
    }
  });

  it('reads a short host in the rule namespace', () => {
    expect(codes(check(destinationRule('d', 'other', { host: 'reviews' })))).toEqual([
      ['config.dr.host-not-found', ['spec', 'host']],
    ]);
  });
});

describe('DestinationRule subset labels (KIA0209, KIA0203)', () => {
  it('warns about a subset without labels', () => {
    const dr = destinationRule('r', 'bookinfo', {
      host: 'reviews',
      subsets: [{ name: 'all' }, { name: 'empty', labels: {} }, ...versions('v1')],
    });
    expect(check(dr)).toEqual([
      {
        path: ['spec', 'subsets', 0],
        code: 'config.dr.subset-no-labels',
        params: { subset: 'all', kia: 'KIA0209' },
        severity: 'warning',
      },
      {
        path: ['spec', 'subsets', 1],
        code: 'config.dr.subset-no-labels',
        params: { subset: 'empty', kia: 'KIA0209' },
        severity: 'warning',
      },
    ]);
  });

  it('reports a subset whose labels select none of the Service workloads', () => {
    const dr = destinationRule('r', 'bookinfo', { host: 'reviews', subsets: versions('v1', 'v4') });
    expect(check(dr)).toEqual([
      {
        path: ['spec', 'subsets', 1, 'labels'],
        code: 'config.dr.subset-no-workloads',
        params: { subset: 'v4', host: 'reviews', kia: 'KIA0203' },
        severity: 'error',
      },
    ]);
  });

  it('counts only workloads of the host Service, not others with the same labels', () => {
    // ratings-v1 has version v1, but reviews has no v1 any more.
    const input = bookinfo();
    input.deployments = input.deployments?.filter((d) => d.metadata?.name !== 'reviews-v1');
    input.pods = [];
    const dr = destinationRule('r', 'bookinfo', { host: 'reviews', subsets: versions('v1') });
    expect(codes(check(dr, input))).toEqual([
      ['config.dr.subset-no-workloads', ['spec', 'subsets', 0, 'labels']],
    ]);
  });

  it('counts a scaled-down Deployment: its template still matches', () => {
    const dr = destinationRule('r', 'bookinfo', { host: 'reviews', subsets: versions('v3') });
    expect(check(dr, { ...bookinfo(), pods: [] })).toEqual([]);
  });

  it('says nothing for ServiceEntry hosts, Services without selector, or unread workloads', () => {
    const input = {
      ...bookinfo(),
      services: [...(bookinfo().services ?? []), service('legacy', 'bookinfo', undefined)],
      serviceEntries: [serviceEntry('api', 'bookinfo', { hosts: ['api.example.com'] })],
    };
    expect(
      check(
        destinationRule('a', 'bookinfo', { host: 'api.example.com', subsets: versions('x') }),
        input,
      ),
    ).toEqual([]);
    expect(
      check(destinationRule('l', 'bookinfo', { host: 'legacy', subsets: versions('x') }), input),
    ).toEqual([]);
    expect(
      check(destinationRule('r', 'bookinfo', { host: 'reviews', subsets: versions('v9') }), {
        ...bookinfo(),
        deployments: undefined,
        pods: undefined,
      }),
    ).toEqual([]);
  });
});

describe('DestinationRule rivals (KIA0201)', () => {
  it('warns both rules that define the same subset for the same host', () => {
    const a = destinationRule('a', 'bookinfo', { host: 'reviews', subsets: versions('v1', 'v2') });
    const b = destinationRule('b', 'bookinfo', {
      host: 'reviews.bookinfo.svc.cluster.local',
      subsets: versions('v2', 'v3'),
    });
    const index = indexMeshConfig({ ...bookinfo(), destinationRules: [a, b] });
    expect(validateObject(a, index)).toEqual([
      {
        path: ['spec', 'subsets', 1, 'name'],
        code: 'config.dr.subset-in-several',
        params: { subset: 'v2', other: 'b', kia: 'KIA0201' },
        severity: 'warning',
      },
    ]);
    expect(codes(validateObject(b, index))).toEqual([
      ['config.dr.subset-in-several', ['spec', 'subsets', 0, 'name']],
    ]);
  });

  it('warns when one of them has no subsets and so claims the whole host', () => {
    const policyOnly = destinationRule('policy', 'bookinfo', {
      host: 'reviews',
      trafficPolicy: { connectionPool: { tcp: { maxConnections: 10 } } },
    });
    const subsets = destinationRule('subsets', 'bookinfo', {
      host: 'reviews',
      subsets: versions('v1'),
    });
    const index = indexMeshConfig({ ...bookinfo(), destinationRules: [policyOnly, subsets] });
    expect(validateObject(policyOnly, index)).toEqual([
      {
        path: ['spec', 'host'],
        code: 'config.dr.host-in-several',
        params: { host: 'reviews', other: 'subsets', kia: 'KIA0201' },
        severity: 'warning',
      },
    ]);
    expect(codes(validateObject(subsets, index))).toEqual([
      ['config.dr.host-in-several', ['spec', 'host']],
    ]);
  });

  it('accepts distinct subsets, other namespaces, and rules with a workloadSelector', () => {
    const a = destinationRule('a', 'bookinfo', { host: 'reviews', subsets: versions('v1') });
    const b = destinationRule('b', 'bookinfo', { host: 'reviews', subsets: versions('v2') });
    const elsewhere = destinationRule('c', 'other', {
      host: 'reviews.bookinfo.svc.cluster.local',
      subsets: versions('v1'),
    });
    const scoped = destinationRule('d', 'bookinfo', {
      host: 'reviews',
      workloadSelector: { matchLabels: { app: 'productpage' } },
      subsets: versions('v1'),
    });
    expect(check(a, bookinfo(), [b, elsewhere, scoped])).toEqual([]);
    expect(check(scoped, bookinfo(), [a])).toEqual([]);
  });
});

describe('DestinationRule TLS against STRICT (KIA0207)', () => {
  const disable = (extra: Record<string, unknown> = {}) =>
    destinationRule('r', 'bookinfo', {
      host: 'reviews',
      trafficPolicy: { tls: { mode: 'DISABLE' } },
      ...extra,
    });

  it('reports tls DISABLE towards workloads whose namespace is STRICT', () => {
    const input = { ...bookinfo(), peerAuthentications: [strictNamespace] };
    expect(check(disable(), input)).toEqual([
      {
        path: ['spec', 'trafficPolicy', 'tls', 'mode'],
        code: 'config.dr.tls-disabled-strict',
        params: {
          host: 'reviews',
          workload: 'reviews-v1',
          peerAuthentication: 'bookinfo/default',
          kia: 'KIA0207',
        },
        severity: 'error',
      },
    ]);
  });

  it('reports it when the mesh is STRICT from the root namespace', () => {
    const input = {
      ...bookinfo(),
      peerAuthentications: [peerAuthentication('default', ROOT, { mtls: { mode: 'STRICT' } })],
    };
    expect(codes(check(disable(), input))).toEqual([
      ['config.dr.tls-disabled-strict', ['spec', 'trafficPolicy', 'tls', 'mode']],
    ]);
  });

  it('accepts DISABLE when the workloads are PERMISSIVE, or a workload policy relaxes them', () => {
    expect(check(disable())).toEqual([]);
    const relaxed = {
      ...bookinfo(),
      peerAuthentications: [
        strictNamespace,
        peerAuthentication('reviews', 'bookinfo', {
          selector: { matchLabels: { app: 'reviews' } },
          mtls: { mode: 'PERMISSIVE' },
        }),
      ],
    };
    expect(check(disable(), relaxed)).toEqual([]);
  });

  it('checks a port-level setting against the mode of the target port', () => {
    const input = {
      ...bookinfo(),
      services: [
        ...(bookinfo().services ?? []).filter((s) => s.metadata?.name !== 'reviews'),
        service('reviews', 'bookinfo', { app: 'reviews' }, [
          { name: 'http', port: 80, targetPort: 9080 },
          { name: 'http-metrics', port: 81, targetPort: 'metrics' },
        ]),
      ],
      deployments: ['v1', 'v2'].map((v) =>
        deployment(
          `reviews-${v}`,
          'bookinfo',
          { app: 'reviews', version: v },
          {
            ports: [
              { containerPort: 9080, name: 'http' },
              { containerPort: 9090, name: 'metrics' },
            ],
          },
        ),
      ),
      peerAuthentications: [
        peerAuthentication('reviews', 'bookinfo', {
          selector: { matchLabels: { app: 'reviews' } },
          mtls: { mode: 'STRICT' },
          portLevelMtls: { '9090': { mode: 'PERMISSIVE' } },
        }),
      ],
    };
    const metricsOnly = destinationRule('r', 'bookinfo', {
      host: 'reviews',
      trafficPolicy: { portLevelSettings: [{ port: { number: 81 }, tls: { mode: 'DISABLE' } }] },
    });
    expect(check(metricsOnly, input)).toEqual([]);
    const httpPort = destinationRule('r', 'bookinfo', {
      host: 'reviews',
      trafficPolicy: { portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'DISABLE' } }] },
    });
    expect(check(httpPort, input)).toEqual([
      {
        path: ['spec', 'trafficPolicy', 'portLevelSettings', 0, 'tls', 'mode'],
        code: 'config.dr.tls-disabled-strict',
        params: {
          host: 'reviews',
          workload: 'reviews-v1',
          peerAuthentication: 'bookinfo/reviews',
          port: 80,
          kia: 'KIA0207',
        },
        severity: 'error',
      },
    ]);
  });

  it('lets port-level TLS settings override a host-level DISABLE', () => {
    const input = { ...bookinfo(), peerAuthentications: [strictNamespace] };
    const overridden = disable({
      trafficPolicy: {
        tls: { mode: 'DISABLE' },
        portLevelSettings: [{ port: { number: 9080 }, tls: { mode: 'ISTIO_MUTUAL' } }],
      },
    });
    expect(check(overridden, input)).toEqual([]);
  });

  it('checks a subset policy against the subset workloads only', () => {
    const input = {
      ...bookinfo(),
      peerAuthentications: [
        peerAuthentication('v3', 'bookinfo', {
          selector: { matchLabels: { app: 'reviews', version: 'v3' } },
          mtls: { mode: 'STRICT' },
        }),
      ],
    };
    const dr = destinationRule('r', 'bookinfo', {
      host: 'reviews',
      subsets: [
        { name: 'v1', labels: { version: 'v1' }, trafficPolicy: { tls: { mode: 'DISABLE' } } },
        { name: 'v3', labels: { version: 'v3' }, trafficPolicy: { tls: { mode: 'DISABLE' } } },
      ],
    });
    expect(codes(check(dr, input))).toEqual([
      ['config.dr.tls-disabled-strict', ['spec', 'subsets', 1, 'trafficPolicy', 'tls', 'mode']],
    ]);
  });

  it('uses the Service selector when no workload is known, and the namespace for *.ns hosts', () => {
    const noWorkloads = {
      ...bookinfo(),
      deployments: undefined,
      pods: undefined,
      peerAuthentications: [strictNamespace],
    };
    expect(codes(check(disable(), noWorkloads))).toEqual([
      ['config.dr.tls-disabled-strict', ['spec', 'trafficPolicy', 'tls', 'mode']],
    ]);
    const wide = destinationRule('wide', 'bookinfo', {
      host: '*.bookinfo.svc.cluster.local',
      trafficPolicy: { tls: { mode: 'DISABLE' } },
    });
    expect(codes(check(wide, { ...bookinfo(), peerAuthentications: [strictNamespace] }))).toEqual([
      ['config.dr.tls-disabled-strict', ['spec', 'trafficPolicy', 'tls', 'mode']],
    ]);
  });

  it('says nothing when PeerAuthentications were not read, or for external hosts', () => {
    expect(check(disable(), { ...bookinfo(), peerAuthentications: undefined })).toEqual([]);
    const ext = destinationRule('ext', 'bookinfo', {
      host: 'api.example.com',
      trafficPolicy: { tls: { mode: 'DISABLE' } },
    });
    const input = {
      ...bookinfo(),
      serviceEntries: [serviceEntry('api', 'bookinfo', { hosts: ['api.example.com'] })],
      peerAuthentications: [strictNamespace],
    };
    expect(check(ext, input)).toEqual([]);
  });
});

describe('DestinationRule port-level settings', () => {
  it('warns about a port the Service does not expose, at top and subset level', () => {
    const dr = destinationRule('r', 'bookinfo', {
      host: 'reviews',
      trafficPolicy: {
        portLevelSettings: [
          { port: { number: 9080 }, connectionPool: { tcp: { maxConnections: 1 } } },
          { port: { number: 8080 }, connectionPool: { tcp: { maxConnections: 1 } } },
        ],
      },
      subsets: [
        {
          name: 'v1',
          labels: { version: 'v1' },
          trafficPolicy: {
            portLevelSettings: [{ port: { number: 7070 }, loadBalancer: { simple: 'RANDOM' } }],
          },
        },
      ],
    });
    expect(check(dr)).toEqual([
      {
        path: ['spec', 'trafficPolicy', 'portLevelSettings', 1, 'port', 'number'],
        code: 'config.dr.port-not-found',
        params: { port: 8080, host: 'reviews' },
        severity: 'warning',
      },
      {
        path: ['spec', 'subsets', 0, 'trafficPolicy', 'portLevelSettings', 0, 'port', 'number'],
        code: 'config.dr.port-not-found',
        params: { port: 7070, host: 'reviews' },
        severity: 'warning',
      },
    ]);
  });

  it('checks ServiceEntry ports, and skips entries that list none', () => {
    const input = {
      ...bookinfo(),
      serviceEntries: [
        serviceEntry('api', 'bookinfo', {
          hosts: ['api.example.com'],
          ports: [{ number: 443, name: 'https', protocol: 'TLS' }],
        }),
        serviceEntry('db', 'bookinfo', { hosts: ['db.example.com'] }),
      ],
    };
    const pl = (host: string, port: number) =>
      destinationRule('d', 'bookinfo', {
        host,
        trafficPolicy: { portLevelSettings: [{ port: { number: port }, tls: { mode: 'SIMPLE' } }] },
      });
    expect(check(pl('api.example.com', 443), input)).toEqual([]);
    expect(codes(check(pl('api.example.com', 8443), input))).toEqual([
      [
        'config.dr.port-not-found',
        ['spec', 'trafficPolicy', 'portLevelSettings', 0, 'port', 'number'],
      ],
    ]);
    expect(check(pl('db.example.com', 5432), input)).toEqual([]);
  });
});

describe('DestinationRule exportTo', () => {
  it('reports a namespace that does not exist', () => {
    const dr = destinationRule('r', 'bookinfo', { host: 'reviews', exportTo: ['.', 'nowhere'] });
    expect(codes(check(dr))).toEqual([
      ['config.export-to.namespace-not-found', ['spec', 'exportTo', 1]],
    ]);
  });
});
