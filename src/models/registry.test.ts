import { validateIstioObject } from '../testing/istioSchemas';
import { ALL_MODELS, modelForObject } from './registry';
import * as models from '.';
import type { K8sModel } from '.';

describe('model registry', () => {
  it('holds every model the package exports, each once', () => {
    const exported = Object.entries(models)
      .filter(([name, value]) => name.endsWith('Model') && typeof value === 'object')
      .map(([, value]) => value as K8sModel);
    expect(new Set(ALL_MODELS)).toEqual(new Set(exported));
    expect(ALL_MODELS).toHaveLength(exported.length);
  });

  it('finds an Istio object’s model at the object’s own version (Service Mesh 2.6)', () => {
    const pa = {
      apiVersion: 'security.istio.io/v1beta1',
      kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: 'bookinfo' },
      spec: { mtls: { mode: 'STRICT' } },
    };
    expect(() => validateIstioObject(pa)).not.toThrow();
    const model = modelForObject(pa);
    expect(model?.plural).toBe('peerauthentications');
    expect(model && models.apiVersionOf(model)).toBe('security.istio.io/v1beta1');
    // The shared definition is left at v1 for Service Mesh 3.
    expect(models.PeerAuthenticationModel.apiVersion).toBe('v1');
  });

  it('returns the defined model itself when the version matches', () => {
    expect(
      modelForObject({
        apiVersion: models.apiVersionOf(models.VirtualServiceModel),
        kind: 'VirtualService',
      }),
    ).toBe(models.VirtualServiceModel);
    expect(modelForObject({ apiVersion: 'v1', kind: 'Namespace' })).toBe(models.NamespaceModel);
    expect(
      modelForObject({ apiVersion: 'operators.coreos.com/v1alpha1', kind: 'Subscription' }),
    ).toBe(models.SubscriptionModel);
  });

  it('matches on group as well as kind', () => {
    // A Gateway API Gateway is not an Istio Gateway.
    expect(modelForObject({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway' })).toBe(
      models.GatewayApiGatewayModel,
    );
    expect(modelForObject({ apiVersion: 'networking.istio.io/v1', kind: 'Gateway' })).toBe(
      models.GatewayModel,
    );
    // Core kinds have no group: an object claiming a group is a different kind.
    expect(modelForObject({ apiVersion: 'example.com/v1', kind: 'Namespace' })).toBeUndefined();
  });

  it('refuses objects without apiVersion or kind, or with an unknown kind', () => {
    expect(modelForObject({ kind: 'VirtualService' })).toBeUndefined();
    expect(modelForObject({ apiVersion: 'networking.istio.io/v1' })).toBeUndefined();
    expect(
      modelForObject({ apiVersion: 'networking.istio.io/', kind: 'VirtualService' }),
    ).toBeUndefined();
    expect(modelForObject({ apiVersion: 'v1', kind: 'LimitRange' })).toBeUndefined();
  });
});
