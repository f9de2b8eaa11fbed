import type { K8sResourceCommon } from '../../models';
import {
  ROOT,
  authorizationPolicy,
  bookinfo,
  destinationRule,
  peerAuthentication,
  requestAuthentication,
  route,
  service,
  sidecar,
  virtualService,
} from '../../testing/meshConfigFixtures';
import { formPath } from '../forms/registry';
import { fixFor } from './fixes';
import { indexMeshConfig } from './meshConfigIndex';
import type { MeshConfigInput } from './meshConfigIndex';
import { validateObject } from './validateMeshConfig';

const indexWith = (extra: Partial<MeshConfigInput> = {}) => {
  const base = bookinfo();
  return indexMeshConfig({
    ...base,
    ...extra,
    services: [...(base.services ?? []), ...(extra.services ?? [])],
  });
};

/** The fix of each problem the validator finds in `obj`. */
const fixesOf = (obj: K8sResourceCommon, kind: string, extra: Partial<MeshConfigInput> = {}) => {
  const index = indexWith(extra);
  const issues = validateObject(obj, index, kind);
  expect(issues.length).toBeGreaterThan(0);
  return issues.map((i) => ({ code: i.code, fix: fixFor(i, obj, kind, index) }));
};

const at = (code: string) => ({ code, path: [], severity: 'warning' as const });

describe('fixFor', () => {
  describe('VirtualService', () => {
    it('opens the traffic split of the routed service for subset problems', () => {
      const vs = virtualService('ratings', 'bookinfo', {
        hosts: ['ratings'],
        http: [{ route: [route('ratings', 'v9')] }],
      });
      expect(fixesOf(vs, 'VirtualService')).toEqual([
        {
          code: 'config.vs.subset-not-found',
          fix: {
            form: 'split',
            target: { scope: 'service', namespace: 'bookinfo', name: 'ratings' },
          },
        },
      ]);
      const [{ fix }] = fixesOf(vs, 'VirtualService');
      expect(fix && formPath(fix.form, fix.target)).toBe(
        '/service-mesh/traffic/ns/bookinfo/ratings/split',
      );
    });

    it('opens it for weights and repeated destinations, taking the host that is a Service', () => {
      const vs = virtualService('reviews', 'bookinfo', {
        hosts: ['reviews.example.com', 'reviews.bookinfo.svc.cluster.local'],
        http: [
          { route: [route('reviews', 'v1', 90)] },
          { route: [route('reviews', 'v1', 50), route('reviews', 'v1', 50)] },
        ],
      });
      const fixes = fixesOf(vs, 'VirtualService');
      expect(fixes.map((f) => f.code)).toEqual([
        'config.vs.single-weight',
        'config.vs.repeated-destination',
        'config.vs.repeated-destination',
      ]);
      for (const { fix } of fixes) {
        expect(fix).toEqual({
          form: 'split',
          target: { scope: 'service', namespace: 'bookinfo', name: 'reviews' },
        });
      }
    });

    it('has no form for a host that is no Service of the namespace, or for other problems', () => {
      const external = virtualService('ext', 'bookinfo', {
        hosts: ['api.example.com'],
        http: [{ route: [route('reviews', 'v9')] }],
      });
      expect(fixesOf(external, 'VirtualService')).toEqual([
        { code: 'config.vs.subset-not-found', fix: undefined },
      ]);
      // Another namespace's service: its forms edit the objects of that namespace.
      const elsewhere = virtualService('r', 'other', {
        hosts: ['ratings.bookinfo.svc.cluster.local'],
        http: [{ route: [route('ratings.bookinfo.svc.cluster.local', 'v9')] }],
      });
      expect(fixesOf(elsewhere, 'VirtualService').map((f) => f.fix)).toEqual([undefined]);
      const missingHost = virtualService('ratings', 'bookinfo', {
        hosts: ['ratings'],
        http: [{ route: [route('nowhere')] }],
        gateways: ['no-such-gateway'],
      });
      expect(fixesOf(missingHost, 'VirtualService')).toEqual([
        { code: 'config.vs.host-not-found', fix: undefined },
        { code: 'config.vs.gateway-not-found', fix: undefined },
      ]);
    });
  });

  describe('DestinationRule', () => {
    it('opens the circuit breaker of its host for subset and port problems', () => {
      const dr = destinationRule('ratings', 'bookinfo', {
        host: 'ratings',
        subsets: [{ name: 'v9', labels: { version: 'v9' } }, { name: 'all' }],
        trafficPolicy: { portLevelSettings: [{ port: { number: 1234 } }] },
      });
      const fixes = fixesOf(dr, 'DestinationRule');
      expect(fixes.map((f) => f.code)).toEqual([
        'config.dr.subset-no-labels',
        'config.dr.subset-no-workloads',
        'config.dr.port-not-found',
      ]);
      for (const { fix } of fixes) {
        expect(fix).toEqual({
          form: 'circuit-breaker',
          target: { scope: 'service', namespace: 'bookinfo', name: 'ratings' },
        });
      }
    });

    it('opens it for plaintext towards a STRICT workload', () => {
      const dr = destinationRule('ratings', 'bookinfo', {
        host: 'ratings',
        trafficPolicy: { tls: { mode: 'DISABLE' } },
      });
      const strict = peerAuthentication('default', 'bookinfo', { mtls: { mode: 'STRICT' } });
      expect(fixesOf(dr, 'DestinationRule', { peerAuthentications: [strict] })).toEqual([
        {
          code: 'config.dr.tls-disabled-strict',
          fix: {
            form: 'circuit-breaker',
            target: { scope: 'service', namespace: 'bookinfo', name: 'ratings' },
          },
        },
      ]);
    });

    it('has no form for a missing host or a rival rule', () => {
      const dr = destinationRule('x', 'bookinfo', { host: 'nowhere' });
      expect(fixesOf(dr, 'DestinationRule')).toEqual([
        { code: 'config.dr.host-not-found', fix: undefined },
      ]);
      const rival = destinationRule('reviews-2', 'bookinfo', { host: 'reviews' });
      expect(fixesOf(rival, 'DestinationRule')).toEqual([
        { code: 'config.dr.host-in-several', fix: undefined },
      ]);
    });
  });

  describe('AuthorizationPolicy', () => {
    it('opens the allowed callers of the Deployment it selects', () => {
      const ap = authorizationPolicy('ratings', 'bookinfo', {
        selector: { matchLabels: { app: 'ratings' } },
        rules: [
          {
            from: [{ source: { principals: ['cluster.local/ns/bookinfo/sa/ghost'] } }],
            to: [{ operation: { methods: ['get'] } }],
          },
        ],
      });
      const fixes = fixesOf(ap, 'AuthorizationPolicy');
      expect(fixes.map((f) => f.code)).toEqual([
        'config.ap.service-account-not-found',
        'config.ap.method-unknown',
      ]);
      for (const { fix } of fixes) {
        expect(fix).toEqual({
          form: 'authorization',
          target: { scope: 'workload', namespace: 'bookinfo', name: 'ratings-v1' },
        });
      }
    });

    it('has no form when it selects no Deployment, or has no selector', () => {
      const none = authorizationPolicy('x', 'bookinfo', {
        selector: { matchLabels: { app: 'nothing' } },
      });
      expect(fixesOf(none, 'AuthorizationPolicy')).toEqual([
        { code: 'config.selector.no-workload', fix: undefined },
      ]);
      const all = authorizationPolicy('x', 'bookinfo', {
        rules: [{ from: [{ source: { namespaces: ['ghost'] } }] }],
      });
      expect(fixesOf(all, 'AuthorizationPolicy')).toEqual([
        { code: 'config.ap.namespace-not-found', fix: undefined },
      ]);
    });
  });

  describe('PeerAuthentication', () => {
    it('opens the mTLS form of the workload it selects', () => {
      const pa = peerAuthentication('reviews', 'bookinfo', {
        selector: { matchLabels: { app: 'reviews', version: 'v1' } },
        portLevelMtls: { '1234': { mode: 'DISABLE' } },
      });
      expect(fixesOf(pa, 'PeerAuthentication')).toEqual([
        {
          code: 'config.pa.port-not-found',
          fix: {
            form: 'mtls',
            target: { scope: 'workload', namespace: 'bookinfo', name: 'reviews-v1' },
          },
        },
      ]);
    });

    it('opens the namespace level without selector, the mesh level in the root namespace', () => {
      const a = peerAuthentication('a', 'bookinfo', {}, '2024-01-01T00:00:00Z');
      const b = peerAuthentication('b', 'bookinfo', {}, '2024-02-01T00:00:00Z');
      expect(fixesOf(b, 'PeerAuthentication', { peerAuthentications: [a, b] })).toEqual([
        {
          code: 'config.selectorless.several',
          fix: { form: 'mtls', target: { scope: 'namespace', namespace: 'bookinfo' } },
        },
      ]);
      const m1 = peerAuthentication('m1', ROOT, {});
      const m2 = peerAuthentication('m2', ROOT, {});
      expect(fixesOf(m2, 'PeerAuthentication', { peerAuthentications: [m1, m2] })).toEqual([
        {
          code: 'config.selectorless.several',
          fix: { form: 'mtls', target: { scope: 'mesh', rootNamespace: ROOT } },
        },
      ]);
    });

    it('has no form when its selector picks no Deployment', () => {
      const pa = peerAuthentication('x', 'bookinfo', { selector: { matchLabels: { app: 'x' } } });
      expect(fixesOf(pa, 'PeerAuthentication')).toEqual([
        { code: 'config.selector.no-workload', fix: undefined },
      ]);
    });
  });

  describe('RequestAuthentication', () => {
    const jwt = { jwtRules: [{ issuer: 'https://issuer.example.com' }] };

    it('opens the JWT form at the same level for an optional token', () => {
      const ns = requestAuthentication('jwt', 'bookinfo', jwt);
      expect(fixesOf(ns, 'RequestAuthentication')).toEqual([
        {
          code: 'config.ra.token-optional',
          fix: { form: 'jwt', target: { scope: 'namespace', namespace: 'bookinfo' } },
        },
      ]);
      const workload = requestAuthentication('jwt', 'bookinfo', {
        ...jwt,
        selector: { matchLabels: { app: 'productpage' } },
      });
      expect(fixesOf(workload, 'RequestAuthentication')).toEqual([
        {
          code: 'config.ra.token-optional',
          fix: {
            form: 'jwt',
            target: { scope: 'workload', namespace: 'bookinfo', name: 'productpage-v1' },
          },
        },
      ]);
      const mesh = requestAuthentication('jwt', ROOT, jwt);
      expect(fixesOf(mesh, 'RequestAuthentication')[0].fix).toEqual({
        form: 'jwt',
        target: { scope: 'namespace', namespace: ROOT },
      });
    });

    it('has no form for its other problems', () => {
      const ra = requestAuthentication('jwt', 'bookinfo', {
        ...jwt,
        selector: { matchLabels: { app: 'nothing' } },
      });
      expect(fixesOf(ra, 'RequestAuthentication')).toEqual([
        { code: 'config.selector.no-workload', fix: undefined },
      ]);
    });
  });

  it('has no form for kinds no form edits', () => {
    const index = indexWith();
    const sc = sidecar('s', 'bookinfo', { workloadSelector: { labels: { app: 'x' } } });
    expect(fixFor(at('config.selector.no-workload'), sc, 'Sidecar', index)).toBeUndefined();
    const svc = service('bad', 'bookinfo', { app: 'x' }, [{ name: 'web', port: 80 }]);
    expect(fixFor(at('config.service.port-name'), svc, 'Service', index)).toBeUndefined();
    expect(fixFor(at('config.vs.subset-not-found'), svc, 'Telemetry', index)).toBeUndefined();
    // A code of another domain is not a configuration problem.
    const pa = peerAuthentication('default', 'bookinfo', {});
    expect(fixFor(at('mtls.mode-unknown'), pa, 'PeerAuthentication', index)).toBeUndefined();
  });
});
