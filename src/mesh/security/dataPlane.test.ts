import fc from 'fast-check';
import type { Namespace, Pod } from '../../models';
import {
  enforcedMtls,
  isAmbientNamespace,
  isAmbientWorkload,
  podDataPlane,
  workloadDataPlane,
} from './dataPlane';
import type { EffectiveMtls } from './mtls';

type PodShape = {
  proxy: boolean;
  redirected: boolean;
  label?: 'ambient' | 'none';
};

const pod = ({ proxy, redirected, label }: PodShape, i = 0): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: `reviews-${i}`,
    namespace: 'bookinfo',
    labels: { app: 'reviews', ...(label ? { 'istio.io/dataplane-mode': label } : {}) },
    ...(redirected ? { annotations: { 'ambient.istio.io/redirection': 'enabled' } } : {}),
  },
  spec: { containers: [{ name: 'reviews' }, ...(proxy ? [{ name: 'istio-proxy' }] : [])] },
});

const SIDECAR = pod({ proxy: true, redirected: false });
const AMBIENT = pod({ proxy: false, redirected: true });
const PLAIN = pod({ proxy: false, redirected: false });

describe('isAmbientNamespace', () => {
  const ns = (labels?: Record<string, string>): Namespace => ({
    metadata: { name: 'bookinfo', ...(labels ? { labels } : {}) },
  });
  it('is true only for istio.io/dataplane-mode=ambient; an unread namespace is not ambient', () => {
    expect(isAmbientNamespace(ns({ 'istio.io/dataplane-mode': 'ambient' }))).toBe(true);
    expect(isAmbientNamespace(ns({ 'istio.io/dataplane-mode': 'none' }))).toBe(false);
    expect(isAmbientNamespace(ns({ 'istio-injection': 'enabled' }))).toBe(false);
    expect(isAmbientNamespace(undefined)).toBe(false);
  });
});

describe('podDataPlane', () => {
  it('reads the sidecar first: ztunnel never captures a pod with a proxy', () => {
    expect(podDataPlane(pod({ proxy: true, redirected: true }), true)).toBe('sidecar');
  });

  it('calls a pod istio-cni marked captured ambient, even outside an ambient namespace', () => {
    expect(podDataPlane(AMBIENT, true)).toBe('ambient');
    expect(podDataPlane(AMBIENT, false)).toBe('ambient');
  });

  it('says joining while an ambient namespace’s pod is not captured yet, none when it opted out', () => {
    expect(podDataPlane(PLAIN, true)).toBe('joining');
    expect(podDataPlane(pod({ proxy: false, redirected: false, label: 'none' }), true)).toBe(
      'none',
    );
    expect(podDataPlane(pod({ proxy: false, redirected: false, label: 'ambient' }), false)).toBe(
      'joining',
    );
    expect(podDataPlane(PLAIN, false)).toBe('none');
  });
});

describe('workloadDataPlane', () => {
  it('names the data plane and counts the pods of each', () => {
    expect(workloadDataPlane([AMBIENT, AMBIENT], true)).toMatchObject({
      kind: 'ambient',
      pods: 2,
      ambientPods: 2,
      mesh: 'all',
    });
    expect(workloadDataPlane([AMBIENT, PLAIN], true)).toMatchObject({
      kind: 'ambient',
      ambientPods: 1,
      joiningPods: 1,
      mesh: 'partial',
    });
    expect(workloadDataPlane([PLAIN], true)).toMatchObject({ kind: 'joining', mesh: 'none' });
    expect(workloadDataPlane([PLAIN], false)).toMatchObject({ kind: 'none', mesh: 'none' });
    expect(workloadDataPlane([], true)).toMatchObject({ kind: 'unknown', mesh: 'unknown' });
  });

  it('keeps a sidecar-to-ambient rollout in the mesh, named by its sidecar pods', () => {
    expect(workloadDataPlane([SIDECAR, AMBIENT], true)).toMatchObject({
      kind: 'sidecar',
      sidecarPods: 1,
      ambientPods: 1,
      mesh: 'all',
    });
  });

  const shapes = fc.array(
    fc.record({
      proxy: fc.boolean(),
      redirected: fc.boolean(),
      label: fc.constantFrom(undefined, 'ambient' as const, 'none' as const),
    }),
    { maxLength: 8 },
  );

  it('counts every pod exactly once and is in the mesh only where a proxy or ztunnel is', () => {
    fc.assert(
      fc.property(shapes, fc.boolean(), (ps, nsAmbient) => {
        const dp = workloadDataPlane(
          ps.map((p, i) => pod(p, i)),
          nsAmbient,
        );
        const sidecars = ps.filter((p) => p.proxy).length;
        const captured = ps.filter((p) => !p.proxy && p.redirected).length;
        expect(dp.sidecarPods).toBe(sidecars);
        expect(dp.ambientPods).toBe(captured);
        expect(dp.sidecarPods + dp.ambientPods + dp.joiningPods).toBeLessThanOrEqual(ps.length);
        const inMesh = sidecars + captured;
        expect(dp.mesh).toBe(
          ps.length === 0
            ? 'unknown'
            : inMesh === ps.length
              ? 'all'
              : inMesh === 0
                ? 'none'
                : 'partial',
        );
        // Outside an ambient namespace nothing is joining unless the pod asks for it itself.
        if (!nsAmbient && ps.every((p) => p.label !== 'ambient')) expect(dp.joiningPods).toBe(0);
      }),
    );
  });
});

describe('isAmbientWorkload', () => {
  it('is ztunnel’s workload when captured, joining, or podless in an ambient namespace', () => {
    expect(isAmbientWorkload(workloadDataPlane([AMBIENT], false))).toBe(true);
    expect(isAmbientWorkload(workloadDataPlane([PLAIN], true))).toBe(true);
    expect(isAmbientWorkload(workloadDataPlane([], true))).toBe(true);
    expect(isAmbientWorkload(workloadDataPlane([], false))).toBe(false);
    expect(isAmbientWorkload(workloadDataPlane([SIDECAR, AMBIENT], true))).toBe(false);
    expect(
      isAmbientWorkload(
        workloadDataPlane([pod({ proxy: false, redirected: false, label: 'none' })], true),
      ),
    ).toBe(false);
  });
});

describe('enforcedMtls', () => {
  const mtls = (
    mode: EffectiveMtls['mode'],
    portModes: EffectiveMtls['portModes'] = {},
  ): EffectiveMtls => ({
    mode,
    source: 'namespace',
    policy: { name: 'default', namespace: 'bookinfo' },
    portModes,
    ignored: [],
  });

  it('goes through ztunnel for an ambient workload, which ignores DISABLE', () => {
    const ambient = workloadDataPlane([AMBIENT], true);
    expect(enforcedMtls(mtls('STRICT', { 9080: 'STRICT' }), ambient)).toEqual({
      mode: 'STRICT',
      by: 'ztunnel',
      portModes: { 9080: 'STRICT' },
      disableIgnored: false,
      ignoredPorts: [],
    });
    expect(enforcedMtls(mtls('DISABLE', { 9080: 'DISABLE' }), ambient)).toEqual({
      mode: 'PERMISSIVE',
      by: 'ztunnel',
      portModes: { 9080: 'PERMISSIVE' },
      disableIgnored: true,
      ignoredPorts: ['9080'],
    });
    // Port-level STRICT is honoured by ztunnel too; only the DISABLE port is ignored.
    expect(
      enforcedMtls(mtls('STRICT', { 9080: 'STRICT', 8080: 'DISABLE' }), ambient),
    ).toMatchObject({ mode: 'STRICT', disableIgnored: true, ignoredPorts: ['8080'] });
  });

  it('leaves a sidecar’s modes as the policies say, DISABLE included', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('STRICT' as const, 'PERMISSIVE' as const, 'DISABLE' as const),
        (mode) => {
          const sidecar = enforcedMtls(
            mtls(mode, { 9080: mode }),
            workloadDataPlane([SIDECAR], true),
          );
          expect(sidecar).toMatchObject({ mode, by: 'sidecar', disableIgnored: false });
          const ambient = enforcedMtls(
            mtls(mode, { 9080: mode }),
            workloadDataPlane([AMBIENT], true),
          );
          expect(ambient.mode).not.toBe('DISABLE');
          expect(Object.values(ambient.portModes)).not.toContain('DISABLE');
          expect(ambient.disableIgnored).toBe(mode === 'DISABLE');
        },
      ),
    );
  });

  it('names no enforcer for a workload outside the mesh', () => {
    expect(enforcedMtls(mtls('STRICT'), workloadDataPlane([PLAIN], true)).by).toBe('none');
    expect(enforcedMtls(mtls('STRICT'), workloadDataPlane([PLAIN], false)).by).toBe('none');
  });
});
