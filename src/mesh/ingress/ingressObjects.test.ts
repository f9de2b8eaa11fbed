import type { GatewayApiGateway, GatewayApiHTTPRoute, GatewayListener } from '../../models';
import {
  admitsNamespace,
  attachableListeners,
  buildIngressGateway,
  buildIngressRoute,
  hostnamesIntersect,
  readBinding,
  withIngressBinding,
} from './ingressObjects';
import type { IngressBinding } from './ingressObjects';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createValidator } = require('../../../preview/cluster/validate');

const schemaProblems = async (kind: string, obj: unknown) =>
  (await createValidator()).validate(
    { group: 'gateway.networking.k8s.io', kind, plural: '' },
    'v1',
    obj,
  ) as unknown[];

const SERVICE = { namespace: 'bookinfo', name: 'productpage' };
const binding = (over: Partial<IngressBinding> = {}): IngressBinding => ({
  namespace: 'bookinfo',
  service: 'productpage',
  port: 9080,
  gateway: { namespace: 'bookinfo', name: 'bookinfo-gateway' },
  path: '/',
  ...over,
});

const gatewayWith = (namespace: string, listeners: GatewayListener[]): GatewayApiGateway => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'shared', namespace },
  spec: { gatewayClassName: 'istio', listeners },
});

describe('building the ingress objects', () => {
  it('builds a Gateway with one HTTP listener for its own namespace, valid by the schema', async () => {
    const gw = buildIngressGateway({
      name: 'bookinfo-gateway',
      namespace: 'bookinfo',
      className: 'istio',
      port: 80,
    });
    expect(gw).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'bookinfo-gateway', namespace: 'bookinfo' },
      spec: {
        gatewayClassName: 'istio',
        listeners: [
          {
            name: 'http',
            protocol: 'HTTP',
            port: 80,
            allowedRoutes: { namespaces: { from: 'Same' } },
          },
        ],
      },
    });
    expect(await schemaProblems('Gateway', gw)).toEqual([]);
    const named = buildIngressGateway({
      name: 'g',
      namespace: 'bookinfo',
      className: 'openshift-default',
      port: 8080,
      hostname: '*.apps.example.com',
    });
    expect(named.spec.listeners[0]).toMatchObject({ port: 8080, hostname: '*.apps.example.com' });
    expect(await schemaProblems('Gateway', named)).toEqual([]);
  });

  it('builds `<service>-ingress` to the Service port behind the Gateway, valid by the schema', async () => {
    const route = buildIngressRoute(binding({ hostname: 'bookinfo.example.com' }));
    expect(route).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'productpage-ingress', namespace: 'bookinfo' },
      spec: {
        parentRefs: [{ name: 'bookinfo-gateway' }],
        hostnames: ['bookinfo.example.com'],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/' } }],
            backendRefs: [{ name: 'productpage', port: 9080 }],
          },
        ],
      },
    });
    expect(await schemaProblems('HTTPRoute', route)).toEqual([]);
    // Another namespace's Gateway is named with its namespace; a listener by sectionName.
    const shared = buildIngressRoute(
      binding({ gateway: { namespace: 'openshift-ingress', name: 'shared' }, sectionName: 'web' }),
    );
    expect(shared.spec.parentRefs).toEqual([
      { name: 'shared', namespace: 'openshift-ingress', sectionName: 'web' },
    ]);
    expect(shared.spec.hostnames).toBeUndefined();
    expect(await schemaProblems('HTTPRoute', shared)).toEqual([]);
  });
});

describe('withIngressBinding', () => {
  const handWritten = (): GatewayApiHTTPRoute => ({
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: {
      name: 'web',
      namespace: 'bookinfo',
      resourceVersion: '42',
      annotations: { owner: 'team-a' },
    },
    spec: {
      parentRefs: [
        { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'bookinfo-gateway', port: 80 },
      ],
      hostnames: ['bookinfo.example.com', 'www.bookinfo.example.com'],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/static' } }],
          backendRefs: [{ name: 'static', port: 8080 }],
        },
        {
          matches: [
            { path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'x-beta', value: '1' }] },
          ],
          filters: [
            {
              type: 'RequestHeaderModifier',
              requestHeaderModifier: { add: [{ name: 'x-from', value: 'edge' }] },
            },
          ],
          backendRefs: [
            { name: 'productpage', port: 9080, weight: 90 },
            { name: 'productpage-v2', port: 9080, weight: 10 },
          ],
          timeouts: { request: '10s' },
        },
      ],
    },
  });

  it('reads the binding the form shows', () => {
    expect(readBinding(handWritten(), SERVICE)).toEqual({
      gateway: { namespace: 'bookinfo', name: 'bookinfo-gateway' },
      hostname: 'bookinfo.example.com',
      path: '/',
      port: 9080,
    });
    expect(readBinding({ ...handWritten(), spec: { parentRefs: [] } }, SERVICE)).toBeUndefined();
  });

  it('with the binding it already has, changes nothing', () => {
    const route = handWritten();
    const read = readBinding(route, SERVICE);
    expect(withIngressBinding(route, binding({ ...read }))).toEqual(route);
  });

  it('changes only the fields the form owns', async () => {
    const route = handWritten();
    const next = withIngressBinding(
      route,
      binding({
        gateway: { namespace: 'openshift-ingress', name: 'shared' },
        sectionName: 'http',
        hostname: 'shop.example.com',
        path: '/shop',
        port: 9443,
      }),
    );
    expect(next.metadata).toEqual(route.metadata);
    expect(next.spec.parentRefs).toEqual([
      { name: 'shared', namespace: 'openshift-ingress', sectionName: 'http' },
    ]);
    expect(next.spec.hostnames).toEqual(['shop.example.com', 'www.bookinfo.example.com']);
    expect(next.spec.rules?.[0]).toEqual(route.spec.rules?.[0]);
    expect(next.spec.rules?.[1]).toEqual({
      ...route.spec.rules?.[1],
      matches: [
        { path: { type: 'PathPrefix', value: '/shop' }, headers: [{ name: 'x-beta', value: '1' }] },
      ],
      backendRefs: [
        { name: 'productpage', port: 9443, weight: 90 },
        { name: 'productpage-v2', port: 9080, weight: 10 },
      ],
    });
    // The input is left as read.
    expect(route).toEqual(handWritten());
    expect(await schemaProblems('HTTPRoute', next)).toEqual([]);
  });

  it('keeps the ref of the same Gateway and drops a hostname that is cleared', () => {
    const next = withIngressBinding(handWritten(), binding({ sectionName: 'http' }));
    expect(next.spec.parentRefs).toEqual([
      {
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        name: 'bookinfo-gateway',
        port: 80,
        sectionName: 'http',
      },
    ]);
    expect(next.spec.hostnames).toEqual(['www.bookinfo.example.com']);
    const single = handWritten();
    single.spec.hostnames = ['only.example.com'];
    expect(withIngressBinding(single, binding()).spec.hostnames).toBeUndefined();
  });

  it('adds what is missing: a Gateway parent, a rule for the Service, a match for a prefix', () => {
    const meshOnly: GatewayApiHTTPRoute = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'r', namespace: 'bookinfo' },
      spec: {
        parentRefs: [{ group: '', kind: 'Service', name: 'productpage', port: 9080 }],
        rules: [{ backendRefs: [{ name: 'details', port: 9080 }] }],
      },
    };
    const next = withIngressBinding(meshOnly, binding({ path: '/api' }));
    expect(next.spec.parentRefs).toEqual([
      { group: '', kind: 'Service', name: 'productpage', port: 9080 },
      { name: 'bookinfo-gateway' },
    ]);
    expect(next.spec.rules).toEqual([
      { backendRefs: [{ name: 'details', port: 9080 }] },
      {
        matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
        backendRefs: [{ name: 'productpage', port: 9080 }],
      },
    ]);
    const noMatch: GatewayApiHTTPRoute = {
      ...meshOnly,
      spec: { parentRefs: [{ name: 'g' }], rules: [{ backendRefs: [{ name: 'productpage' }] }] },
    };
    // No match is already every path; a prefix adds one; an unchosen port is left out.
    expect(
      withIngressBinding(noMatch, binding({ gateway: SERVICE_GW, port: undefined })).spec.rules,
    ).toEqual([{ backendRefs: [{ name: 'productpage' }] }]);
    expect(
      withIngressBinding(noMatch, binding({ gateway: SERVICE_GW, path: '/x' })).spec.rules,
    ).toEqual([
      {
        matches: [{ path: { type: 'PathPrefix', value: '/x' } }],
        backendRefs: [{ name: 'productpage', port: 9080 }],
      },
    ]);
  });
});
const SERVICE_GW = { namespace: 'bookinfo', name: 'g' };

describe('which listeners take the route', () => {
  const http = (name: string, extra: Partial<GatewayListener> = {}): GatewayListener => ({
    name,
    port: 80,
    protocol: 'HTTP',
    ...extra,
  });

  it('admits by allowedRoutes.namespaces: Same by default, All, or a selector', () => {
    const same = gatewayWith('bookinfo', [http('a')]);
    expect(admitsNamespace(same, same.spec.listeners[0], 'bookinfo')).toBe(true);
    expect(admitsNamespace(same, same.spec.listeners[0], 'shop')).toBe(false);
    const all = gatewayWith('openshift-ingress', [
      http('a', { allowedRoutes: { namespaces: { from: 'All' } } }),
    ]);
    expect(admitsNamespace(all, all.spec.listeners[0], 'shop')).toBe(true);
    const byName = gatewayWith('openshift-ingress', [
      http('a', {
        allowedRoutes: {
          namespaces: {
            from: 'Selector',
            selector: { matchLabels: { 'kubernetes.io/metadata.name': 'bookinfo' } },
          },
        },
      }),
    ]);
    expect(admitsNamespace(byName, byName.spec.listeners[0], 'bookinfo')).toBe(true);
    expect(admitsNamespace(byName, byName.spec.listeners[0], 'shop')).toBe(false);
    const byLabel = gatewayWith('openshift-ingress', [
      http('a', {
        allowedRoutes: {
          namespaces: {
            from: 'Selector',
            selector: {
              matchExpressions: [
                { key: 'ingress', operator: 'In', values: ['public'] },
                { key: 'quarantine', operator: 'DoesNotExist' },
              ],
            },
          },
        },
      }),
    ]);
    const l = byLabel.spec.listeners[0];
    expect(admitsNamespace(byLabel, l, 'bookinfo', { ingress: 'public' })).toBe(true);
    expect(admitsNamespace(byLabel, l, 'bookinfo', { ingress: 'private' })).toBe(false);
    expect(admitsNamespace(byLabel, l, 'bookinfo', { ingress: 'public', quarantine: 'y' })).toBe(
      false,
    );
    expect(admitsNamespace(byLabel, l, 'bookinfo')).toBe(false);
  });

  it('takes HTTP and HTTPS listeners whose kinds allow HTTPRoute', () => {
    const gw = gatewayWith('bookinfo', [
      http('web'),
      http('secure', { protocol: 'HTTPS', port: 443 }),
      http('tls', { protocol: 'TLS', port: 8443 }),
      http('grpc-only', {
        allowedRoutes: { kinds: [{ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute' }] },
      }),
      http('mesh', { protocol: 'HBONE', port: 15008 }),
    ]);
    expect(attachableListeners(gw, 'bookinfo').map((l) => l.name)).toEqual(['web', 'secure']);
  });

  it('intersects hostnames as Gateway API does', () => {
    expect(hostnamesIntersect('shop.example.com')).toBe(true);
    expect(hostnamesIntersect('shop.example.com', 'shop.example.com')).toBe(true);
    expect(hostnamesIntersect('shop.example.com', '*.example.com')).toBe(true);
    expect(hostnamesIntersect('*.example.com', 'shop.example.com')).toBe(true);
    expect(hostnamesIntersect('a.shop.example.com', '*.example.com')).toBe(true);
    expect(hostnamesIntersect('example.com', '*.example.com')).toBe(false);
    expect(hostnamesIntersect('shop.example.org', '*.example.com')).toBe(false);
    expect(hostnamesIntersect('shop.example.com', 'www.example.com')).toBe(false);
  });
});
