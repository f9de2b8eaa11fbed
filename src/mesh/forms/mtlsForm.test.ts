import type { PeerAuthentication } from '../../models';
import { PeerAuthenticationModel } from '../../models';
import { mtlsPorts, planMtls, readMtls } from './mtlsForm';
import type { MtlsContext } from './mtlsForm';

const stored: PeerAuthentication = {
  apiVersion: 'security.istio.io/v1',
  kind: 'PeerAuthentication',
  metadata: {
    name: 'reviews-mtls',
    namespace: 'bookinfo',
    resourceVersion: '5',
    annotations: { owner: 'team-a' },
  },
  spec: {
    selector: { matchLabels: { app: 'reviews' } },
    mtls: { mode: 'PERMISSIVE' },
    portLevelMtls: { '9080': { mode: 'DISABLE' } },
  },
};
const workload = { name: 'reviews', selector: { app: 'reviews' }, ports: [9080, 8080] };
const ctx = (over: Partial<MtlsContext> = {}): MtlsContext => ({
  namespace: 'bookinfo',
  version: 'v1',
  model: PeerAuthenticationModel,
  strictRisky: false,
  strictAcknowledged: false,
  ...over,
});

describe('readMtls', () => {
  it('reads the mode and the port overrides; no policy inherits everything', () => {
    expect(readMtls(stored)).toEqual({ mode: 'PERMISSIVE', ports: { '9080': 'DISABLE' } });
    expect(readMtls(undefined)).toEqual({ mode: 'UNSET', ports: {} });
  });
});

describe('mtlsPorts', () => {
  it('offers the container ports and the ports the policy names, in numeric order', () => {
    const pa = {
      ...stored,
      spec: { ...stored.spec, portLevelMtls: { '15000': { mode: 'STRICT' as const } } },
    };
    expect(mtlsPorts([9080, 8080], pa)).toEqual(['8080', '9080', '15000']);
    expect(mtlsPorts([], undefined)).toEqual([]);
  });
});

describe('planMtls', () => {
  it('is unchanged when the state is what the policy says', () => {
    const { plan } = planMtls(readMtls(stored), stored, ctx({ workload, stored }));
    expect(plan.unchanged).toBe(true);
    expect(plan.blocking).toBe(false);
  });

  it('edits the existing policy: the mode, only the changed ports, everything else kept', () => {
    const { plan, pa } = planMtls(
      { mode: 'STRICT', ports: { '9080': 'DISABLE', '8080': 'PERMISSIVE' } },
      stored,
      ctx({ workload, stored }),
    );
    expect(plan.edits).toHaveLength(1);
    expect(plan.edits[0].before).toBe(stored);
    expect(pa?.metadata).toEqual(stored.metadata);
    expect(pa?.spec).toEqual({
      selector: { matchLabels: { app: 'reviews' } },
      mtls: { mode: 'STRICT' },
      portLevelMtls: { '9080': { mode: 'DISABLE' }, '8080': { mode: 'PERMISSIVE' } },
    });
  });

  it('removes a port override set back to the workload’s mode, and the field with the last one', () => {
    const { pa } = planMtls(
      { mode: 'PERMISSIVE', ports: { '9080': 'UNSET' } },
      stored,
      ctx({ workload, stored }),
    );
    expect(pa?.spec?.portLevelMtls).toBeUndefined();
  });

  it('creates a workload policy named after the workload, with its selector and overrides', () => {
    const { plan, pa } = planMtls(
      { mode: 'UNSET', ports: { '8080': 'STRICT', '9080': 'UNSET' } },
      undefined,
      ctx({ workload }),
    );
    expect(plan.edits[0].before).toBeUndefined();
    expect(pa).toEqual({
      apiVersion: 'security.istio.io/v1',
      kind: 'PeerAuthentication',
      metadata: { name: 'reviews-mtls', namespace: 'bookinfo' },
      spec: {
        selector: { matchLabels: { app: 'reviews' } },
        mtls: { mode: 'UNSET' },
        portLevelMtls: { '8080': { mode: 'STRICT' } },
      },
    });
  });

  it('creates the namespace policy "default" at the served version; nothing set, nothing written', () => {
    const { pa } = planMtls({ mode: 'STRICT', ports: {} }, undefined, ctx({ version: 'v1beta1' }));
    expect(pa).toEqual({
      apiVersion: 'security.istio.io/v1beta1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: 'bookinfo' },
      spec: { mtls: { mode: 'STRICT' } },
    });
    const none = planMtls({ mode: 'UNSET', ports: {} }, undefined, ctx());
    expect(none.pa).toBeUndefined();
    expect(none.plan.unchanged).toBe(true);
  });

  it('holds a risky STRICT back until it is acknowledged', () => {
    const strict = { mode: 'STRICT' as const, ports: {} };
    const held = planMtls(strict, undefined, ctx({ strictRisky: true }));
    expect(held.risky).toBe(true);
    expect(held.plan.blocking).toBe(true);
    expect(held.plan.issues).toEqual([
      { path: ['strictAcknowledged'], code: 'mtls.strict-unacknowledged', severity: 'error' },
    ]);
    const acked = planMtls(strict, undefined, ctx({ strictRisky: true, strictAcknowledged: true }));
    expect(acked.plan.blocking).toBe(false);
    // STRICT where nothing breaks, or no change at all, needs no acknowledgement.
    expect(planMtls(strict, undefined, ctx()).plan.blocking).toBe(false);
    const already = { ...stored, spec: { ...stored.spec, mtls: { mode: 'STRICT' as const } } };
    const same = planMtls(
      readMtls(already),
      already,
      ctx({ workload, stored: already, strictRisky: true }),
    );
    expect(same.risky).toBe(false);
    expect(same.plan.issues).toEqual([]);
  });

  it('counts a STRICT port as going STRICT', () => {
    const { risky } = planMtls(
      { mode: 'PERMISSIVE', ports: { '8080': 'STRICT', '9080': 'DISABLE' } },
      stored,
      ctx({ workload, stored, strictRisky: true }),
    );
    expect(risky).toBe(true);
  });

  it('plans from YAML the user wrote, and reports what the webhook would refuse', () => {
    const yaml: PeerAuthentication = {
      ...stored,
      spec: { mtls: { mode: 'PERMISSIVE' }, portLevelMtls: { '9080': { mode: 'DISABLE' } } },
    };
    const { plan } = planMtls(readMtls(yaml), yaml, ctx({ workload, stored }));
    expect(plan.edits).toHaveLength(1);
    expect(plan.blocking).toBe(true);
    expect(plan.issues[0]).toEqual({
      object: 'PeerAuthentication',
      path: ['spec', 'portLevelMtls'],
      code: 'mtls.port-level-needs-selector',
      severity: 'error',
    });
  });
});

describe('planMtls where ztunnel enforces', () => {
  it('warns that DISABLE is ignored, for the mode and each port, without holding Apply', () => {
    const { plan } = planMtls(
      { mode: 'DISABLE', ports: { '9080': 'DISABLE', '8080': 'STRICT' } },
      stored,
      ctx({ workload, stored, ambient: true }),
    );
    expect(plan.blocking).toBe(false);
    expect(plan.issues).toEqual([
      {
        object: 'PeerAuthentication',
        path: ['spec', 'mtls', 'mode'],
        code: 'mtls.disable-ignored-ambient',
        params: { target: 'reviews' },
        severity: 'warning',
      },
      {
        object: 'PeerAuthentication',
        path: ['spec', 'portLevelMtls', '9080', 'mode'],
        code: 'mtls.disable-ignored-ambient',
        params: { target: 'reviews' },
        severity: 'warning',
      },
    ]);
  });

  it('says nothing of STRICT or PERMISSIVE, which ztunnel honours, nor to a sidecar namespace', () => {
    for (const mode of ['STRICT', 'PERMISSIVE'] as const) {
      const { plan } = planMtls({ mode, ports: {} }, undefined, ctx({ ambient: true }));
      expect(plan.issues).toEqual([]);
    }
    const sidecar = planMtls({ mode: 'DISABLE', ports: {} }, undefined, ctx());
    expect(sidecar.plan.issues).toEqual([]);
    const namespaceWide = planMtls(
      { mode: 'DISABLE', ports: {} },
      undefined,
      ctx({ ambient: true }),
    );
    expect(namespaceWide.plan.issues[0]?.params).toEqual({ target: 'bookinfo' });
  });
});
