import { subsetRevision } from './canaryRevision';

describe('subsetRevision', () => {
  it('reads the version label the subset selects by: what destination_canonical_revision carries', () => {
    expect(subsetRevision({ labels: { version: 'v3' } })).toEqual({
      revision: 'v3',
      label: 'version',
    });
  });

  it("prefers Istio's own canonical-revision label, then app.kubernetes.io/version, as Istio does", () => {
    expect(
      subsetRevision({
        labels: { version: 'v3', 'service.istio.io/canonical-revision': 'v3-rc1' },
      }),
    ).toEqual({ revision: 'v3-rc1', label: 'service.istio.io/canonical-revision' });
    expect(
      subsetRevision({ labels: { version: 'v3', 'app.kubernetes.io/version': '3.0.1' } }),
    ).toEqual({ revision: '3.0.1', label: 'app.kubernetes.io/version' });
  });

  it('cannot name a revision for a subset selecting by other labels, or an empty value', () => {
    expect(subsetRevision({ labels: { track: 'canary' } })).toEqual({
      problem: 'no-revision-label',
    });
    expect(subsetRevision({ labels: { version: '' } })).toEqual({ problem: 'no-revision-label' });
    expect(subsetRevision({})).toEqual({ problem: 'no-revision-label' });
  });

  it('says when there is no subset at all', () => {
    expect(subsetRevision(undefined)).toEqual({ problem: 'no-subset' });
  });
});
