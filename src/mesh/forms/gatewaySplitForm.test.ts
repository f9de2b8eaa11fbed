import { GatewayApiGatewayModel, HTTPRouteModel, ServiceModel } from '../../models';
import type { GatewayApiGateway, GatewayApiHTTPRoute, Namespace, Service } from '../../models';
import { validateGatewayApiObject } from '../../testing/gatewayApiSchemas';
import { proposeVersionServices } from '../traffic/versionServices';
import { isRemoval } from './editPlan';
import {
  backendWeightIssues,
  planGatewaySplit,
  planGatewaySplitRemoval,
  readGatewayWeights,
} from './gatewaySplitForm';
import type { GatewaySplitContext } from './gatewaySplitForm';

const NS = 'bookinfo';
const svc = (name: string, selector: Record<string, string>, labels = {}): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: NS, resourceVersion: '1', labels },
  spec: { selector, ports: [{ name: 'http', port: 9080, targetPort: 9080, protocol: 'TCP' }] },
});
const reviews = svc('reviews', { app: 'reviews' }, { app: 'reviews' });
const versionServices = ['v1', 'v2', 'v3'].map((v) =>
  svc(`reviews-${v}`, { app: 'reviews', version: v }),
);
const deployments = ['v1', 'v2', 'v3'].map((v) => ({
  metadata: { name: `reviews-${v}`, namespace: NS },
  spec: { replicas: 1, template: { metadata: { labels: { app: 'reviews', version: v } } } },
}));
const waypoint: GatewayApiGateway = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name: 'waypoint', namespace: NS },
  spec: {
    gatewayClassName: 'istio-waypoint',
    listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }],
  },
  status: { conditions: [{ type: 'Programmed', status: 'True' }] },
};
const ambientNs: Namespace = {
  metadata: { name: NS, labels: { 'istio.io/dataplane-mode': 'ambient' } },
};

// As Istio's ambient walk-through leaves it: jason to v2 with a header added, the rest to v1.
const handWritten = (): GatewayApiHTTPRoute => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'reviews', namespace: NS, resourceVersion: '7' },
  spec: {
    parentRefs: [{ group: '', kind: 'Service', name: 'reviews', port: 9080 }],
    rules: [
      {
        matches: [{ headers: [{ type: 'Exact', name: 'end-user', value: 'jason' }] }],
        filters: [
          {
            type: 'RequestHeaderModifier',
            requestHeaderModifier: { add: [{ name: 'x-canary', value: 'true' }] },
          },
        ],
        backendRefs: [{ name: 'reviews-v2', port: 9080 }],
      },
      { backendRefs: [{ name: 'reviews-v1', port: 9080, weight: 1 }] },
    ],
  },
});

const context = (o: Partial<GatewaySplitContext> = {}): GatewaySplitContext => {
  const services = o.services ?? [reviews, ...versionServices];
  return {
    namespace: NS,
    service: reviews,
    kind: 'HTTPRoute',
    routeModel: HTTPRouteModel,
    port: 9080,
    backends: proposeVersionServices({ service: reviews, deployments, services }).backends,
    services,
    stored: {},
    ...o,
  };
};

describe('planGatewaySplit', () => {
  it('90/10 on an ambient namespace: keeps the jason rule and its filter, sends reviews through the existing waypoint', () => {
    const route = handWritten();
    const ctx = context({
      stored: { route },
      ambient: { namespaceObject: ambientNs, gateways: [waypoint], setUpWaypoint: true },
    });
    const {
      plan,
      route: after,
      waypoint: wp,
    } = planGatewaySplit({ 'reviews-v1': 90, 'reviews-v2': 10 }, { route }, ctx);
    expect(plan.blocking).toBe(false);
    expect(plan.issues).toEqual([]);
    expect(wp).toEqual({
      kind: 'setup',
      waypoint: 'waypoint',
      create: [],
      label: true,
      accepted: true,
    });
    // The Service's label first, then the route.
    expect(plan.edits.map((e) => [e.model?.kind, (e.after ?? e.before)?.metadata?.name])).toEqual([
      [ServiceModel.kind, 'reviews'],
      ['HTTPRoute', 'reviews'],
    ]);
    const labelled = plan.edits[0].after as Service;
    expect(labelled.metadata?.labels).toEqual({
      app: 'reviews',
      'istio.io/use-waypoint': 'waypoint',
    });
    expect(after?.spec?.rules?.[0]).toEqual(handWritten().spec?.rules?.[0]);
    expect(after?.spec?.rules?.[1]?.backendRefs).toEqual([
      { name: 'reviews-v1', port: 9080, weight: 90 },
      { name: 'reviews-v2', port: 9080, weight: 10 },
    ]);
    expect(after?.metadata?.resourceVersion).toBe('7');
    expect(() => validateGatewayApiObject(after!)).not.toThrow();
    expect(readGatewayWeights({ route: after })).toEqual({ 'reviews-v1': 90, 'reviews-v2': 10 });
  });

  it('on an ambient namespace without any waypoint, creates one before labelling the Service', () => {
    const ctx = context({
      ambient: { namespaceObject: ambientNs, gateways: [], setUpWaypoint: true },
    });
    const { plan } = planGatewaySplit({ 'reviews-v1': 50, 'reviews-v3': 50 }, {}, ctx);
    expect(plan.edits.map((e) => `${e.after?.kind}/${e.after?.metadata?.name}`)).toEqual([
      'Gateway/waypoint',
      'Service/reviews',
      'HTTPRoute/reviews',
    ]);
    expect(plan.edits[0].model).toBe(GatewayApiGatewayModel);
    expect(() => validateGatewayApiObject(plan.edits[0].after!)).not.toThrow();
  });

  it('without the user’s yes, writes only the route and says it waits for a waypoint', () => {
    const ctx = context({
      ambient: { namespaceObject: ambientNs, gateways: [waypoint], setUpWaypoint: false },
    });
    const { plan } = planGatewaySplit({ 'reviews-v1': 100 }, {}, ctx);
    expect(plan.edits.map((e) => e.after?.kind)).toEqual(['HTTPRoute']);
    expect(plan.issues).toEqual([
      expect.objectContaining({
        code: 'split.waypoint-required',
        severity: 'warning',
        params: { service: 'reviews', waypoint: 'waypoint' },
      }),
    ]);
    expect(plan.blocking).toBe(false);
  });

  it('a Service already through a waypoint needs nothing more', () => {
    const labelled = svc('reviews', { app: 'reviews' }, { 'istio.io/use-waypoint': 'waypoint' });
    const services = [labelled, ...versionServices];
    const ctx = context({
      service: labelled,
      services,
      ambient: { namespaceObject: ambientNs, gateways: [waypoint], setUpWaypoint: true },
    });
    const { plan, waypoint: wp } = planGatewaySplit({ 'reviews-v1': 100 }, {}, ctx);
    expect(wp).toEqual({ kind: 'in-use', waypoint: 'waypoint' });
    expect(plan.edits.map((e) => e.after?.kind)).toEqual(['HTTPRoute']);
  });

  it('with sidecars, creates the version Services the split names, before the route', () => {
    const ctx = context({ services: [reviews] });
    const { plan, created } = planGatewaySplit({ 'reviews-v1': 80, 'reviews-v2': 20 }, {}, ctx);
    expect(created.map((s) => s.metadata?.name)).toEqual(['reviews-v1', 'reviews-v2']);
    expect(plan.edits.map((e) => `${e.after?.kind}/${e.after?.metadata?.name}`)).toEqual([
      'Service/reviews-v1',
      'Service/reviews-v2',
      'HTTPRoute/reviews',
    ]);
    expect(created[1].spec?.selector).toEqual({ app: 'reviews', version: 'v2' });
    // The route names Services that will exist: nothing unresolved.
    expect(plan.issues).toEqual([]);
    const route = plan.edits[2].after as GatewayApiHTTPRoute;
    expect(route.spec?.parentRefs).toEqual([
      { group: '', kind: 'Service', name: 'reviews', port: 9080 },
    ]);
    expect(() => validateGatewayApiObject(route)).not.toThrow();
  });

  it('explains weights that do not add up to 100 with the shares they give', () => {
    const { plan } = planGatewaySplit({ 'reviews-v1': 70, 'reviews-v2': 20 }, {}, context());
    expect(plan.issues).toEqual([
      expect.objectContaining({
        code: 'split.weights-sum',
        params: { total: 90, shares: 'reviews-v1 77.8 %, reviews-v2 22.2 %' },
      }),
    ]);
  });

  it('refuses to split a default rule that redirects, writing nothing', () => {
    const route = handWritten();
    route.spec!.rules![1] = {
      filters: [{ type: 'RequestRedirect', requestRedirect: { hostname: 'example.com' } }],
    };
    const { plan } = planGatewaySplit({ 'reviews-v1': 100 }, { route }, context());
    expect(plan.blocking).toBe(true);
    expect(plan.edits).toEqual([]);
  });

  it('puts a weight problem on the field of the backend it is about, and only there', () => {
    const route = handWritten();
    const { plan, route: after } = planGatewaySplit(
      { 'reviews-v1': 98.5, 'reviews-v2': 1.5 },
      { route },
      context({ stored: { route } }),
    );
    expect(backendWeightIssues(plan.issues, after, 'reviews-v2').length).toBeGreaterThan(0);
    expect(backendWeightIssues(plan.issues, after, 'reviews-v3')).toEqual([]);
    // The API server's word on a weight: the default rule's backend, not the jason rule's.
    const server = (rule: number) => ({
      object: 'HTTPRoute',
      path: ['spec', 'rules', rule, 'backendRefs', 0, 'weight'],
      code: 'server.field',
      params: {},
      severity: 'error' as const,
    });
    const fresh = handWritten();
    expect(backendWeightIssues([server(1)], fresh, 'reviews-v1')).toHaveLength(1);
    expect(backendWeightIssues([server(0)], fresh, 'reviews-v2')).toEqual([]);
  });
});

describe('planGatewaySplitRemoval', () => {
  it('keeps the jason rule and sends the rest to the whole Service', () => {
    const route = handWritten();
    const {
      plan,
      kind,
      route: after,
    } = planGatewaySplitRemoval({ route }, context({ stored: { route } }));
    expect(kind).toBe('update');
    expect(after?.spec?.rules?.[0]).toEqual(handWritten().spec?.rules?.[0]);
    expect(after?.spec?.rules?.[1]?.backendRefs).toEqual([{ name: 'reviews', port: 9080 }]);
    expect(plan.edits).toHaveLength(1);
  });

  it('deletes a route that holds nothing but the split, and never the Services', () => {
    const route = handWritten();
    route.spec!.rules!.splice(0, 1);
    const { plan, kind } = planGatewaySplitRemoval({ route }, context({ stored: { route } }));
    expect(kind).toBe('delete');
    expect(plan.edits).toHaveLength(1);
    expect(isRemoval(plan.edits[0])).toBe(true);
    expect(plan.edits[0].before).toBe(route);
  });

  it('has nothing to remove without a stored route', () => {
    expect(planGatewaySplitRemoval({}, context()).kind).toBe('none');
  });
});
