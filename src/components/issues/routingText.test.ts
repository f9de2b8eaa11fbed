import {
  applyCircuitBreaker,
  applyTrafficSplit,
  describeRouting,
} from '../../mesh/traffic/trafficSplit';
import type { RoutingPart } from '../../mesh/traffic/trafficSplit';
import type { VirtualService } from '../../models';
import { routingPartText, routingText } from './routingText';

const HOST = 'reviews.bookinfo.svc.cluster.local';
const NS = 'bookinfo';
const SUBSETS = ['v1', 'v2', 'v3'].map((v) => ({ name: v, labels: { version: v } }));

/** i18next's interpolation, with the English keys as the catalogue. */
const t = (key: string, values?: Record<string, string | number>) =>
  key.replace(/{{\s*(\w+)\s*}}/g, (_, name: string) => String(values?.[name] ?? ''));

describe('routingText', () => {
  it('words a split with a circuit breaker as the lists show it', () => {
    const { virtualService, destinationRule } = applyTrafficSplit({
      host: HOST,
      namespace: NS,
      subsets: SUBSETS,
      weights: { v1: 90, v3: 10 },
    });
    const dr = applyCircuitBreaker(destinationRule, {
      subset: 'v3',
      outlierDetection: { consecutive5xxErrors: 5 },
    });
    expect(routingText(t, describeRouting(virtualService, dr))).toBe(
      'v1 90%, v3 10%; circuit breaker on v3',
    );
  });

  it('says a service without routing is balanced over all its pods', () => {
    expect(routingText(t, describeRouting())).toBe('no routing rules (round robin over all pods)');
  });

  it('words matches, other actions, timeouts and retries of a hand-written VirtualService', () => {
    const vs: VirtualService = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: { name: 'reviews', namespace: NS },
      spec: {
        hosts: [HOST],
        http: [
          {
            name: 'testers',
            match: [{ headers: { 'x-tester': { exact: 'true' } } }],
            route: [{ destination: { host: HOST, subset: 'v2' } }],
          },
          { name: 'legacy', match: [{ uri: { exact: '/old' } }], redirect: { uri: '/new' } },
          {
            name: 'main',
            timeout: '8s',
            retries: { attempts: 3 },
            mirror: { host: HOST, subset: 'v3' },
            route: [
              { destination: { host: HOST, subset: 'v1' }, weight: 1 },
              { destination: { host: 'ratings' }, weight: 1 },
            ],
          },
        ],
      },
    };
    expect(routingText(t, describeRouting(vs))).toBe(
      'matching requests: v2 100%; redirect rule; v1 50%, ratings 50%; timeout 8s; 3 retries; mirrored to v3',
    );
  });

  it.each<[RoutingPart, string]>([
    [{ kind: 'other', action: 'redirect' }, 'redirect rule'],
    [{ kind: 'other', action: 'directResponse' }, 'directResponse rule'],
    [{ kind: 'other', action: 'delegate' }, 'delegate rule'],
    [{ kind: 'fault', delay: '2s' }, 'fault injection'],
    [{ kind: 'mirror', host: 'ratings' }, 'mirrored to ratings'],
    [{ kind: 'circuitBreaker' }, 'circuit breaker'],
    [{ kind: 'split', parts: [{ host: HOST, subset: 'v1', weight: 100 }] }, 'v1 100%'],
  ])('words %j', (part, text) => {
    expect(routingPartText(t, part)).toBe(text);
  });

  it('goes through t for every word it shows', () => {
    const marked = (key: string, values?: Record<string, string | number>) => `[${t(key, values)}]`;
    expect(routingText(marked, describeRouting())).toBe(
      '[no routing rules (round robin over all pods)]',
    );
    expect(routingPartText(marked, { kind: 'other', action: 'delegate' })).toBe('[delegate rule]');
  });
});
