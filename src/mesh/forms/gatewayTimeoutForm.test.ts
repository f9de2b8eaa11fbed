import { HTTPRouteModel } from '../../models';
import type { GatewayApiGRPCRoute, GatewayApiHTTPRoute } from '../../models';
import { validateGatewayApiObject } from '../../testing/gatewayApiSchemas';
import {
  gatewayTimeoutFieldIssues,
  gatewayTimeoutRules,
  planGatewayTimeouts,
  readGatewayTimeouts,
} from './gatewayTimeoutForm';

const route = (): GatewayApiHTTPRoute => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata: { name: 'reviews', namespace: 'bookinfo', resourceVersion: '3' },
  spec: {
    parentRefs: [{ group: '', kind: 'Service', name: 'reviews', port: 9080 }],
    rules: [
      {
        name: 'jason',
        matches: [{ headers: [{ type: 'Exact', name: 'end-user', value: 'jason' }] }],
        filters: [
          {
            type: 'RequestHeaderModifier',
            requestHeaderModifier: { add: [{ name: 'x-canary', value: 'true' }] },
          },
        ],
        backendRefs: [{ name: 'reviews-v2', port: 9080 }],
        timeouts: { request: '10s' },
      },
      { backendRefs: [{ name: 'reviews-v1', port: 9080 }] },
    ],
  },
});
const ctx = (stored = route()) => ({ routeModel: HTTPRouteModel, stored });

describe('gateway timeout form', () => {
  it('lists the rules, marking the catch-all one', () => {
    expect(gatewayTimeoutRules(route())).toEqual([
      { index: 0, name: 'jason', catchAll: false },
      { index: 1, catchAll: true },
    ]);
    expect(gatewayTimeoutRules(undefined)).toEqual([]);
  });

  it('reads a rule’s timeouts, empty where none is set', () => {
    expect(readGatewayTimeouts(route(), 0)).toEqual({ request: '10s', backendRequest: '' });
    expect(readGatewayTimeouts(route(), 1)).toEqual({ request: '', backendRequest: '' });
  });

  it('sets timeouts on the chosen rule only, keeping matches, filters and the other rule', () => {
    const { plan, route: after } = planGatewayTimeouts(
      { request: '3s', backendRequest: '1s' },
      route(),
      1,
      ctx(),
    );
    expect(plan.blocking).toBe(false);
    expect(plan.edits).toHaveLength(1);
    expect(after?.spec?.rules?.[1]).toEqual({
      backendRefs: [{ name: 'reviews-v1', port: 9080 }],
      timeouts: { request: '3s', backendRequest: '1s' },
    });
    expect(after?.spec?.rules?.[0]).toEqual(route().spec?.rules?.[0]);
    expect(after?.metadata?.resourceVersion).toBe('3');
    expect(() => validateGatewayApiObject(after!)).not.toThrow();
  });

  it('removes a timeout whose field is emptied, and writes nothing when nothing changes', () => {
    const cleared = planGatewayTimeouts({ request: '', backendRequest: '' }, route(), 0, ctx());
    expect(cleared.route?.spec?.rules?.[0]).not.toHaveProperty('timeouts');
    const same = planGatewayTimeouts({ request: '10s', backendRequest: '' }, route(), 0, ctx());
    expect(same.plan.unchanged).toBe(true);
  });

  it('refuses what the API server would, on the field it is about', () => {
    const bad = planGatewayTimeouts({ request: '1.5s', backendRequest: '' }, route(), 1, ctx());
    expect(bad.plan.blocking).toBe(true);
    expect(gatewayTimeoutFieldIssues(bad.plan.issues, 1, 'request')).toEqual([
      expect.objectContaining({ code: 'gateway.timeout.format', params: { value: '1.5s' } }),
    ]);
    expect(gatewayTimeoutFieldIssues(bad.plan.issues, 0, 'request')).toEqual([]);
    const longer = planGatewayTimeouts({ request: '2s', backendRequest: '5s' }, route(), 1, ctx());
    expect(gatewayTimeoutFieldIssues(longer.plan.issues, 1, 'backendRequest')).toEqual([
      expect.objectContaining({ code: 'gateway.timeout.backend-longer' }),
    ]);
  });

  it('says a GRPCRoute has no timeouts, writing nothing', () => {
    const grpc = { ...route(), kind: 'GRPCRoute' } as unknown as GatewayApiGRPCRoute;
    const { plan } = planGatewayTimeouts({ request: '3s', backendRequest: '' }, grpc, 1, ctx());
    expect(plan.edits).toEqual([]);
    expect(plan.issues.map((i) => i.code)).toEqual(['gateway.timeout.grpc']);
  });
});
