import {
  ROOT,
  authorizationPolicy,
  destinationRule,
  gateway,
  peerAuthentication,
  requestAuthentication,
  service,
  serviceEntry,
  sidecar,
  virtualService,
} from '../../testing/meshConfigFixtures';
import { describeAppliesTo } from './describeAppliesTo';

describe('describeAppliesTo', () => {
  it('gives the hosts of routing objects', () => {
    expect(
      describeAppliesTo(virtualService('r', 'bookinfo', { hosts: ['reviews', 'x'] }), ROOT),
    ).toEqual({
      kind: 'hosts',
      hosts: ['reviews', 'x'],
    });
    expect(describeAppliesTo(virtualService('delegate', 'bookinfo', { http: [] }), ROOT)).toEqual({
      kind: 'hosts',
      hosts: [],
    });
    expect(describeAppliesTo(destinationRule('r', 'bookinfo', { host: 'reviews' }), ROOT)).toEqual({
      kind: 'hosts',
      hosts: ['reviews'],
    });
    expect(
      describeAppliesTo(serviceEntry('e', 'bookinfo', { hosts: ['api.example.com'] }), ROOT),
    ).toEqual({ kind: 'hosts', hosts: ['api.example.com'] });
  });

  it('tells namespace-wide from mesh-wide policies', () => {
    expect(describeAppliesTo(peerAuthentication('default', 'bookinfo', {}), ROOT)).toEqual({
      kind: 'namespace',
    });
    expect(describeAppliesTo(peerAuthentication('default', ROOT, {}), ROOT)).toEqual({
      kind: 'mesh',
    });
    expect(describeAppliesTo(sidecar('default', ROOT, {}), ROOT)).toEqual({ kind: 'mesh' });
    expect(describeAppliesTo(authorizationPolicy('p', 'bookinfo', { selector: {} }), ROOT)).toEqual(
      {
        kind: 'namespace',
      },
    );
  });

  it('gives selectors with their scope', () => {
    const labels = { app: 'reviews' };
    expect(
      describeAppliesTo(
        authorizationPolicy('p', 'bookinfo', { selector: { matchLabels: labels } }),
        ROOT,
      ),
    ).toEqual({
      kind: 'selector',
      labels,
      scope: 'namespace',
    });
    expect(
      describeAppliesTo(
        requestAuthentication('p', ROOT, { selector: { matchLabels: labels } }),
        ROOT,
      ),
    ).toEqual({
      kind: 'selector',
      labels,
      scope: 'mesh',
    });
    expect(
      describeAppliesTo(peerAuthentication('p', ROOT, { selector: { matchLabels: labels } }), ROOT),
    ).toEqual({
      kind: 'selector',
      labels,
      scope: 'namespace',
    });
    expect(
      describeAppliesTo(sidecar('s', 'bookinfo', { workloadSelector: { labels } }), ROOT),
    ).toEqual({
      kind: 'selector',
      labels,
      scope: 'namespace',
    });
    expect(
      describeAppliesTo(gateway('g', 'bookinfo', { selector: { istio: 'ingressgateway' } }), ROOT),
    ).toEqual({
      kind: 'selector',
      labels: { istio: 'ingressgateway' },
      scope: 'mesh',
    });
  });

  it('gives targetRefs', () => {
    const ref = { kind: 'Gateway', group: 'gateway.networking.k8s.io', name: 'waypoint' };
    expect(
      describeAppliesTo(authorizationPolicy('p', 'bookinfo', { targetRefs: [ref] }), ROOT),
    ).toEqual({
      kind: 'targetRefs',
      refs: [ref],
    });
    expect(
      describeAppliesTo(authorizationPolicy('p', 'bookinfo', { targetRef: ref }), ROOT),
    ).toEqual({
      kind: 'targetRefs',
      refs: [ref],
    });
  });

  it('gives the workloads a Telemetry or a Service selects', () => {
    const telemetry = (ns: string, spec: Record<string, unknown>) => ({
      apiVersion: 'telemetry.istio.io/v1',
      kind: 'Telemetry',
      metadata: { name: 't', namespace: ns },
      spec,
    });
    expect(describeAppliesTo(telemetry(ROOT, {}), ROOT)).toEqual({ kind: 'mesh' });
    expect(describeAppliesTo(telemetry('bookinfo', {}), ROOT)).toEqual({ kind: 'namespace' });
    expect(
      describeAppliesTo(telemetry(ROOT, { selector: { matchLabels: { app: 'x' } } }), ROOT),
    ).toEqual({ kind: 'selector', labels: { app: 'x' }, scope: 'namespace' });
    expect(describeAppliesTo(service('s', 'bookinfo', { app: 's' }), ROOT)).toEqual({
      kind: 'selector',
      labels: { app: 's' },
      scope: 'namespace',
    });
    expect(describeAppliesTo(service('s', 'bookinfo', undefined), ROOT)).toEqual({
      kind: 'unknown',
    });
  });

  it('gives the parents and hostnames of Gateway API routes', () => {
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'r', namespace: 'bookinfo' },
      spec: {
        parentRefs: [{ name: 'gw' }, { group: '', kind: 'Service', name: 'reviews' }],
        hostnames: ['books.example.com'],
      },
    };
    expect(describeAppliesTo(route, ROOT)).toEqual({
      kind: 'parents',
      refs: [
        { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw' },
        { group: '', kind: 'Service', name: 'reviews' },
      ],
      hosts: ['books.example.com'],
    });
    expect(describeAppliesTo({ metadata: { name: 'g' } }, ROOT, 'GRPCRoute')).toEqual({
      kind: 'parents',
      refs: [],
      hosts: [],
    });
  });

  it('takes the kind from the caller when the object has none', () => {
    const bare = { metadata: { name: 'r', namespace: 'bookinfo' }, spec: { host: 'reviews' } };
    expect(describeAppliesTo(bare, ROOT)).toEqual({ kind: 'unknown' });
    expect(describeAppliesTo(bare, ROOT, 'DestinationRule')).toEqual({
      kind: 'hosts',
      hosts: ['reviews'],
    });
  });
});
