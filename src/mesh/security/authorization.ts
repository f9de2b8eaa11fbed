/**
 * AuthorizationPolicy: the "allow only these callers" and deny-all builders, a structured
 * plain-language summary of any policy, and the webhook's rules as client-side checks.
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
import type { SecurityApiVersion } from './mtls';
import { hasSelector, validateSelector } from './selector';
import type { ValidationIssue } from './selector';

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

const clone = <T>(obj: T): T => JSON.parse(JSON.stringify(obj)) as T;

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

const or = (items: string[]): string =>
  items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;

const describeTarget = (s: PolicySummary, o: DescribeOptions): string => {
  switch (s.target.kind) {
    case 'workload':
      return o.targetName
        ? o.targetName(s.target.matchLabels)
        : (s.target.matchLabels.app ??
            Object.entries(s.target.matchLabels)
              .map(([k, v]) => `${k}=${v}`)
              .join(','));
    case 'targetRefs':
      return or(s.target.refs.map((r) => `${r.kind} ${r.name}`));
    case 'mesh':
      return 'every workload in the mesh';
    default:
      return `every workload in namespace ${s.namespace}`;
  }
};

const describeSource = (src: SourceSummary, policyNs: string, o: DescribeOptions): string => {
  const name = (p: PrincipalRef) =>
    o.callerName
      ? o.callerName(p)
      : p.serviceAccount
        ? p.namespace === policyNs
          ? p.serviceAccount
          : `${p.namespace}/${p.serviceAccount}`
        : p.raw;
  const parts: string[] = [];
  if (src.principals.length) parts.push(or(src.principals.map(name)));
  if (src.namespaces.length) parts.push(`namespace ${or(src.namespaces)}`);
  if (src.ipBlocks.length) parts.push(`IP ${or(src.ipBlocks)}`);
  if (src.remoteIpBlocks.length) parts.push(`client IP ${or(src.remoteIpBlocks)}`);
  if (src.requestPrincipals.length) {
    // "from anyone with a valid end-user token" when the token is the only condition.
    if (parts.length === 0) parts.push('anyone');
    parts.push(
      src.requestPrincipals.includes('*')
        ? 'with a valid end-user token'
        : `with an end-user token of ${or(src.requestPrincipals)}`,
    );
  }
  const not: string[] = [];
  if (src.notPrincipals.length) not.push(or(src.notPrincipals.map(name)));
  if (src.notNamespaces.length) not.push(`namespace ${or(src.notNamespaces)}`);
  if (src.notIpBlocks.length) not.push(`IP ${or(src.notIpBlocks)}`);
  if (src.notRemoteIpBlocks.length) not.push(`client IP ${or(src.notRemoteIpBlocks)}`);
  if (src.notRequestPrincipals.length) not.push(`end-user ${or(src.notRequestPrincipals)}`);
  const positive = parts.join(' ');
  const except = not.length ? `except ${not.join(' and ')}` : '';
  if (!positive) return except ? `anyone ${except}` : 'anyone';
  return except ? `${positive}, ${except}` : positive;
};

const describeOperation = (op: OperationSummary): string => {
  const parts: string[] = [];
  const head = [op.methods.join(', '), op.paths.join(', ')].filter(Boolean).join(' ');
  if (head) parts.push(head);
  if (op.ports.length) parts.push(`on port ${or(op.ports)}`);
  if (op.hosts.length) parts.push(`to host ${or(op.hosts)}`);
  const not = [
    op.notMethods.join(', '),
    op.notPaths.join(', '),
    op.notPorts.length ? `port ${or(op.notPorts)}` : '',
    op.notHosts.length ? `host ${or(op.notHosts)}` : '',
  ].filter(Boolean);
  if (not.length) parts.push(`except ${not.join(' and ')}`);
  return parts.join(' ') || 'any request';
};

const describeRule = (r: RuleSummary, ns: string, o: DescribeOptions): string => {
  const from = r.sources.length ? or(r.sources.map((s) => describeSource(s, ns, o))) : 'anyone';
  const to = r.operations.length ? `: ${r.operations.map(describeOperation).join('; ')}` : '';
  const when = r.conditions.length
    ? ` when ${r.conditions
        .map((c) =>
          [
            c.values.length ? `${c.key} is ${or(c.values)}` : '',
            c.notValues.length ? `${c.key} is not ${or(c.notValues)}` : '',
          ]
            .filter(Boolean)
            .join(' and '),
        )
        .join(' and ')}`
    : '';
  return `${from}${to}${when}`;
};

/**
 * An English rendering of a summary, e.g. "reviews accepts calls only from productpage: GET
 * /reviews/*". The UI translates from the structured summary; this is the reference wording.
 */
export const describePolicy = (s: PolicySummary, o: DescribeOptions = {}): string => {
  const target = describeTarget(s, o);
  const rules = s.rules.map((r) => describeRule(r, s.namespace, o)).join('; or from ');
  switch (s.effect) {
    case 'allow-nothing':
      return `${target} accepts no calls, except those another ALLOW policy allows`;
    case 'allow-all':
      return `${target} accepts all calls`;
    case 'allow-matching':
      return `${target} accepts calls only from ${rules}`;
    case 'deny-all':
      return `${target} refuses all calls`;
    case 'deny-matching':
      return `${target} refuses calls from ${rules}`;
    case 'audit-all':
      return `Every call to ${target} is audited`;
    case 'audit-matching':
      return `Calls to ${target} from ${rules} are audited`;
    case 'custom-all':
      return `Every call to ${target} is checked by ${s.provider ?? 'an external authorizer'}`;
    case 'custom-matching':
      return `Calls to ${target} from ${rules} are checked by ${s.provider ?? 'an external authorizer'}`;
    default:
      return `This ${s.action} policy has no rules, so Istio rejects it`;
  }
};

// ---------------------------------------------------------------------------------------------
// Validation

const ACTIONS = ['ALLOW', 'DENY', 'AUDIT', 'CUSTOM'];
const HTTP_METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'CONNECT',
  'OPTIONS',
  'TRACE',
  'PATCH',
];
const MAX_RULES = 512;
const MAX_TARGET_REFS = 16;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const PRINCIPAL_FORMAT =
  /^[^/]+\/ns\/[a-z0-9]([-a-z0-9]*[a-z0-9])?\/sa\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
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

/**
 * A path is exact (`/a`), a prefix (`/a/*`), a suffix (`*.html`), presence (`*`), or (Istio ≥ 1.22)
 * a template whose segments may be `{*}` (one segment) or a final `{**}` (the rest).
 */
const pathProblem = (p: string): string | undefined => {
  if (p.includes('{')) {
    const segments = p.split('/');
    const badSegment = segments.some(
      (s, i) =>
        (s.includes('{') || s.includes('*')) &&
        !(s === '{*}' || (s === '{**}' && i === segments.length - 1)),
    );
    if (!p.startsWith('/') || badSegment) {
      return `Path "${p}" is not a valid template: use whole segments {*}, or {**} as the last segment.`;
    }
    return undefined;
  }
  if (!wildcardOk(p)) {
    return `Path "${p}" may use "*" only alone, at the start (suffix match) or at the end (prefix match).`;
  }
  if (!p.startsWith('/') && !p.startsWith('*')) {
    return `Path "${p}" must start with "/" (or be a "*" pattern).`;
  }
  return undefined;
};

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^(?=.*:)[0-9a-fA-F:.]+$/;

const ipProblem = (v: string): string | undefined => {
  const [addr, bits, extra] = v.split('/');
  const v4 = IPV4.test(addr);
  const v6 = !v4 && IPV6.test(addr) && (addr.match(/::/g) ?? []).length <= 1;
  const max = v4 ? 32 : 128;
  const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= max);
  return (v4 || v6) && bitsOk && extra === undefined
    ? undefined
    : `"${v}" is not an IP address or CIDR block.`;
};

const portProblem = (v: string): string | undefined =>
  /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 65535
    ? undefined
    : `"${v}" is not a port number between 1 and 65535.`;

type Check = (v: string) => string | undefined;

const checkList = (
  values: string[] | undefined,
  path: string,
  check?: Check,
  level?: 'warning',
): ValidationIssue[] => {
  const issues: ValidationIssue[] = [];
  (values ?? []).forEach((v, i) => {
    const at = `${path}[${i}]`;
    if (v === '') issues.push({ path: at, message: 'Values may not be empty.' });
    else {
      const problem = check?.(v);
      if (problem) issues.push({ path: at, message: problem, ...(level ? { level } : {}) });
    }
  });
  return issues;
};

const principalProblem: Check = (v) =>
  wildcardOk(v) && (v.includes('*') || PRINCIPAL_FORMAT.test(v))
    ? undefined
    : `"${v}" is not a principal; use <trust-domain>/ns/<namespace>/sa/<service-account>, e.g. cluster.local/ns/bookinfo/sa/bookinfo-productpage.`;

const namespaceProblem: Check = (v) =>
  wildcardOk(v) && (v.includes('*') || DNS_LABEL.test(v))
    ? undefined
    : `"${v}" is not a namespace name.`;

const wildcardProblem: Check = (v) =>
  wildcardOk(v) ? undefined : `"${v}" may use "*" only alone, at the start or at the end.`;

const methodProblem: Check = (v) =>
  v !== v.toUpperCase() ? `Method "${v}" must be uppercase, e.g. "${v.toUpperCase()}".` : undefined;

// Kiali's KIA0102: a warning, since HTTP allows extension methods.
const methodKnown: Check = (v) =>
  v === v.toUpperCase() && !v.includes('*') && !HTTP_METHODS.includes(v)
    ? `"${v}" is not a standard HTTP method.`
    : undefined;

const validateSource = (
  src: AuthorizationSource,
  path: string,
  custom: boolean,
): ValidationIssue[] => {
  const issues: ValidationIssue[] = [];
  if (Object.values(src).every((v) => v === undefined)) {
    issues.push({ path, message: 'A source must set at least one field; remove it instead.' });
  }
  issues.push(
    ...checkList(src.principals, `${path}.principals`, principalProblem),
    ...checkList(src.notPrincipals, `${path}.notPrincipals`, principalProblem),
    ...checkList(src.namespaces, `${path}.namespaces`, namespaceProblem),
    ...checkList(src.notNamespaces, `${path}.notNamespaces`, namespaceProblem),
    ...checkList(src.requestPrincipals, `${path}.requestPrincipals`, wildcardProblem),
    ...checkList(src.notRequestPrincipals, `${path}.notRequestPrincipals`, wildcardProblem),
    ...checkList(src.ipBlocks, `${path}.ipBlocks`, ipProblem),
    ...checkList(src.notIpBlocks, `${path}.notIpBlocks`, ipProblem),
    ...checkList(src.remoteIpBlocks, `${path}.remoteIpBlocks`, ipProblem),
    ...checkList(src.notRemoteIpBlocks, `${path}.notRemoteIpBlocks`, ipProblem),
  );
  if (custom) {
    for (const field of IDENTITY_FIELDS) {
      if (src[field] !== undefined) {
        issues.push({
          path: `${path}.${field}`,
          message: `A CUSTOM policy cannot use ${field}: the external authorizer runs before identities are checked.`,
        });
      }
    }
  }
  return issues;
};

const validateOperation = (op: AuthorizationOperation, path: string): ValidationIssue[] => {
  const issues: ValidationIssue[] = [];
  if (Object.values(op).every((v) => v === undefined)) {
    issues.push({ path, message: 'An operation must set at least one field; remove it instead.' });
  }
  issues.push(
    ...checkList(op.hosts, `${path}.hosts`, wildcardProblem),
    ...checkList(op.notHosts, `${path}.notHosts`, wildcardProblem),
    ...checkList(op.ports, `${path}.ports`, portProblem),
    ...checkList(op.notPorts, `${path}.notPorts`, portProblem),
    ...checkList(op.methods, `${path}.methods`, methodProblem),
    ...checkList(op.methods, `${path}.methods`, methodKnown, 'warning'),
    ...checkList(op.notMethods, `${path}.notMethods`, methodProblem),
    ...checkList(op.notMethods, `${path}.notMethods`, methodKnown, 'warning'),
    ...checkList(op.paths, `${path}.paths`, pathProblem),
    ...checkList(op.notPaths, `${path}.notPaths`, pathProblem),
  );
  return issues;
};

/**
 * The webhook's AuthorizationPolicy rules (reference §7) plus Kiali's method check, in plain
 * English. Issues without `level` are errors that reject the write; `level: 'warning'` ones do not.
 */
export const validateAuthorizationPolicy = (ap: AuthorizationPolicy): ValidationIssue[] => {
  const spec = ap.spec ?? {};
  const issues: ValidationIssue[] = [];
  const action = spec.action ?? 'ALLOW';
  const custom = action === 'CUSTOM';

  const scopes = [
    spec.selector !== undefined,
    spec.targetRef !== undefined,
    spec.targetRefs !== undefined,
  ];
  if (scopes.filter(Boolean).length > 1) {
    issues.push({
      path: 'spec',
      message:
        'Use only one of selector, targetRef and targetRefs to choose what the policy protects.',
    });
  }
  issues.push(...validateSelector(spec.selector, 'spec.selector'));
  const refs = spec.targetRefs ?? [];
  if (refs.length > MAX_TARGET_REFS) {
    issues.push({ path: 'spec.targetRefs', message: `At most ${MAX_TARGET_REFS} targetRefs.` });
  }
  type Ref = NonNullable<typeof spec.targetRef>;
  const refEntries: { at: string; ref: Ref }[] = [
    ...(spec.targetRef ? [{ at: 'spec.targetRef', ref: spec.targetRef }] : []),
    ...refs.map((ref, i) => ({ at: `spec.targetRefs[${i}]`, ref })),
  ];
  for (const { at, ref } of refEntries) {
    if (!ref.kind || !ref.name) {
      issues.push({ path: at, message: 'A target reference needs both kind and name.' });
    }
    if (ref.namespace && ref.namespace !== ap.metadata?.namespace) {
      issues.push({
        path: `${at}.namespace`,
        message: 'A target reference must be in the policy’s own namespace.',
      });
    }
  }

  if (!ACTIONS.includes(action)) {
    issues.push({
      path: 'spec.action',
      message: `Action must be ALLOW, DENY, AUDIT or CUSTOM; "${action}" is not.`,
    });
  }
  const rules = spec.rules;
  if ((action === 'DENY' || custom) && !rules?.length) {
    issues.push({
      path: 'spec.rules',
      message: `A ${action} policy needs rules; to match every request use one empty rule ({}).`,
    });
  }
  if (custom && !spec.provider?.name) {
    issues.push({
      path: 'spec.provider.name',
      message: 'A CUSTOM policy needs the name of its external authorization provider.',
    });
  }
  if (!custom && spec.provider !== undefined) {
    issues.push({
      path: 'spec.provider',
      message: `Only CUSTOM policies name a provider; remove it from this ${action} policy.`,
    });
  }
  if ((rules?.length ?? 0) > MAX_RULES) {
    issues.push({ path: 'spec.rules', message: `At most ${MAX_RULES} rules.` });
  }

  (rules ?? []).forEach((rule, r) => {
    const at = `spec.rules[${r}]`;
    if (rule.from !== undefined) {
      if (rule.from.length === 0) {
        issues.push({
          path: `${at}.from`,
          message: 'An empty "from" list is rejected; remove it to allow any source.',
        });
      }
      rule.from.forEach((f, i) => {
        if (!f.source) {
          issues.push({ path: `${at}.from[${i}].source`, message: 'Each "from" needs a source.' });
        } else issues.push(...validateSource(f.source, `${at}.from[${i}].source`, custom));
      });
    }
    if (rule.to !== undefined) {
      if (rule.to.length === 0) {
        issues.push({
          path: `${at}.to`,
          message: 'An empty "to" list is rejected; remove it to allow any operation.',
        });
      }
      rule.to.forEach((t, i) => {
        if (!t.operation) {
          issues.push({
            path: `${at}.to[${i}].operation`,
            message: 'Each "to" needs an operation.',
          });
        } else issues.push(...validateOperation(t.operation, `${at}.to[${i}].operation`));
      });
    }
    (rule.when ?? []).forEach((c, i) => {
      const cat = `${at}.when[${i}]`;
      if (!c.key) issues.push({ path: `${cat}.key`, message: 'A condition needs a key.' });
      if (!c.values?.length && !c.notValues?.length) {
        issues.push({ path: cat, message: 'A condition needs values or notValues.' });
      }
      issues.push(
        ...checkList(c.values, `${cat}.values`),
        ...checkList(c.notValues, `${cat}.notValues`),
      );
      if (
        custom &&
        (c.key === 'source.principal' ||
          c.key === 'source.namespace' ||
          c.key?.startsWith('request.auth.'))
      ) {
        issues.push({
          path: `${cat}.key`,
          message: `A CUSTOM policy cannot use the condition "${c.key}": it depends on identities checked later.`,
        });
      }
    });
  });
  return issues;
};
