import {
  ROOT,
  authorizationPolicy,
  bookinfo,
  deployment,
  destinationRule,
  namespace,
  peerAuthentication,
  route,
  service,
  serviceAccount,
  virtualService,
} from '../../testing/meshConfigFixtures';
import { indexMeshConfig } from './meshConfigIndex';
import type { MeshConfigInput } from './meshConfigIndex';
import { validateAll, validateObject } from './validateMeshConfig';

/**
 * 100 namespaces of 10 services each, every service with a VirtualService, a DestinationRule, a
 * PeerAuthentication and an AuthorizationPolicy: 5,000 objects to validate. In each namespace
 * exactly four are broken, one per check.
 */
const large = (): MeshConfigInput => {
  const input: Required<
    Pick<
      MeshConfigInput,
      | 'namespaces'
      | 'services'
      | 'deployments'
      | 'serviceAccounts'
      | 'virtualServices'
      | 'destinationRules'
      | 'peerAuthentications'
      | 'authorizationPolicies'
    >
  > = {
    namespaces: [namespace(ROOT)],
    services: [],
    deployments: [],
    serviceAccounts: [],
    virtualServices: [],
    destinationRules: [],
    peerAuthentications: [],
    authorizationPolicies: [],
  };
  for (let n = 0; n < 100; n++) {
    const ns = `ns-${n}`;
    input.namespaces.push(namespace(ns));
    for (let i = 0; i < 10; i++) {
      const app = `svc-${i}`;
      input.services.push(service(app, ns, { app }));
      input.deployments.push(
        deployment(`${app}-v1`, ns, { app, version: 'v1' }, { serviceAccount: `sa-${i}` }),
      );
      input.serviceAccounts.push(serviceAccount(`sa-${i}`, ns));
      input.virtualServices.push(
        virtualService(app, ns, {
          hosts: [app],
          http: [{ route: [route(app, i === 0 ? 'v9' : 'v1')] }],
        }),
      );
      input.destinationRules.push(
        destinationRule(app, ns, {
          host: app,
          subsets: [{ name: 'v1', labels: { version: i === 1 ? 'v2' : 'v1' } }],
        }),
      );
      input.peerAuthentications.push(
        peerAuthentication(app, ns, {
          selector: { matchLabels: { app: i === 2 ? 'nothing' : app } },
          mtls: { mode: 'STRICT' },
        }),
      );
      input.authorizationPolicies.push(
        authorizationPolicy(app, ns, {
          selector: { matchLabels: { app } },
          rules: [
            {
              from: [
                {
                  source: {
                    principals: [`cluster.local/ns/${ns}/sa/${i === 3 ? 'ghost' : `sa-${i}`}`],
                  },
                },
              ],
            },
          ],
        }),
      );
    }
  }
  return { rootNamespace: ROOT, pods: [], ...input };
};

const countCodes = (results: Map<string, { code: string }[]>) => {
  const counts: Record<string, number> = {};
  for (const issues of results.values()) {
    for (const i of issues) counts[i.code] = (counts[i.code] ?? 0) + 1;
  }
  return counts;
};

describe('validateAll', () => {
  it('validates 5,000 objects and finds exactly the broken ones', () => {
    const index = indexMeshConfig(large());
    const results = validateAll(index);
    expect(results.size).toBe(5000);
    expect(countCodes(results)).toEqual({
      'config.vs.subset-not-found': 100,
      'config.dr.subset-no-workloads': 100,
      'config.selector.no-workload': 100,
      'config.ap.service-account-not-found': 100,
    });
    expect(results.get('VirtualService/ns-7/svc-0')?.[0].path).toEqual([
      'spec',
      'http',
      0,
      'route',
      0,
      'destination',
      'subset',
    ]);
    expect(results.get('VirtualService/ns-7/svc-5')).toEqual([]);
    expect(results.get('Service/ns-7/svc-5')).toEqual([]);
  });

  it('returns the cached results for an unchanged index', () => {
    const input = large();
    const index = indexMeshConfig(input);
    const first = validateAll(index);
    expect(validateAll(index)).toBe(first);
    const vs = input.virtualServices?.[0];
    expect(validateObject(vs!, index)).toBe(first.get('VirtualService/ns-0/svc-0'));
    // A new index (the cluster changed) computes afresh, with equal results for equal input.
    const again = validateAll(indexMeshConfig(input));
    expect(again).not.toBe(first);
    expect(again.get('VirtualService/ns-0/svc-0')).toEqual(first.get('VirtualService/ns-0/svc-0'));
  });

  it('keys every kind and gives clean objects an empty list', () => {
    const results = validateAll(indexMeshConfig(bookinfo()));
    expect([...results.keys()]).toEqual([
      'DestinationRule/bookinfo/reviews',
      'Gateway/bookinfo/bookinfo-gateway',
      'Service/bookinfo/productpage',
      'Service/bookinfo/reviews',
      'Service/bookinfo/ratings',
      'Service/istio-system/istio-ingressgateway',
    ]);
    expect([...results.values()].every((issues) => issues.length === 0)).toBe(true);
  });

  it('ignores objects of kinds it does not check', () => {
    const index = indexMeshConfig(bookinfo());
    expect(validateObject({ kind: 'ConfigMap', metadata: { name: 'x' } }, index)).toEqual([]);
  });
});
