import type { AuthorizationPolicy, RequestAuthentication } from '../../models';
import { AuthorizationPolicyModel, RequestAuthenticationModel } from '../../models';
import { jwtFieldIssues, jwtRuleOf, planJwt, readJwtFields } from './jwtForm';
import type { JwtContext, JwtFields, JwtObjects } from './jwtForm';

const ra: RequestAuthentication = {
  apiVersion: 'security.istio.io/v1',
  kind: 'RequestAuthentication',
  metadata: { name: 'productpage-jwt', namespace: 'bookinfo', resourceVersion: '2' },
  spec: {
    selector: { matchLabels: { app: 'productpage' } },
    jwtRules: [
      {
        issuer: 'https://sso.example.com/realms/books',
        jwksUri: 'https://sso.example.com/certs',
        fromHeaders: [{ name: 'x-token', prefix: 'Bearer ' }, { name: 'x-other' }],
        forwardOriginalToken: true,
      },
    ],
  },
};
const ap: AuthorizationPolicy = {
  apiVersion: 'security.istio.io/v1',
  kind: 'AuthorizationPolicy',
  metadata: { name: 'productpage-allowed-callers', namespace: 'bookinfo', resourceVersion: '3' },
  spec: {
    selector: { matchLabels: { app: 'productpage' } },
    action: 'ALLOW',
    rules: [{ from: [{ source: { namespaces: ['frontend'] } }] }],
  },
};
const ctx = (stored: JwtObjects, workload = true): JwtContext => ({
  namespace: 'bookinfo',
  ...(workload ? { workload: { target: 'productpage', matchLabels: { app: 'productpage' } } } : {}),
  version: 'v1',
  raModel: RequestAuthenticationModel,
  apModel: AuthorizationPolicyModel,
  stored,
});
const fields = (over: Partial<JwtFields> = {}): JwtFields => ({
  issuer: 'https://sso.example.com/realms/books',
  jwksUri: 'https://sso.example.com/certs',
  audiences: '',
  header: '',
  prefix: '',
  params: '',
  ...over,
});

describe('readJwtFields and jwtRuleOf', () => {
  it('maps the first rule to the fields and back, keeping further header locations', () => {
    const f = readJwtFields(ra);
    expect(f).toEqual(fields({ header: 'x-token', prefix: 'Bearer ' }));
    expect(jwtRuleOf({ ...f, audiences: 'a, , b', params: 'tok' }, ra)).toEqual({
      issuer: 'https://sso.example.com/realms/books',
      jwksUri: 'https://sso.example.com/certs',
      audiences: ['a', 'b'],
      fromHeaders: [{ name: 'x-token', prefix: 'Bearer ' }, { name: 'x-other' }],
      fromParams: ['tok'],
    });
    expect(jwtRuleOf({ ...f, header: ' ', jwksUri: '' }, ra)).toMatchObject({
      jwksUri: undefined,
      fromHeaders: [{ name: 'x-other' }],
    });
    expect(readJwtFields(undefined)).toEqual(fields({ issuer: '', jwksUri: '' }));
  });
});

describe('planJwt', () => {
  it('proposes nothing, and finds nothing wrong, before anything is typed', () => {
    const { plan, ra: next } = planJwt({}, {}, ctx({}));
    expect(next).toBeUndefined();
    expect(plan.unchanged).toBe(true);
    expect(plan.issues).toEqual([]);
  });

  it('is unchanged when the fields are what the objects say', () => {
    const { plan } = planJwt(
      { fields: readJwtFields(ra), require: false },
      { ra, ap },
      ctx({ ra, ap }),
    );
    expect(plan.unchanged).toBe(true);
  });

  it('writes the RequestAuthentication before the policy that requires its tokens', () => {
    const { plan, ap: nextAp } = planJwt({ fields: fields(), require: true }, {}, ctx({}));
    expect(plan.edits.map((e) => e.after?.kind)).toEqual([
      'RequestAuthentication',
      'AuthorizationPolicy',
    ]);
    expect(plan.edits[0].after?.metadata?.name).toBe('productpage-jwt');
    expect(nextAp?.metadata?.name).toBe('productpage-require-jwt');
    expect(nextAp?.spec).toEqual({
      selector: { matchLabels: { app: 'productpage' } },
      action: 'ALLOW',
      rules: [{ from: [{ source: { requestPrincipals: ['*'] } }] }],
    });
    expect(plan.blocking).toBe(false);
  });

  it('edits the existing rule and policy, keeping what the form does not own', () => {
    const {
      plan,
      ra: nextRa,
      ap: nextAp,
    } = planJwt(
      {
        fields: fields({ header: 'x-token', prefix: 'Bearer ', audiences: 'books' }),
        require: true,
      },
      { ra, ap },
      ctx({ ra, ap }),
    );
    expect(plan.edits).toHaveLength(2);
    expect(nextRa?.metadata).toEqual(ra.metadata);
    expect(nextRa?.spec?.jwtRules?.[0]).toMatchObject({
      audiences: ['books'],
      forwardOriginalToken: true,
      fromHeaders: [{ name: 'x-token', prefix: 'Bearer ' }, { name: 'x-other' }],
    });
    expect(nextAp?.metadata).toEqual(ap.metadata);
    expect(nextAp?.spec?.rules?.[0]?.from).toEqual([
      { source: { namespaces: ['frontend'], requestPrincipals: ['*'] } },
    ]);
  });

  it('gives a namespace-wide policy no selector', () => {
    const { ap: nextAp, ra: nextRa } = planJwt(
      { fields: fields(), require: true },
      {},
      ctx({}, false),
    );
    expect(nextAp?.metadata?.name).toBe('bookinfo-require-jwt');
    expect(nextAp?.spec?.selector).toBeUndefined();
    expect(nextRa?.metadata?.name).toBe('bookinfo-jwt');
  });

  it('leaves a policy that already requires a token as it is', () => {
    const required: AuthorizationPolicy = {
      ...ap,
      spec: { ...ap.spec, rules: [{ from: [{ source: { requestPrincipals: ['*'] } }] }] },
    };
    const { plan } = planJwt({ require: true }, { ra, ap: required }, ctx({ ra, ap: required }));
    expect(plan.unchanged).toBe(true);
  });

  it('puts the checks’ findings on the fields they are about', () => {
    const { plan } = planJwt(
      { fields: fields({ issuer: '', jwksUri: 'http://sso.example.com/certs' }) },
      {},
      ctx({}),
    );
    expect(plan.blocking).toBe(true);
    expect(jwtFieldIssues(plan.issues, 'issuer')).toMatchObject([{ code: 'jwt.issuer-missing' }]);
    expect(jwtFieldIssues(plan.issues, 'jwksUri')).toEqual([
      {
        object: 'RequestAuthentication',
        path: ['spec', 'jwtRules', 0, 'jwksUri'],
        code: 'jwt.jwks-uri-not-https',
        params: { uri: 'http://sso.example.com/certs' },
        severity: 'error',
      },
    ]);
    expect(jwtFieldIssues(plan.issues, 'audiences')).toEqual([]);
    const headers = planJwt({ fields: fields({ header: 'bad header' }) }, {}, ctx({}));
    expect(jwtFieldIssues(headers.plan.issues, 'header')).toMatchObject([
      {
        path: ['spec', 'jwtRules', 0, 'fromHeaders', 0, 'name'],
        code: 'jwt.header-name-invalid',
        params: { header: 'bad header' },
      },
    ]);
  });

  it('writes YAML the user wrote as it is, and checks it', () => {
    const yaml: RequestAuthentication = {
      ...ra,
      spec: { ...ra.spec, jwtRules: [{ issuer: '' }] },
    };
    const { plan } = planJwt({}, { ra: yaml, ap }, ctx({ ra, ap }));
    expect(plan.edits).toEqual([{ model: RequestAuthenticationModel, before: ra, after: yaml }]);
    expect(plan.blocking).toBe(true);
    expect(plan.issues).toContainEqual({
      object: 'RequestAuthentication',
      path: ['spec', 'jwtRules', 0, 'issuer'],
      code: 'jwt.issuer-missing',
      severity: 'error',
    });
  });
});
