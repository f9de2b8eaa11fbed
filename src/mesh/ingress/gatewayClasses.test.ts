import type { GatewayApiGateway, GatewayApiGatewayClass } from '../../models';
import { isIngressGateway, offeredGatewayClasses, providerOf } from './gatewayClasses';

const gatewayClass = (
  name: string,
  controllerName: string,
  accepted: 'True' | 'False' | 'Unknown' | null = 'True',
  extra: Partial<GatewayApiGatewayClass['spec']> = {},
): GatewayApiGatewayClass => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'GatewayClass',
  metadata: { name },
  spec: { controllerName, ...extra },
  ...(accepted
    ? { status: { conditions: [{ type: 'Accepted', status: accepted, reason: 'Accepted' }] } }
    : {}),
});

const gateway = (name: string, gatewayClassName: string): GatewayApiGateway => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'Gateway',
  metadata: { name, namespace: 'bookinfo' },
  spec: { gatewayClassName, listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] },
});

describe('offeredGatewayClasses', () => {
  it('offers accepted ingress classes, Istio’s and OpenShift’s first', () => {
    const classes = [
      gatewayClass('zeta', 'example.net/gateway-controller'),
      gatewayClass('openshift-default', 'openshift.io/gateway-controller/v1', 'True', {
        description: 'OpenShift ingress',
      }),
      gatewayClass('istio-waypoint', 'istio.io/mesh-controller'),
      gatewayClass('istio-remote', 'istio.io/unmanaged-gateway'),
      gatewayClass('istio', 'istio.io/gateway-controller'),
      gatewayClass('alpha', 'example.net/gateway-controller'),
      gatewayClass('refused', 'example.net/gateway-controller', 'False'),
      gatewayClass('waiting', 'example.net/gateway-controller', 'Unknown'),
      gatewayClass('unanswered', 'example.net/gateway-controller', null),
    ];
    expect(offeredGatewayClasses(classes)).toEqual([
      { name: 'istio', controllerName: 'istio.io/gateway-controller', provider: 'istio' },
      {
        name: 'openshift-default',
        controllerName: 'openshift.io/gateway-controller/v1',
        provider: 'openshift',
        description: 'OpenShift ingress',
      },
      { name: 'alpha', controllerName: 'example.net/gateway-controller', provider: 'other' },
      { name: 'zeta', controllerName: 'example.net/gateway-controller', provider: 'other' },
    ]);
  });

  it('leaves out a class being deleted, and offers nothing without classes', () => {
    const going = gatewayClass('istio', 'istio.io/gateway-controller');
    going.metadata = { ...going.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' };
    expect(offeredGatewayClasses([going])).toEqual([]);
    expect(offeredGatewayClasses([])).toEqual([]);
  });

  it('names the provider by controller, not by class name', () => {
    expect(providerOf('istio.io/gateway-controller')).toBe('istio');
    expect(providerOf('openshift.io/gateway-controller/v1')).toBe('openshift');
    expect(providerOf('openshift.io/gateway-controller')).toBe('other');
    expect(providerOf(undefined)).toBe('other');
  });
});

describe('isIngressGateway', () => {
  it('tells waypoints apart, by class name or by the class’s controller', () => {
    const classes = [
      gatewayClass('istio', 'istio.io/gateway-controller'),
      gatewayClass('custom-waypoint', 'istio.io/mesh-controller'),
    ];
    expect(isIngressGateway(gateway('gw', 'istio'), classes)).toBe(true);
    expect(isIngressGateway(gateway('waypoint', 'istio-waypoint'), classes)).toBe(false);
    expect(isIngressGateway(gateway('wp', 'custom-waypoint'), classes)).toBe(false);
    // An unknown class (not readable, or not created yet) is given the benefit of the doubt.
    expect(isIngressGateway(gateway('gw', 'openshift-default'))).toBe(true);
  });
});
