import fc from 'fast-check';
import type { GatewayApiGateway, Namespace, Service } from '../../models';
import {
  buildWaypoint,
  isGatewayDeployment,
  servicesForTarget,
  servicesReachBeyond,
  servicesSelecting,
  withWaypointLabel,
  waypointFor,
  waypointsIn,
} from './waypoint';

const ns = (labels: Record<string, string> = {}): Namespace => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'bookinfo', labels: { 'istio.io/dataplane-mode': 'ambient', ...labels } },
});

const service = (
  name: string,
  labels: Record<string, string> = {},
  selector: Record<string, string> | undefined = { app: name },
): Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'bookinfo', labels },
  spec: { ...(selector ? { selector } : {}), ports: [{ name: 'http', port: 9080 }] },
});

const gateway = (
  name: string,
  programmed?: boolean,
  over: Partial<GatewayApiGateway> = {},
): GatewayApiGateway => ({
  ...buildWaypoint('bookinfo', name),
  ...(programmed === undefined
    ? {}
    : { status: { conditions: [{ type: 'Programmed', status: programmed ? 'True' : 'False' }] } }),
  ...over,
});

describe('waypointFor', () => {
  it('reads istio.io/use-waypoint on the Service, and the waypoint’s Programmed condition', () => {
    const services = [service('reviews', { 'istio.io/use-waypoint': 'waypoint' })];
    expect(waypointFor('reviews', ns(), [gateway('waypoint', true)], services)).toMatchObject({
      kind: 'waypoint',
      name: 'waypoint',
      namespace: 'bookinfo',
      from: 'service',
      state: 'programmed',
    });
    expect(waypointFor('reviews', ns(), [gateway('waypoint', false)], services)).toMatchObject({
      state: 'pending',
    });
    expect(waypointFor('reviews', ns(), [gateway('waypoint')], services)).toMatchObject({
      state: 'pending',
    });
  });

  it('falls back to the namespace’s label; the Service’s own wins, and "none" opts it out', () => {
    const labelled = ns({ 'istio.io/use-waypoint': 'ns-waypoint' });
    const gws = [gateway('ns-waypoint', true), gateway('own', true)];
    expect(waypointFor('reviews', labelled, gws, [service('reviews')])).toMatchObject({
      name: 'ns-waypoint',
      from: 'namespace',
    });
    expect(
      waypointFor('reviews', labelled, gws, [
        service('reviews', { 'istio.io/use-waypoint': 'own' }),
      ]),
    ).toMatchObject({ name: 'own', from: 'service' });
    expect(
      waypointFor('reviews', labelled, gws, [
        service('reviews', { 'istio.io/use-waypoint': 'none' }),
      ]),
    ).toEqual({ kind: 'none' });
    expect(waypointFor('reviews', ns(), gws, [service('reviews')])).toEqual({ kind: 'none' });
  });

  it('says missing for a waypoint its namespace does not have, unknown where it cannot tell', () => {
    const services = [service('reviews', { 'istio.io/use-waypoint': 'waypoint' })];
    expect(waypointFor('reviews', ns(), [], services)).toMatchObject({ state: 'missing' });
    // The Gateways could not be read (forbidden): no claim either way.
    expect(waypointFor('reviews', ns(), undefined, services)).toMatchObject({ state: 'unknown' });
    // A waypoint in another namespace: only this namespace's Gateways are read.
    const elsewhere = [
      service('reviews', {
        'istio.io/use-waypoint': 'shared',
        'istio.io/use-waypoint-namespace': 'mesh-waypoints',
      }),
    ];
    expect(waypointFor('reviews', ns(), [], elsewhere)).toMatchObject({
      namespace: 'mesh-waypoints',
      state: 'unknown',
    });
  });
});

describe('servicesSelecting and waypointsIn', () => {
  it('finds the Services whose selector picks the pods; a selector-less Service picks none', () => {
    const services = [
      service('reviews'),
      service('reviews-v1', {}, { app: 'reviews', version: 'v1' }),
      service('ratings'),
      service('external', {}, undefined),
    ];
    expect(
      servicesSelecting(services, 'bookinfo', { app: 'reviews', version: 'v2' }).map(
        (s) => s.metadata?.name,
      ),
    ).toEqual(['reviews']);
    expect(
      servicesSelecting(services, 'bookinfo', { app: 'reviews', version: 'v1' }).map(
        (s) => s.metadata?.name,
      ),
    ).toEqual(['reviews', 'reviews-v1']);
    expect(servicesSelecting(services, 'other', { app: 'reviews' })).toEqual([]);
  });

  it('finds every Service in front of the pods a policy selects, one per version included', () => {
    const services = [
      service('reviews'),
      ...['v1', 'v2'].map((v) => service(`reviews-${v}`, {}, { app: 'reviews', version: v })),
      service('ratings'),
    ];
    const workloads = ['v1', 'v2'].map((version) => ({
      namespace: 'bookinfo',
      labels: { app: 'reviews', version },
    }));
    const names = (matchLabels: Record<string, string>) =>
      servicesForTarget(services, 'bookinfo', matchLabels, workloads).map((s) => s.metadata?.name);
    expect(names({ app: 'reviews' })).toEqual(['reviews', 'reviews-v1', 'reviews-v2']);
    expect(names({ app: 'reviews', version: 'v1' })).toEqual(['reviews', 'reviews-v1']);
    expect(names({ app: 'details' })).toEqual([]);
  });

  it('tells when a Service reaches pods beyond the ones a policy selects', () => {
    const reviews = [service('reviews')];
    const versions = ['v1', 'v2'].map((version) => ({ labels: { app: 'reviews', version } }));
    expect(servicesReachBeyond(reviews, { app: 'reviews', version: 'v1' }, versions)).toBe(true);
    expect(servicesReachBeyond(reviews, { app: 'reviews' }, versions)).toBe(false);
    expect(servicesReachBeyond([], { app: 'reviews', version: 'v1' }, versions)).toBe(false);
  });

  it('lists only waypoints that take Service traffic', () => {
    const ingress: GatewayApiGateway = {
      ...gateway('ingress'),
      spec: { gatewayClassName: 'istio', listeners: [] },
    };
    const workloadOnly = gateway('pods', true, {
      metadata: {
        name: 'pods',
        namespace: 'bookinfo',
        labels: { 'istio.io/waypoint-for': 'workload' },
      },
    });
    expect(
      waypointsIn([gateway('waypoint', true), ingress, workloadOnly], 'bookinfo').map(
        (g) => g.metadata?.name,
      ),
    ).toEqual(['waypoint']);
  });
});

describe('buildWaypoint', () => {
  it('writes the waypoint Istio documents for a namespace’s Services', () => {
    expect(buildWaypoint('bookinfo')).toEqual({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: {
        name: 'waypoint',
        namespace: 'bookinfo',
        labels: { 'istio.io/waypoint-for': 'service' },
      },
      spec: {
        gatewayClassName: 'istio-waypoint',
        listeners: [{ name: 'mesh', port: 15008, protocol: 'HBONE' }],
      },
    });
  });
});

describe('withWaypointLabel', () => {
  it('sets only the use-waypoint label, keeping every other field of the Service', () => {
    const labels = fc.dictionary(
      fc.stringMatching(/^[a-z][a-z0-9.-]{0,10}$/),
      fc.stringMatching(/^[a-z0-9]{0,8}$/),
    );
    fc.assert(
      fc.property(labels, labels, fc.integer({ min: 1, max: 65535 }), (own, annotations, port) => {
        const before: Service = {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: {
            name: 'reviews',
            namespace: 'bookinfo',
            resourceVersion: '7',
            labels: own,
            annotations,
          },
          spec: {
            selector: { app: 'reviews' },
            ports: [{ port, name: 'http' }],
            type: 'ClusterIP',
          },
        };
        const frozen = JSON.stringify(before);
        const after = withWaypointLabel(before, 'waypoint');
        expect(JSON.stringify(before)).toBe(frozen);
        expect(after.metadata?.labels).toEqual({ ...own, 'istio.io/use-waypoint': 'waypoint' });
        expect({ ...after.metadata, labels: own }).toEqual(before.metadata);
        expect(after.spec).toEqual(before.spec);
      }),
    );
  });
});

describe('isGatewayDeployment', () => {
  it('tells Istio’s gateway and waypoint Deployments from application workloads', () => {
    expect(
      isGatewayDeployment({
        metadata: { labels: { 'gateway.networking.k8s.io/gateway-name': 'waypoint' } },
      }),
    ).toBe(true);
    expect(isGatewayDeployment({ metadata: { labels: { app: 'reviews' } } })).toBe(false);
    expect(isGatewayDeployment({})).toBe(false);
  });
});
