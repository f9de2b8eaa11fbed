import type { Deployment } from '../../models';
import { warning } from '../issues';
import { proposeSubsets, sanitizeSubsetName } from './subsets';
import { validateDestinationRule } from './validation';

const deployment = (name: string, labels: Record<string, string>, replicas = 1): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'bookinfo' },
  spec: { replicas, template: { metadata: { labels } } },
});

const bookinfo = [
  deployment('reviews-v1', { app: 'reviews', version: 'v1' }),
  deployment('reviews-v2', { app: 'reviews', version: 'v2' }),
  deployment('reviews-v3', { app: 'reviews', version: 'v3' }),
  deployment('ratings-v1', { app: 'ratings', version: 'v1' }),
];

describe('proposeSubsets', () => {
  it('proposes one subset per version of the Service’s Deployments', () => {
    const { subsets, warnings } = proposeSubsets({
      deployments: bookinfo,
      serviceSelector: { app: 'reviews' },
    });
    expect(subsets).toEqual([
      { name: 'v1', labels: { version: 'v1' }, deployments: ['reviews-v1'], existing: false },
      { name: 'v2', labels: { version: 'v2' }, deployments: ['reviews-v2'], existing: false },
      { name: 'v3', labels: { version: 'v3' }, deployments: ['reviews-v3'], existing: false },
    ]);
    expect(warnings).toEqual([]);
    // The proposal is a valid DestinationRule as is.
    expect(
      validateDestinationRule({
        metadata: { name: 'reviews', namespace: 'bookinfo' },
        spec: { host: 'reviews', subsets: subsets.map(({ name, labels }) => ({ name, labels })) },
      }),
    ).toEqual([]);
  });

  it('keeps existing subsets first, adds only missing versions, and warns on one selecting nothing', () => {
    const { subsets, warnings } = proposeSubsets({
      deployments: bookinfo,
      serviceSelector: { app: 'reviews' },
      existingSubsets: [
        { name: 'stable', labels: { version: 'v1' } },
        { name: 'v4', labels: { version: 'v4' } },
      ],
    });
    expect(subsets.map((s) => [s.name, s.deployments, s.existing])).toEqual([
      ['stable', ['reviews-v1'], true],
      ['v4', [], true],
      ['v2', ['reviews-v2'], false],
      ['v3', ['reviews-v3'], false],
    ]);
    expect(warnings).toEqual([
      warning('traffic.proposal.subset-selects-nothing', [], { subset: 'v4' }),
    ]);
  });

  it('sanitises label values to unique DNS-1123 names but keeps the raw label value', () => {
    expect(sanitizeSubsetName('V1.2_beta')).toBe('v1-2-beta');
    expect(sanitizeSubsetName('--')).toBe('subset');
    const { subsets } = proposeSubsets({
      deployments: [
        deployment('a', { app: 'x', version: 'V1' }),
        deployment('b', { app: 'x', version: 'v1' }),
      ],
      serviceSelector: { app: 'x' },
    });
    expect(subsets.map((s) => [s.name, s.labels])).toEqual([
      ['v1', { version: 'V1' }],
      ['v1-2', { version: 'v1' }],
    ]);
  });

  it('warns about unlabelled and scaled-to-zero Deployments and selector-less Services', () => {
    const { subsets, warnings } = proposeSubsets({
      deployments: [
        deployment('web', { app: 'web' }),
        deployment('web-v2', { app: 'web', version: 'v2' }, 0),
      ],
      serviceSelector: { app: 'web' },
    });
    expect(subsets.map((s) => s.name)).toEqual(['v2']);
    expect(warnings).toEqual([
      warning('traffic.proposal.subset-scaled-to-zero', [], { subset: 'v2' }),
      warning('traffic.proposal.deployment-uncovered', [], { deployment: 'web', label: 'version' }),
    ]);
    expect(proposeSubsets({ deployments: bookinfo }).warnings).toEqual([
      warning('traffic.proposal.no-deployments'),
    ]);
  });
});
