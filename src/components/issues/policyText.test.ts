import { buildAllowOnlyPolicy, buildDenyAllPolicy } from '../../mesh/security/authorization';
import { describePolicy, summarizePolicy } from '../../mesh/security/authorization';
import type { DescribeOptions, PolicyDescription } from '../../mesh/security/authorization';
import type { AuthorizationPolicy } from '../../models';
import { orList, policyText, semicolonList } from './policyText';

/** English, as the console shows it: keys are the English text, values interpolated. */
const t = (key: string, values?: Record<string, string | number>) =>
  key.replace(/{{\s*(\w+)\s*}}/g, (_, name: string) => String(values?.[name] ?? ''));

const ap = (spec: AuthorizationPolicy['spec'], namespace = 'bookinfo'): AuthorizationPolicy => ({
  apiVersion: 'security.istio.io/v1',
  kind: 'AuthorizationPolicy',
  metadata: { name: 'p', namespace },
  spec,
});

const words = (p: AuthorizationPolicy, o?: DescribeOptions, root?: string) =>
  policyText(t, describePolicy(summarizePolicy(p, root), o));

describe('policyText', () => {
  it('words allow-nothing for a workload and for a namespace', () => {
    const workload = buildDenyAllPolicy(
      { namespace: 'bookinfo', name: 'deny-all', matchLabels: { app: 'reviews' } },
      'v1',
    );
    expect(words(workload)).toBe(
      'reviews accepts no calls, except those another ALLOW policy allows',
    );
    expect(words(buildDenyAllPolicy({ namespace: 'bookinfo', name: 'deny-all' }, 'v1'))).toBe(
      'every workload in namespace bookinfo accepts no calls, except those another ALLOW policy allows',
    );
  });

  it('names a token-only requirement as anyone with a valid end-user token', () => {
    const obj = buildAllowOnlyPolicy(
      {
        namespace: 'bookinfo',
        name: 'require-jwt',
        matchLabels: { app: 'productpage' },
        callers: {},
        requireJwt: true,
      },
      'v1',
    );
    expect(words(obj)).toBe(
      'productpage accepts calls only from anyone with a valid end-user token',
    );
  });

  it('says who may call whom, callers named as the page names them', () => {
    const obj = buildAllowOnlyPolicy(
      {
        namespace: 'bookinfo',
        name: 'reviews-only-from-productpage',
        matchLabels: { app: 'reviews' },
        callers: {
          workloads: [{ namespace: 'bookinfo', serviceAccount: 'bookinfo-productpage' }],
        },
        methods: ['GET'],
        paths: ['/reviews/*'],
      },
      'v1',
    );
    const callerName = (p: { serviceAccount?: string; raw: string }) =>
      p.serviceAccount?.replace(/^bookinfo-/, '') ?? p.raw;
    expect(words(obj, { callerName })).toBe(
      'reviews accepts calls only from productpage: GET /reviews/*',
    );
    expect(words(obj)).toBe('reviews accepts calls only from bookinfo-productpage: GET /reviews/*');
  });

  it('words DENY with notPrincipals, ports and conditions', () => {
    const obj = ap({
      selector: { matchLabels: { app: 'ratings' } },
      action: 'DENY',
      rules: [
        {
          from: [{ source: { notPrincipals: ['cluster.local/ns/shop/sa/cart'] } }],
          to: [{ operation: { methods: ['DELETE'], ports: ['9080'] } }],
          when: [{ key: 'request.headers[x-env]', notValues: ['prod'] }],
        },
      ],
    });
    expect(words(obj)).toBe(
      'ratings refuses calls from anyone except shop/cart: DELETE on port 9080 when request.headers[x-env] is not prod',
    );
  });

  it('words AUDIT, CUSTOM, allow-all, deny-all and mesh-wide policies', () => {
    expect(
      words(ap({ action: 'AUDIT', rules: [{ to: [{ operation: { paths: ['/admin/*'] } }] }] })),
    ).toBe('Calls to every workload in namespace bookinfo from anyone: /admin/* are audited');
    expect(words(ap({ action: 'CUSTOM', provider: { name: 'opa' }, rules: [{}] }))).toBe(
      'Every call to every workload in namespace bookinfo is checked by opa',
    );
    expect(words(ap({ rules: [{}] }))).toBe(
      'every workload in namespace bookinfo accepts all calls',
    );
    expect(words(ap({ action: 'DENY', rules: [{}] }, 'istio-system'), {}, 'istio-system')).toBe(
      'every workload in the mesh refuses all calls',
    );
    expect(words(ap({ action: 'DENY' }))).toBe(
      'This DENY policy has no rules, so Istio rejects it',
    );
  });

  it('names namespaces, IP blocks and end-user tokens', () => {
    const obj = ap({
      targetRefs: [{ kind: 'Service', name: 'reviews' }],
      rules: [
        { from: [{ source: { namespaces: ['frontend', 'qa'], requestPrincipals: ['*'] } }] },
        { from: [{ source: { ipBlocks: ['10.0.0.0/8'] } }] },
      ],
    });
    expect(words(obj)).toBe(
      'Service reviews accepts calls only from namespace frontend or qa with a valid end-user token; or from IP 10.0.0.0/8',
    );
  });

  it('words every kind of source and operation, and their exceptions', () => {
    const obj = ap({
      selector: { matchLabels: { tier: 'db' } },
      action: 'CUSTOM',
      rules: [
        {
          from: [
            {
              source: {
                principals: ['cluster.local/ns/bookinfo/sa/a', 'cluster.local/ns/shop/sa/b', '*/x'],
                remoteIpBlocks: ['1.2.3.4'],
                requestPrincipals: ['sso/alice'],
                notNamespaces: ['qa'],
                notIpBlocks: ['10.0.0.1'],
                notRemoteIpBlocks: ['5.6.7.8', '9.9.9.9'],
                notRequestPrincipals: ['sso/mallory'],
              },
            },
            { source: { requestPrincipals: ['sso/bob'] } },
            { source: { notRequestPrincipals: ['sso/eve'] } },
          ],
          to: [
            {
              operation: {
                methods: ['GET', 'HEAD'],
                hosts: ['a.example', 'b.example'],
                notPaths: ['/admin'],
                notPorts: ['8080'],
                notHosts: ['c.example'],
              },
            },
            { operation: { notMethods: ['DELETE'] } },
          ],
          when: [
            { key: 'source.ip', values: ['1.1.1.1', '2.2.2.2'], notValues: ['3.3.3.3'] },
            { key: 'request.headers[x]', values: ['y'] },
          ],
        },
        { to: [{ operation: {} }] },
      ],
    });
    expect(words(obj)).toBe(
      'Calls to tier=db from ' +
        'a, shop/b or */x client IP 1.2.3.4 with an end-user token of sso/alice, except namespace qa and IP 10.0.0.1 and client IP 5.6.7.8 or 9.9.9.9 and end-user sso/mallory' +
        ', anyone with an end-user token of sso/bob or anyone except end-user sso/eve' +
        ': GET, HEAD to host a.example or b.example except /admin and port 8080 and host c.example; except DELETE' +
        ' when source.ip is 1.1.1.1 or 2.2.2.2 and source.ip is not 3.3.3.3 and request.headers[x] is y' +
        '; or from anyone: any request are checked by an external authorizer',
    );
  });

  it('words a description built by hand, as other pages may', () => {
    const d: PolicyDescription = {
      effect: 'custom-matching',
      action: 'CUSTOM',
      provider: 'opa',
      target: {
        kind: 'targetRefs',
        refs: [
          { kind: 'Gateway', name: 'gw' },
          { kind: 'Service', name: 'a' },
          { kind: 'Service', name: 'b' },
        ],
      },
      rules: [{ sources: [], operations: [], conditions: [] }],
    };
    expect(policyText(t, d)).toBe(
      'Calls to Gateway gw, Service a or Service b from anyone are checked by opa',
    );
    expect(policyText(t, { ...d, effect: 'audit-all' })).toBe(
      'Every call to Gateway gw, Service a or Service b is audited',
    );
    expect(policyText(t, { ...d, effect: 'custom-all', provider: undefined })).toBe(
      'Every call to Gateway gw, Service a or Service b is checked by an external authorizer',
    );
  });

  it('joins through the locale, so a language may use its own separators', () => {
    expect(orList(t, [])).toBe('');
    expect(orList(t, ['a'])).toBe('a');
    expect(orList(t, ['a', 'b', 'c'])).toBe('a, b or c');
    expect(semicolonList(t, ['x', 'y'])).toBe('x; y');
    const japanese = (key: string, v?: Record<string, string | number>) =>
      t(
        key === '{{list}}, {{item}}'
          ? '{{list}}、{{item}}'
          : key === '{{list}} or {{item}}'
            ? '{{list}}または{{item}}'
            : key,
        v,
      );
    expect(orList(japanese, ['a', 'b', 'c'])).toBe('a、bまたはc');
  });
});
