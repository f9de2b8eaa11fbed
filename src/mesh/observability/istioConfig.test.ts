import type { Deployment, Service } from '../../models';
import { appliedConfig, hostNamesService } from './istioConfig';
import type { NamespaceConfig } from './istioConfig';

const meta = (name: string, namespace = 'bookinfo') => ({ name, namespace });
const service = (name: string, selector: Record<string, string>): Service => ({
  kind: 'Service',
  metadata: meta(name),
  spec: { selector },
});
const deployment = (name: string, labels: Record<string, string>): Deployment => ({
  kind: 'Deployment',
  metadata: meta(name),
  spec: { template: { metadata: { labels } } },
});

const config: NamespaceConfig = {
  services: [service('reviews', { app: 'reviews' }), service('ratings', { app: 'ratings' })],
  deployments: [
    deployment('reviews-v1', { app: 'reviews', version: 'v1' }),
    deployment('reviews-v2', { app: 'reviews', version: 'v2' }),
    deployment('ratings-v1', { app: 'ratings', version: 'v1' }),
  ],
  virtualServices: [
    { metadata: meta('reviews'), spec: { hosts: ['reviews.bookinfo.svc.cluster.local'] } },
    { metadata: meta('ratings'), spec: { hosts: ['ratings'] } },
    { metadata: meta('reviews-elsewhere', 'other'), spec: { hosts: ['reviews'] } },
  ],
  destinationRules: [
    { metadata: meta('reviews'), spec: { host: 'reviews' } },
    { metadata: meta('ratings'), spec: { host: 'ratings.bookinfo' } },
  ],
  peerAuthentications: [
    { metadata: meta('default'), spec: { mtls: { mode: 'STRICT' } } },
    {
      metadata: meta('reviews-v2-permissive'),
      spec: { selector: { matchLabels: { version: 'v2', app: 'reviews' } } },
    },
  ],
  authorizationPolicies: [
    {
      metadata: meta('ratings-only-from-reviews'),
      spec: { selector: { matchLabels: { app: 'ratings' } } },
    },
    { metadata: meta('empty-selector'), spec: { selector: {} } },
  ],
  requestAuthentications: [
    { metadata: meta('jwt-reviews'), spec: { selector: { matchLabels: { app: 'reviews' } } } },
  ],
};

const summary = (list: ReturnType<typeof appliedConfig>) =>
  list.map(
    (c) =>
      `${c.kind}/${c.object.metadata?.name} ${c.reason}${c.services.length ? ` ${c.services.join(',')}` : ''}`,
  );

describe('appliedConfig', () => {
  it('for a Service: its routing by host, and the policies that select its pods or the namespace', () => {
    expect(
      summary(
        appliedConfig(
          {
            target: { kind: 'service', namespace: 'bookinfo', name: 'reviews' },
            serviceSelector: { app: 'reviews' },
          },
          config,
        ),
      ),
    ).toEqual([
      'VirtualService/reviews host reviews',
      'DestinationRule/reviews host reviews',
      'PeerAuthentication/default namespace',
      'PeerAuthentication/reviews-v2-permissive selector',
      // `selector: {}` selects every workload, like no selector at all.
      'AuthorizationPolicy/empty-selector namespace',
      'RequestAuthentication/jwt-reviews selector',
    ]);
  });

  it('for a workload: routing of the services that select it, and only the policies for its pods', () => {
    expect(
      summary(
        appliedConfig(
          {
            target: { kind: 'workload', namespace: 'bookinfo', name: 'reviews-v1' },
            podLabels: { app: 'reviews', version: 'v1' },
          },
          config,
        ),
      ),
    ).toEqual([
      'VirtualService/reviews host reviews',
      'DestinationRule/reviews host reviews',
      'PeerAuthentication/default namespace',
      'AuthorizationPolicy/empty-selector namespace',
      'RequestAuthentication/jwt-reviews selector',
    ]);
  });

  it('for a namespace: everything in it, and nothing from other namespaces', () => {
    const all = summary(
      appliedConfig({ target: { kind: 'namespace', namespace: 'bookinfo' } }, config),
    );
    expect(all).toHaveLength(9);
    expect(all).toContain('AuthorizationPolicy/ratings-only-from-reviews selector');
    expect(all).toContain('DestinationRule/ratings host ratings');
    expect(all.join()).not.toContain('reviews-elsewhere');
  });
});

describe('hostNamesService', () => {
  it.each([
    ['reviews', true],
    ['reviews.bookinfo', true],
    ['reviews.bookinfo.svc', true],
    ['reviews.bookinfo.svc.cluster.local', true],
    ['reviews.other.svc.cluster.local', false],
    ['reviews-v2', false],
    [undefined, false],
  ])('%s names reviews in bookinfo: %s', (host, yes) => {
    expect(hostNamesService(host, 'reviews', 'bookinfo')).toBe(yes);
  });
});
