import type { AuthorizationPolicy } from '../../models';
import { AuthorizationPolicyModel } from '../../models';
import { allowOnlyFormState } from '../security/authorizationForm';
import {
  authzTarget,
  defaultAuthzMode,
  otherAllowPolicies,
  planAuthorization,
} from './authorizationForm';
import type { AuthzContext, AuthzPolicies } from './authorizationForm';

const allow: AuthorizationPolicy = {
  apiVersion: 'security.istio.io/v1',
  kind: 'AuthorizationPolicy',
  metadata: { name: 'reviews-allowed-callers', namespace: 'bookinfo', resourceVersion: '3' },
  spec: {
    selector: { matchLabels: { app: 'reviews' } },
    action: 'ALLOW',
    rules: [
      {
        from: [{ source: { principals: ['cluster.local/ns/bookinfo/sa/bookinfo-productpage'] } }],
        to: [{ operation: { methods: ['GET'], ports: ['9080'] } }],
        when: [{ key: 'request.headers[x-team]', values: ['a'] }],
      },
    ],
  },
};
const deny: AuthorizationPolicy = {
  apiVersion: 'security.istio.io/v1',
  kind: 'AuthorizationPolicy',
  metadata: { name: 'reviews-deny-all', namespace: 'bookinfo', resourceVersion: '4' },
  spec: { selector: { matchLabels: { app: 'reviews' } } },
};
const target = { name: 'reviews', matchLabels: { app: 'reviews' } };
const ctx = (stored: AuthzPolicies): AuthzContext => ({
  namespace: 'bookinfo',
  target,
  version: 'v1',
  model: AuthorizationPolicyModel,
  stored,
});
const empty = allowOnlyFormState(undefined);

describe('authzTarget and defaultAuthzMode', () => {
  it('targets the app label or the workload’s selector', () => {
    const w = { name: 'reviews-v1', app: 'reviews', selector: { app: 'reviews', version: 'v1' } };
    expect(authzTarget(w, 'app')).toEqual(target);
    expect(authzTarget(w, 'workload')).toEqual({ name: 'reviews-v1', matchLabels: w.selector });
    expect(authzTarget({ ...w, app: undefined }, 'app').name).toBe('reviews-v1');
  });
  it('opens on "deny all" only when a deny-all and no allow-only policy is in force', () => {
    expect(defaultAuthzMode(undefined, deny)).toBe('deny');
    expect(defaultAuthzMode(allow, deny)).toBe('allow');
    expect(defaultAuthzMode(undefined, undefined)).toBe('allow');
  });
});

describe('planAuthorization', () => {
  it('is unchanged when nothing was edited, even where the form cannot show everything', () => {
    const { plan } = planAuthorization({ mode: 'allow' }, { allow }, ctx({ allow }));
    expect(plan.unchanged).toBe(true);
    expect(plan.blocking).toBe(false);
  });

  it('edits the policy’s callers and operation, keeping what it does not own', () => {
    const state = {
      ...allowOnlyFormState(allow),
      namespaces: ['frontend'],
      paths: ['/reviews/*'],
    };
    const { plan, policy, before } = planAuthorization(
      { mode: 'allow', state },
      { allow },
      ctx({ allow }),
    );
    expect(before).toBe(allow);
    expect(plan.edits).toHaveLength(1);
    expect(policy.metadata).toEqual(allow.metadata);
    expect(policy.spec?.rules?.[0]).toEqual({
      from: [
        { source: { principals: ['cluster.local/ns/bookinfo/sa/bookinfo-productpage'] } },
        { source: { namespaces: ['frontend'] } },
      ],
      to: [{ operation: { methods: ['GET'], ports: ['9080'], paths: ['/reviews/*'] } }],
      when: [{ key: 'request.headers[x-team]', values: ['a'] }],
    });
  });

  it('keeps principals the form cannot show', () => {
    const odd: AuthorizationPolicy = {
      ...allow,
      spec: {
        ...allow.spec,
        rules: [{ from: [{ source: { principals: ['other.domain/ns/a/sa/b'] } }] }],
      },
    };
    const state = { ...allowOnlyFormState(odd), methods: ['GET'] };
    const { policy } = planAuthorization(
      { mode: 'allow', state },
      { allow: odd },
      ctx({ allow: odd }),
    );
    expect(policy.spec?.rules?.[0]?.from).toEqual([
      { source: { principals: ['other.domain/ns/a/sa/b'] } },
    ]);
  });

  it('refuses an allow-only policy without callers (it would let anyone in)', () => {
    const { plan, policy } = planAuthorization(
      { mode: 'allow', state: { ...empty, methods: ['GET'] } },
      {},
      ctx({}),
    );
    expect(policy.metadata?.name).toBe('reviews-allowed-callers');
    expect(plan.blocking).toBe(true);
    expect(plan.issues).toContainEqual({ path: [], code: 'authz.no-callers', severity: 'error' });
    // A namespace, or requiring a token, is a caller.
    for (const s of [{ namespaces: ['bookinfo'] }, { requireJwt: true }]) {
      const ok = planAuthorization({ mode: 'allow', state: { ...empty, ...s } }, {}, ctx({}));
      expect(ok.plan.issues).toEqual([]);
    }
  });

  it('words what the webhook would refuse as issues on the policy', () => {
    const { plan } = planAuthorization(
      {
        mode: 'allow',
        state: { ...empty, namespaces: ['bookinfo'], paths: ['reviews'] },
      },
      {},
      ctx({}),
    );
    expect(plan.blocking || plan.issues.length > 0).toBe(true);
    expect(plan.issues[0]).toEqual({
      object: 'AuthorizationPolicy',
      path: ['spec', 'rules', 0, 'to', 0, 'operation', 'paths', 0],
      code: 'authz.path-not-absolute',
      params: { path: 'reviews' },
      severity: 'error',
    });
  });

  it('plans a deny-all: the existing one unchanged, or a new one named after the target', () => {
    expect(planAuthorization({ mode: 'deny' }, { deny }, ctx({ deny })).plan.unchanged).toBe(true);
    const created = planAuthorization({ mode: 'deny' }, {}, ctx({ allow }));
    expect(created.before).toBeUndefined();
    expect(created.policy).toEqual({
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: { name: 'reviews-deny-all', namespace: 'bookinfo' },
      spec: { selector: { matchLabels: { app: 'reviews' } } },
    });
    expect(created.plan.edits).toHaveLength(1);
  });

  it('writes the YAML the user wrote as it is', () => {
    const yaml: AuthorizationPolicy = {
      ...allow,
      spec: {
        ...allow.spec,
        rules: [{ from: [{ source: { principals: ['a/ns/b/sa/c'], namespaces: ['x'] } }] }],
      },
    };
    const { policy, plan } = planAuthorization({ mode: 'allow' }, { allow: yaml }, ctx({ allow }));
    expect(policy).toBe(yaml);
    expect(plan.edits[0]).toMatchObject({ before: allow, after: yaml });
  });
});

describe('otherAllowPolicies', () => {
  it('lists, under deny-all, the ALLOW policies with rules other than the one written', () => {
    expect(otherAllowPolicies([allow, deny], 'deny', 'reviews-deny-all')).toEqual([allow]);
    expect(otherAllowPolicies([allow, deny], 'allow', 'x')).toEqual([]);
  });
});
