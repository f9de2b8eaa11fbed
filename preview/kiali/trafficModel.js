'use strict';
// The stand-in's traffic: a declarative call table for bookinfo, routed through whatever the
// cluster holds right now (VirtualService routes, weights, faults, timeouts, mirrors;
// DestinationRule subsets and TLS; PeerAuthentication; AuthorizationPolicy; ready pods and
// sidecars). Rates are deterministic, so tests can assert them; traces draw from the same
// per-request outcome shares.
const { fqdn, labelsMatch } = require('./readMesh');

const BOOKINFO = 'bookinfo';
const ROOT_RPS = 10;

/**
 * Who calls what, in call order (a caller's row comes after every row that feeds it).
 * `from` is a caller app (null: requests from outside), `to` a Service name in the namespace.
 */
const CALLS = [
  { from: null, to: 'productpage', rps: ROOT_RPS, path: '/productpage' },
  { from: 'productpage', to: 'details', path: '/details/0' },
  { from: 'productpage', to: 'reviews', path: '/reviews/0' },
  { from: 'reviews', fromVersions: ['v2', 'v3'], to: 'ratings', path: '/ratings/0' },
];

/** Own processing time (ms) per app or app/version, before downstream calls. */
const OWN_MS = {
  productpage: 9,
  details: 2.5,
  'reviews/v1': 4,
  'reviews/v2': 5.5,
  'reviews/v3': 6,
  ratings: 1.5,
};
const ownMs = (w) => OWN_MS[`${w.app}/${w.version}`] ?? OWN_MS[w.app] ?? 3;

/** Response body sizes (bytes), for the throughput appender and span tags. */
const RESPONSE_BYTES = { productpage: 5183, details: 178, reviews: 358, ratings: 48 };
const responseBytes = (app) => RESPONSE_BYTES[app] ?? 120;

/** Requests from outside the mesh: no proxy, no identity. */
const UNKNOWN = Object.freeze({
  kind: 'unknown',
  namespace: 'unknown',
  name: 'unknown',
  app: 'unknown',
  version: 'unknown',
  labels: {},
  proxied: false,
  pods: [],
});

/** Istio duration string ("1.5s", "300ms", "1m") in ms; undefined if absent or invalid. */
const durationMs = (d) => {
  if (typeof d !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(d.trim());
  if (!m) return undefined;
  return Number(m[1]) * { ms: 1, s: 1000, m: 60000, h: 3600000 }[m[2]];
};

/** Percent fields: `{value}` (0-100) or legacy integer `percent`; absent means all requests. */
const shareOf = (spec) => {
  if (!spec) return 0;
  const v = spec.percentage?.value ?? spec.percent;
  return v === undefined ? 1 : Math.min(Math.max(Number(v) || 0, 0), 100) / 100;
};

const stringMatch = (m, value) => {
  if (!m) return true;
  if ('exact' in m) return value === m.exact;
  if ('prefix' in m) return value.startsWith(m.prefix);
  if ('regex' in m) {
    try {
      return new RegExp(`^(?:${m.regex})$`).test(value);
    } catch {
      return false;
    }
  }
  return true;
};

/**
 * Whether one HTTPMatchRequest matches the modelled request. The demo traffic is anonymous
 * GETs without extra headers or query parameters, so header/query conditions never match.
 */
const matchRequest = (m, caller, path) => {
  if (m.headers && Object.keys(m.headers).length) return false;
  if (m.queryParams && Object.keys(m.queryParams).length) return false;
  const uriValue = m.ignoreUriCase ? path.toLowerCase() : path;
  const uri = m.uri && m.ignoreUriCase ? lowerMatch(m.uri) : m.uri;
  if (!stringMatch(uri, uriValue)) return false;
  if (!stringMatch(m.method, 'GET')) return false;
  if (m.sourceLabels && !labelsMatch(m.sourceLabels, caller.labels)) return false;
  if (m.sourceNamespace && m.sourceNamespace !== caller.namespace) return false;
  if (m.gateways?.length && !m.gateways.includes('mesh')) return false;
  return true;
};
const lowerMatch = (m) =>
  Object.fromEntries(Object.entries(m).map(([k, v]) => [k, String(v).toLowerCase()]));

const pickHttpRoute = (vs, caller, path) =>
  (vs.spec?.http || []).find(
    (r) => !r.match?.length || r.match.some((m) => matchRequest(m || {}, caller, path)),
  );

const principalOf = (w) => `cluster.local/ns/${w.namespace}/sa/${w.serviceAccount}`;

const valueMatch = (patterns, value) =>
  (patterns || []).some(
    (p) =>
      p === '*' ||
      p === value ||
      (p.endsWith('*') && value.startsWith(p.slice(0, -1))) ||
      (p.startsWith('*') && value.endsWith(p.slice(1))),
  );

/** HTTP attributes a rule may test, which ztunnel (L4 only) cannot see. */
const L7_OPERATION = ['methods', 'notMethods', 'paths', 'notPaths', 'hosts', 'notHosts'];
const L7_SOURCE = ['requestPrincipals', 'notRequestPrincipals'];

/**
 * One AuthorizationPolicy rule against the request; `when` conditions are not modelled. With
 * `l4` (ztunnel), a rule that tests HTTP attributes cannot be evaluated: it never allows and
 * always denies, as ztunnel fails closed.
 */
const ruleMatches = (rule, req, l4 = false) => {
  if (l4) {
    const l7 =
      (rule.to || []).some(({ operation = {} }) => L7_OPERATION.some((k) => k in operation)) ||
      (rule.from || []).some(({ source = {} }) => L7_SOURCE.some((k) => k in source));
    if (l7) return 'l7';
  }
  if (rule.when?.length) return false;
  const fromOk =
    !rule.from?.length ||
    rule.from.some(({ source = {} }) => {
      if (source.principals && !valueMatch(source.principals, req.principal ?? '\0')) return false;
      if (source.notPrincipals && valueMatch(source.notPrincipals, req.principal ?? '\0'))
        return false;
      if (source.namespaces && !valueMatch(source.namespaces, req.namespace ?? '\0')) return false;
      if (source.notNamespaces && valueMatch(source.notNamespaces, req.namespace ?? '\0'))
        return false;
      // Anonymous requests carry no JWT, and the stand-in knows no client IPs.
      if (source.requestPrincipals || source.ipBlocks || source.remoteIpBlocks) return false;
      return true;
    });
  const toOk =
    !rule.to?.length ||
    rule.to.some(({ operation = {} }) => {
      if (operation.methods && !valueMatch(operation.methods, 'GET')) return false;
      if (operation.notMethods && valueMatch(operation.notMethods, 'GET')) return false;
      if (operation.paths && !valueMatch(operation.paths, req.path)) return false;
      if (operation.notPaths && valueMatch(operation.notPaths, req.path)) return false;
      if (operation.ports && !operation.ports.map(String).includes(String(req.port))) return false;
      if (operation.hosts && !valueMatch(operation.hosts, req.host)) return false;
      return true;
    });
  return fromOk && toOk;
};

const targetRefsOf = (p) => [
  ...(p.spec?.targetRefs || []),
  ...(p.spec?.targetRef ? [p.spec.targetRef] : []),
];

/**
 * AuthorizationPolicy decision, DENY first, then the ALLOW lists:
 * - at a workload (`dest`: its sidecar, or its ztunnel with `l4`), the policies selecting it or
 *   its whole namespace (or the root namespace), not those bound to gateways with targetRefs;
 * - at a waypoint (`targets`: the Service and waypoint Gateway it acts for), the policies whose
 *   targetRefs name one of them.
 */
const authorized = (mesh, dest, req, { l4 = false, targets } = {}) => {
  const applicable = mesh.authorizationPolicies.filter((p) => {
    const refs = targetRefsOf(p);
    if (targets) {
      return refs.some((r) =>
        targets.some(
          (t) =>
            (r.group || '') === t.group &&
            r.kind === t.kind &&
            r.name === t.name &&
            p.metadata.namespace === t.namespace,
        ),
      );
    }
    if (refs.length) return false;
    return (
      (p.metadata.namespace === dest.namespace || mesh.rootNamespaces.has(p.metadata.namespace)) &&
      (!p.spec?.selector?.matchLabels ||
        (p.metadata.namespace === dest.namespace &&
          labelsMatch(p.spec.selector.matchLabels, dest.labels)))
    );
  });
  const matches = (p, action) =>
    (p.spec?.rules || []).some((r) => {
      const m = ruleMatches(r || {}, req, l4);
      return m === 'l7' ? action === 'DENY' : m;
    });
  const action = (p) => p.spec?.action || 'ALLOW';
  if (applicable.some((p) => action(p) === 'DENY' && matches(p, 'DENY'))) return false;
  const allows = applicable.filter((p) => action(p) === 'ALLOW');
  return !allows.length || allows.some((p) => matches(p, 'ALLOW'));
};

const tlsModeOf = (dr, subset) =>
  dr?.spec?.subsets?.find((s) => s.name === subset)?.trafficPolicy?.tls?.mode ??
  dr?.spec?.trafficPolicy?.tls?.mode;

/**
 * What happens to one request from `caller` to `service`, as shares that sum to 1. Each
 * outcome: {share, destService, dest (workload or null), code, flags, mtls, delivered,
 * visible (some proxy reports it), delayMs, delayShare, timeoutMs}.
 */
const routeOutcomes = (mesh, caller, service, path) => {
  if (caller.ambient) return ambientOutcomes(mesh, caller, service, path);
  const vs = caller.proxied ? mesh.virtualServiceFor(service) : undefined;
  const route = vs ? pickHttpRoute(vs, caller, path) : undefined;
  const out = [];
  const fail = (share, destService, code, flags) =>
    share > 0 &&
    out.push({
      share,
      destService,
      dest: null,
      code,
      flags,
      mtls: false,
      delivered: false,
      visible: caller.proxied,
    });
  if (vs && !route) {
    // No route matches: the caller's proxy answers 404 itself.
    fail(1, service, 404, 'NR');
    return { outcomes: out, vs, route };
  }
  const fault = route?.fault;
  const abortShare = fault?.abort ? shareOf(fault.abort) : 0;
  fail(abortShare, service, fault?.abort?.httpStatus ?? 503, 'FI');
  const delayMs = fault?.delay ? (durationMs(fault.delay.fixedDelay) ?? 0) : 0;
  const delayShare = fault?.delay ? shareOf(fault.delay) : 0;
  // Timeouts are not applied on a rule that injects faults.
  const timeoutMs = fault ? undefined : durationMs(route?.timeout);
  const rest = 1 - abortShare;

  const destinations = route?.route?.length
    ? route.route.map((d) => ({
        host: fqdn(d.destination?.host, vs.metadata.namespace),
        subset: d.destination?.subset,
        weight: route.route.length === 1 ? 1 : Math.max(Number(d.weight) || 0, 0),
      }))
    : [{ host: service.host, subset: undefined, weight: 1 }];
  const total = destinations.reduce((s, d) => s + d.weight, 0) || 1;

  for (const d of destinations) {
    const share = (rest * d.weight) / total;
    if (share <= 0) continue;
    const target = mesh.serviceByHost.get(d.host);
    if (!target) {
      fail(share, service, 503, 'NC');
      continue;
    }
    const dr = caller.proxied ? mesh.destinationRuleFor(target) : undefined;
    let subsetLabels = {};
    if (d.subset) {
      const subset = dr?.spec?.subsets?.find((s) => s.name === d.subset);
      if (!subset) {
        fail(share, target, 503, 'NC');
        continue;
      }
      subsetLabels = subset.labels || {};
    }
    const ready = target.workloads.filter(
      (w) => w.pods.length > 0 && labelsMatch(subsetLabels, w.labels),
    );
    if (!ready.length) {
      fail(share, target, 503, 'UH');
      continue;
    }
    const pods = ready.reduce((s, w) => s + w.pods.length, 0);
    const clientTls = tlsModeOf(dr, d.subset);
    for (const w of ready) {
      const wShare = (share * w.pods.length) / pods;
      const destMode = mesh.peerAuthModeFor(w);
      const sidecar = w.proxied && !w.gateway && !w.waypoint;
      const mtls =
        caller.proxied &&
        (sidecar || w.ambient) &&
        (w.ambient || destMode !== 'DISABLE') &&
        (clientTls === undefined || clientTls === 'ISTIO_MUTUAL');
      const base = {
        share: wShare,
        destService: target,
        subset: d.subset,
        dest: w,
        mtls,
        delayMs,
        delayShare,
        timeoutMs,
        // The destination's ztunnel sees the connection (L4 telemetry only).
        ztunnel: w.ambient,
      };
      if (w.ambient && destMode === 'STRICT' && !mtls) {
        // ztunnel refuses plaintext: the connection is reset before any HTTP exchange.
        out.push({ ...base, code: 0, flags: 'UC', delivered: false, visible: caller.proxied });
        continue;
      }
      if (sidecar && destMode === 'STRICT' && !mtls) {
        // The server proxy refuses plaintext; only a client proxy can report the failure.
        out.push({
          ...base,
          dest: caller.proxied ? w : null,
          code: 503,
          flags: 'UF',
          delivered: false,
          visible: caller.proxied,
        });
        continue;
      }
      const allowed =
        !(sidecar || w.ambient) ||
        authorized(
          mesh,
          w,
          {
            principal: mtls ? principalOf(caller) : undefined,
            namespace: mtls ? caller.namespace : undefined,
            path,
            port: target.port,
            host: target.host,
          },
          { l4: w.ambient },
        );
      const appErrors = allowed ? w.appErrorShare || 0 : 0;
      if (appErrors > 0) {
        out.push({
          ...base,
          share: wShare * appErrors,
          code: 500,
          flags: '-',
          delivered: true,
          visible: caller.proxied || w.proxied,
        });
      }
      if (appErrors < 1) {
        out.push({
          ...base,
          share: wShare * (1 - appErrors),
          code: allowed ? 200 : 403,
          flags: '-',
          delivered: allowed,
          visible: caller.proxied || w.proxied,
        });
      }
    }
  }
  return { outcomes: out, vs, route };
};

// --- ambient: ztunnel (L4) and waypoints (L7) -------------------------------------------------

/** Gateway API path match against the modelled request path. */
const pathMatches = (m, path) => {
  if (!m) return true;
  const value = m.value ?? '/';
  switch (m.type || 'PathPrefix') {
    case 'Exact':
      return path === value;
    case 'RegularExpression':
      try {
        return new RegExp(`^(?:${value})$`).test(path);
      } catch {
        return false;
      }
    default: {
      // Element-wise prefix: "/reviews" matches "/reviews" and "/reviews/0", not "/reviewsx".
      const prefix = value.replace(/\/+$/, '');
      return prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
    }
  }
};

/** Lexicographic comparison of precedence scores. */
const outranks = (a, b) => {
  const k = a.findIndex((v, i) => v !== b[i]);
  return k >= 0 && a[k] > b[k];
};

/**
 * The HTTPRoute rule a waypoint applies to the modelled request (anonymous GET, no extra headers
 * or query parameters, so header and query matches never match), with Gateway API precedence:
 * an Exact path, then the longest prefix, then a method match; ties go to the oldest route and
 * the first rule.
 */
const pickRouteRule = (routes, path) => {
  let best;
  routes.forEach((route, ri) => {
    (route.spec?.rules || []).forEach((rule, i) => {
      const matches = rule.matches?.length ? rule.matches : [{}];
      for (const m of matches) {
        if (m.headers?.length || m.queryParams?.length) continue;
        if (m.method && m.method !== 'GET') continue;
        if (!pathMatches(m.path, path)) continue;
        const exact = m.path?.type === 'Exact' ? 1 : 0;
        const regex = m.path?.type === 'RegularExpression';
        const length = exact || regex ? 0 : (m.path?.value ?? '/').length;
        const score = [exact, length, m.method ? 1 : 0, -ri, -i];
        if (!best || outranks(score, best.score)) best = { route, rule, score };
      }
    });
  });
  return best;
};

/**
 * One request from a workload ztunnel captured. Without a waypoint for the Service there is only
 * L4: no HTTP routing (VirtualService or HTTPRoute), connections spread over the ready pods, and
 * no proxy reports HTTP (ztunnel reports TCP only). With a waypoint, the waypoint applies the
 * HTTPRoutes attached to the Service and reports the request itself (reporter="waypoint"),
 * caller and destination named as the original ones, the destination service being the
 * backend's (istio/istio cluster_waypoint.go puts each backend Service on its cluster for the
 * stats filter). VirtualServices are not applied to ambient traffic here.
 */
const ambientOutcomes = (mesh, caller, service, path) => {
  const out = [];
  const wp = mesh.waypointFor(service);
  const spread = (share, target, extra, allowedAt) => {
    const ready = target.workloads.filter((w) => w.pods.length > 0);
    if (!ready.length) {
      out.push({
        share,
        destService: target,
        dest: null,
        code: 503,
        flags: 'UH',
        mtls: false,
        delivered: false,
        ...extra,
      });
      return;
    }
    const pods = ready.reduce((s, w) => s + w.pods.length, 0);
    for (const w of ready) {
      const wShare = (share * w.pods.length) / pods;
      // Through a waypoint both hops are HBONE (mTLS); without one, only between captured pods.
      const base = {
        share: wShare,
        destService: target,
        dest: w,
        mtls: Boolean(extra.waypoint) || w.ambient,
        ...extra,
      };
      if (!allowedAt(w)) {
        // The destination's ztunnel resets the connection: no HTTP answer at all.
        out.push({ ...base, code: wp ? 503 : 0, flags: wp ? 'UF' : 'UC', delivered: false });
        continue;
      }
      const appErrors = w.appErrorShare || 0;
      if (appErrors > 0) {
        out.push({ ...base, share: wShare * appErrors, code: 500, flags: '-', delivered: true });
      }
      if (appErrors < 1) {
        out.push({
          ...base,
          share: wShare * (1 - appErrors),
          code: 200,
          flags: '-',
          delivered: true,
        });
      }
    }
  };
  // ztunnel at the destination enforces L4 policy against the identity that connects to it.
  const l4Allowed = (peer, target) => (w) =>
    !w.ambient ||
    authorized(
      mesh,
      w,
      {
        principal: principalOf(peer),
        namespace: peer.namespace,
        path,
        port: target.port,
        host: target.host,
      },
      { l4: true },
    );

  if (!wp) {
    // Only the destination's sidecar (if any) would report HTTP.
    spread(1, service, { ztunnel: true }, l4Allowed(caller, service));
    for (const o of out) o.visible = Boolean(o.dest?.proxied && !o.dest.waypoint);
    return { outcomes: out };
  }

  const extra = (timeoutMs) => ({
    waypoint: wp.workload,
    ztunnel: true,
    visible: true,
    ...(timeoutMs ? { timeoutMs } : {}),
  });
  const fail = (share, destService, code, flags) =>
    share > 0 &&
    out.push({
      share,
      destService,
      dest: null,
      code,
      flags,
      mtls: true,
      delivered: false,
      ...extra(),
    });

  // L7 policy at the waypoint (targetRefs to the Service or to the waypoint's Gateway).
  const targets = [
    { group: '', kind: 'Service', name: service.name, namespace: service.namespace },
    {
      group: 'gateway.networking.k8s.io',
      kind: 'Gateway',
      name: wp.gateway.metadata.name,
      namespace: wp.gateway.metadata.namespace,
    },
  ];
  const req = {
    principal: principalOf(caller),
    namespace: caller.namespace,
    path,
    port: service.port,
    host: service.host,
  };
  if (!authorized(mesh, null, req, { targets })) {
    fail(1, service, 403, '-');
    return { outcomes: out };
  }

  const routes = mesh.httpRoutesFor(service);
  if (!routes.length) {
    spread(1, service, extra(), l4Allowed(wp.workload, service));
    return { outcomes: out };
  }
  const picked = pickRouteRule(routes, path);
  if (!picked) {
    fail(1, service, 404, 'NR');
    return { outcomes: out };
  }
  const { route, rule } = picked;
  const timeoutMs = durationMs(rule.timeouts?.request);
  const refs = (rule.backendRefs || []).map((ref) => ({
    ref,
    weight: ref.weight === undefined ? 1 : Math.max(Number(ref.weight) || 0, 0),
  }));
  const total = refs.reduce((s, r) => s + r.weight, 0);
  // No backend, or all weighted 0: Gateway API requires a 500.
  if (!total) {
    fail(1, service, 500, '-');
    return { outcomes: out };
  }
  for (const { ref, weight } of refs) {
    const share = weight / total;
    if (share <= 0) continue;
    const ns = ref.namespace || route.metadata.namespace;
    const target =
      (ref.group || '') === '' && (ref.kind || 'Service') === 'Service'
        ? mesh.services.find((s) => s.namespace === ns && s.name === ref.name)
        : undefined;
    // Istio answers 500 for a backend it cannot resolve.
    if (!target) fail(share, service, 500, '-');
    else spread(share, target, extra(timeoutMs), l4Allowed(wp.workload, target));
  }
  return { outcomes: out, route };
};

/** The caller of the table's root rows: an ingress gateway if the cluster runs one. */
const rootCaller = (mesh) => mesh.workloads.find((w) => w.gateway && w.pods.length) || UNKNOWN;

const callersOf = (mesh, row) =>
  row.from === null
    ? [rootCaller(mesh)]
    : mesh
        .workloadsOfApp(BOOKINFO, row.from)
        .filter((w) => !row.fromVersions || row.fromVersions.includes(w.version));

const keyOf = (w) => `${w.namespace}/${w.name}`;

/**
 * Every leg of traffic in the steady state: {caller, service (requested), destService, dest,
 * rate (req/s), code, flags, mtls, delivered, visible, row (of CALLS), mirrored?}, plus the
 * response-time distributions.
 */
const computeTraffic = (mesh) => {
  const served = new Map();
  const legs = [];
  const add = (leg) => {
    legs.push(leg);
    if (leg.delivered) served.set(keyOf(leg.dest), (served.get(keyOf(leg.dest)) || 0) + leg.rate);
  };
  for (const row of CALLS) {
    const service = mesh.services.find((s) => s.namespace === BOOKINFO && s.name === row.to);
    if (!service) continue;
    for (const caller of callersOf(mesh, row)) {
      const rate = row.from === null ? row.rps : served.get(keyOf(caller)) || 0;
      if (rate <= 0) continue;
      const { outcomes, route, vs } = routeOutcomes(mesh, caller, service, row.path);
      for (const o of outcomes) add({ ...o, caller, service, rate: rate * o.share, row });
      for (const m of mirrorsOf(mesh, caller, route, vs)) {
        for (const w of m.workloads) {
          add({
            caller,
            service,
            destService: m.service,
            dest: w,
            rate: (rate * m.share * w.pods.length) / m.pods,
            code: 200,
            flags: '-',
            mtls: caller.proxied && w.proxied && mesh.peerAuthModeFor(w) !== 'DISABLE',
            delivered: true,
            visible: true,
            mirrored: true,
            row,
          });
        }
      }
    }
  }
  const responseMs = responseTimes(legs);
  // A route timeout cuts off the requests whose answer comes later than it.
  for (const l of [...legs]) {
    if (!l.delivered || !l.timeoutMs) continue;
    const late = responseMs.reached(l).filter(([, ms]) => ms > l.timeoutMs);
    const share = late.reduce((sum, [p]) => sum + p, 0);
    if (share <= 1e-9) continue;
    if (share >= 1 - 1e-9) {
      Object.assign(l, { code: 504, flags: 'UT' });
      continue;
    }
    legs.push({ ...l, rate: l.rate * share, code: 504, flags: 'UT' });
    l.rate *= 1 - share;
  }
  // Callers wait less now that some answers are cut off: measure again.
  return { legs, served, responseMs: responseTimes(legs) };
};

/** Mirror targets of a route (mirror or mirrors[]), with their ready workloads. */
const mirrorsOf = (mesh, caller, route, vs) => {
  if (!route || !caller.proxied) return [];
  const specs = route.mirrors?.length
    ? route.mirrors.map((m) => ({ destination: m.destination, percentage: m.percentage }))
    : route.mirror
      ? [{ destination: route.mirror, percentage: route.mirrorPercentage }]
      : [];
  return specs.flatMap((m) => {
    const service = mesh.serviceByHost.get(fqdn(m.destination?.host, vs.metadata.namespace));
    if (!service) return [];
    const subset = m.destination.subset
      ? mesh
          .destinationRuleFor(service)
          ?.spec?.subsets?.find((s) => s.name === m.destination.subset)
      : { labels: {} };
    if (!subset) return [];
    const workloads = service.workloads.filter(
      (w) => w.pods.length && labelsMatch(subset.labels || {}, w.labels),
    );
    const pods = workloads.reduce((s, w) => s + w.pods.length, 0);
    const share = m.percentage?.value === undefined ? 1 : Number(m.percentage.value) / 100;
    return pods && share > 0 ? [{ service, workloads, pods, share }] : [];
  });
};

// Response times are small discrete distributions: [[probability, ms], ...].
const MAX_POINTS = 24;
const compress = (dist) => {
  const sorted = dist.filter(([p]) => p > 0).sort((a, b) => a[1] - b[1]);
  while (sorted.length > MAX_POINTS) {
    // Merge the closest neighbours, keeping the mean.
    let best = 0;
    for (let i = 1; i < sorted.length - 1; i++) {
      if (sorted[i + 1][1] - sorted[i][1] < sorted[best + 1][1] - sorted[best][1]) best = i;
    }
    const [[p1, t1], [p2, t2]] = [sorted[best], sorted[best + 1]];
    sorted.splice(best, 2, [p1 + p2, (p1 * t1 + p2 * t2) / (p1 + p2)]);
  }
  return sorted;
};
const convolve = (a, b) => compress(a.flatMap(([p, t]) => b.map(([q, u]) => [p * q, t + u])));
const shift = (dist, ms) => dist.map(([p, t]) => [p, t + ms]);
const scale = (dist, k) => dist.map(([p, t]) => [p * k, t]);
const mean = (dist) => dist.reduce((s, [p, t]) => s + p * t, 0);

/** Own processing time with a tail: most requests near the typical time, a few slow. */
const ownDist = (w) => {
  const o = ownMs(w);
  return [
    [0.5, 0.8 * o],
    [0.45, 1.1 * o],
    [0.05, 2.6 * o],
  ];
};

/**
 * Response-time distributions: of each workload (its own time, then its calls in order), and of
 * each leg as its caller sees it (fault delays added, timeouts cutting the tail).
 */
const responseTimes = (legs) => {
  const memo = new Map();
  const ofWorkload = (w, depth = 0) => {
    const k = keyOf(w);
    if (memo.has(k)) return memo.get(k);
    let dist = ownDist(w);
    if (depth < 8) {
      const byRow = new Map();
      for (const l of legs.filter((x) => x.caller === w && !x.mirrored)) {
        byRow.set(l.row, [...(byRow.get(l.row) || []), l]);
      }
      for (const rowLegs of byRow.values()) {
        const sum = rowLegs.reduce((s, l) => s + l.rate, 0) || 1;
        dist = convolve(
          dist,
          compress(rowLegs.flatMap((l) => scale(ofLeg(l, depth + 1), l.rate / sum))),
        );
      }
    }
    memo.set(k, dist);
    return dist;
  };
  /** What the caller waits for when the request reaches the destination (before timeouts). */
  const reached = (l, depth = 0) => {
    const d = ofWorkload(l.dest, depth);
    const p = l.delayShare || 0;
    return p > 0 ? compress([...scale(d, 1 - p), ...scale(shift(d, l.delayMs || 0), p)]) : d;
  };
  const ofLeg = (l, depth = 0) => {
    if (!l.delivered || !l.dest) return [[1, l.code === 403 ? 0.4 : 0.2]];
    if (l.code === 504) return [[1, l.timeoutMs]];
    const d = reached(l, depth);
    if (!l.timeoutMs) return d;
    // The answers that beat the timeout (the others are the leg's 504 twin).
    const inTime = d.filter(([, t]) => t <= l.timeoutMs);
    const mass = inTime.reduce((s, [p]) => s + p, 0);
    return mass > 0 ? scale(inTime, 1 / mass) : [[1, l.timeoutMs]];
  };
  /** The q-quantile (0-1) or, for 'avg', the mean of a leg's response time in ms. */
  const legStat = (l, stat) => {
    const d = compress(ofLeg(l));
    const total = d.reduce((s, [p]) => s + p, 0) || 1;
    if (stat === 'avg') return mean(d) / total;
    let acc = 0;
    for (const [p, t] of d) {
      acc += p / total;
      if (acc >= stat - 1e-9) return t;
    }
    return d.length ? d[d.length - 1][1] : 0;
  };
  return { ofWorkload, ofLeg, reached, legStat };
};

module.exports = {
  BOOKINFO,
  CALLS,
  UNKNOWN,
  computeTraffic,
  routeOutcomes,
  rootCaller,
  callersOf,
  ownMs,
  responseBytes,
  principalOf,
  durationMs,
};
