import {
  ROOT,
  bookinfo,
  deployment,
  destinationRule,
  pod,
  serviceEntry,
} from '../../testing/meshConfigFixtures';
import { exportedTo, gatewayKey, hostMatches, indexMeshConfig, objectKey } from './meshConfigIndex';

describe('resolveHost', () => {
  const index = indexMeshConfig(bookinfo());

  it.each([
    ['reviews', 'reviews.bookinfo.svc.cluster.local'],
    ['reviews.bookinfo', 'reviews.bookinfo.svc.cluster.local'],
    ['reviews.bookinfo.svc', 'reviews.bookinfo.svc.cluster.local'],
    ['reviews.bookinfo.svc.cluster.local', 'reviews.bookinfo.svc.cluster.local'],
    ['Reviews.Bookinfo.svc.cluster.local.', 'reviews.bookinfo.svc.cluster.local'],
  ])('resolves %s in bookinfo to %s', (host, fqdn) => {
    expect(index.resolveHost(host, 'bookinfo')).toEqual({
      fqdn,
      wildcard: false,
      service: { name: 'reviews', namespace: 'bookinfo' },
    });
  });

  it('resolves a short name in the namespace of the object that writes it', () => {
    expect(index.resolveHost('reviews', 'other').fqdn).toBe('reviews.other.svc.cluster.local');
  });

  it('leaves a two-label name alone when the second label is no known namespace', () => {
    expect(index.resolveHost('example.com', 'bookinfo')).toEqual({
      fqdn: 'example.com',
      wildcard: false,
    });
  });

  it('keeps wildcards as they are', () => {
    expect(index.resolveHost('*.bookinfo.svc.cluster.local', 'bookinfo')).toEqual({
      fqdn: '*.bookinfo.svc.cluster.local',
      wildcard: true,
    });
    expect(index.resolveHost('*', 'bookinfo').wildcard).toBe(true);
  });

  it('uses the cluster domain it is given', () => {
    const custom = indexMeshConfig({ ...bookinfo(), clusterDomain: 'corp.local' });
    expect(custom.resolveHost('reviews', 'bookinfo').fqdn).toBe('reviews.bookinfo.svc.corp.local');
    expect(custom.resolveHost('reviews.bookinfo.svc', 'bookinfo').fqdn).toBe(
      'reviews.bookinfo.svc.corp.local',
    );
  });
});

describe('hostStatus', () => {
  const status = (input: ReturnType<typeof bookinfo>, host: string, from = 'bookinfo') => {
    const index = indexMeshConfig(input);
    return index.hostStatus(index.resolveHost(host, from), from);
  };

  it('finds Services by any spelling and misses absent ones', () => {
    expect(status(bookinfo(), 'reviews')).toBe('found');
    expect(status(bookinfo(), 'ratings.bookinfo.svc.cluster.local', 'other')).toBe('found');
    expect(status(bookinfo(), 'details')).toBe('missing');
    expect(status(bookinfo(), 'reviews', 'other')).toBe('missing');
  });

  it('finds ServiceEntry hosts, exact and wildcard, within their exportTo', () => {
    const input = {
      ...bookinfo(),
      serviceEntries: [
        serviceEntry('api', 'bookinfo', { hosts: ['api.example.com'] }),
        serviceEntry('wild', 'bookinfo', { hosts: ['*.wild.example.com'] }),
        serviceEntry('private', 'bookinfo', { hosts: ['private.example.com'], exportTo: ['.'] }),
      ],
    };
    expect(status(input, 'api.example.com')).toBe('found');
    expect(status(input, 'a.wild.example.com')).toBe('found');
    expect(status(input, 'wild.example.com')).toBe('missing');
    expect(status(input, 'private.example.com')).toBe('found');
    expect(status(input, 'private.example.com', 'other')).toBe('missing');
    expect(status(input, 'nowhere.example.com')).toBe('missing');
  });

  it('is unknown for wildcards and when the lists that would prove it were not read', () => {
    expect(status(bookinfo(), '*.bookinfo.svc.cluster.local')).toBe('unknown');
    expect(status({ ...bookinfo(), services: undefined }, 'details')).toBe('unknown');
    expect(status({ ...bookinfo(), serviceEntries: undefined }, 'api.example.com')).toBe('unknown');
    expect(
      status({ ...bookinfo(), readNamespaces: ['bookinfo'] }, 'svc.team-a.svc.cluster.local'),
    ).toBe('unknown');
    expect(status({ ...bookinfo(), readNamespaces: ['bookinfo'] }, 'details')).toBe('missing');
  });
});

describe('workloads', () => {
  it('lets a controller stand for its pods and keeps bare pods', () => {
    const input = {
      ...bookinfo(),
      pods: [
        pod('reviews-v1-abc', 'bookinfo', { app: 'reviews', version: 'v1' }, { proxy: true }),
        pod('debug', 'bookinfo', { run: 'debug' }),
      ],
    };
    const index = indexMeshConfig(input);
    const names = index.workloadsIn('bookinfo')?.map((w) => `${w.kind}/${w.name}`);
    expect(names).toContain('Deployment/reviews-v1');
    expect(names).toContain('Pod/debug');
    expect(names).not.toContain('Pod/reviews-v1-abc');
    const reviews = index.workloadsIn('bookinfo')?.find((w) => w.name === 'reviews-v1');
    expect(reviews).toMatchObject({ serviceAccount: 'bookinfo-reviews', hasProxy: true });
    expect(index.workloadsIn('bookinfo')?.find((w) => w.name === 'ratings-v1')?.hasProxy).toBe(
      undefined,
    );
  });

  it('is undefined when no workload list was read, or the namespace was not', () => {
    const none = indexMeshConfig({
      ...bookinfo(),
      pods: undefined,
      deployments: undefined,
    });
    expect(none.workloadsIn('bookinfo')).toBeUndefined();
    const some = indexMeshConfig({ ...bookinfo(), readNamespaces: ['bookinfo'] });
    expect(some.workloadsIn('bookinfo')?.length).toBeGreaterThan(0);
    expect(some.workloadsIn('team-a')).toBeUndefined();
    expect(indexMeshConfig(bookinfo()).workloadsIn('other')).toEqual([]);
  });

  it('finds the Services that select a workload', () => {
    const index = indexMeshConfig({
      ...bookinfo(),
      deployments: [deployment('reviews-v1', 'bookinfo', { app: 'reviews', version: 'v1' })],
    });
    const w = index.workloadsIn('bookinfo')![0];
    expect(index.servicesSelecting(w).map((s) => s.metadata?.name)).toEqual(['reviews']);
  });
});

describe('subsetsOf', () => {
  it('gathers subsets of every DestinationRule for the host, wildcard ones included', () => {
    const input = bookinfo();
    input.destinationRules = [
      ...(input.destinationRules ?? []),
      destinationRule('reviews-extra', 'bookinfo', {
        host: 'reviews.bookinfo.svc.cluster.local',
        subsets: [{ name: 'canary', labels: { track: 'canary' } }],
      }),
      destinationRule('all', ROOT, {
        host: '*.bookinfo.svc.cluster.local',
        subsets: [{ name: 'everywhere', labels: { tier: 'x' } }],
      }),
    ];
    const index = indexMeshConfig(input);
    expect([...(index.subsetsOf('reviews.bookinfo.svc.cluster.local') ?? [])].sort()).toEqual([
      'canary',
      'everywhere',
      'v1',
      'v2',
      'v3',
    ]);
    expect([...(index.subsetsOf('ratings.bookinfo.svc.cluster.local') ?? [])]).toEqual([
      'everywhere',
    ]);
  });

  it('is undefined when DestinationRules were not read', () => {
    const index = indexMeshConfig({ ...bookinfo(), destinationRules: undefined });
    expect(index.subsetsOf('reviews.bookinfo.svc.cluster.local')).toBeUndefined();
  });
});

describe('helpers', () => {
  it.each([
    ['*', 'anything.example.com', true],
    ['*.example.com', 'a.example.com', true],
    ['*.example.com', 'a.b.example.com', true],
    ['*.example.com', 'example.com', false],
    ['a.example.com', 'a.example.com', true],
    ['a.example.com', 'b.example.com', false],
  ])('hostMatches(%s, %s) is %s', (pattern, host, expected) => {
    expect(hostMatches(pattern, host)).toBe(expected);
  });

  it('reads exportTo as Istio does', () => {
    expect(exportedTo(undefined, 'a', 'b')).toBe(true);
    expect(exportedTo(['*'], 'a', 'b')).toBe(true);
    expect(exportedTo(['.'], 'a', 'a')).toBe(true);
    expect(exportedTo(['.'], 'a', 'b')).toBe(false);
    expect(exportedTo(['b'], 'a', 'b')).toBe(true);
    expect(exportedTo(['~'], 'a', 'a')).toBe(false);
  });

  it.each([
    ['mesh', 'mesh'],
    ['bookinfo-gateway', 'bookinfo/bookinfo-gateway'],
    ['istio-system/ingress', 'istio-system/ingress'],
    ['ingress.istio-system.svc.cluster.local', 'istio-system/ingress'],
  ])('gatewayKey(%s) in bookinfo is %s', (ref, key) => {
    expect(gatewayKey(ref, 'bookinfo')).toBe(key);
  });

  it('keys objects by kind, namespace and name', () => {
    expect(objectKey('VirtualService', { metadata: { name: 'r', namespace: 'n' } })).toBe(
      'VirtualService/n/r',
    );
  });

  it('knows the kind of every object it indexed, even without a kind field', () => {
    const input = bookinfo();
    const bare = { metadata: { name: 'x', namespace: 'bookinfo' }, spec: { host: 'reviews' } };
    input.destinationRules = [bare];
    const index = indexMeshConfig(input);
    expect(index.kindOf(bare)).toBe('DestinationRule');
    expect(index.kindOf({})).toBeUndefined();
  });
});
