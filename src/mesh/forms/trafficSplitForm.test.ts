import type { DestinationRule, VirtualService } from '../../models';
import { issue } from '../issues';
import { isRemoval } from './editPlan';
import {
  planSplit,
  planSplitRemoval,
  readSplitWeights,
  weightFieldIssues,
} from './trafficSplitForm';
import type { SplitContext } from './trafficSplitForm';

const subsets = ['v1', 'v2', 'v3'].map((v) => ({ name: v, labels: { version: v } }));
const dr: DestinationRule = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'reviews', namespace: 'bookinfo', resourceVersion: '7' },
  spec: { host: 'reviews', subsets },
};
const vs = (weights: [string, number | undefined][], extra = {}): VirtualService => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews', namespace: 'bookinfo', resourceVersion: '8' },
  spec: {
    hosts: ['reviews'],
    http: [
      {
        match: [{ headers: { 'end-user': { exact: 'jason' } } }],
        route: [{ destination: { host: 'reviews', subset: 'v2' } }],
      },
      {
        ...extra,
        route: weights.map(([subset, weight]) => ({
          destination: { host: 'reviews', subset },
          ...(weight !== undefined ? { weight } : {}),
        })),
      },
    ],
  },
});
const ctx = (stored: { vs?: VirtualService; dr?: DestinationRule }): SplitContext => ({
  namespace: 'bookinfo',
  host: 'reviews',
  version: 'v1',
  subsets,
  stored,
});

describe('readSplitWeights', () => {
  it('reads the default route’s weights as written, not as shares', () => {
    expect(
      readSplitWeights({
        vs: vs([
          ['v1', 70],
          ['v3', 20],
        ]),
        dr,
      }),
    ).toEqual({ v1: 70, v3: 20 });
    expect(readSplitWeights({ vs: vs([['v1', undefined]]), dr })).toEqual({ v1: 100 });
    expect(readSplitWeights({ dr })).toEqual({});
  });
});

describe('planSplit', () => {
  it('plans only the VirtualService when the subsets exist, keeping what it does not own', () => {
    const stored = {
      vs: vs(
        [
          ['v1', 90],
          ['v3', 10],
        ],
        { retries: { attempts: 2 } },
      ),
      dr,
    };
    const { plan, vs: next } = planSplit({ v1: 50, v3: 50 }, stored, ctx(stored));
    expect(plan.edits.map((e) => e.after?.kind)).toEqual(['VirtualService']);
    expect(plan.edits[0].before).toBe(stored.vs);
    expect(next?.spec?.http?.[1].retries).toEqual({ attempts: 2 });
    expect(next?.spec?.http?.[0]).toEqual(stored.vs.spec?.http?.[0]);
    expect(plan.blocking).toBe(false);
  });

  it('writes the DestinationRule first when subsets are new, and creates both when absent', () => {
    const { plan } = planSplit({ v1: 80, v2: 20 }, {}, ctx({}));
    expect(plan.edits.map((e) => [e.after?.kind, !!e.before])).toEqual([
      ['DestinationRule', false],
      ['VirtualService', false],
    ]);
  });

  it('is unchanged for the weights the objects already give', () => {
    const stored = {
      vs: vs([
        ['v1', 90],
        ['v3', 10],
      ]),
      dr,
    };
    expect(planSplit({ v1: 90, v3: 10 }, stored, ctx(stored)).plan.unchanged).toBe(true);
  });

  it('explains weights that do not add up to 100 with the shares they give', () => {
    const stored = {
      vs: vs([
        ['v1', 90],
        ['v3', 10],
      ]),
      dr,
    };
    const { plan } = planSplit({ v1: 70, v3: 20 }, stored, ctx(stored));
    expect(plan.issues).toContainEqual({
      path: [],
      code: 'split.weights-sum',
      params: { total: 90, shares: 'v1 77.8 %, v3 22.2 %' },
      severity: 'warning',
    });
    expect(plan.blocking).toBe(false);
  });

  it('edits YAML the user wrote (the base), diffed against what is stored', () => {
    const stored = {
      vs: vs([
        ['v1', 90],
        ['v3', 10],
      ]),
      dr,
    };
    const typed = {
      vs: vs(
        [
          ['v1', 60],
          ['v3', 40],
        ],
        { timeout: '5s' },
      ),
      dr,
    };
    const { plan, vs: next } = planSplit(readSplitWeights(typed), typed, ctx(stored));
    expect(plan.edits[0].before).toBe(stored.vs);
    expect(next?.spec?.http?.[1]).toMatchObject({ timeout: '5s' });
    expect(next?.spec?.http?.[1].route?.map((r) => r.weight)).toEqual([60, 40]);
  });

  it('refuses all-zero weights on the form, and says which object a check is about', () => {
    const stored = {
      vs: vs([
        ['v1', 90],
        ['v3', 10],
      ]),
      dr,
    };
    const { plan } = planSplit({ v1: 0, v3: 0 }, stored, ctx(stored));
    expect(plan.blocking).toBe(true);
    expect(plan.issues).toContainEqual(issue('split.all-zero', ['weights']));
    expect(plan.issues).toContainEqual({
      ...issue('traffic.weight.all-zero', ['spec', 'http', 1, 'route']),
      object: 'VirtualService',
    });
  });

  it('refuses to split a default route that redirects', () => {
    const stored = {
      vs: { ...vs([]), spec: { hosts: ['reviews'], http: [{ redirect: { uri: '/x' } }] } },
      dr,
    };
    const { plan } = planSplit({ v1: 100 }, stored, ctx(stored));
    expect(plan.blocking).toBe(true);
    expect(plan.issues).toEqual([
      { ...issue('split.rule-not-splittable', ['spec', 'http', 0]), object: 'VirtualService' },
    ]);
    expect(plan.edits).toEqual([]);
  });
});

describe('weightFieldIssues', () => {
  it('puts a route weight’s issue on the weight of the subset it routes to', () => {
    const v = vs([
      ['v1', 90],
      ['v3', 10],
    ]);
    const onV3 = {
      ...issue('server.rejected', ['spec', 'http', 1, 'route', 1, 'weight']),
      object: 'VirtualService',
    };
    const own = issue('split.weight-range', ['weights', 'v1'], { subset: 'v1' });
    const elsewhere = {
      ...issue('x', ['spec', 'http', 0, 'route', 0, 'weight']),
      object: 'VirtualService',
    };
    expect(weightFieldIssues([onV3, own, elsewhere], v, 'v3')).toEqual([onV3]);
    expect(weightFieldIssues([onV3, own, elsewhere], v, 'v1')).toEqual([own]);
    // The header-match rule's weight is not the split's.
    expect(weightFieldIssues([onV3, own, elsewhere], v, 'v2')).toEqual([]);
  });
});

describe('planSplitRemoval', () => {
  const split = vs([
    ['v1', 90],
    ['v3', 10],
  ]);

  it('updates the stored VirtualService at its version: the match rule stays, the rest goes to the whole service', () => {
    const { plan, removal, vs: next } = planSplitRemoval({ vs: split, dr }, ctx({ vs: split, dr }));
    expect(removal.kind).toBe('update');
    expect(plan.edits).toHaveLength(1);
    expect(plan.edits[0].before).toBe(split);
    expect(next?.spec?.http).toEqual([
      split.spec?.http?.[0],
      { route: [{ destination: { host: 'reviews' } }] },
    ]);
    expect(plan.blocking).toBe(false);
  });

  it('deletes the stored VirtualService when the split was all it held, and leaves the DestinationRule', () => {
    const only: VirtualService = {
      ...split,
      spec: { ...split.spec, http: [split.spec!.http![1]] },
    };
    const { plan, removal } = planSplitRemoval({ vs: only, dr }, ctx({ vs: only, dr }));
    expect(removal).toEqual({ kind: 'delete', unusedSubsets: ['v1', 'v2', 'v3'] });
    expect(plan.edits).toHaveLength(1);
    expect(isRemoval(plan.edits[0])).toBe(true);
    expect(plan.edits[0].before).toBe(only);
    expect(plan.edits[0].model?.kind).toBe('VirtualService');
  });

  it('plans nothing without a split in the cluster', () => {
    expect(planSplitRemoval({ dr }, ctx({ dr })).plan.unchanged).toBe(true);
    // A split only in unapplied YAML is not in the cluster to remove.
    expect(planSplitRemoval({ vs: split, dr }, ctx({ dr })).plan.unchanged).toBe(true);
    const unsplit = vs([]);
    const noSplit = { ...unsplit, spec: { ...unsplit.spec, http: [unsplit.spec!.http![0]] } };
    const result = planSplitRemoval({ vs: noSplit, dr }, ctx({ vs: noSplit, dr }));
    expect(result.removal).toEqual({ kind: 'none' });
    expect(result.plan.unchanged).toBe(true);
  });
});
