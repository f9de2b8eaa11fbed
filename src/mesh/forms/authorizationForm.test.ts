import type { AuthorizationPolicy, GatewayApiGateway, Namespace, Service } from '../../models';
import { AuthorizationPolicyModel, GatewayApiGatewayModel, ServiceModel } from '../../models';
import { validateIstioObject } from '../../testing/istioSchemas';
import { allowOnlyFormState } from '../security/authorizationForm';
import { buildWaypoint } from '../security/waypoint';
import {
  authzTarget,
  defaultAuthzMode,
  otherAllowPolicies,
  planAuthorization,
} from './authorizationForm';
import type { AuthzAmbient, AuthzContext, AuthzPolicies } from './authorizationForm';

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

describe('planAuthorization for an ambient workload', () => {
  const ambientNs: Namespace = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'bookinfo', labels: { 'istio.io/dataplane-mode': 'ambient' } },
  };
  const reviewsService = (labels: Record<string, string> = {}): Service => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: 'reviews',
      namespace: 'bookinfo',
      resourceVersion: '11',
      labels: { app: 'reviews', ...labels },
      annotations: { owner: 'team-a' },
    },
    spec: { selector: { app: 'reviews' }, ports: [{ name: 'http', port: 9080 }] },
  });
  const programmed = (name = 'waypoint'): GatewayApiGateway => ({
    ...buildWaypoint('bookinfo', name),
    status: { conditions: [{ type: 'Programmed', status: 'True' }] },
  });
  const ambientCtx = (
    over: Partial<AuthzAmbient> = {},
    stored: AuthzPolicies = {},
  ): AuthzContext => ({
    ...ctx(stored),
    ambient: {
      services: [reviewsService()],
      namespace: ambientNs,
      gateways: [],
      serviceModel: ServiceModel,
      gatewayModel: GatewayApiGatewayModel,
      workload: 'reviews-v1',
      workloadOnly: false,
      ...over,
    },
  });
  const productpage = {
    ...empty,
    callers: [{ namespace: 'bookinfo', serviceAccount: 'bookinfo-productpage' }],
  };
  const kinds = (plan: { edits: { after?: { kind?: string } }[] }) =>
    plan.edits.map((e) => e.after?.kind);

  it('binds a policy of identities only by selector, for ztunnel to enforce', () => {
    const { plan, policy, placement } = planAuthorization(
      { mode: 'allow', state: productpage },
      {},
      ambientCtx(),
    );
    expect(placement).toEqual({ by: 'ztunnel' });
    expect(policy.spec).toEqual({
      selector: { matchLabels: { app: 'reviews' } },
      action: 'ALLOW',
      rules: [
        {
          from: [{ source: { principals: ['cluster.local/ns/bookinfo/sa/bookinfo-productpage'] } }],
        },
      ],
    });
    expect(kinds(plan)).toEqual(['AuthorizationPolicy']);
    expect(plan.issues).toEqual([]);
  });

  it('attaches a policy with methods to the Service’s waypoint, and holds Apply until one is set up', () => {
    const { plan, policy, placement } = planAuthorization(
      { mode: 'allow', state: { ...productpage, methods: ['GET'] } },
      {},
      ambientCtx(),
    );
    expect(policy.spec).toEqual({
      action: 'ALLOW',
      targetRefs: [{ kind: 'Service', group: '', name: 'reviews' }],
      rules: [
        {
          from: [{ source: { principals: ['cluster.local/ns/bookinfo/sa/bookinfo-productpage'] } }],
          to: [{ operation: { methods: ['GET'] } }],
        },
      ],
    });
    expect(() => validateIstioObject(policy)).not.toThrow();
    expect(placement).toEqual({
      by: 'waypoint',
      l7Fields: ['methods'],
      services: [{ name: 'reviews', waypoint: { kind: 'none' } }],
      setup: { waypoint: 'waypoint', create: ['waypoint'], label: ['reviews'], accepted: false },
    });
    expect(plan.blocking).toBe(true);
    expect(plan.issues).toEqual([
      {
        path: ['createWaypoint'],
        code: 'authz.waypoint-required',
        params: { services: 'reviews', waypoint: 'waypoint' },
        severity: 'error',
      },
    ]);
    expect(kinds(plan)).toEqual(['AuthorizationPolicy']);
  });

  it('with the user’s yes, creates the waypoint, labels the Service, then writes the policy', () => {
    const service = reviewsService();
    const { plan, placement } = planAuthorization(
      { mode: 'allow', state: { ...productpage, requireJwt: true }, createWaypoint: true },
      {},
      ambientCtx({ services: [service] }),
    );
    expect(plan.blocking).toBe(false);
    expect(kinds(plan)).toEqual(['Gateway', 'Service', 'AuthorizationPolicy']);
    expect(plan.edits[0]).toEqual({
      model: GatewayApiGatewayModel,
      after: buildWaypoint('bookinfo'),
    });
    const label = plan.edits[1] as { before: Service; after: Service };
    expect(label.before).toBe(service);
    expect(label.after).toEqual({
      ...service,
      metadata: {
        ...service.metadata,
        labels: { app: 'reviews', 'istio.io/use-waypoint': 'waypoint' },
      },
    });
    expect(placement).toMatchObject({ by: 'waypoint', l7Fields: ['requestPrincipals'] });
    // A new waypoint starts unprogrammed: enforced once Istio runs it.
    expect(plan.issues.map((i) => i.code)).toEqual(['authz.waypoint-pending']);
  });

  it('uses the namespace’s existing waypoint: only the Service’s label is written beside the policy', () => {
    const { plan } = planAuthorization(
      { mode: 'allow', state: { ...productpage, paths: ['/reviews/*'] }, createWaypoint: true },
      {},
      ambientCtx({ gateways: [programmed('shared')] }),
    );
    expect(kinds(plan)).toEqual(['Service', 'AuthorizationPolicy']);
    expect((plan.edits[0].after as Service).metadata?.labels?.['istio.io/use-waypoint']).toBe(
      'shared',
    );
    expect(plan.issues).toEqual([]);
  });

  it('attaches even an identities-only policy to the waypoint a Service already uses', () => {
    const { plan, policy, placement } = planAuthorization(
      { mode: 'allow', state: productpage },
      {},
      ambientCtx({
        services: [reviewsService({ 'istio.io/use-waypoint': 'waypoint' })],
        gateways: [programmed()],
      }),
    );
    expect(policy.spec?.targetRefs).toEqual([{ kind: 'Service', group: '', name: 'reviews' }]);
    expect(policy.spec?.selector).toBeUndefined();
    expect(placement).toMatchObject({ by: 'waypoint', l7Fields: [] });
    expect(placement).not.toHaveProperty('setup');
    expect(kinds(plan)).toEqual(['AuthorizationPolicy']);
    expect(plan.issues).toEqual([]);
  });

  it('creates a waypoint the namespace’s label names but that does not exist, labelling nothing', () => {
    const { plan } = planAuthorization(
      { mode: 'allow', state: { ...productpage, methods: ['GET'] }, createWaypoint: true },
      {},
      ambientCtx({
        namespace: {
          ...ambientNs,
          metadata: {
            ...ambientNs.metadata,
            labels: { ...ambientNs.metadata?.labels, 'istio.io/use-waypoint': 'ns-waypoint' },
          },
        },
      }),
    );
    expect(kinds(plan)).toEqual(['Gateway', 'AuthorizationPolicy']);
    expect(plan.edits[0].after?.metadata?.name).toBe('ns-waypoint');
  });

  it('moves the stored selector policy to the waypoint, keeping its metadata and other rules', () => {
    const stored: AuthorizationPolicy = {
      ...allow,
      spec: {
        ...allow.spec,
        rules: [...(allow.spec?.rules ?? []), { from: [{ source: { namespaces: ['ops'] } }] }],
      },
    };
    const state = { ...allowOnlyFormState(stored), paths: ['/reviews/*'] };
    const { plan, policy, before } = planAuthorization(
      { mode: 'allow', state, createWaypoint: true },
      { allow: stored },
      ambientCtx({ gateways: [programmed()] }, { allow: stored }),
    );
    expect(before).toBe(stored);
    expect(policy.metadata).toEqual(stored.metadata);
    expect(policy.spec?.selector).toBeUndefined();
    expect(policy.spec?.targetRefs).toEqual([{ kind: 'Service', group: '', name: 'reviews' }]);
    expect(policy.spec?.rules?.[1]).toEqual({ from: [{ source: { namespaces: ['ops'] } }] });
    expect(plan.edits.map((e) => e.after?.kind)).toEqual(['Service', 'AuthorizationPolicy']);
  });

  it('refuses a layer-7 policy for a workload no Service selects', () => {
    const { plan } = planAuthorization(
      { mode: 'allow', state: { ...productpage, methods: ['GET'] }, createWaypoint: true },
      {},
      ambientCtx({ services: [] }),
    );
    expect(plan.blocking).toBe(true);
    expect(plan.issues.map((i) => [i.code, i.severity])).toEqual([
      ['authz.waypoint-no-service', 'error'],
      ['authz.l7-on-ztunnel', 'warning'],
    ]);
  });

  it('warns that the waypoint protects the whole Service when only one workload was chosen', () => {
    const { plan } = planAuthorization(
      { mode: 'allow', state: { ...productpage, methods: ['GET'] } },
      {},
      ambientCtx({
        workloadOnly: true,
        gateways: [programmed()],
        services: [reviewsService({ 'istio.io/use-waypoint': 'waypoint' })],
      }),
    );
    expect(plan.issues).toEqual([
      {
        path: ['spec', 'targetRefs'],
        code: 'authz.waypoint-covers-service',
        params: { services: 'reviews', workload: 'reviews-v1' },
        severity: 'warning',
      },
    ]);
  });

  it('writes YAML as the user wrote it, and offers to fix a policy whose Service has no waypoint', () => {
    const yaml: AuthorizationPolicy = {
      ...allow,
      spec: {
        targetRefs: [{ kind: 'Service', group: '', name: 'reviews' }],
        rules: [{ to: [{ operation: { methods: ['GET'] } }] }],
      },
    };
    const held = planAuthorization({ mode: 'allow' }, { allow: yaml }, ambientCtx({}, { allow }));
    expect(held.policy).toBe(yaml);
    expect(held.plan.issues.map((i) => i.code)).toContain('authz.waypoint-required');
    // The Gateway's YAML, as the user edited it, is what gets created.
    const edited = {
      ...buildWaypoint('bookinfo'),
      metadata: { ...buildWaypoint('bookinfo').metadata, annotations: { note: 'mine' } },
    };
    const fixed = planAuthorization(
      { mode: 'allow', createWaypoint: true },
      { allow: yaml, extra: [edited] },
      ambientCtx({}, { allow }),
    );
    expect(fixed.plan.edits.map((e) => e.after)).toEqual([
      edited,
      expect.objectContaining({ kind: 'Service' }),
      yaml,
    ]);
  });

  it('keeps deny-all with ztunnel, which refuses the waypoint’s calls too', () => {
    const { policy, placement, plan } = planAuthorization(
      { mode: 'deny' },
      {},
      ambientCtx({ services: [reviewsService({ 'istio.io/use-waypoint': 'waypoint' })] }),
    );
    expect(placement).toEqual({ by: 'ztunnel' });
    expect(policy.spec).toEqual({ selector: { matchLabels: { app: 'reviews' } } });
    expect(kinds(plan)).toEqual(['AuthorizationPolicy']);
  });

  it('leaves a sidecar workload’s policy as before (no ambient context)', () => {
    const { policy, placement } = planAuthorization(
      { mode: 'allow', state: { ...productpage, methods: ['GET'] } },
      {},
      ctx({}),
    );
    expect(placement).toEqual({ by: 'sidecar' });
    expect(policy.spec?.selector).toEqual({ matchLabels: { app: 'reviews' } });
  });
});
