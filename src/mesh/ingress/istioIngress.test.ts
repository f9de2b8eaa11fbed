import type { Gateway, VirtualService } from '../../models';
import { hostNamesService, istioGatewayRef, istioIngressFor } from './istioIngress';

const SERVICE = { namespace: 'bookinfo', name: 'productpage' };

const vs = (
  name: string,
  spec: VirtualService['spec'],
  namespace = 'bookinfo',
): VirtualService => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  metadata: { name, namespace },
  spec,
});

const istioGateway = (name: string, namespace: string, hosts: string[]): Gateway => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'Gateway',
  metadata: { name, namespace },
  spec: {
    selector: { istio: 'ingressgateway' },
    servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts }],
  },
});

describe('the Istio Gateway + VirtualService path', () => {
  it('finds VirtualServices bound to a Gateway that route to the Service', () => {
    const views = istioIngressFor(
      SERVICE,
      [
        vs('bookinfo', {
          hosts: ['bookinfo.example.com'],
          gateways: ['bookinfo-gateway'],
          http: [
            {
              match: [{ uri: { prefix: '/static' } }],
              route: [{ destination: { host: 'static' } }],
            },
            { route: [{ destination: { host: 'productpage', port: { number: 9080 } } }] },
          ],
        }),
        // Sidecars only: not ingress.
        vs('mesh', {
          hosts: ['productpage'],
          http: [{ route: [{ destination: { host: 'productpage' } }] }],
        }),
        vs('mesh-explicit', {
          hosts: ['productpage'],
          gateways: ['mesh'],
          http: [{ route: [{ destination: { host: 'productpage' } }] }],
        }),
        // Another Service behind the same Gateway.
        vs('details', {
          hosts: ['details.example.com'],
          gateways: ['bookinfo-gateway'],
          http: [{ route: [{ destination: { host: 'details' } }] }],
        }),
        // From istio-system, naming the Service by FQDN and the Gateway by namespace/name.
        vs(
          'edge',
          {
            hosts: ['*.example.org'],
            gateways: ['istio-system/edge', 'mesh', 'istio-system/missing'],
            http: [
              { route: [{ destination: { host: 'productpage.bookinfo.svc.cluster.local' } }] },
            ],
          },
          'istio-system',
        ),
      ],
      [
        istioGateway('bookinfo-gateway', 'bookinfo', ['bookinfo.example.com', '*']),
        istioGateway('edge', 'istio-system', ['*.example.org']),
      ],
    );
    expect(views).toEqual([
      {
        virtualService: { namespace: 'bookinfo', name: 'bookinfo' },
        hosts: ['bookinfo.example.com'],
        gateways: [
          {
            namespace: 'bookinfo',
            name: 'bookinfo-gateway',
            serverHosts: ['bookinfo.example.com', '*'],
            selector: { istio: 'ingressgateway' },
          },
        ],
      },
      {
        virtualService: { namespace: 'istio-system', name: 'edge' },
        hosts: ['*.example.org'],
        gateways: [
          {
            namespace: 'istio-system',
            name: 'edge',
            serverHosts: ['*.example.org'],
            selector: { istio: 'ingressgateway' },
          },
          { namespace: 'istio-system', name: 'missing' },
        ],
      },
    ]);
  });

  it('resolves hosts and gateway references relative to the VirtualService’s namespace', () => {
    expect(hostNamesService('productpage', SERVICE, 'bookinfo')).toBe(true);
    expect(hostNamesService('productpage', SERVICE, 'istio-system')).toBe(false);
    expect(hostNamesService('productpage.bookinfo', SERVICE, 'istio-system')).toBe(true);
    expect(hostNamesService('productpage.bookinfo.svc', SERVICE, 'x')).toBe(true);
    expect(hostNamesService('productpage.shop', SERVICE, 'shop')).toBe(false);
    expect(hostNamesService(undefined, SERVICE, 'bookinfo')).toBe(false);
    expect(istioGatewayRef('mesh', 'bookinfo')).toBeUndefined();
    expect(istioGatewayRef('gw', 'bookinfo')).toEqual({ namespace: 'bookinfo', name: 'gw' });
    expect(istioGatewayRef('istio-system/gw', 'bookinfo')).toEqual({
      namespace: 'istio-system',
      name: 'gw',
    });
    expect(istioGatewayRef('gw.istio-system.svc.cluster.local', 'bookinfo')).toEqual({
      namespace: 'istio-system',
      name: 'gw',
    });
  });
});
