import type { DestinationRule, Service, VirtualService } from '../models';
import { hostIsService, routedServices, routingFor } from './useTrafficData';

const HOSTS = [
  'reviews',
  'reviews.bookinfo',
  'reviews.bookinfo.svc',
  'reviews.bookinfo.svc.cluster.local',
  'reviews.other',
  'reviews.other.svc.cluster.local',
  'reviews.bookinfo.svc.cluster',
  '*.bookinfo.svc.cluster.local',
  '*',
  'api.example.com',
];
const services: Service[] = ['reviews', 'ratings', 'api'].flatMap((name) =>
  ['bookinfo', 'other'].map((namespace) => ({ metadata: { name, namespace } })),
);

describe('routedServices', () => {
  it('names exactly the services routingFor finds objects for, host by host', () => {
    for (const host of HOSTS) {
      for (const namespace of ['bookinfo', 'other']) {
        const vs: VirtualService = { metadata: { name: 'x', namespace }, spec: { hosts: [host] } };
        const dr: DestinationRule = { metadata: { name: 'x', namespace }, spec: { host } };
        const routed = routedServices([vs], [dr]);
        for (const s of services) {
          const key = `${s.metadata?.namespace}/${s.metadata?.name}`;
          const found = routingFor(s, [vs], [dr]);
          expect([host, key, routed.virtualService.has(key)]).toEqual([host, key, !!found.vs]);
          expect([host, key, routed.destinationRule.has(key)]).toEqual([host, key, !!found.dr]);
          expect(!!found.dr).toBe(
            namespace === s.metadata?.namespace &&
              hostIsService(host, s.metadata?.name ?? '', namespace),
          );
        }
      }
    }
  });
});
