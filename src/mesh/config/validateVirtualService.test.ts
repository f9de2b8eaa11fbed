import type { VirtualService } from '../../models';
import {
  ROOT,
  bookinfo,
  destinationRule,
  gateway,
  route,
  serviceEntry,
  virtualService,
} from '../../testing/meshConfigFixtures';
import type { Issue } from '../issues';
import { indexMeshConfig } from './meshConfigIndex';
import type { MeshConfigInput } from './meshConfigIndex';
import { validateObject } from './validateMeshConfig';

/** The VirtualService's issues in a cluster that holds it (and `others`). */
const check = (
  vs: VirtualService,
  input: MeshConfigInput = bookinfo(),
  others: VirtualService[] = [],
): Issue[] => validateObject(vs, indexMeshConfig({ ...input, virtualServices: [vs, ...others] }));

const codes = (issues: Issue[]) => issues.map((i) => [i.code, i.path]);

const reviewsVs = (spec: Record<string, unknown>, name = 'reviews', ns = 'bookinfo') =>
  virtualService(name, ns, { hosts: ['reviews'], ...spec });

describe('VirtualService destination hosts (KIA1101)', () => {
  it('reports a host that is neither a Service nor a ServiceEntry host', () => {
    const issues = check(reviewsVs({ http: [{ route: [route('details')] }] }));
    expect(issues).toEqual([
      {
        path: ['spec', 'http', 0, 'route', 0, 'destination', 'host'],
        code: 'config.vs.host-not-found',
        params: { host: 'details', kia: 'KIA1101' },
        severity: 'error',
      },
    ]);
  });

  it('accepts short, namespaced and full names of existing Services', () => {
    const vs = reviewsVs({
      http: [
        {
          route: [
            route('reviews', undefined, 50),
            route('ratings.bookinfo', undefined, 25),
            route('productpage.bookinfo.svc.cluster.local', undefined, 25),
          ],
        },
      ],
    });
    expect(check(vs)).toEqual([]);
  });

  it('reads a short name in the VirtualService namespace, not the Service one', () => {
    const vs = virtualService('r', 'other', {
      hosts: ['reviews.bookinfo.svc.cluster.local'],
      http: [{ route: [route('reviews')] }],
    });
    expect(codes(check(vs))).toEqual([
      ['config.vs.host-not-found', ['spec', 'http', 0, 'route', 0, 'destination', 'host']],
    ]);
  });

  it('accepts ServiceEntry hosts, exact and wildcard, and skips wildcard destinations', () => {
    const input = {
      ...bookinfo(),
      serviceEntries: [
        serviceEntry('api', 'bookinfo', { hosts: ['api.example.com'] }),
        serviceEntry('cdn', ROOT, { hosts: ['*.cdn.example.com'] }),
      ],
    };
    const vs = virtualService('ext', 'bookinfo', {
      hosts: ['api.example.com'],
      tls: [
        { match: [{ sniHosts: ['api.example.com'] }], route: [route('api.example.com')] },
        { match: [{ sniHosts: ['a.cdn.example.com'] }], route: [route('a.cdn.example.com')] },
        { match: [{ sniHosts: ['x.example.org'] }], route: [route('*.example.org')] },
      ],
    });
    expect(check(vs, input)).toEqual([]);
  });

  it('checks tcp routes and mirrors too', () => {
    const vs = reviewsVs({
      tcp: [{ route: [route('gone')] }],
      http: [
        {
          route: [route('reviews')],
          mirror: { host: 'shadow' },
          mirrors: [{ destination: { host: 'shadow2' } }],
        },
      ],
    });
    expect(codes(check(vs))).toEqual([
      ['config.vs.host-not-found', ['spec', 'http', 0, 'mirror', 'host']],
      ['config.vs.host-not-found', ['spec', 'http', 0, 'mirrors', 0, 'destination', 'host']],
      ['config.vs.host-not-found', ['spec', 'tcp', 0, 'route', 0, 'destination', 'host']],
    ]);
  });

  it('says nothing when Services were not read, or the host is in a namespace not read', () => {
    const vs = reviewsVs({ http: [{ route: [route('details')] }] });
    expect(check(vs, { ...bookinfo(), services: undefined })).toEqual([]);
    const elsewhere = reviewsVs({
      http: [{ route: [route('details.team-a.svc.cluster.local')] }],
    });
    expect(check(elsewhere, { ...bookinfo(), readNamespaces: ['bookinfo'] })).toEqual([]);
  });
});

describe('VirtualService subsets (KIA1107)', () => {
  it('reports a subset no DestinationRule defines, as a warning at the subset', () => {
    const vs = reviewsVs({
      http: [{ route: [route('reviews', 'v1', 90), route('reviews', 'v4', 10)] }],
    });
    expect(check(vs)).toEqual([
      {
        path: ['spec', 'http', 0, 'route', 1, 'destination', 'subset'],
        code: 'config.vs.subset-not-found',
        params: { host: 'reviews', subset: 'v4', kia: 'KIA1107' },
        severity: 'warning',
      },
    ]);
  });

  it('finds subsets whichever spelling the DestinationRule and route use for the host', () => {
    const vs = reviewsVs({
      http: [
        {
          route: [
            route('reviews.bookinfo.svc.cluster.local', 'v1', 50),
            route('reviews.bookinfo', 'v2', 50),
          ],
        },
      ],
    });
    expect(check(vs)).toEqual([]);
  });

  it('finds subsets of a wildcard DestinationRule', () => {
    const input = bookinfo();
    input.destinationRules = [
      destinationRule('ns-wide', 'bookinfo', {
        host: '*.bookinfo.svc.cluster.local',
        subsets: [{ name: 'stable', labels: { track: 'stable' } }],
      }),
    ];
    expect(check(reviewsVs({ http: [{ route: [route('ratings', 'stable')] }] }), input)).toEqual(
      [],
    );
  });

  it('reports a missing host once, not its subset too', () => {
    expect(codes(check(reviewsVs({ http: [{ route: [route('details', 'v1')] }] })))).toEqual([
      ['config.vs.host-not-found', ['spec', 'http', 0, 'route', 0, 'destination', 'host']],
    ]);
  });

  it('says nothing when DestinationRules were not read', () => {
    const vs = reviewsVs({ http: [{ route: [route('reviews', 'v9')] }] });
    expect(check(vs, { ...bookinfo(), destinationRules: undefined })).toEqual([]);
  });
});

describe('VirtualService gateways (KIA1102)', () => {
  it('reports a gateway that does not exist, at spec and match level', () => {
    const vs = reviewsVs({
      gateways: ['mesh', 'missing-gateway', 'bookinfo-gateway'],
      http: [{ match: [{ gateways: ['istio-system/nope'] }], route: [route('reviews')] }],
    });
    expect(check(vs)).toEqual([
      {
        path: ['spec', 'gateways', 1],
        code: 'config.vs.gateway-not-found',
        params: { gateway: 'missing-gateway', kia: 'KIA1102' },
        severity: 'error',
      },
      {
        path: ['spec', 'http', 0, 'match', 0, 'gateways', 0],
        code: 'config.vs.gateway-not-found',
        params: { gateway: 'istio-system/nope', kia: 'KIA1102' },
        severity: 'error',
      },
    ]);
  });

  it('resolves short names in the VirtualService namespace and ns/name anywhere', () => {
    const input = bookinfo();
    input.gateways = [...(input.gateways ?? []), gateway('ingress', ROOT, {})];
    const vs = virtualService('r', 'other', {
      hosts: ['reviews.bookinfo.svc.cluster.local'],
      gateways: ['bookinfo/bookinfo-gateway', 'istio-system/ingress', 'bookinfo-gateway'],
      http: [{ route: [route('reviews.bookinfo.svc.cluster.local')] }],
    });
    expect(codes(check(vs, input))).toEqual([
      ['config.vs.gateway-not-found', ['spec', 'gateways', 2]],
    ]);
  });

  it('accepts the legacy FQDN form of a gateway reference', () => {
    const vs = reviewsVs({
      gateways: ['bookinfo-gateway.bookinfo.svc.cluster.local'],
      http: [{ route: [route('reviews')] }],
    });
    expect(check(vs)).toEqual([]);
  });

  it('says nothing when Gateways were not read', () => {
    const vs = reviewsVs({ gateways: ['nope'], http: [{ route: [route('reviews')] }] });
    expect(check(vs, { ...bookinfo(), gateways: undefined })).toEqual([]);
  });
});

describe('VirtualService single weight (KIA1104)', () => {
  it('warns about a lone destination with weight below 100', () => {
    expect(check(reviewsVs({ http: [{ route: [route('reviews', 'v1', 80)] }] }))).toEqual([
      {
        path: ['spec', 'http', 0, 'route', 0, 'weight'],
        code: 'config.vs.single-weight',
        params: { weight: 80, kia: 'KIA1104' },
        severity: 'warning',
      },
    ]);
  });

  it('counts weight 0 too, which Kiali cannot tell from no weight', () => {
    expect(codes(check(reviewsVs({ tcp: [{ route: [route('reviews', undefined, 0)] }] })))).toEqual(
      [['config.vs.single-weight', ['spec', 'tcp', 0, 'route', 0, 'weight']]],
    );
  });

  it('accepts 100, no weight, and splits', () => {
    const vs = reviewsVs({
      http: [
        { route: [route('reviews', 'v1', 100)] },
        { route: [route('reviews', 'v1')] },
        { route: [route('reviews', 'v1', 30), route('reviews', 'v2', 30)] },
      ],
    });
    expect(check(vs)).toEqual([]);
  });
});

describe('VirtualService repeated destination (KIA1105)', () => {
  it('warns on each copy of the same host and subset in one route', () => {
    const vs = reviewsVs({
      http: [
        {
          route: [
            route('reviews', 'v1', 50),
            route('reviews.bookinfo.svc.cluster.local', 'v1', 50),
          ],
        },
      ],
    });
    expect(codes(check(vs))).toEqual([
      ['config.vs.repeated-destination', ['spec', 'http', 0, 'route', 0, 'destination', 'host']],
      ['config.vs.repeated-destination', ['spec', 'http', 0, 'route', 1, 'destination', 'host']],
    ]);
    expect(check(vs)[0].params).toEqual({ host: 'reviews', subset: 'v1', kia: 'KIA1105' });
  });

  it('accepts the same subset in different rules, and different ports of one host', () => {
    const vs = reviewsVs({
      http: [
        { route: [route('reviews', 'v1')] },
        { route: [route('reviews', 'v1')] },
        {
          route: [
            { destination: { host: 'reviews', port: { number: 9080 } }, weight: 50 },
            { destination: { host: 'reviews', port: { number: 9090 } }, weight: 50 },
          ],
        },
      ],
    });
    expect(check(vs)).toEqual([]);
  });
});

describe('VirtualService host claimed twice (KIA1106)', () => {
  it('warns each VirtualService that claims a host another claims on the mesh', () => {
    const a = reviewsVs({ http: [{ route: [route('reviews')] }] }, 'a');
    const b = virtualService('b', 'bookinfo', {
      hosts: ['reviews.bookinfo.svc.cluster.local'],
      http: [{ route: [route('reviews')] }],
    });
    const index = indexMeshConfig({ ...bookinfo(), virtualServices: [a, b] });
    expect(validateObject(a, index)).toEqual([
      {
        path: ['spec', 'hosts', 0],
        code: 'config.vs.host-in-several',
        params: {
          host: 'reviews',
          gateway: 'mesh',
          other: 'bookinfo/b',
          count: 1,
          kia: 'KIA1106',
        },
        severity: 'warning',
      },
    ]);
    expect(codes(validateObject(b, index))).toEqual([
      ['config.vs.host-in-several', ['spec', 'hosts', 0]],
    ]);
  });

  it('accepts the same host bound to different gateways', () => {
    const mesh = reviewsVs({ http: [{ route: [route('reviews')] }] }, 'mesh');
    const edge = reviewsVs(
      { gateways: ['bookinfo-gateway'], http: [{ route: [route('reviews')] }] },
      'edge',
    );
    expect(check(mesh, bookinfo(), [edge])).toEqual([]);
  });

  it('does not count an edited copy of itself as another', () => {
    const old = reviewsVs({ http: [{ route: [route('reviews')] }] });
    const edited = reviewsVs({ http: [{ route: [route('reviews', 'v1')] }] });
    const index = indexMeshConfig({ ...bookinfo(), virtualServices: [old] });
    expect(validateObject(edited, index)).toEqual([]);
  });

  it('sees different short names in different namespaces as different hosts', () => {
    const a = reviewsVs({ http: [{ route: [route('reviews')] }] });
    const b = virtualService('reviews', 'other', {
      hosts: ['reviews'],
      http: [{ route: [route('reviews.bookinfo.svc.cluster.local')] }],
    });
    expect(check(a, bookinfo(), [b])).toEqual([]);
  });
});

describe('VirtualService exportTo (KIA0005)', () => {
  it('reports a namespace that does not exist, and accepts keywords', () => {
    const vs = reviewsVs({
      exportTo: ['.', '*', 'other', 'gone'],
      http: [{ route: [route('reviews')] }],
    });
    expect(check(vs)).toEqual([
      {
        path: ['spec', 'exportTo', 3],
        code: 'config.export-to.namespace-not-found',
        params: { namespace: 'gone', kia: 'KIA0005' },
        severity: 'error',
      },
    ]);
  });

  it('says nothing when namespaces were not read', () => {
    const vs = reviewsVs({ exportTo: ['gone'], http: [{ route: [route('reviews')] }] });
    expect(check(vs, { ...bookinfo(), namespaces: undefined })).toEqual([]);
  });
});
