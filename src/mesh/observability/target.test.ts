import { graphApiPath, meshServiceName, tabSubjectOf, traceApiPath, tracesApiPath } from './target';

describe('tabSubjectOf', () => {
  it('reads a Namespace or Project as the namespace', () => {
    expect(tabSubjectOf({ kind: 'Namespace', metadata: { name: 'bookinfo' } })).toEqual({
      target: { kind: 'namespace', namespace: 'bookinfo' },
    });
    expect(tabSubjectOf({ kind: 'Project', metadata: { name: 'bookinfo' } })?.target).toEqual({
      kind: 'namespace',
      namespace: 'bookinfo',
    });
  });

  it('reads a Service with its selector', () => {
    expect(
      tabSubjectOf({
        kind: 'Service',
        metadata: { name: 'reviews', namespace: 'bookinfo' },
        spec: { selector: { app: 'reviews' } },
      }),
    ).toEqual({
      target: { kind: 'service', namespace: 'bookinfo', name: 'reviews' },
      serviceSelector: { app: 'reviews' },
    });
  });

  it('reads Deployments and StatefulSets as workloads with their pod labels', () => {
    for (const kind of ['Deployment', 'StatefulSet']) {
      expect(
        tabSubjectOf({
          kind,
          metadata: { name: 'reviews-v1', namespace: 'bookinfo', labels: { team: 'x' } },
          spec: { template: { metadata: { labels: { app: 'reviews', version: 'v1' } } } },
        }),
      ).toEqual({
        target: { kind: 'workload', namespace: 'bookinfo', name: 'reviews-v1' },
        podLabels: { app: 'reviews', version: 'v1' },
      });
    }
  });

  it('reads a Pod as its Deployment (through the ReplicaSet), its owner, or itself', () => {
    const pod = (owner?: { kind: string; name: string }) => ({
      kind: 'Pod',
      metadata: {
        name: 'reviews-v1-7d9f8-abcde',
        namespace: 'bookinfo',
        labels: { app: 'reviews', 'pod-template-hash': '7d9f8' },
        ownerReferences: owner
          ? [{ apiVersion: 'apps/v1', uid: 'u', controller: true, ...owner }]
          : undefined,
      },
    });
    expect(tabSubjectOf(pod({ kind: 'ReplicaSet', name: 'reviews-v1-7d9f8' }))).toEqual({
      target: { kind: 'workload', namespace: 'bookinfo', name: 'reviews-v1' },
      podLabels: { app: 'reviews', 'pod-template-hash': '7d9f8' },
    });
    expect(tabSubjectOf(pod({ kind: 'StatefulSet', name: 'db' }))?.target).toMatchObject({
      name: 'db',
    });
    expect(tabSubjectOf(pod())?.target).toMatchObject({ name: 'reviews-v1-7d9f8-abcde' });
  });

  it('has nothing for objects it cannot place', () => {
    expect(tabSubjectOf(undefined)).toBeUndefined();
    expect(tabSubjectOf({ kind: 'Service', metadata: { name: 'x' } })).toBeUndefined();
    expect(
      tabSubjectOf({ kind: 'ConfigMap', metadata: { name: 'x', namespace: 'y' } }),
    ).toBeUndefined();
  });
});

describe('API paths', () => {
  it('uses the namespace graph or a node graph, and traces only for services and workloads', () => {
    expect(graphApiPath({ kind: 'namespace', namespace: 'bookinfo' })).toBe(
      '/api/namespaces/graph',
    );
    expect(graphApiPath({ kind: 'service', namespace: 'bookinfo', name: 'reviews' })).toBe(
      '/api/namespaces/bookinfo/services/reviews/graph',
    );
    expect(graphApiPath({ kind: 'workload', namespace: 'bookinfo', name: 'reviews-v1' })).toBe(
      '/api/namespaces/bookinfo/workloads/reviews-v1/graph',
    );
    expect(tracesApiPath({ kind: 'service', namespace: 'bookinfo', name: 'reviews' })).toBe(
      '/api/namespaces/bookinfo/services/reviews/traces',
    );
    expect(tracesApiPath({ kind: 'namespace', namespace: 'bookinfo' })).toBeUndefined();
    expect(traceApiPath('ab/c')).toBe('/api/traces/ab%2Fc');
  });
});

describe('meshServiceName', () => {
  it('is <canonical service>.<namespace>', () => {
    expect(
      meshServiceName({ target: { kind: 'service', namespace: 'bookinfo', name: 'reviews' } }),
    ).toBe('reviews.bookinfo');
    expect(
      meshServiceName({
        target: { kind: 'workload', namespace: 'bookinfo', name: 'reviews-v1' },
        podLabels: { app: 'reviews' },
      }),
    ).toBe('reviews.bookinfo');
    expect(
      meshServiceName({
        target: { kind: 'workload', namespace: 'bookinfo', name: 'reviews-v1' },
        podLabels: { app: 'reviews', 'service.istio.io/canonical-name': 'book-reviews' },
      }),
    ).toBe('book-reviews.bookinfo');
  });
});
