import { issue, warning } from '../issues';
import { isRemoval, planEdits, removal, sameContent, subjectOf, withIssues } from './editPlan';

const obj = (spec: unknown, extra = {}) => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name: 'reviews', namespace: 'bookinfo' },
  spec,
  ...extra,
});

describe('sameContent', () => {
  it('compares content, not key order, and ignores undefined members', () => {
    expect(sameContent({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameContent({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameContent([1, 2], [2, 1])).toBe(false);
    expect(sameContent({ a: [] }, { a: {} })).toBe(false);
    expect(sameContent({ a: 1 }, { a: '1' })).toBe(false);
  });
});

describe('planEdits', () => {
  it('writes only what changed, in the order given', () => {
    const dr = obj({ host: 'reviews' }, { kind: 'DestinationRule' });
    const before = obj({ hosts: ['reviews'] });
    const after = obj({ hosts: ['reviews'], http: [] });
    const plan = planEdits(
      [
        { before: dr, after: { ...dr } },
        { before, after },
        { after: obj({}, { kind: 'Sidecar' }) },
      ],
      [],
    );
    expect(plan.edits.map((e) => e.after?.kind)).toEqual(['VirtualService', 'Sidecar']);
    expect(plan.unchanged).toBe(false);
    expect(plan.blocking).toBe(false);
  });

  it('keeps a removal, which always changes something, in its place', () => {
    const gone = obj({ hosts: ['reviews'] });
    const dr = obj({ host: 'reviews' }, { kind: 'DestinationRule' });
    const plan = planEdits([removal(gone), { before: dr, after: { ...dr } }], []);
    expect(plan.edits).toEqual([{ before: gone, remove: true }]);
    expect(isRemoval(plan.edits[0])).toBe(true);
    expect(subjectOf(plan.edits[0])).toBe(gone);
    expect(plan.unchanged).toBe(false);
  });

  it('is unchanged when nothing differs, and blocked by an error, not by a warning', () => {
    const same = obj({ hosts: ['reviews'] });
    expect(planEdits([{ before: same, after: obj({ hosts: ['reviews'] }) }], []).unchanged).toBe(
      true,
    );
    expect(planEdits([], [warning('w')]).blocking).toBe(false);
    const blocked = withIssues(planEdits([], [warning('w')]), [issue('yaml.parse')]);
    expect(blocked.blocking).toBe(true);
    expect(blocked.issues.map((i) => i.code)).toEqual(['w', 'yaml.parse']);
  });
});
