import type {
  GatewayApiGateway,
  GatewayApiGatewayClass,
  GatewayApiHTTPRoute,
  Service,
} from '../../models';
import { offeredGatewayClasses } from '../ingress/gatewayClasses';
import type { Issue } from '../issues';
import { isRemoval } from './editPlan';
import {
  defaultGatewayName,
  defaultServicePort,
  exposableGateways,
  exposeFieldIssues,
  planExpose,
  readExposeFields,
} from './exposeForm';
import type { ExposeContext, ExposeFields, ExposeObjects } from './exposeForm';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createValidator } = require('../../../preview/cluster/validate');

/** Problems the published Gateway API schema (@kubernetes-models/gateway-api) finds. */
const schemaProblems = async (obj: { kind?: string }) =>
  (await createValidator()).validate(
    { group: 'gateway.networking.k8s.io', kind: obj.kind, plural: '' },
    'v1',
    obj,
  ) as unknown[];

const productpage: Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'productpage', namespace: 'bookinfo' },
  spec: { selector: { app: 'productpage' }, ports: [{ name: 'http', port: 9080 }] },
};

const gatewayClass = (name: string, controllerName: string): GatewayApiGatewayClass => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'GatewayClass',
  metadata: { name },
  spec: { controllerName },
  status: { conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted' }] },
});
const CLASSES = [
  gatewayClass('istio', 'istio.io/gateway-controller'),
  gatewayClass('istio-waypoint', 'istio.io/mesh-controller'),
  gatewayClass('openshift-default', 'openshift.io/gateway-controller/v1'),
];

const gateway = (
  name: string,
  namespace: string,
  listeners: GatewayApiGateway['spec']['listeners'],
  className = 'istio',
): GatewayApiGateway => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name, namespace, resourceVersion: '7' },
  spec: { gatewayClassName: className, listeners },
});
const waypoint = gateway(
  'waypoint',
  'bookinfo',
  [{ name: 'mesh', port: 15008, protocol: 'HBONE' }],
  'istio-waypoint',
);
const shared = gateway(
  'shared',
  'openshift-ingress',
  [
    { name: 'web', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } },
    { name: 'private', port: 8080, protocol: 'HTTP' },
    { name: 'tls', port: 8443, protocol: 'TLS', allowedRoutes: { namespaces: { from: 'All' } } },
    {
      name: 'apps',
      port: 80,
      protocol: 'HTTP',
      hostname: '*.apps.example.com',
      allowedRoutes: { namespaces: { from: 'All' } },
    },
  ],
  'openshift-default',
);

const ctx = (over: Partial<ExposeContext> = {}): ExposeContext => ({
  namespace: 'bookinfo',
  service: productpage,
  classes: offeredGatewayClasses(CLASSES),
  gatewayClasses: CLASSES,
  gateways: [waypoint],
  routes: [],
  stored: {},
  ...over,
});

const plan = (fields: ExposeFields | undefined, base: ExposeObjects, c: ExposeContext) =>
  planExpose({ fields }, base, c);
const codes = (issues: Issue[]) => issues.map((i) => i.code);

describe('the expose form on a namespace without an ingress', () => {
  it('proposes a new Gateway of Istio’s class and a route to the Service’s only port', async () => {
    const c = ctx();
    const fields = readExposeFields({}, c);
    expect(fields).toEqual({
      gatewayMode: 'new',
      className: 'istio',
      gatewayName: 'bookinfo-gateway',
      listenerPort: '80',
      existingGateway: '',
      listener: '',
      hostname: '',
      path: '/',
      servicePort: '9080',
    });
    const { plan: p, gateway: gw, route } = plan(fields, {}, c);
    expect(p.issues).toEqual([]);
    expect(p.blocking).toBe(false);
    // The Gateway first: the route attaches to it.
    expect(p.edits.map((e) => [e.after?.kind, e.after?.metadata?.name, e.before])).toEqual([
      ['Gateway', 'bookinfo-gateway', undefined],
      ['HTTPRoute', 'productpage-ingress', undefined],
    ]);
    expect(p.edits.every((e) => !isRemoval(e) && e.model)).toBe(true);
    expect(gw?.spec.listeners).toEqual([
      { name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'Same' } } },
    ]);
    expect(route?.spec).toEqual({
      parentRefs: [{ name: 'bookinfo-gateway' }],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [{ name: 'productpage', port: 9080 }],
        },
      ],
    });
    expect(await schemaProblems(gw!)).toEqual([]);
    expect(await schemaProblems(route!)).toEqual([]);
  });

  it('puts a hostname on the route; the new listener takes every name, to be shared', async () => {
    const c = ctx();
    const fields = { ...readExposeFields({}, c), hostname: 'bookinfo.example.com' };
    const { plan: p, gateway: gw, route } = plan(fields, {}, c);
    expect(p.issues).toEqual([]);
    expect(gw?.spec.listeners[0].hostname).toBeUndefined();
    expect(route?.spec.hostnames).toEqual(['bookinfo.example.com']);
    expect(await schemaProblems(gw!)).toEqual([]);
    expect(await schemaProblems(route!)).toEqual([]);
  });

  it('offers no class it cannot use, and says so on the class field', () => {
    const c = ctx({ classes: [] });
    const fields = readExposeFields({}, c);
    expect(fields.className).toBe('');
    const { plan: p, route } = plan(fields, {}, c);
    expect(p.blocking).toBe(true);
    expect(codes(exposeFieldIssues(p.issues, 'className', route, 'productpage'))).toEqual([
      'ingress.class.required',
    ]);
    const other = plan({ ...fields, className: 'istio-waypoint' }, {}, c).plan;
    expect(other.issues).toEqual([
      expect.objectContaining({
        object: 'Gateway',
        code: 'ingress.class.not-offered',
        path: ['spec', 'gatewayClassName'],
        params: { className: 'istio-waypoint' },
      }),
    ]);
  });

  it('warns that OpenShift’s class runs Gateways in openshift-ingress, without blocking', () => {
    const c = ctx();
    const { plan: p } = plan({ ...readExposeFields({}, c), className: 'openshift-default' }, {}, c);
    expect(p.issues).toEqual([
      expect.objectContaining({
        object: 'Gateway',
        code: 'ingress.class.openshift-namespace',
        severity: 'warning',
        params: { className: 'openshift-default', namespace: 'openshift-ingress' },
      }),
    ]);
    expect(p.blocking).toBe(false);
  });

  it('puts each wrong field’s problem on that field', () => {
    const c = ctx({ gateways: [waypoint, gateway('taken', 'bookinfo', [])] });
    const fields: ExposeFields = {
      ...readExposeFields({}, c),
      gatewayMode: 'new',
      gatewayName: 'taken',
      listenerPort: '80000',
      hostname: '10.0.0.1',
      path: 'shop',
      servicePort: '',
    };
    const { plan: p, route } = plan(fields, {}, c);
    const on = (f: keyof ExposeFields) =>
      codes(exposeFieldIssues(p.issues, f, route, 'productpage'));
    expect(on('gatewayName')).toEqual(['ingress.gateway.name-taken']);
    expect(on('listenerPort')).toEqual(['ingress.port.invalid']);
    expect(on('hostname')).toEqual(['ingress.hostname.ip']);
    expect(on('path')).toEqual(['ingress.path.invalid']);
    expect(on('servicePort')).toEqual(['ingress.service-port.required']);
    expect(p.blocking).toBe(true);
    // The port typed is not one: the listener has none rather than a wrong one.
    expect(plan(fields, {}, c).gateway?.spec.listeners[0]).not.toHaveProperty('port');
    const bad = plan({ ...fields, gatewayName: 'Bad_Name', servicePort: '8080' }, {}, c);
    expect(
      codes(exposeFieldIssues(bad.plan.issues, 'gatewayName', bad.route, 'productpage')),
    ).toEqual(['ingress.gateway.name-invalid']);
    expect(
      bad.plan.issues.find((i) => i.code === 'ingress.service-port.not-found')?.params,
    ).toEqual({ port: 8080, service: 'productpage' });
  });

  it('refuses a route name another route already has', () => {
    const other: GatewayApiHTTPRoute = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'productpage-ingress', namespace: 'bookinfo', resourceVersion: '3' },
      spec: { rules: [{ backendRefs: [{ name: 'details', port: 9080 }] }] },
    };
    const c = ctx({ routes: [other] });
    const { plan: p } = plan(readExposeFields({}, c), {}, c);
    expect(p.issues).toEqual([
      expect.objectContaining({
        object: 'HTTPRoute',
        code: 'ingress.route.name-taken',
        path: ['metadata', 'name'],
        params: { name: 'productpage-ingress' },
      }),
    ]);
  });
});

describe('the expose form with Gateways to reuse', () => {
  it('lists the ingress Gateways that admit the namespace, its own first, never a waypoint', () => {
    const own = gateway('bookinfo-gateway', 'bookinfo', [
      { name: 'http', port: 80, protocol: 'HTTP' },
    ]);
    const closed = gateway('closed', 'shop', [{ name: 'http', port: 80, protocol: 'HTTP' }]);
    const list = exposableGateways(ctx({ gateways: [shared, closed, waypoint, own] }));
    expect(list.map((g) => [g.key, g.listeners.map((l) => l.name)])).toEqual([
      ['bookinfo/bookinfo-gateway', ['http']],
      ['openshift-ingress/shared', ['web', 'apps']],
    ]);
  });

  it('proposes a route to an existing Gateway, and writes no Gateway', async () => {
    const c = ctx({ gateways: [waypoint, shared] });
    const fields = readExposeFields({}, c);
    expect(fields).toMatchObject({
      gatewayMode: 'existing',
      existingGateway: 'openshift-ingress/shared',
      listener: '',
    });
    const chosen = { ...fields, listener: 'apps', hostname: 'bookinfo.apps.example.com' };
    const { plan: p, gateway: gw, route } = plan(chosen, {}, c);
    expect(p.issues).toEqual([]);
    expect(gw).toBeUndefined();
    expect(p.edits.map((e) => e.after?.kind)).toEqual(['HTTPRoute']);
    expect(route?.spec.parentRefs).toEqual([
      { name: 'shared', namespace: 'openshift-ingress', sectionName: 'apps' },
    ]);
    expect(route?.spec.hostnames).toEqual(['bookinfo.apps.example.com']);
    expect(await schemaProblems(route!)).toEqual([]);
  });

  it('says what is wrong with the Gateway or listener chosen', () => {
    const c = ctx({ gateways: [waypoint, shared] });
    const base = readExposeFields({}, c);
    const issuesFor = (f: Partial<ExposeFields>) => {
      const r = plan({ ...base, ...f }, {}, c);
      return r.plan.issues.map((i) => [i.code, i.params, i.path]);
    };
    expect(issuesFor({ existingGateway: '' })).toEqual([
      ['ingress.gateway.required', undefined, ['spec', 'parentRefs', 0]],
    ]);
    expect(issuesFor({ existingGateway: 'bookinfo/nowhere' })).toEqual([
      ['ingress.gateway.not-found', { gateway: 'bookinfo/nowhere' }, ['spec', 'parentRefs', 0]],
    ]);
    expect(issuesFor({ existingGateway: 'bookinfo/waypoint' })).toEqual([
      ['ingress.gateway.waypoint', { gateway: 'bookinfo/waypoint' }, ['spec', 'parentRefs', 0]],
    ]);
    const at = ['spec', 'parentRefs', 0, 'sectionName'];
    expect(issuesFor({ listener: 'nope' })).toEqual([
      ['ingress.listener.not-found', { listener: 'nope', gateway: 'openshift-ingress/shared' }, at],
    ]);
    expect(issuesFor({ listener: 'tls' })).toEqual([
      ['ingress.listener.not-http', { listener: 'tls', protocol: 'TLS' }, at],
    ]);
    expect(issuesFor({ listener: 'private' })).toEqual([
      [
        'ingress.listener.namespace-not-allowed',
        { listener: 'private', namespace: 'bookinfo' },
        at,
      ],
    ]);
    expect(issuesFor({ listener: 'apps', hostname: 'bookinfo.example.com' })).toEqual([
      [
        'ingress.hostname.no-listener-match',
        { hostname: 'bookinfo.example.com', listenerHostnames: '*.apps.example.com' },
        ['spec', 'hostnames', 0],
      ],
    ]);
    // Any listener: one without a hostname takes every name.
    expect(issuesFor({ hostname: 'bookinfo.example.com' })).toEqual([]);
    const closed = gateway('closed', 'shop', [{ name: 'http', port: 80, protocol: 'HTTP' }]);
    const c2 = ctx({ gateways: [closed] });
    expect(
      plan({ ...base, existingGateway: 'shop/closed' }, {}, c2).plan.issues.map((i) => i.code),
    ).toEqual(['ingress.listener.none-allows']);
  });
});

describe('the expose form on a Service already exposed', () => {
  const own = gateway('bookinfo-gateway', 'bookinfo', [
    { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Same' } } },
  ]);
  const stored: GatewayApiHTTPRoute = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: {
      name: 'productpage-ingress',
      namespace: 'bookinfo',
      resourceVersion: '11',
      labels: { team: 'books' },
    },
    spec: {
      parentRefs: [{ name: 'bookinfo-gateway' }],
      hostnames: ['bookinfo.example.com'],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          filters: [
            {
              type: 'ResponseHeaderModifier',
              responseHeaderModifier: { set: [{ name: 'x-served-by', value: 'edge' }] },
            },
          ],
          backendRefs: [{ name: 'productpage', port: 9080 }],
        },
      ],
    },
    status: { parents: [] },
  };
  const c = ctx({ gateways: [own, waypoint], routes: [stored], stored: { route: stored } });

  it('reads the route back and proposes nothing until a field changes', () => {
    const fields = readExposeFields({ route: stored }, c);
    expect(fields).toEqual({
      gatewayMode: 'existing',
      className: 'istio',
      gatewayName: 'bookinfo-gateway',
      listenerPort: '80',
      existingGateway: 'bookinfo/bookinfo-gateway',
      listener: '',
      hostname: 'bookinfo.example.com',
      path: '/',
      servicePort: '9080',
    });
    const { plan: p } = plan(fields, { route: stored }, c);
    expect(p.unchanged).toBe(true);
    expect(p.issues).toEqual([]);
    expect(plan(undefined, { route: stored }, c).plan.unchanged).toBe(true);
  });

  it('edits the stored route in place: the version it read, the fields it does not own', () => {
    const fields = { ...readExposeFields({ route: stored }, c), hostname: 'shop.example.com' };
    const { plan: p } = plan(fields, { route: stored }, c);
    expect(p.edits).toHaveLength(1);
    const [edit] = p.edits;
    expect(edit.before).toBe(stored);
    expect(edit.after?.metadata).toEqual(stored.metadata);
    expect((edit.after as GatewayApiHTTPRoute).spec).toEqual({
      ...stored.spec,
      hostnames: ['shop.example.com'],
    });
  });

  it('takes the objects of the YAML view as they are, and checks them', () => {
    const yaml = { ...stored, spec: { ...stored.spec, hostnames: ['Not A Host'] } };
    const { plan: p, route } = plan(undefined, { route: yaml }, c);
    expect(route).toBe(yaml);
    expect(p.issues.map((i) => [i.object, i.code, i.path])).toEqual([
      ['HTTPRoute', 'ingress.hostname.invalid', ['spec', 'hostnames', 0]],
    ]);
    // A Gateway written in the YAML view stays a new Gateway when the form is used again.
    const newGw = gateway('edge', 'bookinfo', [{ name: 'http', port: 8080, protocol: 'HTTP' }]);
    const route2 = { ...stored, spec: { ...stored.spec, parentRefs: [{ name: 'edge' }] } };
    const fields = readExposeFields({ gateway: newGw, route: route2 }, c);
    expect(fields).toMatchObject({ gatewayMode: 'new', gatewayName: 'edge', listenerPort: '8080' });
    const again = plan({ ...fields, listenerPort: '8081' }, { gateway: newGw, route: route2 }, c);
    expect(again.gateway?.spec.listeners).toEqual([{ name: 'http', port: 8081, protocol: 'HTTP' }]);
  });
});

describe('defaults', () => {
  it('preselects the only port, else an HTTP one, else none', () => {
    const ports = (p: NonNullable<Service['spec']>['ports']): Service => ({
      ...productpage,
      spec: { ports: p },
    });
    expect(defaultServicePort(ports([{ port: 8080 }]))).toBe('8080');
    expect(
      defaultServicePort(
        ports([
          { name: 'grpc', port: 9090 },
          { name: 'http-web', port: 8080 },
        ]),
      ),
    ).toBe('8080');
    expect(
      defaultServicePort(
        ports([
          { name: 'metrics', port: 9090 },
          { name: 'web', port: 8080, appProtocol: 'http' },
        ]),
      ),
    ).toBe('8080');
    expect(
      defaultServicePort(
        ports([
          { name: 'a', port: 1 },
          { name: 'b', port: 2 },
        ]),
      ),
    ).toBe('');
    expect(defaultServicePort(ports([]))).toBe('');
  });

  it('names a new Gateway after the namespace, as one DNS label', () => {
    expect(defaultGatewayName('bookinfo')).toBe('bookinfo-gateway');
    expect(defaultGatewayName('a'.repeat(63))).toHaveLength(63);
    expect(defaultGatewayName(`${'a'.repeat(54)}-b`)).toBe(`${'a'.repeat(54)}-gateway`);
  });
});
