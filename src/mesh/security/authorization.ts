/**
 * AuthorizationPolicy: the "allow only these callers" and deny-all builders, a structured
 * plain-language summary of any policy (worded by `components/issues/policyText`), and the
 * webhook's rules as client-side checks.
 */
import { AuthorizationPolicyModel, apiVersionOf, atVersion } from '../../models';
import type {
  AuthorizationOperation,
  AuthorizationPolicy,
  AuthorizationPolicySpec,
  AuthorizationRule,
  AuthorizationSource,
  Deployment,
  Pod,
} from '../../models';
import type { Issue, IssuePath } from '../issues';
import { HTTP_METHODS, clone, isDnsLabel, isPrincipal } from '../primitives';
import { securityIssue, securityWarning } from './issueCodes';
import { PORT_RANGE } from './mtls';
import type { SecurityApiVersion } from './mtls';
import { hasSelector, validateSelector } from './selector';

export const DEFAULT_TRUST_DOMAIN = 'cluster.local';

export type CallerWorkload = { namespace: string; serviceAccount: string };

/** The mTLS identity Istio checks, i.e. the SPIFFE ID without `spiffe://`. */
export const principalOf = (caller: CallerWorkload, trustDomain = DEFAULT_TRUST_DOMAIN): string =>
  `${trustDomain}/ns/${caller.namespace}/sa/${caller.serviceAccount}`;

/** The service account a workload's pods run as; Kubernetes falls back to `default`. */
export const serviceAccountOf = (workload: Deployment | Pod): string => {
  const spec = 'containers' in (workload.spec ?? {}) ? (workload as Pod).spec : undefined;
  const podSpec = spec ?? (workload as Deployment).spec?.template?.spec;
  return podSpec?.serviceAccountName || 'default';
};

export type AllowOnlyInput = {
  namespace: string;
  name: string;
  /** The protected workload's pod labels. */
  matchLabels: Record<string, string>;
  callers: { workloads?: CallerWorkload[]; namespaces?: string[] };
  methods?: string[];
  paths?: string[];
  /** Also require a valid end-user JWT (requestPrincipals `*`); pair with a RequestAuthentication. */
  requireJwt?: boolean;
  trustDomain?: string;
};

const typeMeta = (version: SecurityApiVersion) => ({
  apiVersion: apiVersionOf(atVersion(AuthorizationPolicyModel, version)),
  kind: AuthorizationPolicyModel.kind,
});

/**
 * `from` entries are OR-ed and fields inside one source are AND-ed, so callers named by identity
 * and callers named by namespace go in separate entries, and the JWT requirement joins each.
 */
const sourcesFor = (input: AllowOnlyInput): { source: AuthorizationSource }[] => {
  const principals = (input.callers.workloads ?? []).map((w) => principalOf(w, input.trustDomain));
  const namespaces = input.callers.namespaces ?? [];
  const sources: AuthorizationSource[] = [];
  if (principals.length > 0) sources.push({ principals: [...new Set(principals)] });
  if (namespaces.length > 0) sources.push({ namespaces: [...new Set(namespaces)] });
  if (input.requireJwt) {
    if (sources.length === 0) sources.push({});
    for (const s of sources) s.requestPrincipals = ['*'];
  }
  return sources.map((source) => ({ source }));
};

/** Sets or removes the operation fields the form owns, keeping hosts, ports, notX and the rest. */
const withOperation = (
  to: AuthorizationRule['to'],
  methods: string[] | undefined,
  paths: string[] | undefined,
): AuthorizationRule['to'] => {
  const entries = to ? [...to] : [];
  const operation: AuthorizationOperation = { ...entries[0]?.operation };
  if (methods?.length) operation.methods = [...methods];
  else delete operation.methods;
  if (paths?.length) operation.paths = [...paths];
  else delete operation.paths;
  if (Object.keys(operation).length > 0) entries[0] = { ...entries[0], operation };
  else entries.shift();
  return entries.length > 0 ? entries : undefined;
};

/**
 * An ALLOW policy on the workload that lets only the chosen callers in. Given `existing`, it edits
 * that policy: it owns `spec.selector.matchLabels`, `spec.action`, `spec.rules[0].from` and the
 * methods/paths of `spec.rules[0].to[0].operation`; metadata, apiVersion, other rules, `when`
 * conditions and other operation fields are kept.
 */
export const buildAllowOnlyPolicy = (
  input: AllowOnlyInput,
  version: SecurityApiVersion,
  existing?: AuthorizationPolicy,
): AuthorizationPolicy => {
  const from = sourcesFor(input);
  if (!existing) {
    const to = withOperation(undefined, input.methods, input.paths);
    const rule: AuthorizationRule = { ...(from.length ? { from } : {}), ...(to ? { to } : {}) };
    return {
      ...typeMeta(version),
      metadata: { name: input.name, namespace: input.namespace },
      spec: {
        selector: { matchLabels: { ...input.matchLabels } },
        action: 'ALLOW',
        rules: [rule],
      },
    };
  }
  const next = clone(existing);
  const spec: AuthorizationPolicySpec = { ...next.spec };
  const rules = [...(spec.rules ?? [])];
  const rule: AuthorizationRule = { ...rules[0] };
  if (from.length) rule.from = from;
  else delete rule.from;
  const to = withOperation(rule.to, input.methods, input.paths);
  if (to) rule.to = to;
  else delete rule.to;
  rules[0] = rule;
  next.spec = {
    ...spec,
    selector: { ...spec.selector, matchLabels: { ...input.matchLabels } },
    action: 'ALLOW',
    rules,
  };
  return next;
};

/**
 * Deny-all in the form Istio documents as "allow-nothing": an ALLOW policy with no rules (`spec: {}`
 * plus the workload selector). It allows nothing by itself, so requests are denied unless another
 * ALLOW policy on the same workload matches them; it does not override those (a DENY policy with
 * `rules: [{}]` would).
 */
export const buildDenyAllPolicy = (
  input: { namespace: string; name: string; matchLabels?: Record<string, string> },
  version: SecurityApiVersion,
): AuthorizationPolicy => ({
  ...typeMeta(version),
  metadata: { name: input.name, namespace: input.namespace },
  spec:
    input.matchLabels && Object.keys(input.matchLabels).length > 0
      ? { selector: { matchLabels: { ...input.matchLabels } } }
      : {},
});

// ---------------------------------------------------------------------------------------------
// Summary

export type PrincipalRef = {
  raw: string;
  /** Set when the principal is a full `<trust-domain>/ns/<ns>/sa/<sa>` identity. */
  trustDomain?: string;
  namespace?: string;
  serviceAccount?: string;
};

export type SourceSummary = {
  principals: PrincipalRef[];
  notPrincipals: PrincipalRef[];
  namespaces: string[];
  notNamespaces: string[];
  requestPrincipals: string[];
  notRequestPrincipals: string[];
  ipBlocks: string[];
  notIpBlocks: string[];
  remoteIpBlocks: string[];
  notRemoteIpBlocks: string[];
};

export type OperationSummary = { [K in keyof AuthorizationOperation]-?: string[] };

export type ConditionSummary = { key: string; values: string[]; notValues: string[] };

export type RuleSummary = {
  /** Empty = any source; entries are alternatives. */
  sources: SourceSummary[];
  /** Empty = any operation; entries are alternatives. */
  operations: OperationSummary[];
  /** All must hold. */
  conditions: ConditionSummary[];
};

export type PolicyTarget =
  | { kind: 'workload'; matchLabels: Record<string, string> }
  | { kind: 'namespace' }
  | { kind: 'mesh' }
  | { kind: 'targetRefs'; refs: { kind: string; name: string }[] };

/**
 * What the policy does as a whole:
 * - `allow-nothing`: ALLOW without rules, denies everything no other ALLOW policy allows;
 * - `allow-all` / `deny-all` / `audit-all` / `custom-all`: a rule `{}` matches every request;
 * - `*-matching`: the rules pick requests;
 * - `rejected`: DENY/CUSTOM without rules, which Istio refuses to store.
 */
export type PolicyEffect =
  | 'allow-nothing'
  | 'allow-all'
  | 'allow-matching'
  | 'deny-all'
  | 'deny-matching'
  | 'audit-all'
  | 'audit-matching'
  | 'custom-all'
  | 'custom-matching'
  | 'rejected';

export type PolicySummary = {
  name: string;
  namespace: string;
  target: PolicyTarget;
  action: 'ALLOW' | 'DENY' | 'AUDIT' | 'CUSTOM';
  provider?: string;
  effect: PolicyEffect;
  rules: RuleSummary[];
  /** Principals and namespaces are mTLS identities: plaintext callers never match them. */
  requiresMtls: boolean;
};

const PRINCIPAL = /^([^/]+)\/ns\/([^/]+)\/sa\/([^/]+)$/;

export const parsePrincipal = (raw: string): PrincipalRef => {
  const m = raw.includes('*') ? null : PRINCIPAL.exec(raw);
  return m ? { raw, trustDomain: m[1], namespace: m[2], serviceAccount: m[3] } : { raw };
};

const list = (v: string[] | undefined): string[] => v ?? [];

const summarizeSource = (s: AuthorizationSource): SourceSummary => ({
  principals: list(s.principals).map(parsePrincipal),
  notPrincipals: list(s.notPrincipals).map(parsePrincipal),
  namespaces: list(s.namespaces),
  notNamespaces: list(s.notNamespaces),
  requestPrincipals: list(s.requestPrincipals),
  notRequestPrincipals: list(s.notRequestPrincipals),
  ipBlocks: list(s.ipBlocks),
  notIpBlocks: list(s.notIpBlocks),
  remoteIpBlocks: list(s.remoteIpBlocks),
  notRemoteIpBlocks: list(s.notRemoteIpBlocks),
});

const summarizeOperation = (o: AuthorizationOperation): OperationSummary => ({
  hosts: list(o.hosts),
  notHosts: list(o.notHosts),
  ports: list(o.ports),
  notPorts: list(o.notPorts),
  methods: list(o.methods),
  notMethods: list(o.notMethods),
  paths: list(o.paths),
  notPaths: list(o.notPaths),
});

const isEmptyRule = (r: AuthorizationRule): boolean => !r.from && !r.to && !r.when;

/** `rootNamespace` makes a selector-less policy there read as mesh-wide. */
export const summarizePolicy = (ap: AuthorizationPolicy, rootNamespace?: string): PolicySummary => {
  const spec = ap.spec ?? {};
  const namespace = ap.metadata?.namespace ?? '';
  const action = spec.action ?? 'ALLOW';
  const refs = spec.targetRefs ?? (spec.targetRef ? [spec.targetRef] : []);
  const target: PolicyTarget = hasSelector(spec.selector)
    ? { kind: 'workload', matchLabels: { ...spec.selector?.matchLabels } }
    : refs.length > 0
      ? { kind: 'targetRefs', refs: refs.map((r) => ({ kind: r.kind, name: r.name })) }
      : namespace === rootNamespace
        ? { kind: 'mesh' }
        : { kind: 'namespace' };
  const rules = spec.rules ?? [];
  const prefix = action.toLowerCase() as 'allow' | 'deny' | 'audit' | 'custom';
  let effect: PolicyEffect;
  if (rules.length === 0) effect = action === 'ALLOW' ? 'allow-nothing' : 'rejected';
  else if (rules.some(isEmptyRule)) effect = `${prefix}-all`;
  else effect = `${prefix}-matching`;
  const summaries: RuleSummary[] = rules.map((r) => ({
    sources: (r.from ?? []).map((f) => summarizeSource(f.source ?? {})),
    operations: (r.to ?? []).map((t) => summarizeOperation(t.operation ?? {})),
    conditions: (r.when ?? []).map((w) => ({
      key: w.key,
      values: list(w.values),
      notValues: list(w.notValues),
    })),
  }));
  const requiresMtls = rules.some((r) =>
    (r.from ?? []).some(
      (f) =>
        !!(f.source?.principals?.length || f.source?.notPrincipals?.length) ||
        !!(f.source?.namespaces?.length || f.source?.notNamespaces?.length),
    ),
  );
  return {
    name: ap.metadata?.name ?? '',
    namespace,
    target,
    action,
    ...(spec.provider?.name ? { provider: spec.provider.name } : {}),
    effect,
    rules: summaries,
    requiresMtls,
  };
};

export type DescribeOptions = {
  /** How to name a caller; by default its service account (prefixed by namespace when foreign). */
  callerName?: (p: PrincipalRef) => string;
  /** How to name the protected workload; by default its `app` label, else its labels. */
  targetName?: (matchLabels: Record<string, string>) => string;
};

/** What the policy protects, named: a workload by name, references, the mesh or a namespace. */
export type TargetDescription =
  | { kind: 'workload'; name: string }
  | { kind: 'targetRefs'; refs: { kind: string; name: string }[] }
  | { kind: 'mesh' }
  | { kind: 'namespace'; namespace: string };

/** An end-user token requirement: any valid token, or one of these request principals. */
export type TokenDescription = { kind: 'any' } | { kind: 'of'; principals: string[] };

/** One `from` entry (its fields all must hold), with callers named. */
export type SourceDescription = {
  callers: string[];
  namespaces: string[];
  ipBlocks: string[];
  remoteIpBlocks: string[];
  token?: TokenDescription;
  notCallers: string[];
  notNamespaces: string[];
  notIpBlocks: string[];
  notRemoteIpBlocks: string[];
  notRequestPrincipals: string[];
};

export type RuleDescription = {
  /** Empty = anyone; entries are alternatives. */
  sources: SourceDescription[];
  /** Empty = any operation; entries are alternatives. */
  operations: OperationSummary[];
  /** All must hold. */
  conditions: ConditionSummary[];
};

/**
 * A policy as a plain-language sentence is built from it: what it does (`effect`) to whom
 * (`target`), and for which calls (`rules`). Names are resolved; no words are chosen here.
 */
export type PolicyDescription = {
  effect: PolicyEffect;
  action: PolicySummary['action'];
  target: TargetDescription;
  /** CUSTOM: the external authorizer, when the policy names one. */
  provider?: string;
  rules: RuleDescription[];
};

const describeTarget = (s: PolicySummary, o: DescribeOptions): TargetDescription => {
  switch (s.target.kind) {
    case 'workload':
      return {
        kind: 'workload',
        name: o.targetName
          ? o.targetName(s.target.matchLabels)
          : (s.target.matchLabels.app ??
            Object.entries(s.target.matchLabels)
              .map(([k, v]) => `${k}=${v}`)
              .join(',')),
      };
    case 'targetRefs':
      return { kind: 'targetRefs', refs: s.target.refs.map((r) => ({ ...r })) };
    case 'mesh':
      return { kind: 'mesh' };
    default:
      return { kind: 'namespace', namespace: s.namespace };
  }
};

const describeSource = (
  src: SourceSummary,
  policyNs: string,
  o: DescribeOptions,
): SourceDescription => {
  const name = (p: PrincipalRef) =>
    o.callerName
      ? o.callerName(p)
      : p.serviceAccount
        ? p.namespace === policyNs
          ? p.serviceAccount
          : `${p.namespace}/${p.serviceAccount}`
        : p.raw;
  const token: TokenDescription | undefined = !src.requestPrincipals.length
    ? undefined
    : src.requestPrincipals.includes('*')
      ? { kind: 'any' }
      : { kind: 'of', principals: [...src.requestPrincipals] };
  return {
    callers: src.principals.map(name),
    namespaces: [...src.namespaces],
    ipBlocks: [...src.ipBlocks],
    remoteIpBlocks: [...src.remoteIpBlocks],
    ...(token ? { token } : {}),
    notCallers: src.notPrincipals.map(name),
    notNamespaces: [...src.notNamespaces],
    notIpBlocks: [...src.notIpBlocks],
    notRemoteIpBlocks: [...src.notRemoteIpBlocks],
    notRequestPrincipals: [...src.notRequestPrincipals],
  };
};

/**
 * A summary made ready to word, e.g. "reviews accepts calls only from productpage: GET
 * /reviews/*": callers and the target named as `o` says. `policyText` words it.
 */
export const describePolicy = (s: PolicySummary, o: DescribeOptions = {}): PolicyDescription => ({
  effect: s.effect,
  action: s.action,
  target: describeTarget(s, o),
  ...(s.provider ? { provider: s.provider } : {}),
  rules: s.rules.map((r) => ({
    sources: r.sources.map((src) => describeSource(src, s.namespace, o)),
    operations: r.operations.map((op) => ({ ...op })),
    conditions: r.conditions.map((c) => ({ ...c })),
  })),
});

// ---------------------------------------------------------------------------------------------
// Validation

const ACTIONS = ['ALLOW', 'DENY', 'AUDIT', 'CUSTOM'];
const MAX_RULES = 512;
const MAX_TARGET_REFS = 16;
const IDENTITY_FIELDS: (keyof AuthorizationSource)[] = [
  'principals',
  'notPrincipals',
  'requestPrincipals',
  'notRequestPrincipals',
  'namespaces',
  'notNamespaces',
];

/** Istio string matches: exact, or one `*` as the whole value, a prefix or a suffix. */
const wildcardOk = (v: string): boolean => {
  const stars = v.split('*').length - 1;
  return stars === 0 || v === '*' || (stars === 1 && (v.startsWith('*') || v.endsWith('*')));
};

/** A check of one value of a list; `at` is where that value is. */
type Check = (v: string, at: IssuePath) => Issue | undefined;

/**
 * A path is exact (`/a`), a prefix (`/a/*`), a suffix (`*.html`), presence (`*`), or (Istio ≥ 1.22)
 * a template whose segments may be `{*}` (one segment) or a final `{**}` (the rest).
 */
const pathProblem: Check = (p, at) => {
  if (p.includes('{')) {
    const segments = p.split('/');
    const badSegment = segments.some(
      (s, i) =>
        (s.includes('{') || s.includes('*')) &&
        !(s === '{*}' || (s === '{**}' && i === segments.length - 1)),
    );
    if (!p.startsWith('/') || badSegment) {
      return securityIssue('authz.path-template-invalid', at, { path: p });
    }
    return undefined;
  }
  if (!wildcardOk(p)) return securityIssue('authz.path-wildcard-invalid', at, { path: p });
  if (!p.startsWith('/') && !p.startsWith('*')) {
    return securityIssue('authz.path-not-absolute', at, { path: p });
  }
  return undefined;
};

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^(?=.*:)[0-9a-fA-F:.]+$/;

const ipProblem: Check = (v, at) => {
  const [addr, bits, extra] = v.split('/');
  const v4 = IPV4.test(addr);
  const v6 = !v4 && IPV6.test(addr) && (addr.match(/::/g) ?? []).length <= 1;
  const max = v4 ? 32 : 128;
  const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= max);
  return (v4 || v6) && bitsOk && extra === undefined
    ? undefined
    : securityIssue('authz.ip-invalid', at, { value: v });
};

const portProblem: Check = (v, at) =>
  /^\d+$/.test(v) && Number(v) >= PORT_RANGE.min && Number(v) <= PORT_RANGE.max
    ? undefined
    : securityIssue('security.port-invalid', at, { port: v, ...PORT_RANGE });

const checkList = (values: string[] | undefined, path: IssuePath, check?: Check): Issue[] => {
  const issues: Issue[] = [];
  (values ?? []).forEach((v, i) => {
    const at = [...path, i];
    if (v === '') issues.push(securityIssue('authz.value-empty', at));
    else {
      const found = check?.(v, at);
      if (found) issues.push(found);
    }
  });
  return issues;
};

const principalProblem: Check = (v, at) =>
  wildcardOk(v) && (v.includes('*') || isPrincipal(v))
    ? undefined
    : securityIssue('authz.principal-invalid', at, { principal: v });

const namespaceProblem: Check = (v, at) =>
  wildcardOk(v) && (v.includes('*') || isDnsLabel(v))
    ? undefined
    : securityIssue('authz.namespace-invalid', at, { namespace: v });

const wildcardProblem: Check = (v, at) =>
  wildcardOk(v) ? undefined : securityIssue('authz.wildcard-invalid', at, { value: v });

const methodProblem: Check = (v, at) =>
  v !== v.toUpperCase()
    ? securityIssue('authz.method-lowercase', at, { method: v, uppercase: v.toUpperCase() })
    : undefined;

// Kiali's KIA0102: a warning, since HTTP allows extension methods.
const methodKnown: Check = (v, at) =>
  v === v.toUpperCase() && !v.includes('*') && !HTTP_METHODS.includes(v)
    ? securityWarning('authz.method-unknown', at, { method: v })
    : undefined;

const validateSource = (src: AuthorizationSource, path: IssuePath, custom: boolean): Issue[] => {
  const issues: Issue[] = [];
  if (Object.values(src).every((v) => v === undefined)) {
    issues.push(securityIssue('authz.source-empty', path));
  }
  issues.push(
    ...checkList(src.principals, [...path, 'principals'], principalProblem),
    ...checkList(src.notPrincipals, [...path, 'notPrincipals'], principalProblem),
    ...checkList(src.namespaces, [...path, 'namespaces'], namespaceProblem),
    ...checkList(src.notNamespaces, [...path, 'notNamespaces'], namespaceProblem),
    ...checkList(src.requestPrincipals, [...path, 'requestPrincipals'], wildcardProblem),
    ...checkList(src.notRequestPrincipals, [...path, 'notRequestPrincipals'], wildcardProblem),
    ...checkList(src.ipBlocks, [...path, 'ipBlocks'], ipProblem),
    ...checkList(src.notIpBlocks, [...path, 'notIpBlocks'], ipProblem),
    ...checkList(src.remoteIpBlocks, [...path, 'remoteIpBlocks'], ipProblem),
    ...checkList(src.notRemoteIpBlocks, [...path, 'notRemoteIpBlocks'], ipProblem),
  );
  if (custom) {
    for (const field of IDENTITY_FIELDS) {
      if (src[field] !== undefined) {
        issues.push(securityIssue('authz.custom-identity-field', [...path, field], { field }));
      }
    }
  }
  return issues;
};

const validateOperation = (op: AuthorizationOperation, path: IssuePath): Issue[] => {
  const issues: Issue[] = [];
  if (Object.values(op).every((v) => v === undefined)) {
    issues.push(securityIssue('authz.operation-empty', path));
  }
  issues.push(
    ...checkList(op.hosts, [...path, 'hosts'], wildcardProblem),
    ...checkList(op.notHosts, [...path, 'notHosts'], wildcardProblem),
    ...checkList(op.ports, [...path, 'ports'], portProblem),
    ...checkList(op.notPorts, [...path, 'notPorts'], portProblem),
    ...checkList(op.methods, [...path, 'methods'], methodProblem),
    ...checkList(op.methods, [...path, 'methods'], methodKnown),
    ...checkList(op.notMethods, [...path, 'notMethods'], methodProblem),
    ...checkList(op.notMethods, [...path, 'notMethods'], methodKnown),
    ...checkList(op.paths, [...path, 'paths'], pathProblem),
    ...checkList(op.notPaths, [...path, 'notPaths'], pathProblem),
  );
  return issues;
};

/**
 * The webhook's AuthorizationPolicy rules (reference §7) plus Kiali's method check, as issues:
 * errors reject the write; warnings do not.
 */
export const validateAuthorizationPolicy = (ap: AuthorizationPolicy): Issue[] => {
  const spec = ap.spec ?? {};
  const issues: Issue[] = [];
  const action = spec.action ?? 'ALLOW';
  const custom = action === 'CUSTOM';

  const scopes = [
    spec.selector !== undefined,
    spec.targetRef !== undefined,
    spec.targetRefs !== undefined,
  ];
  if (scopes.filter(Boolean).length > 1)
    issues.push(securityIssue('authz.scope-conflict', ['spec']));
  issues.push(...validateSelector(spec.selector, ['spec', 'selector']));
  const refs = spec.targetRefs ?? [];
  if (refs.length > MAX_TARGET_REFS) {
    issues.push(
      securityIssue('authz.target-refs-too-many', ['spec', 'targetRefs'], { max: MAX_TARGET_REFS }),
    );
  }
  type Ref = NonNullable<typeof spec.targetRef>;
  const refEntries: { at: IssuePath; ref: Ref }[] = [
    ...(spec.targetRef ? [{ at: ['spec', 'targetRef'], ref: spec.targetRef }] : []),
    ...refs.map((ref, i) => ({ at: ['spec', 'targetRefs', i], ref })),
  ];
  for (const { at, ref } of refEntries) {
    if (!ref.kind || !ref.name) issues.push(securityIssue('authz.target-ref-incomplete', at));
    if (ref.namespace && ref.namespace !== ap.metadata?.namespace) {
      issues.push(securityIssue('authz.target-ref-namespace', [...at, 'namespace']));
    }
  }

  if (!ACTIONS.includes(action)) {
    issues.push(securityIssue('authz.action-unknown', ['spec', 'action'], { action }));
  }
  const rules = spec.rules;
  if ((action === 'DENY' || custom) && !rules?.length) {
    issues.push(securityIssue('authz.rules-required', ['spec', 'rules'], { action }));
  }
  if (custom && !spec.provider?.name) {
    issues.push(securityIssue('authz.provider-required', ['spec', 'provider', 'name']));
  }
  if (!custom && spec.provider !== undefined) {
    issues.push(securityIssue('authz.provider-not-custom', ['spec', 'provider'], { action }));
  }
  if ((rules?.length ?? 0) > MAX_RULES) {
    issues.push(securityIssue('authz.rules-too-many', ['spec', 'rules'], { max: MAX_RULES }));
  }

  (rules ?? []).forEach((rule, r) => {
    const at = ['spec', 'rules', r];
    if (rule.from !== undefined) {
      if (rule.from.length === 0) issues.push(securityIssue('authz.from-empty', [...at, 'from']));
      rule.from.forEach((f, i) => {
        const source = [...at, 'from', i, 'source'];
        if (!f.source) issues.push(securityIssue('authz.source-missing', source));
        else issues.push(...validateSource(f.source, source, custom));
      });
    }
    if (rule.to !== undefined) {
      if (rule.to.length === 0) issues.push(securityIssue('authz.to-empty', [...at, 'to']));
      rule.to.forEach((t, i) => {
        const operation = [...at, 'to', i, 'operation'];
        if (!t.operation) issues.push(securityIssue('authz.operation-missing', operation));
        else issues.push(...validateOperation(t.operation, operation));
      });
    }
    (rule.when ?? []).forEach((c, i) => {
      const cat = [...at, 'when', i];
      if (!c.key) issues.push(securityIssue('authz.condition-key-missing', [...cat, 'key']));
      if (!c.values?.length && !c.notValues?.length) {
        issues.push(securityIssue('authz.condition-values-missing', cat));
      }
      issues.push(
        ...checkList(c.values, [...cat, 'values']),
        ...checkList(c.notValues, [...cat, 'notValues']),
      );
      if (
        custom &&
        (c.key === 'source.principal' ||
          c.key === 'source.namespace' ||
          c.key?.startsWith('request.auth.'))
      ) {
        issues.push(
          securityIssue('authz.custom-identity-condition', [...cat, 'key'], { condition: c.key }),
        );
      }
    });
  });
  return issues;
};
