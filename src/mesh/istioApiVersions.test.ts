import { detectIstioApiVersions } from './istioApiVersions';

const served = (group: string, version: string, kind: string) => ({
  apiGroup: group,
  apiVersion: version,
  kind,
});

describe('detectIstioApiVersions', () => {
  it('prefers v1 where Service Mesh 3 serves several versions', () => {
    expect(
      detectIstioApiVersions([
        served('networking.istio.io', 'v1alpha3', 'VirtualService'),
        served('networking.istio.io', 'v1beta1', 'VirtualService'),
        served('networking.istio.io', 'v1', 'VirtualService'),
        served('security.istio.io', 'v1', 'AuthorizationPolicy'),
        served('security.istio.io', 'v1beta1', 'AuthorizationPolicy'),
        served('security.istio.io', 'v1', 'PeerAuthentication'),
      ]),
    ).toEqual({ networking: 'v1', security: 'v1', peerAuthentication: 'v1' });
  });

  it('falls back to v1beta1 on Service Mesh 2.6, where PeerAuthentication has no v1', () => {
    expect(
      detectIstioApiVersions([
        served('networking.istio.io', 'v1alpha3', 'VirtualService'),
        served('networking.istio.io', 'v1beta1', 'VirtualService'),
        served('security.istio.io', 'v1', 'AuthorizationPolicy'),
        served('security.istio.io', 'v1beta1', 'PeerAuthentication'),
      ]),
    ).toEqual({ networking: 'v1beta1', security: 'v1', peerAuthentication: 'v1beta1' });
  });

  it('reports nothing when Istio is not installed', () => {
    expect(detectIstioApiVersions([served('', 'v1', 'Service')])).toEqual({
      networking: undefined,
      security: undefined,
      peerAuthentication: undefined,
    });
  });
});
