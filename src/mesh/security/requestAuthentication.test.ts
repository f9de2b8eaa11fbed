import type { RequestAuthentication } from '../../models';
import { validateIstioObject } from '../../testing/istioSchemas';
import {
  findRequestAuthentication,
  buildRequestAuthentication,
  removeJwtRule,
  setJwtRule,
  validateRequestAuthentication,
} from './requestAuthentication';

const rule = {
  issuer: 'https://sso.example.com/realms/shop',
  jwksUri: 'https://sso.example.com/realms/shop/protocol/openid-connect/certs',
  audiences: ['productpage'],
  fromHeaders: [{ name: 'Authorization', prefix: 'Bearer ' }],
  fromParams: ['access_token'],
};

describe('buildRequestAuthentication', () => {
  it.each(['v1', 'v1beta1'] as const)('builds a workload-scoped rule at %s', (version) => {
    const obj = buildRequestAuthentication(
      { namespace: 'bookinfo', name: 'productpage-jwt', matchLabels: { app: 'productpage' }, rule },
      version,
    );
    expect(obj).toEqual({
      apiVersion: `security.istio.io/${version}`,
      kind: 'RequestAuthentication',
      metadata: { name: 'productpage-jwt', namespace: 'bookinfo' },
      spec: { selector: { matchLabels: { app: 'productpage' } }, jwtRules: [rule] },
    });
    expect(() => validateIstioObject(obj)).not.toThrow();
    expect(validateRequestAuthentication(obj)).toEqual([]);
  });

  it('omits the selector for a namespace-wide rule and drops empty optional fields', () => {
    const obj = buildRequestAuthentication(
      {
        namespace: 'bookinfo',
        name: 'jwt',
        rule: { issuer: 'iss', jwksUri: 'https://k/jwks', audiences: [] },
      },
      'v1',
    );
    expect(obj.spec).toEqual({ jwtRules: [{ issuer: 'iss', jwksUri: 'https://k/jwks' }] });
    expect(() => validateIstioObject(obj)).not.toThrow();
  });
});

describe('setJwtRule and removeJwtRule', () => {
  const existing: RequestAuthentication = {
    apiVersion: 'security.istio.io/v1beta1',
    kind: 'RequestAuthentication',
    metadata: { name: 'jwt', namespace: 'bookinfo', resourceVersion: '12', labels: { a: 'b' } },
    spec: {
      selector: { matchLabels: { app: 'productpage' } },
      jwtRules: [
        {
          issuer: 'old-iss',
          jwksUri: 'https://old/jwks',
          audiences: ['x'],
          forwardOriginalToken: true,
          outputPayloadToHeader: 'x-jwt',
        },
        { issuer: 'other', jwksUri: 'https://other/jwks' },
      ],
    },
  };

  it('edits the rule for the previous issuer, keeping fields it does not own', () => {
    const before = JSON.parse(JSON.stringify(existing));
    const edited = setJwtRule(existing, { ...rule, fromParams: undefined }, 'old-iss');
    expect(existing).toEqual(before);
    expect(edited).toEqual({
      ...before,
      spec: {
        ...before.spec,
        jwtRules: [
          {
            issuer: rule.issuer,
            jwksUri: rule.jwksUri,
            audiences: rule.audiences,
            fromHeaders: rule.fromHeaders,
            forwardOriginalToken: true,
            outputPayloadToHeader: 'x-jwt',
          },
          before.spec.jwtRules[1],
        ],
      },
    });
    expect(() => validateIstioObject(edited)).not.toThrow();
  });

  it('appends a rule for a new issuer and removes one by issuer', () => {
    const added = setJwtRule(existing, { issuer: 'new', jwksUri: 'https://new/jwks' });
    expect(added.spec?.jwtRules?.map((r) => r.issuer)).toEqual(['old-iss', 'other', 'new']);
    const removed = removeJwtRule(removeJwtRule(existing, 'old-iss'), 'other');
    expect(removed).toEqual({ ...existing, spec: { selector: existing.spec?.selector } });
  });
});

describe('validateRequestAuthentication', () => {
  const ra = (
    jwtRules: NonNullable<RequestAuthentication['spec']>['jwtRules'],
  ): RequestAuthentication => ({
    metadata: { name: 'jwt', namespace: 'bookinfo' },
    spec: { jwtRules },
  });

  it('requires an issuer, unique per object', () => {
    expect(validateRequestAuthentication(ra([{ issuer: ' ' }]))).toEqual([
      { path: ['spec', 'jwtRules', 0, 'issuer'], code: 'jwt.issuer-missing', severity: 'error' },
    ]);
    expect(validateRequestAuthentication(ra([{ issuer: 'a' }, { issuer: 'a' }]))).toEqual([
      {
        path: ['spec', 'jwtRules', 1, 'issuer'],
        code: 'jwt.issuer-duplicate',
        params: { issuer: 'a' },
        severity: 'error',
      },
    ]);
  });

  it('requires the JWKS URI to be an https URL', () => {
    expect(
      validateRequestAuthentication(ra([{ issuer: 'a', jwksUri: 'http://keys/jwks' }])),
    ).toEqual([
      {
        path: ['spec', 'jwtRules', 0, 'jwksUri'],
        code: 'jwt.jwks-uri-not-https',
        params: { uri: 'http://keys/jwks' },
        severity: 'error',
      },
    ]);
    expect(validateRequestAuthentication(ra([{ issuer: 'a', jwksUri: 'not a url' }]))).toEqual([
      {
        path: ['spec', 'jwtRules', 0, 'jwksUri'],
        code: 'jwt.jwks-uri-not-url',
        params: { uri: 'not a url' },
        severity: 'error',
      },
    ]);
  });

  it('warns when both jwksUri and inline jwks are set', () => {
    expect(
      validateRequestAuthentication(ra([{ issuer: 'a', jwksUri: 'https://k', jwks: '{}' }])),
    ).toEqual([
      { path: ['spec', 'jwtRules', 0, 'jwks'], code: 'jwt.jwks-both', severity: 'warning' },
    ]);
  });

  it('rejects empty audiences, header names and query parameters', () => {
    expect(
      validateRequestAuthentication(
        ra([
          {
            issuer: 'a',
            audiences: [''],
            fromHeaders: [{ name: '' }, { name: 'bad header' }],
            fromParams: [''],
          },
        ]),
      ),
    ).toEqual([
      {
        path: ['spec', 'jwtRules', 0, 'audiences', 0],
        code: 'jwt.audience-empty',
        severity: 'error',
      },
      {
        path: ['spec', 'jwtRules', 0, 'fromHeaders', 0, 'name'],
        code: 'jwt.header-name-missing',
        severity: 'error',
      },
      {
        path: ['spec', 'jwtRules', 0, 'fromHeaders', 1, 'name'],
        code: 'jwt.header-name-invalid',
        params: { header: 'bad header' },
        severity: 'error',
      },
      {
        path: ['spec', 'jwtRules', 0, 'fromParams', 0],
        code: 'jwt.param-empty',
        severity: 'error',
      },
    ]);
  });

  it('checks the selector', () => {
    expect(
      validateRequestAuthentication({
        spec: { selector: { matchLabels: { app: 'x'.repeat(64) } }, jwtRules: [{ issuer: 'a' }] },
      }),
    ).toEqual([
      {
        path: ['spec', 'selector', 'matchLabels', 'app'],
        code: 'security.selector-label-value-too-long',
        params: { label: 'app', max: 63 },
        severity: 'error',
      },
    ]);
  });
});

describe('findRequestAuthentication', () => {
  const ra = (name: string, namespace: string, matchLabels?: Record<string, string>) =>
    buildRequestAuthentication(
      { namespace, name, matchLabels, rule: { issuer: 'https://sso.example.com' } },
      'v1',
    );
  const all = [
    ra('ns-wide', 'bookinfo'),
    ra('pp-v1', 'bookinfo', { app: 'productpage', version: 'v1' }),
    ra('pp', 'bookinfo', { app: 'productpage' }),
    ra('other', 'other', { app: 'productpage' }),
  ];
  it('finds the one whose selector is exactly the labels, or the namespace-wide one', () => {
    expect(findRequestAuthentication(all, 'bookinfo', { app: 'productpage' })?.metadata?.name).toBe(
      'pp',
    );
    expect(findRequestAuthentication(all, 'bookinfo', {})?.metadata?.name).toBe('ns-wide');
    expect(findRequestAuthentication(all, 'bookinfo', { app: 'ratings' })).toBeUndefined();
  });
});
