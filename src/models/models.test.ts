import { hasIstioSchema, validateIstioObject } from '../testing/istioSchemas';
import * as models from '.';
import type { K8sModel } from '.';

const allModels = Object.entries(models).filter(
  (entry): entry is [string, K8sModel] =>
    entry[0].endsWith('Model') && typeof entry[1] === 'object',
);

describe('models', () => {
  it('defines every kind the product touches exactly once', () => {
    const kinds = allModels.map(([, m]) => `${m.apiGroup ?? 'core'}/${m.kind}`);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'networking.istio.io/VirtualService',
        'networking.istio.io/DestinationRule',
        'networking.istio.io/Gateway',
        'networking.istio.io/ServiceEntry',
        'networking.istio.io/Sidecar',
        'security.istio.io/PeerAuthentication',
        'security.istio.io/AuthorizationPolicy',
        'security.istio.io/RequestAuthentication',
        'sailoperator.io/Istio',
        'sailoperator.io/IstioCNI',
        'sailoperator.io/IstioRevision',
        'sailoperator.io/IstioRevisionTag',
        'maistra.io/ServiceMeshControlPlane',
        'maistra.io/ServiceMeshMemberRoll',
        'maistra.io/ServiceMeshMember',
        'operators.coreos.com/Subscription',
        'operators.coreos.com/OperatorGroup',
        'operators.coreos.com/ClusterServiceVersion',
        'operators.coreos.com/InstallPlan',
        'operators.coreos.com/CatalogSource',
        'packages.operators.coreos.com/PackageManifest',
        'kiali.io/Kiali',
        'jaegertracing.io/Jaeger',
        'tempo.grafana.com/TempoStack',
        'tempo.grafana.com/TempoMonolithic',
        'opentelemetry.io/OpenTelemetryCollector',
        'route.openshift.io/Route',
        'console.openshift.io/ConsolePlugin',
        'operator.openshift.io/Console',
      ]),
    );
  });

  it.each(allModels)('%s has the fields the SDK needs to build its URLs', (_, model) => {
    expect(model.plural).toMatch(/^[a-z]+$/);
    expect(model.apiVersion).toMatch(/^v\d+((alpha|beta)\d+)?$/);
    expect(model.kind).toMatch(/^[A-Z][A-Za-z]+$/);
    expect(typeof model.namespaced).toBe('boolean');
    expect(model.abbr).toBeTruthy();
  });

  it('Sail kinds are cluster-scoped and Maistra kinds namespaced, as their CRDs say', () => {
    for (const m of [models.IstioModel, models.IstioCNIModel, models.IstioRevisionTagModel]) {
      expect(m.namespaced).toBe(false);
    }
    for (const m of [models.ServiceMeshControlPlaneModel, models.ServiceMeshMemberRollModel]) {
      expect(m.namespaced).toBe(true);
    }
  });

  it.each(allModels.filter(([, m]) => /istio\.io$/.test(m.apiGroup ?? '')))(
    '%s matches a kind in Istio’s published schemas, at v1 and at the 2.6 version',
    (_, model) => {
      const v1 = { apiVersion: models.apiVersionOf(model), kind: model.kind };
      expect(hasIstioSchema(v1.apiVersion, v1.kind)).toBe(true);
      // Service Mesh 2.6 (Istio 1.20) serves these older versions instead.
      const legacyVersion = model.apiGroup === 'telemetry.istio.io' ? 'v1alpha1' : 'v1beta1';
      const legacy = models.atVersion(model, legacyVersion);
      expect(hasIstioSchema(models.apiVersionOf(legacy), legacy.kind)).toBe(true);
    },
  );

  it('the schema check rejects what the API server would reject', () => {
    const vs = {
      apiVersion: models.apiVersionOf(models.VirtualServiceModel),
      kind: 'VirtualService',
      metadata: { name: 'reviews', namespace: 'bookinfo' },
      spec: {
        hosts: ['reviews'],
        http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 100 }] }],
      },
    };
    expect(() => validateIstioObject(vs)).not.toThrow();
    const bad = { ...vs, spec: { ...vs.spec, http: [{ route: [{ weight: 'all' }] }] } };
    expect(() => validateIstioObject(bad)).toThrow();
  });

  it('atVersion keeps the kind and changes only the version', () => {
    const legacy = models.atVersion(models.PeerAuthenticationModel, 'v1beta1');
    expect(models.apiVersionOf(legacy)).toBe('security.istio.io/v1beta1');
    expect(legacy.plural).toBe('peerauthentications');
    expect(models.atVersion(models.PeerAuthenticationModel, 'v1')).toBe(
      models.PeerAuthenticationModel,
    );
  });
});
