/**
 * Client-side checks for HTTPRoutes and GRPCRoutes: what the API server enforces from Gateway
 * API's CRD schemas (bounds, patterns, enums, list-map keys) and their CEL rules
 * (`x-kubernetes-validations`), read from the standard-channel CRDs of Gateway API v1.6
 * (config/crd/standard/gateway.networking.k8s.io_{http,grpc}routes.yaml). Older CRDs (1.2–1.5,
 * what a cluster may have installed) have the same rules or fewer: a route passing these passes
 * them, bar fields they do not know yet (the CORS filter), which dry-run reports.
 *
 * Not mirrored, left to dry-run: the CORS and ExtensionRef filters' own fields, and the
 * experimental-channel fields (retry, sessionPersistence, ExternalAuth).
 *
 * Every finding is an Issue with a `gateway.*` code (and the shared `regex.*` ones for regular
 * expressions, which Istio evaluates with RE2), never a sentence; the words are in
 * src/components/issues/trafficIssueWords.ts.
 */
import { GRPCRouteModel, HTTPRouteModel } from '../../models';
import type {
  GRPCRouteMatch,
  HTTPBackendRef,
  HTTPRouteFilter,
  HTTPRouteMatch,
  HTTPRouteRule,
  ParentReference,
  Service,
} from '../../models';
import { issue, warning } from '../issues';
import type { Issue, IssuePath } from '../issues';
import { HTTP_METHODS, parseDuration, re2Problem } from '../primitives';
import type { GatewayRoute } from './gatewayRoutes';

// Limits from the CRD schemas.
export const GATEWAY_LIMITS = {
  parentRefs: 32,
  hostnames: 16,
  rules: 16,
  matchesPerRule: 64,
  matchesPerRoute: 128,
  backendRefs: 16,
  filters: 16,
  headerMatches: 16,
  headerModifierEntries: 16,
  weight: 1000000,
  nameLength: 253,
  headerValueLength: 4096,
  queryValueLength: 1024,
  pathLength: 1024,
  grpcNameLength: 1024,
} as const;

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const GROUP = /^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const KIND = /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** HTTPHeaderName: an RFC 7230 token. Wider than Istio's VirtualService check. */
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;
const PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|%[0-9a-fA-F]{2})+$/;
const DURATION = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/;
const GRPC_SERVICE = /^\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$/i;
const GRPC_METHOD = /^[A-Za-z_][A-Za-z_0-9]*$/;

const HTTP_FILTERS = [
  'RequestHeaderModifier',
  'ResponseHeaderModifier',
  'RequestMirror',
  'RequestRedirect',
  'URLRewrite',
  'ExtensionRef',
  'CORS',
];
const GRPC_FILTERS = [
  'RequestHeaderModifier',
  'ResponseHeaderModifier',
  'RequestMirror',
  'ExtensionRef',
];
/** Each filter type and the field that holds its settings. */
const FILTER_FIELD: Record<string, string> = {
  RequestHeaderModifier: 'requestHeaderModifier',
  ResponseHeaderModifier: 'responseHeaderModifier',
  RequestMirror: 'requestMirror',
  RequestRedirect: 'requestRedirect',
  URLRewrite: 'urlRewrite',
  ExtensionRef: 'extensionRef',
  CORS: 'cors',
};
/** The filter types a rule (or backendRef) may hold once. */
const SINGLE_FILTERS = [
  'RequestHeaderModifier',
  'ResponseHeaderModifier',
  'RequestRedirect',
  'URLRewrite',
  'CORS',
];
const MATCH_TYPES = ['Exact', 'RegularExpression'];
const PATH_TYPES = ['Exact', 'PathPrefix', 'RegularExpression'];
const REDIRECT_CODES = [301, 302, 303, 307, 308];

type Rule = Omit<HTTPRouteRule, 'matches' | 'filters'> & {
  matches?: (HTTPRouteMatch | GRPCRouteMatch)[];
  filters?: Filter[];
};
type Filter = Omit<HTTPRouteFilter, 'type'> & { type: string };
type BackendRef = Omit<HTTPBackendRef, 'filters'> & { filters?: Filter[] };

const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

const validatePort = (port: unknown, path: IssuePath): Issue[] =>
  port === undefined || (isWhole(port) && port >= 1 && port <= 65535)
    ? []
    : [issue('gateway.port.invalid', path)];

/** Group, kind, name and namespace of a parent, backend or mirror reference. */
const validateReference = (
  ref: { group?: string; kind?: string; name?: string; namespace?: string },
  path: IssuePath,
): Issue[] => {
  const issues: Issue[] = [];
  if (ref.group !== undefined && (!GROUP.test(ref.group) || ref.group.length > 253)) {
    issues.push(issue('gateway.ref.group-invalid', [...path, 'group'], { group: ref.group }));
  }
  if (ref.kind !== undefined && (!KIND.test(ref.kind) || ref.kind.length > 63)) {
    issues.push(issue('gateway.ref.kind-invalid', [...path, 'kind'], { kind: ref.kind }));
  }
  if (typeof ref.name !== 'string' || ref.name === '') {
    issues.push(issue('gateway.ref.name-missing', [...path, 'name']));
  } else if (ref.name.length > GATEWAY_LIMITS.nameLength) {
    issues.push(
      issue('gateway.ref.name-too-long', [...path, 'name'], { max: GATEWAY_LIMITS.nameLength }),
    );
  }
  if (
    ref.namespace !== undefined &&
    (!DNS1123_LABEL.test(ref.namespace) || ref.namespace.length > 63)
  ) {
    issues.push(
      issue('gateway.ref.namespace-invalid', [...path, 'namespace'], { namespace: ref.namespace }),
    );
  }
  return issues;
};

/** A backendRef to a core Service needs its port (CEL: "Must have port for Service reference"). */
const isServiceRef = (ref: { group?: string; kind?: string }) =>
  (ref.group ?? '') === '' && (ref.kind ?? 'Service') === 'Service';

const validateBackendObject = (
  ref: { group?: string; kind?: string; name?: string; namespace?: string; port?: number },
  path: IssuePath,
): Issue[] => {
  const issues = validateReference(ref, path);
  if (isServiceRef(ref) && ref.port === undefined) {
    issues.push(
      issue('gateway.backend.port-required', [...path, 'port'], { name: ref.name ?? '' }),
    );
  }
  issues.push(...validatePort(ref.port, [...path, 'port']));
  return issues;
};

// ---------------------------------------------------------------------------------------------
// Parents and hostnames

/** Parents compare as the CEL rules compare them: group and kind after defaulting, namespace "" = unset. */
const parentKey = (p: ParentReference) =>
  JSON.stringify([
    p.group ?? HTTPRouteModel.apiGroup,
    p.kind ?? 'Gateway',
    p.name,
    p.namespace || '',
  ]);

const validateParents = (refs: ParentReference[] | undefined): Issue[] => {
  if (!refs) return [];
  const path = ['spec', 'parentRefs'];
  const issues: Issue[] = [];
  if (refs.length > GATEWAY_LIMITS.parentRefs) {
    issues.push(issue('gateway.parents.too-many', path, { max: GATEWAY_LIMITS.parentRefs }));
  }
  const seen = new Map<string, ParentReference[]>();
  refs.forEach((ref, i) => {
    const p = [...path, i];
    issues.push(...validateReference(ref, p));
    issues.push(...validatePort(ref.port, [...p, 'port']));
    if (
      ref.sectionName !== undefined &&
      (!DNS1123_SUBDOMAIN.test(ref.sectionName) || ref.sectionName.length > 253)
    ) {
      issues.push(
        issue('gateway.parent.section-invalid', [...p, 'sectionName'], {
          section: ref.sectionName,
        }),
      );
    }
    // Group defaults to Gateway API's own: a Service parent without `group: ""` names nothing.
    if (ref.kind === 'Service' && ref.group === undefined) {
      issues.push(warning('gateway.parent.service-group', [...p, 'group'], { name: ref.name }));
    }
    // Two references to one parent must each name a different section. The port does not
    // count: two ports of one Service need sectionNames too.
    const key = parentKey(ref);
    const earlier = seen.get(key) ?? [];
    const section = ref.sectionName || '';
    if (earlier.some((e) => !(e.sectionName || '') !== !section)) {
      issues.push(issue('gateway.parent.section-mixed', [...p, 'sectionName'], { name: ref.name }));
    } else if (earlier.some((e) => (e.sectionName || '') === section)) {
      issues.push(issue('gateway.parent.duplicate', p, { name: ref.name }));
    }
    seen.set(key, [...earlier, ref]);
  });
  return issues;
};

const validateHostnames = (hostnames: string[] | undefined): Issue[] => {
  if (!hostnames) return [];
  const issues: Issue[] = [];
  if (hostnames.length > GATEWAY_LIMITS.hostnames) {
    issues.push(
      issue('gateway.hostnames.too-many', ['spec', 'hostnames'], { max: GATEWAY_LIMITS.hostnames }),
    );
  }
  hostnames.forEach((h, i) => {
    if (typeof h !== 'string' || h.length > 253 || !HOSTNAME.test(h)) {
      issues.push(
        issue('gateway.hostname.invalid', ['spec', 'hostnames', i], { hostname: String(h) }),
      );
    }
  });
  return issues;
};

// ---------------------------------------------------------------------------------------------
// Matches

const validateRegex = (value: string, path: IssuePath): Issue[] => {
  const problem = re2Problem(value);
  return problem ? [issue(problem.code, path, problem.params)] : [];
};

/**
 * Header (or query parameter) matches: a list keyed by name, so a name may appear once
 * (compared case-insensitively for headers, which HTTP treats so; exactly for query params).
 */
const validateNameValueMatches = (
  list: { name: string; type?: string; value: string }[] | undefined,
  path: IssuePath,
  what: 'header' | 'query',
): Issue[] => {
  if (!list) return [];
  const issues: Issue[] = [];
  if (list.length > GATEWAY_LIMITS.headerMatches) {
    issues.push(
      issue('gateway.match.too-many-conditions', path, { max: GATEWAY_LIMITS.headerMatches }),
    );
  }
  const maxValue =
    what === 'header' ? GATEWAY_LIMITS.headerValueLength : GATEWAY_LIMITS.queryValueLength;
  const seen = new Set<string>();
  list.forEach((m, i) => {
    const p = [...path, i];
    const name = typeof m.name === 'string' ? m.name : '';
    if (!HEADER_NAME.test(name) || name.length > 256) {
      const code = what === 'header' ? 'gateway.header.name-invalid' : 'gateway.query.name-invalid';
      issues.push(issue(code, [...p, 'name'], { name }));
    } else {
      const key = what === 'header' ? name.toLowerCase() : name;
      const code = what === 'header' ? 'gateway.header.duplicate' : 'gateway.query.duplicate';
      if (seen.has(key)) issues.push(issue(code, [...p, 'name'], { name }));
      seen.add(key);
    }
    if (m.type !== undefined && !MATCH_TYPES.includes(m.type)) {
      issues.push(issue('gateway.match.type-unknown', [...p, 'type'], { type: String(m.type) }));
    }
    if (typeof m.value !== 'string' || m.value === '') {
      issues.push(issue('gateway.match.value-empty', [...p, 'value']));
    } else if (m.value.length > maxValue) {
      issues.push(issue('gateway.match.value-too-long', [...p, 'value'], { max: maxValue }));
    } else if (m.type === 'RegularExpression') {
      issues.push(...validateRegex(m.value, [...p, 'value']));
    }
  });
  return issues;
};

/** Substrings an Exact or PathPrefix path may not hold, and endings it may not have (CEL). */
const PATH_FORBIDDEN = ['//', '/./', '/../', '%2f', '%2F', '#'];
const PATH_FORBIDDEN_END = ['/..', '/.'];

const validatePath = (path: HTTPRouteMatch['path'], at: IssuePath): Issue[] => {
  if (!path) return [];
  const type = path.type ?? 'PathPrefix';
  const value = path.value ?? '/';
  if (!PATH_TYPES.includes(type)) {
    return [issue('gateway.path.type-unknown', [...at, 'type'], { type: String(type) })];
  }
  const p = [...at, 'value'];
  if (typeof value !== 'string') return [issue('gateway.path.not-absolute', p)];
  if (value.length > GATEWAY_LIMITS.pathLength) {
    return [issue('gateway.path.too-long', p, { max: GATEWAY_LIMITS.pathLength })];
  }
  if (type === 'RegularExpression') return validateRegex(value, p);
  if (!value.startsWith('/')) return [issue('gateway.path.not-absolute', p)];
  const bad =
    PATH_FORBIDDEN.find((s) => value.includes(s)) ??
    PATH_FORBIDDEN_END.find((s) => value.endsWith(s));
  if (bad) return [issue('gateway.path.forbidden', p, { text: bad })];
  if (!PATH_CHARS.test(value)) return [issue('gateway.path.characters', p)];
  return [];
};

const validateHttpMatch = (m: HTTPRouteMatch, path: IssuePath): Issue[] => [
  ...validatePath(m.path, [...path, 'path']),
  ...(m.method !== undefined && !HTTP_METHODS.includes(m.method)
    ? [issue('gateway.match.method', [...path, 'method'], { method: String(m.method) })]
    : []),
  ...validateNameValueMatches(m.headers, [...path, 'headers'], 'header'),
  ...validateNameValueMatches(m.queryParams, [...path, 'queryParams'], 'query'),
];

const validateGrpcMatch = (m: GRPCRouteMatch, path: IssuePath): Issue[] => {
  const issues = validateNameValueMatches(m.headers, [...path, 'headers'], 'header');
  const mm = m.method;
  if (!mm) return issues;
  const at = [...path, 'method'];
  const type = mm.type ?? 'Exact';
  if (!MATCH_TYPES.includes(type)) {
    return [
      ...issues,
      issue('gateway.match.type-unknown', [...at, 'type'], { type: String(type) }),
    ];
  }
  // The API server defaults the type, so a method match always needs a service or a method.
  if (mm.service === undefined && mm.method === undefined) {
    return [...issues, issue('gateway.grpc.method-empty', at)];
  }
  for (const f of ['service', 'method'] as const) {
    const v = mm[f];
    if (v === undefined) continue;
    const p = [...at, f];
    if (v.length > GATEWAY_LIMITS.grpcNameLength) {
      issues.push(issue('gateway.grpc.too-long', p, { max: GATEWAY_LIMITS.grpcNameLength }));
    } else if (type === 'RegularExpression') {
      issues.push(...validateRegex(v, p));
    } else if (!(f === 'service' ? GRPC_SERVICE : GRPC_METHOD).test(v)) {
      const code = f === 'service' ? 'gateway.grpc.service-invalid' : 'gateway.grpc.method-invalid';
      issues.push(issue(code, p, { value: v }));
    }
  }
  return issues;
};

// ---------------------------------------------------------------------------------------------
// Filters

const validateHeaderModifier = (
  mod: {
    set?: { name: string; value: string }[];
    add?: { name: string; value: string }[];
    remove?: string[];
  },
  path: IssuePath,
): Issue[] => {
  const issues: Issue[] = [];
  for (const op of ['set', 'add'] as const) {
    const list = mod[op];
    if (!list) continue;
    if (list.length > GATEWAY_LIMITS.headerModifierEntries) {
      issues.push(
        issue('gateway.filter.too-many-headers', [...path, op], {
          max: GATEWAY_LIMITS.headerModifierEntries,
        }),
      );
    }
    const seen = new Set<string>();
    list.forEach((h, i) => {
      const p = [...path, op, i];
      const name = typeof h.name === 'string' ? h.name : '';
      if (!HEADER_NAME.test(name) || name.length > 256) {
        issues.push(issue('gateway.header.name-invalid', [...p, 'name'], { name }));
      } else if (seen.has(name.toLowerCase())) {
        issues.push(issue('gateway.header.duplicate', [...p, 'name'], { name }));
      }
      seen.add(name.toLowerCase());
      if (typeof h.value !== 'string' || h.value === '') {
        issues.push(issue('gateway.match.value-empty', [...p, 'value']));
      } else if (h.value.length > GATEWAY_LIMITS.headerValueLength) {
        issues.push(
          issue('gateway.match.value-too-long', [...p, 'value'], {
            max: GATEWAY_LIMITS.headerValueLength,
          }),
        );
      }
    });
  }
  if (mod.remove) {
    if (mod.remove.length > GATEWAY_LIMITS.headerModifierEntries) {
      issues.push(
        issue('gateway.filter.too-many-headers', [...path, 'remove'], {
          max: GATEWAY_LIMITS.headerModifierEntries,
        }),
      );
    }
    // A set: each name once.
    mod.remove.forEach((name, i) => {
      if (mod.remove?.indexOf(name) !== i) {
        issues.push(issue('gateway.header.duplicate', [...path, 'remove', i], { name }));
      }
    });
  }
  return issues;
};

/** URLRewrite and RequestRedirect path modifiers: the type and its field go together. */
const validatePathModifier = (
  mod: { type?: string; replaceFullPath?: string; replacePrefixMatch?: string } | undefined,
  path: IssuePath,
): Issue[] => {
  if (!mod) return [];
  const field =
    mod.type === 'ReplaceFullPath'
      ? 'replaceFullPath'
      : mod.type === 'ReplacePrefixMatch'
        ? 'replacePrefixMatch'
        : undefined;
  if (!field)
    return [
      issue('gateway.path-modifier.type', [...path, 'type'], { type: String(mod.type ?? '') }),
    ];
  const other = field === 'replaceFullPath' ? 'replacePrefixMatch' : 'replaceFullPath';
  if (mod[field] === undefined || mod[other] !== undefined) {
    return [issue('gateway.path-modifier.mismatch', path, { type: mod.type ?? '', field })];
  }
  if ((mod[field] ?? '').length > GATEWAY_LIMITS.pathLength) {
    return [issue('gateway.path.too-long', [...path, field], { max: GATEWAY_LIMITS.pathLength })];
  }
  return [];
};

const usesReplacePrefix = (f: Filter): boolean =>
  (f.type === 'RequestRedirect' && f.requestRedirect?.path?.type === 'ReplacePrefixMatch') ||
  (f.type === 'URLRewrite' && f.urlRewrite?.path?.type === 'ReplacePrefixMatch');

const validateFilters = (
  filters: Filter[] | undefined,
  path: IssuePath,
  grpc: boolean,
): Issue[] => {
  if (!filters) return [];
  const issues: Issue[] = [];
  if (filters.length > GATEWAY_LIMITS.filters) {
    issues.push(issue('gateway.filters.too-many', path, { max: GATEWAY_LIMITS.filters }));
  }
  const allowed = grpc ? GRPC_FILTERS : HTTP_FILTERS;
  const counts = new Map<string, number>();
  filters.forEach((f, i) => {
    const p = [...path, i];
    if (!allowed.includes(f.type)) {
      issues.push(
        issue('gateway.filter.type-unknown', [...p, 'type'], { type: String(f.type ?? '') }),
      );
      return;
    }
    const n = (counts.get(f.type) ?? 0) + 1;
    counts.set(f.type, n);
    if (n === 2 && SINGLE_FILTERS.includes(f.type)) {
      issues.push(issue('gateway.filter.repeated', [...p, 'type'], { type: f.type }));
    }
    // Each type takes its own field and no other's (CEL on every filter).
    const own = FILTER_FIELD[f.type];
    if ((f as Record<string, unknown>)[own] === undefined) {
      issues.push(
        issue('gateway.filter.config-missing', [...p, own], { type: f.type, field: own }),
      );
    }
    for (const [type, field] of Object.entries(FILTER_FIELD)) {
      if (type !== f.type && (f as Record<string, unknown>)[field] !== undefined) {
        issues.push(
          issue('gateway.filter.config-unexpected', [...p, field], { type: f.type, field }),
        );
      }
    }
    if (f.requestHeaderModifier && f.type === 'RequestHeaderModifier') {
      issues.push(
        ...validateHeaderModifier(f.requestHeaderModifier, [...p, 'requestHeaderModifier']),
      );
    }
    if (f.responseHeaderModifier && f.type === 'ResponseHeaderModifier') {
      issues.push(
        ...validateHeaderModifier(f.responseHeaderModifier, [...p, 'responseHeaderModifier']),
      );
    }
    if (f.requestMirror && f.type === 'RequestMirror') {
      const m = f.requestMirror;
      const mp = [...p, 'requestMirror'];
      issues.push(...validateBackendObject(m.backendRef ?? {}, [...mp, 'backendRef']));
      if (m.percent !== undefined && m.fraction !== undefined) {
        issues.push(issue('gateway.mirror.percent-and-fraction', mp));
      } else if (
        m.percent !== undefined &&
        !(isWhole(m.percent) && m.percent >= 0 && m.percent <= 100)
      ) {
        issues.push(issue('gateway.mirror.percent', [...mp, 'percent']));
      } else if (m.fraction) {
        const { numerator, denominator = 100 } = m.fraction;
        if (
          !isWhole(numerator) ||
          !isWhole(denominator) ||
          numerator < 0 ||
          denominator < 1 ||
          numerator > denominator
        ) {
          issues.push(issue('gateway.mirror.fraction', [...mp, 'fraction']));
        }
      }
    }
    if (f.requestRedirect && f.type === 'RequestRedirect') {
      const r = f.requestRedirect;
      const rp = [...p, 'requestRedirect'];
      if (r.scheme !== undefined && !['http', 'https'].includes(r.scheme)) {
        issues.push(
          issue('gateway.redirect.scheme', [...rp, 'scheme'], { scheme: String(r.scheme) }),
        );
      }
      if (r.statusCode !== undefined && !REDIRECT_CODES.includes(r.statusCode)) {
        issues.push(
          issue('gateway.redirect.status', [...rp, 'statusCode'], { status: String(r.statusCode) }),
        );
      }
      issues.push(...validatePort(r.port, [...rp, 'port']));
      if (
        r.hostname !== undefined &&
        (!DNS1123_SUBDOMAIN.test(r.hostname) || r.hostname.length > 253)
      ) {
        issues.push(
          issue('gateway.hostname.invalid', [...rp, 'hostname'], { hostname: r.hostname }),
        );
      }
      issues.push(...validatePathModifier(r.path, [...rp, 'path']));
    }
    if (f.urlRewrite && f.type === 'URLRewrite') {
      const w = f.urlRewrite;
      const wp = [...p, 'urlRewrite'];
      if (
        w.hostname !== undefined &&
        (!DNS1123_SUBDOMAIN.test(w.hostname) || w.hostname.length > 253)
      ) {
        issues.push(
          issue('gateway.hostname.invalid', [...wp, 'hostname'], { hostname: w.hostname }),
        );
      }
      issues.push(...validatePathModifier(w.path, [...wp, 'path']));
    }
  });
  if (counts.has('RequestRedirect') && counts.has('URLRewrite')) {
    issues.push(issue('gateway.filter.redirect-and-rewrite', path));
  }
  return issues;
};

// ---------------------------------------------------------------------------------------------
// Rules

const validateTimeouts = (t: HTTPRouteRule['timeouts'], path: IssuePath): Issue[] => {
  if (!t) return [];
  const issues: Issue[] = [];
  for (const k of ['request', 'backendRequest'] as const) {
    const v = t[k];
    if (v !== undefined && (typeof v !== 'string' || !DURATION.test(v))) {
      issues.push(issue('gateway.timeout.format', [...path, k], { value: String(v) }));
    }
  }
  if (issues.length > 0 || t.request === undefined || t.backendRequest === undefined) return issues;
  // "0s" disables the request timeout, so any backendRequest fits under it.
  const request = parseDuration(t.request) ?? 0n;
  const backend = parseDuration(t.backendRequest) ?? 0n;
  if (request !== 0n && backend > request) {
    issues.push(issue('gateway.timeout.backend-longer', [...path, 'backendRequest']));
  }
  return issues;
};

const validateBackendRefs = (
  refs: BackendRef[] | undefined,
  path: IssuePath,
  grpc: boolean,
): Issue[] => {
  if (!refs) return [];
  const issues: Issue[] = [];
  if (refs.length > GATEWAY_LIMITS.backendRefs) {
    issues.push(issue('gateway.backends.too-many', path, { max: GATEWAY_LIMITS.backendRefs }));
  }
  let total = 0;
  let weightsValid = true;
  refs.forEach((ref, i) => {
    const p = [...path, i];
    issues.push(...validateBackendObject(ref, p));
    const w = ref.weight ?? 1;
    if (!isWhole(w)) {
      weightsValid = false;
      issues.push(issue('gateway.weight.not-whole', [...p, 'weight']));
    } else if (w < 0 || w > GATEWAY_LIMITS.weight) {
      weightsValid = false;
      issues.push(issue('gateway.weight.range', [...p, 'weight'], { max: GATEWAY_LIMITS.weight }));
    } else {
      total += w;
    }
    issues.push(...validateFilters(ref.filters, [...p, 'filters'], grpc));
  });
  // Accepted by the API server, but every request the rule takes then fails with 500.
  if (refs.length > 0 && weightsValid && total === 0) {
    issues.push(warning('gateway.weight.all-zero', path));
  }
  return issues;
};

/** A rule's matches as the API server stores them: an HTTPRoute rule without any has one, "/". */
const matchCount = (r: Rule, grpc: boolean) => r.matches?.length ?? (grpc ? 0 : 1);

const validateRule = (r: Rule, i: number, grpc: boolean): Issue[] => {
  const path = ['spec', 'rules', i];
  const issues: Issue[] = [];
  if (r.name !== undefined && (r.name.length > 253 || !DNS1123_SUBDOMAIN.test(r.name))) {
    issues.push(issue('gateway.rule.name-invalid', [...path, 'name'], { name: r.name }));
  }
  if ((r.matches?.length ?? 0) > GATEWAY_LIMITS.matchesPerRule) {
    issues.push(
      issue('gateway.matches.too-many', [...path, 'matches'], {
        max: GATEWAY_LIMITS.matchesPerRule,
      }),
    );
  }
  (r.matches ?? []).forEach((m, j) => {
    const p = [...path, 'matches', j];
    issues.push(
      ...(grpc
        ? validateGrpcMatch(m as GRPCRouteMatch, p)
        : validateHttpMatch(m as HTTPRouteMatch, p)),
    );
  });
  issues.push(...validateFilters(r.filters, [...path, 'filters'], grpc));
  issues.push(
    ...validateBackendRefs(
      r.backendRefs as BackendRef[] | undefined,
      [...path, 'backendRefs'],
      grpc,
    ),
  );
  if (!grpc) {
    const filters = r.filters ?? [];
    const redirect = filters.findIndex(
      (f) => f.type === 'RequestRedirect' || f.requestRedirect !== undefined,
    );
    if (redirect >= 0 && (r.backendRefs?.length ?? 0) > 0) {
      issues.push(issue('gateway.rule.redirect-with-backends', [...path, 'filters', redirect]));
    }
    // ReplacePrefixMatch needs to know which prefix to replace: exactly one PathPrefix match.
    const prefixFilter =
      filters.some(usesReplacePrefix) ||
      (r.backendRefs as BackendRef[] | undefined)?.some((b) =>
        (b.filters ?? []).some(usesReplacePrefix),
      );
    if (prefixFilter) {
      const matches = (r.matches ?? [{}]) as HTTPRouteMatch[];
      const only = matches.length === 1 ? (matches[0].path ?? { type: 'PathPrefix' }) : undefined;
      if (!only || (only.type ?? 'PathPrefix') !== 'PathPrefix') {
        issues.push(issue('gateway.rule.replace-prefix-match', [...path, 'matches']));
      }
    }
    issues.push(...validateTimeouts(r.timeouts, [...path, 'timeouts']));
  }
  return issues;
};

/**
 * Checks an HTTPRoute or GRPCRoute as the API server would (see the file comment). Paths are
 * in the route (`['spec', 'rules', 0, 'backendRefs', 1, 'weight']`).
 */
export const validateGatewayRoute = (route: GatewayRoute): Issue[] => {
  const grpc = route.kind === GRPCRouteModel.kind;
  const issues: Issue[] = [];
  const name = route.metadata?.name;
  if (name !== undefined && (name.length > 253 || !DNS1123_SUBDOMAIN.test(name))) {
    issues.push(issue('gateway.name.invalid', ['metadata', 'name'], { name }));
  }
  const spec = route.spec ?? {};
  issues.push(...validateParents(spec.parentRefs));
  issues.push(...validateHostnames(spec.hostnames));
  const rules = (spec.rules ?? undefined) as Rule[] | undefined;
  if (!rules) return issues;
  // HTTPRoute needs a rule (absent, the API server adds a catch-all one); GRPCRoute takes none.
  if (!grpc && rules.length === 0) issues.push(issue('gateway.rules.empty', ['spec', 'rules']));
  if (rules.length > GATEWAY_LIMITS.rules) {
    issues.push(issue('gateway.rules.too-many', ['spec', 'rules'], { max: GATEWAY_LIMITS.rules }));
  }
  const total = rules.reduce((t, r) => t + matchCount(r, grpc), 0);
  if (total > GATEWAY_LIMITS.matchesPerRoute) {
    issues.push(
      issue('gateway.matches.total', ['spec', 'rules'], {
        max: GATEWAY_LIMITS.matchesPerRoute,
        total,
      }),
    );
  }
  const names = new Map<string, number>();
  rules.forEach((r, i) => {
    issues.push(...validateRule(r, i, grpc));
    // "Name MUST be unique within a Route": no CEL rule enforces it, implementations may refuse.
    if (r.name !== undefined) {
      if (names.has(r.name)) {
        issues.push(
          issue('gateway.rule.name-duplicate', ['spec', 'rules', i, 'name'], { name: r.name }),
        );
      } else {
        names.set(r.name, i);
      }
    }
  });
  return issues;
};

// ---------------------------------------------------------------------------------------------
// Against the namespace's Services

/**
 * Checks a route against the Services of its namespace, as Kiali does for K8s routes: a Service
 * parent that does not exist (KIA1401, "Route is pointing to a non-existent … gateway", for
 * Gateways), a backendRef to a Service that does not exist (KIA1402) or lacks the port. References
 * to other namespaces and kinds are not checked (they are not in `services`).
 */
export const crossCheckGatewayRoute = (route: GatewayRoute, services: Service[]): Issue[] => {
  const ns = route.metadata?.namespace;
  const local = services.filter(
    (s) => !s.metadata?.namespace || !ns || s.metadata.namespace === ns,
  );
  const find = (name: string) => local.find((s) => s.metadata?.name === name);
  const hasPort = (s: Service, port: number) => (s.spec?.ports ?? []).some((p) => p.port === port);
  const inNamespace = (ref: { namespace?: string }) => !ref.namespace || ref.namespace === ns;
  const issues: Issue[] = [];

  (route.spec?.parentRefs ?? []).forEach((ref, i) => {
    if (ref.group !== '' || ref.kind !== 'Service' || !inNamespace(ref)) return;
    const path = ['spec', 'parentRefs', i];
    const svc = find(ref.name);
    if (!svc)
      issues.push(issue('gateway.parent.service-missing', [...path, 'name'], { name: ref.name }));
    else if (ref.port !== undefined && !hasPort(svc, ref.port)) {
      issues.push(
        issue('gateway.parent.port-missing', [...path, 'port'], { name: ref.name, port: ref.port }),
      );
    }
  });

  const checkBackend = (
    ref: { group?: string; kind?: string; name: string; namespace?: string; port?: number },
    path: IssuePath,
  ) => {
    if (!isServiceRef(ref) || !inNamespace(ref)) return;
    const svc = find(ref.name);
    if (!svc)
      issues.push(issue('gateway.backend.service-missing', [...path, 'name'], { name: ref.name }));
    else if (ref.port !== undefined && !hasPort(svc, ref.port)) {
      issues.push(
        issue('gateway.backend.port-missing', [...path, 'port'], {
          name: ref.name,
          port: ref.port,
        }),
      );
    }
  };
  const checkMirrors = (filters: Filter[] | undefined, path: IssuePath) =>
    (filters ?? []).forEach((f, k) => {
      if (f.requestMirror?.backendRef) {
        checkBackend(f.requestMirror.backendRef, [...path, k, 'requestMirror', 'backendRef']);
      }
    });
  ((route.spec?.rules ?? []) as Rule[]).forEach((r, i) => {
    const path = ['spec', 'rules', i];
    ((r.backendRefs ?? []) as BackendRef[]).forEach((b, j) => {
      checkBackend(b, [...path, 'backendRefs', j]);
      checkMirrors(b.filters, [...path, 'backendRefs', j, 'filters']);
    });
    checkMirrors(r.filters, [...path, 'filters']);
  });
  return issues;
};
