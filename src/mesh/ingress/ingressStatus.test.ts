import type { GatewayApiGateway, GatewayApiHTTPRoute, K8sCondition } from '../../models';
import { describeGateway, describeIngress, ingressRoutesFor, ingressUrls } from './ingressStatus';

const SERVICE = { namespace: 'bookinfo', name: 'productpage' };
const c = (type: string, status: K8sCondition['status'], reason: string, message = '') => ({
  type,
  status,
  reason,
  message,
  lastTransitionTime: '2026-11-01T00:00:00Z',
});

const gateway = (over: Partial<GatewayApiGateway> = {}): GatewayApiGateway => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'bookinfo-gateway', namespace: 'bookinfo' },
  spec: {
    gatewayClassName: 'istio',
    listeners: [
      { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } },
    ],
  },
  ...over,
});

const route = (name: string, over: Partial<GatewayApiHTTPRoute['spec']> = {}) =>
  ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name, namespace: 'bookinfo' },
    spec: {
      parentRefs: [{ name: 'bookinfo-gateway' }],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [{ name: 'productpage', port: 9080 }],
        },
      ],
      ...over,
    },
  }) as GatewayApiHTTPRoute;

const programmed: GatewayApiGateway['status'] = {
  addresses: [{ type: 'Hostname', value: 'a1b2c3.elb.example.com' }],
  conditions: [
    c('Accepted', 'True', 'Accepted', 'Resource accepted'),
    c('Programmed', 'True', 'Programmed', 'Resource programmed'),
  ],
  listeners: [{ name: 'http', attachedRoutes: 1, conditions: [] }],
};

const routeStatus = (accepted: K8sCondition['status'], resolved: K8sCondition['status']) => ({
  parents: [
    {
      parentRef: { name: 'bookinfo-gateway' },
      controllerName: 'istio.io/gateway-controller',
      conditions: [
        c('Accepted', accepted, accepted === 'True' ? 'Accepted' : 'NotAllowedByListeners'),
        c(
          'ResolvedRefs',
          resolved,
          resolved === 'True' ? 'ResolvedRefs' : 'BackendNotFound',
          resolved === 'True' ? '' : 'backend(productpage.bookinfo.svc.cluster.local) not found',
        ),
      ],
    },
  ],
});

describe('ingressRoutesFor', () => {
  it('finds the routes that attach the Service to an ingress Gateway, its own first', () => {
    const routes = [
      route('another'),
      // Mesh routing (a Service parent) is not ingress.
      route('mesh', { parentRefs: [{ group: '', kind: 'Service', name: 'productpage' }] }),
      // Through a waypoint is not ingress either.
      route('via-waypoint', { parentRefs: [{ name: 'waypoint' }] }),
      // Another Service's ingress.
      route('details', {
        rules: [{ backendRefs: [{ name: 'details', port: 9080 }] }],
      }),
      // The same name in another namespace is another Service.
      route('elsewhere', {
        rules: [{ backendRefs: [{ name: 'productpage', namespace: 'shop', port: 9080 }] }],
      }),
      route('productpage-ingress'),
    ];
    const waypoint = gateway({
      metadata: { name: 'waypoint', namespace: 'bookinfo' },
      spec: { gatewayClassName: 'istio-waypoint', listeners: [] },
    });
    expect(
      ingressRoutesFor(SERVICE, routes, [gateway(), waypoint]).map((r) => r.metadata?.name),
    ).toEqual(['productpage-ingress', 'another']);
  });
});

describe('describeIngress', () => {
  it('is ready with the address, URL and every condition True', () => {
    const r = { ...route('productpage-ingress'), status: routeStatus('True', 'True') };
    const view = describeIngress(r, [{ ...gateway(), status: programmed }], SERVICE);
    expect(view).toEqual({
      route: { namespace: 'bookinfo', name: 'productpage-ingress' },
      hostnames: [],
      parents: [
        {
          gateway: { namespace: 'bookinfo', name: 'bookinfo-gateway' },
          gatewayView: {
            namespace: 'bookinfo',
            name: 'bookinfo-gateway',
            className: 'istio',
            addresses: [{ type: 'Hostname', value: 'a1b2c3.elb.example.com' }],
            accepted: {
              type: 'Accepted',
              status: 'True',
              reason: 'Accepted',
              message: 'Resource accepted',
            },
            programmed: {
              type: 'Programmed',
              status: 'True',
              reason: 'Programmed',
              message: 'Resource programmed',
            },
            listeners: [{ name: 'http', port: 80, protocol: 'HTTP', attachedRoutes: 1 }],
          },
          accepted: { type: 'Accepted', status: 'True', reason: 'Accepted' },
          resolvedRefs: { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs' },
          urls: ['http://a1b2c3.elb.example.com/'],
          state: 'ready',
        },
      ],
    });
  });

  it('is pending while the controller has said nothing or has no address yet', () => {
    const fresh = describeIngress(route('productpage-ingress'), [gateway()], SERVICE);
    expect(fresh.parents[0]).toMatchObject({
      accepted: { status: 'Missing' },
      resolvedRefs: { status: 'Missing' },
      urls: [],
      state: 'pending',
    });
    expect(fresh.parents[0].gatewayView?.listeners[0].attachedRoutes).toBeUndefined();
    const waiting: GatewayApiGateway = {
      ...gateway(),
      status: {
        conditions: [
          c('Accepted', 'True', 'Accepted'),
          c('Programmed', 'False', 'AddressNotAssigned', 'address pending'),
        ],
      },
    };
    const r = { ...route('productpage-ingress'), status: routeStatus('True', 'True') };
    expect(describeIngress(r, [waiting], SERVICE).parents[0].state).toBe('pending');
  });

  it('has failed when a condition is False for a reason other than waiting', () => {
    const r = { ...route('productpage-ingress'), status: routeStatus('True', 'False') };
    const view = describeIngress(r, [{ ...gateway(), status: programmed }], SERVICE);
    expect(view.parents[0].resolvedRefs).toEqual({
      type: 'ResolvedRefs',
      status: 'False',
      reason: 'BackendNotFound',
      message: 'backend(productpage.bookinfo.svc.cluster.local) not found',
    });
    expect(view.parents[0].state).toBe('failed');
  });

  it('matches a route’s status entry on the same Gateway and listener only', () => {
    const r = route('productpage-ingress', {
      parentRefs: [{ name: 'bookinfo-gateway', sectionName: 'http' }],
    });
    r.status = {
      parents: [
        { ...routeStatus('False', 'True').parents[0] },
        {
          parentRef: { name: 'bookinfo-gateway', sectionName: 'http' },
          controllerName: 'istio.io/gateway-controller',
          conditions: [
            c('Accepted', 'True', 'Accepted'),
            c('ResolvedRefs', 'True', 'ResolvedRefs'),
          ],
        },
      ],
    };
    const [parent] = describeIngress(r, [{ ...gateway(), status: programmed }], SERVICE).parents;
    expect(parent.sectionName).toBe('http');
    expect(parent.accepted.status).toBe('True');
  });

  it('names a Gateway it cannot find without inventing its state', () => {
    const r = route('productpage-ingress', {
      parentRefs: [{ name: 'shared', namespace: 'openshift-ingress' }],
    });
    const [parent] = describeIngress(r, [], SERVICE).parents;
    expect(parent.gateway).toEqual({ namespace: 'openshift-ingress', name: 'shared' });
    expect(parent.gatewayView).toBeUndefined();
    expect(parent.urls).toEqual([]);
    expect(parent.state).toBe('pending');
  });
});

describe('ingressUrls', () => {
  const gw = (listeners: GatewayApiGateway['spec']['listeners'], addresses: string[]) => ({
    ...gateway({
      spec: { gatewayClassName: 'istio', listeners },
    }),
    status: { addresses: addresses.map((value) => ({ type: 'IPAddress', value })) },
  });

  it('uses the route’s precise hostnames, else the listener’s, else the addresses', () => {
    const g = gw([{ name: 'http', port: 80, protocol: 'HTTP' }], ['192.0.2.10']);
    expect(ingressUrls(route('r'), g, undefined)).toEqual(['http://192.0.2.10/']);
    expect(
      ingressUrls(route('r', { hostnames: ['*.example.com', 'shop.example.com'] }), g, undefined),
    ).toEqual(['http://shop.example.com/']);
    const named = gw(
      [{ name: 'http', port: 80, protocol: 'HTTP', hostname: 'bookinfo.example.com' }],
      ['192.0.2.10'],
    );
    expect(ingressUrls(route('r'), named, undefined)).toEqual(['http://bookinfo.example.com/']);
    const wildcard = gw(
      [{ name: 'http', port: 80, protocol: 'HTTP', hostname: '*.apps.example.com' }],
      ['192.0.2.10'],
    );
    expect(ingressUrls(route('r'), wildcard, undefined)).toEqual(['http://192.0.2.10/']);
  });

  it('adds a port other than the scheme’s, brackets IPv6, and keeps the path prefix', () => {
    const g = gw(
      [
        { name: 'web', port: 8080, protocol: 'HTTP' },
        { name: 'secure', port: 443, protocol: 'HTTPS' },
        { name: 'raw', port: 9000, protocol: 'TCP' },
      ],
      ['2001:db8::1'],
    );
    expect(ingressUrls(route('r'), g, undefined, '/api')).toEqual([
      'http://[2001:db8::1]:8080/api',
      'https://[2001:db8::1]/api',
    ]);
    expect(ingressUrls(route('r'), g, 'secure')).toEqual(['https://[2001:db8::1]/']);
  });

  it('leaves out listeners that do not admit the route’s namespace', () => {
    const g = {
      ...gw([{ name: 'http', port: 80, protocol: 'HTTP' }], ['192.0.2.10']),
      metadata: { name: 'shared', namespace: 'openshift-ingress' },
    };
    expect(ingressUrls(route('r'), g, undefined)).toEqual([]);
  });
});

describe('describeGateway', () => {
  it('reads an address without a type as an IP address, as Gateway API defaults it', () => {
    const g = { ...gateway(), status: { addresses: [{ value: '192.0.2.1' }] } };
    expect(describeGateway(g).addresses).toEqual([{ type: 'IPAddress', value: '192.0.2.1' }]);
  });
});
