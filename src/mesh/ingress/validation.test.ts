import type { GatewayApiGateway, GatewayApiHTTPRoute } from '../../models';
import { buildIngressGateway, buildIngressRoute } from './ingressObjects';
import {
  hostnameProblem,
  isDnsSubdomain,
  parsePort,
  pathProblem,
  validateIngressGateway,
  validateIngressRoute,
} from './validation';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createValidator } = require('../../../preview/cluster/validate');

/** Problems the published Gateway API schema (@kubernetes-models/gateway-api) finds. */
const schemaProblems = async (kind: string, obj: unknown) =>
  (
    (await createValidator()).validate(
      { group: 'gateway.networking.k8s.io', kind, plural: '' },
      'v1',
      obj,
    ) as { field: string }[]
  ).map((c) => c.field);

const route = (hostnames: string[]): GatewayApiHTTPRoute => ({
  ...buildIngressRoute({
    namespace: 'bookinfo',
    service: 'productpage',
    port: 9080,
    gateway: { namespace: 'bookinfo', name: 'bookinfo-gateway' },
    path: '/',
  }),
  spec: {
    parentRefs: [{ name: 'bookinfo-gateway' }],
    hostnames,
    rules: [{ backendRefs: [{ name: 'productpage', port: 9080 }] }],
  },
});

describe('hostnameProblem', () => {
  it.each([
    'shop.example.com',
    'localhost',
    '*.example.com',
    'a-b.c-d.example',
    `${'a'.repeat(63)}.example.com`,
  ])('accepts %s, as the schema does', async (h) => {
    expect(hostnameProblem(h)).toBeUndefined();
    expect(await schemaProblems('HTTPRoute', route([h]))).toEqual([]);
  });

  it.each([
    ['Shop.example.com', 'ingress.hostname.invalid'],
    ['shop_1.example.com', 'ingress.hostname.invalid'],
    ['shop.example.com.', 'ingress.hostname.invalid'],
    ['-shop.example.com', 'ingress.hostname.invalid'],
    ['', 'ingress.hostname.invalid'],
    ['*', 'ingress.hostname.wildcard'],
    ['*example.com', 'ingress.hostname.wildcard'],
    ['shop.*.example.com', 'ingress.hostname.wildcard'],
    ['*.*.example.com', 'ingress.hostname.wildcard'],
    ['::1', 'ingress.hostname.ip'],
    ['fe80::1', 'ingress.hostname.ip'],
    [`${'a.'.repeat(127)}ab`, 'ingress.hostname.too-long'],
  ])('refuses %s (%s), as the schema does', async (h, code) => {
    expect(hostnameProblem(h)).toBe(code);
    expect([...new Set(await schemaProblems('HTTPRoute', route([h])))]).toEqual([
      'spec.hostnames[0]',
    ]);
  });

  it('refuses what the schema pattern lets through but Gateway API and DNS forbid', async () => {
    // "IPs are not allowed" (the Hostname type's documentation; a CEL rule on the CRD).
    expect(hostnameProblem('10.0.0.1')).toBe('ingress.hostname.ip');
    expect(await schemaProblems('HTTPRoute', route(['10.0.0.1']))).toEqual([]);
    // RFC 1123 labels have at most 63 characters; the pattern does not count them.
    const long = `${'a'.repeat(64)}.example.com`;
    expect(hostnameProblem(long)).toBe('ingress.hostname.invalid');
    expect(await schemaProblems('HTTPRoute', route([long]))).toEqual([]);
  });
});

describe('names, ports and paths', () => {
  it('checks DNS-1123 subdomains', () => {
    expect(isDnsSubdomain('productpage-ingress')).toBe(true);
    expect(isDnsSubdomain('a.b-c')).toBe(true);
    expect(isDnsSubdomain('Productpage')).toBe(false);
    expect(isDnsSubdomain('')).toBe(false);
    expect(isDnsSubdomain('a'.repeat(254))).toBe(false);
  });

  it('parses ports from 1 to 65535', () => {
    expect(parsePort('80')).toBe(80);
    expect(parsePort(' 8080 ')).toBe(8080);
    expect(parsePort('65535')).toBe(65535);
    for (const bad of ['0', '65536', '-1', '8.5', 'http', '', '1e3']) {
      expect(parsePort(bad)).toBeUndefined();
    }
  });

  it('refuses path prefixes Gateway API refuses', () => {
    expect(pathProblem('/')).toBe(false);
    expect(pathProblem('/api/v1')).toBe(false);
    expect(pathProblem('/a.b/..c')).toBe(false);
    for (const bad of [
      'api',
      '//x',
      '/a/../b',
      '/a/.',
      '/a/..',
      '/a%2Fb',
      '/a#b',
      `/${'a'.repeat(1024)}`,
    ]) {
      expect(pathProblem(bad)).toBe(true);
    }
  });
});

describe('validateIngressGateway and validateIngressRoute', () => {
  it('finds nothing in what the builders make', () => {
    const gw = buildIngressGateway({
      name: 'bookinfo-gateway',
      namespace: 'bookinfo',
      className: 'istio',
      port: 80,
      hostname: 'bookinfo.example.com',
    });
    expect(validateIngressGateway(gw)).toEqual([]);
    expect(validateIngressRoute(route(['bookinfo.example.com']))).toEqual([]);
  });

  it('places each problem on its field of its object', () => {
    const gw: GatewayApiGateway = {
      ...buildIngressGateway({ name: 'Gateway_1', namespace: 'b', className: 'istio', port: 80 }),
    };
    gw.spec.listeners = [
      { name: 'a', protocol: 'HTTP', port: 0 },
      { name: 'b', protocol: 'HTTP', port: 80, hostname: '1.2.3.4' },
    ];
    expect(validateIngressGateway(gw)).toEqual([
      expect.objectContaining({
        object: 'Gateway',
        code: 'ingress.gateway.name-invalid',
        path: ['metadata', 'name'],
        params: { value: 'Gateway_1' },
      }),
      expect.objectContaining({
        code: 'ingress.port.invalid',
        path: ['spec', 'listeners', 0, 'port'],
      }),
      expect.objectContaining({
        code: 'ingress.hostname.ip',
        path: ['spec', 'listeners', 1, 'hostname'],
      }),
    ]);
    // A name of more than one label cannot name the Service Istio runs for the Gateway.
    expect(
      validateIngressGateway({ ...gw, metadata: { name: 'a.b', namespace: 'b' } }).map(
        (i) => i.code,
      ),
    ).toContain('ingress.gateway.name-invalid');

    const r = route(['ok.example.com', '*']);
    r.metadata = { name: 'Route', namespace: 'bookinfo' };
    r.spec.rules = [
      {
        matches: [{ path: { type: 'PathPrefix', value: 'api' } }],
        backendRefs: [{ name: 'productpage', port: 70000 }],
      },
      { matches: [{ path: { type: 'RegularExpression', value: '^x' } }] },
    ];
    expect(validateIngressRoute(r)).toEqual([
      expect.objectContaining({ object: 'HTTPRoute', code: 'ingress.route.name-invalid' }),
      expect.objectContaining({
        code: 'ingress.hostname.wildcard',
        path: ['spec', 'hostnames', 1],
      }),
      expect.objectContaining({
        code: 'ingress.path.invalid',
        path: ['spec', 'rules', 0, 'matches', 0, 'path', 'value'],
      }),
      expect.objectContaining({
        code: 'ingress.port.invalid',
        path: ['spec', 'rules', 0, 'backendRefs', 0, 'port'],
      }),
    ]);
  });
});
