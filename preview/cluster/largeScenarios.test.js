'use strict';
// The benchmark meshes: the sizes they promise, the same cluster every run, and objects the
// API server (with the Istio schemas) would accept.
const { afterAll, beforeAll, describe, expect, it } = require('@jest/globals');
const { createCluster } = require('./index');
const { LARGE_SCENARIOS, largeScenarioObjects } = require('./largeScenarios');

const count = (objects, kind) => objects.filter((o) => o.kind === kind).length;

describe('generated objects', () => {
  it.each(Object.entries(LARGE_SCENARIOS))(
    '%s has its Istio objects over its Services, 5 Services a namespace',
    (scenario, size) => {
      const { workloads, istio } = largeScenarioObjects(scenario);
      expect(istio).toHaveLength(size.istioObjects);
      expect(count(workloads, 'Service')).toBe(size.services);
      expect(count(workloads, 'Deployment')).toBe(2 * size.services);
      expect(count(workloads, 'Namespace')).toBe(size.services / 5);
      // Every Service routes: a VirtualService and a DestinationRule each.
      expect(count(istio, 'VirtualService')).toBeGreaterThanOrEqual(size.services);
      expect(count(istio, 'DestinationRule')).toBeGreaterThanOrEqual(size.services);
      const keys = istio.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`);
      expect(new Set(keys).size).toBe(keys.length);
    },
  );

  it('spreads 5,000 objects over ten Istio kinds', () => {
    const { istio } = largeScenarioObjects('large-5000');
    const kinds = [...new Set(istio.map((o) => o.kind))];
    expect(kinds).toHaveLength(10);
    kinds.forEach((k) => expect(count(istio, k)).toBe(500));
  });

  it('is the same cluster every time', () => {
    expect(largeScenarioObjects('large-1000')).toEqual(largeScenarioObjects('large-1000'));
  });

  it('refuses an unknown size', () => {
    expect(() => largeScenarioObjects('large-7')).toThrow('unknown large scenario "large-7"');
  });
});

describe('the stand-in cluster', () => {
  let cluster;
  beforeAll(async () => {
    cluster = await createCluster({ scenario: 'mesh3', speed: 0.02 });
  });
  afterAll(() => cluster.close());

  it('accepts one object of every generated kind through the validating write path', () => {
    const { workloads, istio } = largeScenarioObjects('large-5000');
    const api = cluster.api;
    const create = (o) =>
      api.create(
        api.typeOf(o.apiVersion, o.kind),
        o.apiVersion.split('/').pop(),
        o.metadata.namespace ?? '',
        o,
      );
    const firstNs = workloads[0];
    expect(firstNs.kind).toBe('Namespace');
    create(firstNs);
    const inFirstNs = (o) => o.metadata.namespace === firstNs.metadata.name;
    for (const kind of ['ServiceAccount', 'Service', 'Deployment']) {
      create(workloads.find((o) => o.kind === kind && inFirstNs(o)));
    }
    const oneOfEach = [...new Map(istio.filter(inFirstNs).map((o) => [o.kind, o])).values()];
    expect(oneOfEach).toHaveLength(10);
    oneOfEach.forEach((o) => expect(() => create(o)).not.toThrow());
  });
});

describe('large-100 as a scenario', () => {
  let cluster;
  beforeAll(async () => {
    cluster = await createCluster({ scenario: 'large-100', speed: 0.02 });
  });
  afterAll(() => cluster.close());

  it('is mesh3 plus the generated member namespaces, their workloads and Istio objects', () => {
    const { api } = cluster;
    expect(api.find('sailoperator.io/v1', 'Istio', '', 'default')).toBeDefined();
    const namespaces = api
      .findAll('v1', 'Namespace')
      .filter((n) => n.metadata.name.startsWith('app-'));
    expect(namespaces).toHaveLength(10);
    namespaces.forEach((n) => expect(n.metadata.labels['istio-injection']).toBe('enabled'));
    expect(api.findAll('networking.istio.io/v1', 'VirtualService')).toHaveLength(50);
    expect(api.findAll('networking.istio.io/v1', 'DestinationRule')).toHaveLength(50);
    // The simulated controllers ran: every generated Deployment has its pod.
    const pods = api.findAll('v1', 'Pod').filter((p) => p.metadata.namespace.startsWith('app-'));
    expect(pods).toHaveLength(100);
  });
});
