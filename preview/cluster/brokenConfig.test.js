'use strict';
// The mesh3-broken scenario against the plugin's own config checks: every broken object gets
// exactly the code its label names, every other object of the cluster (mesh3's own, and the
// broken scenario's stage props) gets none, and together they cover every check.
//
// The one place preview/ reaches into src/: the scenario exists to show those checks, so this
// test holds it to them (Jest compiles the TypeScript; the preview itself still loads only the
// built plugin).
const { afterAll, beforeAll, describe, expect, it } = require('@jest/globals');
const { CONFIG_CODES } = require('../../src/mesh/config/configCodes');
const { indexMeshConfig, objectKey } = require('../../src/mesh/config/meshConfigIndex');
const { validateAll } = require('../../src/mesh/config/validateMeshConfig');
const { validateAuthorizationPolicy } = require('../../src/mesh/security/authorization');
const { validatePeerAuthentication } = require('../../src/mesh/security/mtls');
const { validateRequestAuthentication } = require('../../src/mesh/security/requestAuthentication');
const {
  validateDestinationRule,
  validateVirtualService,
} = require('../../src/mesh/traffic/validation');
const { BROKEN_LABEL, brokenConfig } = require('./brokenConfig');
const { createCluster } = require('./index');

const NET = 'networking.istio.io/v1';
const SEC = 'security.istio.io/v1';

/** What the plugin reads to validate config, from the stand-in's store. */
const meshConfigInput = (api) => {
  const all = (apiVersion, kind) => api.findAll(apiVersion, kind);
  const namespaces = all('v1', 'Namespace');
  return {
    rootNamespace: 'istio-system',
    memberNamespaces: namespaces
      .filter((n) => n.metadata.labels?.['istio-injection'] === 'enabled')
      .map((n) => n.metadata.name),
    virtualServices: all(NET, 'VirtualService'),
    destinationRules: all(NET, 'DestinationRule'),
    gateways: all(NET, 'Gateway'),
    serviceEntries: all(NET, 'ServiceEntry'),
    sidecars: all(NET, 'Sidecar'),
    peerAuthentications: all(SEC, 'PeerAuthentication'),
    authorizationPolicies: all(SEC, 'AuthorizationPolicy'),
    requestAuthentications: all(SEC, 'RequestAuthentication'),
    services: all('v1', 'Service'),
    pods: all('v1', 'Pod'),
    deployments: all('apps/v1', 'Deployment'),
    statefulSets: all('apps/v1', 'StatefulSet'),
    serviceAccounts: all('v1', 'ServiceAccount'),
    namespaces,
  };
};

const codesOf = (issues) => [...new Set(issues.map((i) => i.code))].sort();

describe('mesh3-broken', () => {
  let cluster;
  let results;
  let input;

  beforeAll(async () => {
    // Seeding creates every broken object through validation and admission: a schema error
    // would fail here.
    cluster = await createCluster({ scenario: 'mesh3-broken', speed: 0.02 });
    input = meshConfigInput(cluster.api);
    results = validateAll(indexMeshConfig(input));
  });
  afterAll(() => cluster.close());

  const seeded = brokenConfig();
  const broken = seeded.filter((o) => o.metadata.labels?.[BROKEN_LABEL]);

  it.each(broken.map((o) => [objectKey(o.kind, o), o.metadata.labels[BROKEN_LABEL]]))(
    '%s gets exactly %s',
    (key, code) => {
      expect(results.has(key)).toBe(true);
      expect(codesOf(results.get(key))).toEqual([code]);
    },
  );

  it("gives every other object, mesh3's own and the stage props, no issue", () => {
    const brokenKeys = new Set(broken.map((o) => objectKey(o.kind, o)));
    const dirty = [...results]
      .filter(([key, issues]) => !brokenKeys.has(key) && issues.length > 0)
      .map(([key, issues]) => `${key}: ${codesOf(issues).join(', ')}`);
    expect(dirty).toEqual([]);
    // The clean set is not empty: mesh3's Services and the stage props were validated too.
    const clean = [...results.keys()].filter((k) => !brokenKeys.has(k));
    expect(clean).toEqual(
      expect.arrayContaining([
        'Service/bookinfo/reviews',
        'Service/istio-system/istiod',
        'ServiceEntry/bookinfo/api-example-com',
        'PeerAuthentication/bookinfo/ratings-strict',
      ]),
    );
  });

  it('covers every check', () => {
    const covered = new Set(broken.map((o) => o.metadata.labels[BROKEN_LABEL]));
    expect(CONFIG_CODES.map((c) => c.code).filter((c) => !covered.has(c))).toEqual([]);
  });

  it('keeps to the webhook rules the forms enforce (warnings allowed, no errors)', () => {
    const formChecks = {
      VirtualService: validateVirtualService,
      DestinationRule: validateDestinationRule,
      PeerAuthentication: validatePeerAuthentication,
      AuthorizationPolicy: validateAuthorizationPolicy,
      RequestAuthentication: validateRequestAuthentication,
    };
    const refused = seeded.flatMap((o) =>
      (formChecks[o.kind]?.(o) ?? [])
        .filter((i) => i.severity === 'error')
        .map((i) => `${objectKey(o.kind, o)}: ${i.code}`),
    );
    expect(refused).toEqual([]);
  });

  it('is mesh3 underneath: the control plane is healthy and bookinfo runs with sidecars', () => {
    const { api } = cluster;
    expect(api.find('sailoperator.io/v1', 'Istio', '', 'default').status.state).toBe('Healthy');
    const pods = api.findAll('v1', 'Pod', 'bookinfo');
    expect(pods).toHaveLength(6);
    expect(input.memberNamespaces).toEqual(['bookinfo']);
  });
});
