/**
 * Checks of the Istio configuration already in the cluster, each against the rest of it: what a
 * VirtualService routes to exists, DestinationRule subsets select pods, selectors select
 * workloads, policies name real namespaces and service accounts, and so on (reference §10.2,
 * §10.3). Each check is a small function of one object and the index; results are memoised per
 * object and index, so re-validating thousands of unchanged objects costs a lookup each (objects
 * are read-only here, as the watch hooks hand them out: an edit is a new object).
 */
import type { K8sResourceCommon, Service } from '../../models';
import type { Issue, IssuePath } from '../issues';
import { HTTP_METHODS } from '../primitives';
import { selectorMatches } from '../security/selector';
import { configIssue } from './configCodes';
import { gatewayKey, objectKey, selectorOf } from './meshConfigIndex';
import type {
  AuthorizationPolicyView,
  ConfigKind,
  ConfigWorkload,
  DestinationRuleView,
  DestinationView,
  Labels,
  MeshConfigIndex,
  PeerAuthenticationView,
  PolicyView,
  ResolvedHost,
  RouteView,
  SelectorKind,
  ServiceEntryView,
  TrafficPolicyView,
  VirtualServiceView,
} from './meshConfigIndex';

const nameOf = (o: K8sResourceCommon) => o.metadata?.name ?? '';
const nsOf = (o: K8sResourceCommon) => o.metadata?.namespace ?? '';
/** Same object by identity in the cluster (an edited copy is still the same object). */
const same = (a: K8sResourceCommon, b: K8sResourceCommon) =>
  nameOf(a) === nameOf(b) && nsOf(a) === nsOf(b);
const refOf = (o: K8sResourceCommon) => `${nsOf(o)}/${nameOf(o)}`;
const matches = (labels: Labels, w: ConfigWorkload) =>
  selectorMatches({ matchLabels: labels }, w.labels);

// ---------------------------------------------------------------------------------------------
// Shared

/** exportTo entries naming a namespace that does not exist (`.`, `*` and `~` are keywords). */
export const checkExportTo = (
  obj: K8sResourceCommon & { spec?: { exportTo?: string[] } },
  index: MeshConfigIndex,
): Issue[] =>
  (obj.spec?.exportTo ?? []).flatMap((ns, i) =>
    ns !== '.' && ns !== '*' && ns !== '~' && index.namespaceExists(ns) === false
      ? [
          configIssue('config.export-to.namespace-not-found', ['spec', 'exportTo', i], {
            namespace: ns,
          }),
        ]
      : [],
  );

/**
 * The workloads a selector-based policy can select: its namespace's, or for AuthorizationPolicy
 * and RequestAuthentication in the root namespace, every namespace's. Undefined when unknown.
 */
const candidateWorkloads = (
  kind: ConfigKind,
  obj: K8sResourceCommon,
  index: MeshConfigIndex,
): readonly ConfigWorkload[] | undefined => {
  const ns = nsOf(obj);
  const meshWide =
    ns === index.rootNamespace &&
    (kind === 'AuthorizationPolicy' || kind === 'RequestAuthentication');
  if (!meshWide) return index.workloadsIn(ns);
  // Only some namespaces read: a mesh-wide policy may select workloads we cannot see.
  return index.input.readNamespaces ? undefined : index.allWorkloads();
};

const selectorPath = (kind: ConfigKind): IssuePath =>
  kind === 'Sidecar' ? ['spec', 'workloadSelector', 'labels'] : ['spec', 'selector', 'matchLabels'];

const hasTargetRefs = (obj: PolicyView) => !!obj.spec?.targetRef || !!obj.spec?.targetRefs?.length;

/** KIA0004: the selector matches no workload. */
export const checkSelectorMatchesWorkload = (
  kind: ConfigKind,
  obj: K8sResourceCommon,
  index: MeshConfigIndex,
): Issue[] => {
  const labels = selectorOf(kind, obj);
  if (!labels || hasTargetRefs(obj as PolicyView)) return [];
  const pool = candidateWorkloads(kind, obj, index);
  if (!pool || pool.some((w) => matches(labels, w))) return [];
  return [configIssue('config.selector.no-workload', selectorPath(kind))];
};

/**
 * KIA0002: another object of the kind without a selector in the same namespace. istiod keeps
 * only the oldest PeerAuthentication and Sidecar; it combines RequestAuthentications' rules, but
 * Kiali reports them too and we agree with Kiali.
 */
export const checkOneSelectorless = (
  kind: SelectorKind,
  obj: K8sResourceCommon,
  index: MeshConfigIndex,
): Issue[] => {
  if (selectorOf(kind, obj) || hasTargetRefs(obj as PolicyView)) return [];
  const others = index.selectorless(kind, nsOf(obj)).filter((o) => !same(o, obj));
  if (!others.length) return [];
  return [
    configIssue('config.selectorless.several', [], {
      other: nameOf(others[0]),
      count: others.length,
    }),
  ];
};

/** KIA0003: another object of the kind selects one of the same workloads. */
export const checkOneSelectorPerWorkload = (
  kind: SelectorKind,
  obj: K8sResourceCommon,
  index: MeshConfigIndex,
): Issue[] => {
  const labels = selectorOf(kind, obj);
  if (!labels) return [];
  for (const w of index.workloadsIn(nsOf(obj)) ?? []) {
    if (!matches(labels, w)) continue;
    const other = index.selecting(kind, w).find((o) => !same(o, obj));
    if (other) {
      return [
        configIssue('config.selector.several', selectorPath(kind), {
          other: nameOf(other),
          workload: w.name,
        }),
      ];
    }
  }
  return [];
};

// ---------------------------------------------------------------------------------------------
// VirtualService

const PROTOCOLS = ['http', 'tcp', 'tls'] as const;

type DestinationAt = { dest: DestinationView; path: IssuePath };

/** Every destination a VirtualService sends traffic to: routes, then mirrors. */
const destinationsOf = (vs: VirtualServiceView): DestinationAt[] => {
  const out: DestinationAt[] = [];
  for (const proto of PROTOCOLS) {
    (vs.spec?.[proto] ?? []).forEach((rule: RouteView, i) => {
      (rule?.route ?? []).forEach((r, j) => {
        if (r?.destination) {
          out.push({ dest: r.destination, path: ['spec', proto, i, 'route', j, 'destination'] });
        }
      });
      if (rule?.mirror) out.push({ dest: rule.mirror, path: ['spec', proto, i, 'mirror'] });
      (rule?.mirrors ?? []).forEach((m, k) => {
        if (m?.destination) {
          out.push({ dest: m.destination, path: ['spec', proto, i, 'mirrors', k, 'destination'] });
        }
      });
    });
  }
  return out;
};

/** KIA1101: a destination host that is neither a Service nor a visible ServiceEntry host. */
export const checkVsDestinationHosts = (vs: VirtualServiceView, index: MeshConfigIndex): Issue[] =>
  destinationsOf(vs).flatMap(({ dest, path }) => {
    if (!dest.host) return [];
    const host = index.resolveHost(dest.host, nsOf(vs));
    return index.hostStatus(host, nsOf(vs)) === 'missing'
      ? [configIssue('config.vs.host-not-found', [...path, 'host'], { host: dest.host })]
      : [];
  });

/**
 * KIA1107: a subset no DestinationRule defines for the host. Kiali calls it a warning; Istio
 * answers such requests with 503 (no healthy upstream). We keep Kiali's severity so the two agree.
 */
export const checkVsSubsets = (vs: VirtualServiceView, index: MeshConfigIndex): Issue[] =>
  destinationsOf(vs).flatMap(({ dest, path }) => {
    if (!dest.host || !dest.subset) return [];
    const host = index.resolveHost(dest.host, nsOf(vs));
    // A missing host is reported already; its subsets cannot exist either.
    if (host.wildcard || index.hostStatus(host, nsOf(vs)) === 'missing') return [];
    const subsets = index.subsetsOf(host.fqdn);
    return subsets && !subsets.has(dest.subset)
      ? [
          configIssue('config.vs.subset-not-found', [...path, 'subset'], {
            host: dest.host,
            subset: dest.subset,
          }),
        ]
      : [];
  });

/** KIA1102: a gateway reference (`mesh` is reserved) to no Gateway. */
export const checkVsGateways = (vs: VirtualServiceView, index: MeshConfigIndex): Issue[] => {
  const check = (refs: string[] | undefined, path: IssuePath): Issue[] =>
    (refs ?? []).flatMap((ref, k) => {
      if (ref === 'mesh') return [];
      const key = gatewayKey(ref, nsOf(vs));
      const slash = key.indexOf('/');
      return index.gatewayExists(key.slice(0, slash), key.slice(slash + 1)) === false
        ? [configIssue('config.vs.gateway-not-found', [...path, k], { gateway: ref })]
        : [];
    });
  const issues = check(vs.spec?.gateways, ['spec', 'gateways']);
  for (const proto of PROTOCOLS) {
    (vs.spec?.[proto] ?? []).forEach((rule: RouteView, i) =>
      (rule?.match ?? []).forEach((m, j) =>
        issues.push(...check(m?.gateways, ['spec', proto, i, 'match', j, 'gateways'])),
      ),
    );
  }
  return issues;
};

/**
 * KIA1104: the only destination of a route has a weight below 100; it gets all the traffic
 * anyway. Kiali cannot tell `weight: 0` from no weight; we can, and 0 misleads the same way.
 */
export const checkVsSingleWeight = (vs: VirtualServiceView): Issue[] =>
  PROTOCOLS.flatMap((proto) =>
    (vs.spec?.[proto] ?? []).flatMap((rule: RouteView, i) => {
      const route = rule?.route ?? [];
      const weight = route[0]?.weight;
      return route.length === 1 && typeof weight === 'number' && weight < 100
        ? [
            configIssue('config.vs.single-weight', ['spec', proto, i, 'route', 0, 'weight'], {
              weight,
            }),
          ]
        : [];
    }),
  );

/** KIA1105: the same host, subset and port twice in one route: a split that splits nothing. */
export const checkVsRepeatedDestinations = (
  vs: VirtualServiceView,
  index: MeshConfigIndex,
): Issue[] =>
  PROTOCOLS.flatMap((proto) =>
    (vs.spec?.[proto] ?? []).flatMap((rule: RouteView, i) => {
      const seen = new Map<string, number[]>();
      (rule?.route ?? []).forEach((r, j) => {
        const d = r?.destination;
        if (!d?.host) return;
        const key = [
          index.resolveHost(d.host, nsOf(vs)).fqdn,
          d.subset ?? '',
          d.port?.number ?? '',
        ].join('|');
        seen.set(key, [...(seen.get(key) ?? []), j]);
      });
      return [...seen.values()]
        .filter((js) => js.length > 1)
        .flatMap((js) =>
          js.map((j) => {
            const d = rule.route?.[j]?.destination as DestinationView;
            return configIssue(
              'config.vs.repeated-destination',
              ['spec', proto, i, 'route', j, 'destination', 'host'],
              { host: d.host ?? '', ...(d.subset ? { subset: d.subset } : {}) },
            );
          }),
        );
    }),
  );

/**
 * KIA1106: another VirtualService claims the same host on the same gateway (or the mesh).
 * Sidecars take only one of them; gateways merge them, in an order nobody chose.
 */
export const checkVsHostClaimedTwice = (
  vs: VirtualServiceView,
  index: MeshConfigIndex,
): Issue[] => {
  const gateways = vs.spec?.gateways?.length ? vs.spec.gateways : ['mesh'];
  const keys = [...new Set(gateways.map((g) => gatewayKey(g, nsOf(vs))))];
  return (vs.spec?.hosts ?? []).flatMap((h, i) => {
    const fqdn = index.resolveHost(h, nsOf(vs)).fqdn;
    for (const gw of keys) {
      const others = index.virtualServicesFor(gw, fqdn).filter((o) => !same(o, vs));
      if (others.length) {
        return [
          configIssue('config.vs.host-in-several', ['spec', 'hosts', i], {
            host: h,
            gateway: gw,
            other: refOf(others[0]),
            count: others.length,
          }),
        ];
      }
    }
    return [];
  });
};

export const validateVirtualService = (vs: VirtualServiceView, index: MeshConfigIndex): Issue[] => [
  ...checkVsDestinationHosts(vs, index),
  ...checkVsSubsets(vs, index),
  ...checkVsGateways(vs, index),
  ...checkVsSingleWeight(vs),
  ...checkVsRepeatedDestinations(vs, index),
  ...checkVsHostClaimedTwice(vs, index),
  ...checkExportTo(vs, index),
];

// ---------------------------------------------------------------------------------------------
// DestinationRule

/** KIA0202: the host is neither a Service nor a visible ServiceEntry host (wildcards pass). */
export const checkDrHost = (dr: DestinationRuleView, index: MeshConfigIndex): Issue[] => {
  const raw = dr.spec?.host;
  if (!raw) return [];
  const host = index.resolveHost(raw, nsOf(dr));
  return index.hostStatus(host, nsOf(dr)) === 'missing'
    ? [configIssue('config.dr.host-not-found', ['spec', 'host'], { host: raw })]
    : [];
};

/** KIA0209: a subset without labels selects every pod of the host: no subset at all. */
export const checkDrSubsetLabels = (dr: DestinationRuleView): Issue[] =>
  (dr.spec?.subsets ?? []).flatMap((s, i) =>
    Object.keys(s?.labels ?? {}).length === 0
      ? [
          configIssue('config.dr.subset-no-labels', ['spec', 'subsets', i], {
            subset: s?.name ?? '',
          }),
        ]
      : [],
  );

/** The Service a host names and the workloads it selects; undefined when unknown. */
const hostBackends = (
  host: ResolvedHost,
  index: MeshConfigIndex,
):
  | {
      service?: Service;
      namespace: string;
      selector: Labels;
      workloads?: readonly ConfigWorkload[];
    }
  | undefined => {
  if (host.wildcard) {
    // `*.<ns>.svc.<domain>`: every workload of the namespace.
    const m = /^\*\.([^.*]+)\.svc\.(.+)$/.exec(host.fqdn);
    if (!m || m[2] !== index.clusterDomain) return undefined;
    return { namespace: m[1], selector: {}, workloads: index.workloadsIn(m[1]) };
  }
  const service = index.serviceOf(host);
  const selector = service?.spec?.selector;
  if (!service || !selector || Object.keys(selector).length === 0) return undefined;
  const namespace = nsOf(service);
  const inNs = index.workloadsIn(namespace);
  return {
    service,
    namespace,
    selector,
    workloads: inNs?.filter((w) => matches(selector, w)),
  };
};

/** KIA0203: a subset's labels select none of the host's workloads: its traffic gets 503. */
export const checkDrSubsetWorkloads = (
  dr: DestinationRuleView,
  index: MeshConfigIndex,
): Issue[] => {
  if (!dr.spec?.host) return [];
  const host = index.resolveHost(dr.spec.host, nsOf(dr));
  if (host.wildcard) return [];
  const backends = hostBackends(host, index);
  if (!backends?.workloads) return [];
  const workloads = backends.workloads;
  return (dr.spec.subsets ?? []).flatMap((s, i) => {
    const labels = s?.labels ?? {};
    if (Object.keys(labels).length === 0 || workloads.some((w) => matches(labels, w))) return [];
    return [
      configIssue('config.dr.subset-no-workloads', ['spec', 'subsets', i, 'labels'], {
        subset: s.name ?? '',
        host: dr.spec?.host ?? '',
      }),
    ];
  });
};

/**
 * KIA0201: another DestinationRule in the namespace for the same host defines the same subset,
 * or one of the two has no subsets (and so claims the whole host). istiod keeps the older.
 */
export const checkDrRivals = (dr: DestinationRuleView, index: MeshConfigIndex): Issue[] => {
  if (!dr.spec?.host || Object.keys(dr.spec.workloadSelector?.matchLabels ?? {}).length) return [];
  const fqdn = index.resolveHost(dr.spec.host, nsOf(dr)).fqdn;
  const others = index.destinationRulesFor(nsOf(dr), fqdn).filter((o) => !same(o, dr));
  if (!others.length) return [];
  const subsets = dr.spec.subsets ?? [];
  const wholeHost = others.find((o) => !o.spec?.subsets?.length);
  if (!subsets.length || wholeHost) {
    return [
      configIssue('config.dr.host-in-several', ['spec', 'host'], {
        host: dr.spec.host,
        other: nameOf(wholeHost ?? others[0]),
      }),
    ];
  }
  return subsets.flatMap((s, i) => {
    const rival = others.find((o) => o.spec?.subsets?.some((os) => os?.name === s?.name));
    return rival && s?.name
      ? [
          configIssue('config.dr.subset-in-several', ['spec', 'subsets', i, 'name'], {
            subset: s.name,
            other: nameOf(rival),
          }),
        ]
      : [];
  });
};

/** The workload port a Service port sends to; undefined when a named target is not declared. */
const targetPortOf = (service: Service, port: number, w: ConfigWorkload): number | undefined => {
  const sp = service.spec?.ports?.find((p) => p.port === port);
  if (!sp) return undefined;
  const t = sp.targetPort;
  if (t === undefined || t === '') return sp.port;
  if (typeof t === 'number') return t;
  if (/^\d+$/.test(t)) return Number(t);
  return w.ports.find((p) => p.name === t)?.number;
};

type StrictHit = { workload: ConfigWorkload; policy?: string };

/** The first workload whose effective mTLS on one of these ports (or overall) is STRICT. */
const strictAmong = (
  workloads: readonly ConfigWorkload[],
  portsOf: (w: ConfigWorkload) => number[] | undefined,
  index: MeshConfigIndex,
): StrictHit | undefined => {
  for (const w of workloads) {
    const ports = portsOf(w);
    const eff = index.effectiveMtls({
      namespace: w.namespace,
      labels: w.labels,
      ports: ports ?? [],
    });
    const strict = ports?.length
      ? ports.some((p) => (eff.portModes[String(p)] ?? eff.mode) === 'STRICT')
      : eff.mode === 'STRICT';
    if (strict) {
      return {
        workload: w,
        ...(eff.policy ? { policy: `${eff.policy.namespace}/${eff.policy.name}` } : {}),
      };
    }
  }
  return undefined;
};

/**
 * KIA0207: the rule sends plaintext (`tls.mode: DISABLE`, for the host, a port or a subset) to
 * workloads whose PeerAuthentication is STRICT: every such request is refused.
 */
export const checkDrTlsAgainstStrict = (
  dr: DestinationRuleView,
  index: MeshConfigIndex,
): Issue[] => {
  if (!dr.spec?.host || !index.input.peerAuthentications) return [];
  const host = index.resolveHost(dr.spec.host, nsOf(dr));
  const backends = hostBackends(host, index);
  if (!backends) return [];
  const { service } = backends;
  // With no workload known, one shaped by the Service's selector stands for them all:
  // namespace- and mesh-wide policies still decide, and it is in every subset.
  const stand = !backends.workloads?.length;
  const all: readonly ConfigWorkload[] = stand
    ? [
        {
          kind: 'Pod',
          name: '',
          namespace: backends.namespace,
          labels: backends.selector,
          serviceAccount: 'default',
          ports: [],
        },
      ]
    : (backends.workloads ?? []);
  const servicePorts = (service?.spec?.ports ?? []).map((p) => p.port);
  const issues: Issue[] = [];
  const check = (
    policy: TrafficPolicyView | undefined,
    path: IssuePath,
    workloads: readonly ConfigWorkload[],
  ) => {
    const portLevel = policy?.portLevelSettings ?? [];
    const overridden = new Set(portLevel.filter((p) => p?.tls?.mode).map((p) => p.port?.number));
    const hit = (ports: number[] | undefined) =>
      strictAmong(
        workloads,
        (w) =>
          service && ports
            ? ports
                .map((p) => targetPortOf(service, p, w))
                .filter((p): p is number => p !== undefined)
            : undefined,
        index,
      );
    const remaining = servicePorts.filter((p) => !overridden.has(p));
    // Every port with its own TLS setting: the host-level one governs none of them.
    if (policy?.tls?.mode === 'DISABLE' && !(servicePorts.length && !remaining.length)) {
      const found = hit(servicePorts.length ? remaining : undefined);
      if (found) issues.push(strictIssue([...path, 'tls', 'mode'], dr, found));
    }
    portLevel.forEach((pl, k) => {
      const port = pl?.port?.number;
      if (pl?.tls?.mode !== 'DISABLE' || !port) return;
      const found = hit(service ? [port] : undefined);
      if (found) {
        issues.push(strictIssue([...path, 'portLevelSettings', k, 'tls', 'mode'], dr, found, port));
      }
    });
  };
  check(dr.spec.trafficPolicy, ['spec', 'trafficPolicy'], all);
  (dr.spec.subsets ?? []).forEach((s, i) => {
    if (!s?.trafficPolicy) return;
    const labels = s.labels ?? {};
    const picked = stand ? all : all.filter((w) => matches(labels, w));
    check(s.trafficPolicy, ['spec', 'subsets', i, 'trafficPolicy'], picked);
  });
  return issues;
};

const strictIssue = (path: IssuePath, dr: DestinationRuleView, hit: StrictHit, port?: number) =>
  configIssue('config.dr.tls-disabled-strict', path, {
    host: dr.spec?.host ?? '',
    ...(hit.workload.name ? { workload: hit.workload.name } : {}),
    ...(hit.policy ? { peerAuthentication: hit.policy } : {}),
    ...(port ? { port } : {}),
  });

/** A port-level setting for a port the host's Service (or ServiceEntry) does not have. */
export const checkDrPorts = (dr: DestinationRuleView, index: MeshConfigIndex): Issue[] => {
  if (!dr.spec?.host) return [];
  const host = index.resolveHost(dr.spec.host, nsOf(dr));
  if (host.wildcard) return [];
  const service = index.serviceOf(host);
  const ports = service
    ? (service.spec?.ports ?? []).map((p) => p.port)
    : index.serviceEntryPorts(host, nsOf(dr));
  if (!ports.length) return [];
  const check = (policy: TrafficPolicyView | undefined, path: IssuePath): Issue[] =>
    (policy?.portLevelSettings ?? []).flatMap((pl, k) => {
      const port = pl?.port?.number;
      return port && !ports.includes(port)
        ? [
            configIssue(
              'config.dr.port-not-found',
              [...path, 'portLevelSettings', k, 'port', 'number'],
              {
                port,
                host: dr.spec?.host ?? '',
              },
            ),
          ]
        : [];
    });
  return [
    ...check(dr.spec.trafficPolicy, ['spec', 'trafficPolicy']),
    ...(dr.spec.subsets ?? []).flatMap((s, i) =>
      check(s?.trafficPolicy, ['spec', 'subsets', i, 'trafficPolicy']),
    ),
  ];
};

export const validateDestinationRule = (
  dr: DestinationRuleView,
  index: MeshConfigIndex,
): Issue[] => [
  ...checkDrHost(dr, index),
  ...checkDrSubsetLabels(dr),
  ...checkDrSubsetWorkloads(dr, index),
  ...checkDrRivals(dr, index),
  ...checkDrTlsAgainstStrict(dr, index),
  ...checkDrPorts(dr, index),
  ...checkExportTo(dr, index),
];

// ---------------------------------------------------------------------------------------------
// PeerAuthentication

/**
 * portLevelMtls keys are workload (target) ports. A key no selected workload listens on does
 * nothing; the usual slip is the Service's port where it differs from the target port.
 */
export const checkPaPorts = (pa: PeerAuthenticationView, index: MeshConfigIndex): Issue[] => {
  const labels = selectorOf('PeerAuthentication', pa);
  const keys = Object.keys(pa.spec?.portLevelMtls ?? {});
  if (!labels || !keys.length) return [];
  const selected = (index.workloadsIn(nsOf(pa)) ?? []).filter((w) => matches(labels, w));
  const targets = new Set<number>();
  const servicePorts = new Map<number, number>();
  for (const w of selected) {
    w.ports.forEach((p) => targets.add(p.number));
    for (const s of index.servicesSelecting(w)) {
      for (const sp of s.spec?.ports ?? []) {
        const t = targetPortOf(s, sp.port, w);
        if (t !== undefined) {
          targets.add(t);
          servicePorts.set(sp.port, t);
        }
      }
    }
  }
  if (!targets.size) return [];
  return keys.flatMap((key) => {
    const port = Number(key);
    if (!Number.isInteger(port) || targets.has(port)) return [];
    const target = servicePorts.get(port);
    return [
      target !== undefined
        ? configIssue('config.pa.port-is-service-port', ['spec', 'portLevelMtls', key], {
            port,
            targetPort: target,
          })
        : configIssue('config.pa.port-not-found', ['spec', 'portLevelMtls', key], { port }),
    ];
  });
};

export const validatePeerAuthentication = (
  pa: PeerAuthenticationView,
  index: MeshConfigIndex,
): Issue[] => [
  ...checkSelectorMatchesWorkload('PeerAuthentication', pa, index),
  ...checkOneSelectorless('PeerAuthentication', pa, index),
  ...checkOneSelectorPerWorkload('PeerAuthentication', pa, index),
  ...checkPaPorts(pa, index),
];

// ---------------------------------------------------------------------------------------------
// AuthorizationPolicy

type SourceField = 'namespaces' | 'notNamespaces' | 'principals' | 'notPrincipals';

const eachSourceValue = (
  ap: AuthorizationPolicyView,
  field: SourceField | 'serviceAccounts' | 'notServiceAccounts',
  fn: (value: string, path: IssuePath) => Issue[],
): Issue[] =>
  (ap.spec?.rules ?? []).flatMap((rule, r) =>
    (rule?.from ?? []).flatMap((f, k) =>
      (f?.source?.[field] ?? []).flatMap((value, i) =>
        fn(value, ['spec', 'rules', r, 'from', k, 'source', field, i]),
      ),
    ),
  );

/** KIA0101: a source namespace that does not exist (patterns with `*` are not checked). */
export const checkApNamespaces = (ap: AuthorizationPolicyView, index: MeshConfigIndex): Issue[] =>
  (['namespaces', 'notNamespaces'] as const).flatMap((field) =>
    eachSourceValue(ap, field, (ns, path) =>
      !ns.includes('*') && index.namespaceExists(ns) === false
        ? [configIssue('config.ap.namespace-not-found', path, { namespace: ns })]
        : [],
    ),
  );

const PRINCIPAL = /^([^/]+)\/ns\/([^/]+)\/sa\/([^/]+)$/;

/**
 * KIA0106: a principal (`<trust domain>/ns/<ns>/sa/<sa>`) or service account (`<ns>/<sa>`, `<sa>`)
 * whose service account does not exist. Wildcards and other trust domains are not checked.
 */
export const checkApServiceAccounts = (
  ap: AuthorizationPolicyView,
  index: MeshConfigIndex,
): Issue[] => {
  const missing = (ns: string, sa: string, path: IssuePath, value: string): Issue[] =>
    index.serviceAccountExists(ns, sa) === false
      ? [
          configIssue('config.ap.service-account-not-found', path, {
            value,
            namespace: ns,
            serviceAccount: sa,
          }),
        ]
      : [];
  return [
    ...(['principals', 'notPrincipals'] as const).flatMap((field) =>
      eachSourceValue(ap, field, (p, path) => {
        const m = p.includes('*') ? null : PRINCIPAL.exec(p);
        return m && m[1] === index.trustDomain ? missing(m[2], m[3], path, p) : [];
      }),
    ),
    ...(['serviceAccounts', 'notServiceAccounts'] as const).flatMap((field) =>
      eachSourceValue(ap, field, (v, path) => {
        if (v.includes('*')) return [];
        const [ns, sa] = v.includes('/') ? v.split('/', 2) : [nsOf(ap), v];
        return ns && sa ? missing(ns, sa, path, v) : [];
      }),
    ),
  ];
};

/**
 * Whether a method value can match an HTTP method: exact, `*`, or a prefix (`GE*`) or suffix
 * (`*ET`) pattern. Unlike Kiali we do not upper-case first: Istio compares the method exactly,
 * so `get` never matches a request.
 */
export const isMethodPattern = (m: string): boolean => {
  if (m === '*') return true;
  if (m.length > 1 && m.endsWith('*') && !m.startsWith('*')) {
    return HTTP_METHODS.some((h) => h.startsWith(m.slice(0, -1)));
  }
  if (m.length > 1 && m.startsWith('*') && !m.endsWith('*')) {
    return HTTP_METHODS.some((h) => h.endsWith(m.slice(1)));
  }
  return HTTP_METHODS.includes(m);
};

/** KIA0102: a method (or notMethod) that no HTTP request can have. */
export const checkApMethods = (ap: AuthorizationPolicyView): Issue[] =>
  (ap.spec?.rules ?? []).flatMap((rule, r) =>
    (rule?.to ?? []).flatMap((t, k) =>
      (['methods', 'notMethods'] as const).flatMap((field) =>
        (t?.operation?.[field] ?? []).flatMap((m, i) =>
          isMethodPattern(m)
            ? []
            : [
                configIssue(
                  'config.ap.method-unknown',
                  ['spec', 'rules', r, 'to', k, 'operation', field, i],
                  {
                    method: m,
                  },
                ),
              ],
        ),
      ),
    ),
  );

export const validateAuthorizationPolicy = (
  ap: AuthorizationPolicyView,
  index: MeshConfigIndex,
): Issue[] => [
  ...checkSelectorMatchesWorkload('AuthorizationPolicy', ap, index),
  ...checkApNamespaces(ap, index),
  ...checkApServiceAccounts(ap, index),
  ...checkApMethods(ap),
];

// ---------------------------------------------------------------------------------------------
// RequestAuthentication

/**
 * Whether an ALLOW or DENY policy looks at the request's token: a request principal in a source,
 * or a `request.auth.*` condition.
 */
export const requiresToken = (ap: AuthorizationPolicyView): boolean => {
  const action = ap.spec?.action ?? 'ALLOW';
  if (action !== 'ALLOW' && action !== 'DENY') return false;
  return (ap.spec?.rules ?? []).some(
    (rule) =>
      (rule?.from ?? []).some(
        (f) => !!f?.source?.requestPrincipals?.length || !!f?.source?.notRequestPrincipals?.length,
      ) || (rule?.when ?? []).some((c) => c?.key?.startsWith('request.auth.')),
  );
};

/**
 * A RequestAuthentication rejects bad tokens but lets requests without one through: unless an
 * AuthorizationPolicy on the same workloads asks for a request principal, the token is optional.
 */
export const checkRaTokenRequired = (ra: PolicyView, index: MeshConfigIndex): Issue[] => {
  if (hasTargetRefs(ra) || !index.input.authorizationPolicies) return [];
  const pool = candidateWorkloads('RequestAuthentication', ra, index);
  const labels = selectorOf('RequestAuthentication', ra);
  const covered = labels ? pool?.filter((w) => matches(labels, w)) : pool;
  if (!covered?.length) return [];
  const open = covered.filter((w) => !index.authorizationPoliciesFor(w).some(requiresToken));
  return open.length
    ? [configIssue('config.ra.token-optional', [], { workload: open[0].name, count: open.length })]
    : [];
};

export const validateRequestAuthentication = (ra: PolicyView, index: MeshConfigIndex): Issue[] => [
  ...checkSelectorMatchesWorkload('RequestAuthentication', ra, index),
  ...checkOneSelectorless('RequestAuthentication', ra, index),
  ...checkOneSelectorPerWorkload('RequestAuthentication', ra, index),
  ...checkRaTokenRequired(ra, index),
];

// ---------------------------------------------------------------------------------------------
// Sidecar

export const validateSidecar = (sc: K8sResourceCommon, index: MeshConfigIndex): Issue[] => [
  ...checkSelectorMatchesWorkload('Sidecar', sc, index),
  ...checkOneSelectorless('Sidecar', sc, index),
  ...checkOneSelectorPerWorkload('Sidecar', sc, index),
];

// ---------------------------------------------------------------------------------------------
// Service

/** The protocols Istio reads from a port name's prefix or an appProtocol (protocol.Parse). */
const PORT_PROTOCOLS = new Set([
  'grpc',
  'grpc-web',
  'http',
  'http_proxy',
  'http2',
  'https',
  'mongo',
  'mysql',
  'redis',
  'tcp',
  'tls',
  'udp',
]);
/** appProtocol values Kubernetes standardises and Istio understands. */
const K8S_APP_PROTOCOLS = new Set(['kubernetes.io/h2c', 'kubernetes.io/ws', 'kubernetes.io/wss']);

/** Istio's reading of a port name or appProtocol: `grpc-web…`, else the part before the first `-`. */
export const portProtocolOf = (name: string): string | undefined => {
  const lower = name.toLowerCase();
  if (lower.startsWith('grpc-web')) return 'grpc-web';
  const prefix = lower.split('-')[0];
  return PORT_PROTOCOLS.has(prefix) ? prefix : undefined;
};

const inMesh = (service: Service, index: MeshConfigIndex): boolean => {
  const members = index.input.memberNamespaces;
  if (members) return members.includes(nsOf(service));
  // Without the member list, Kiali's rule: a Service is in the mesh when a pod it selects has a proxy.
  const selector = service.spec?.selector;
  if (!selector || !Object.keys(selector).length) return false;
  return (index.workloadsIn(nsOf(service)) ?? []).some((w) => w.hasProxy && matches(selector, w));
};

/**
 * KIA0601/KIA0602: a port whose name (or appProtocol) does not say its protocol, so Istio has to
 * guess. Unlike Kiali, an appProtocol with a suffix (`http-v2`) passes, as Istio reads it.
 */
export const checkServicePorts = (service: Service, index: MeshConfigIndex): Issue[] => {
  if (!inMesh(service, index)) return [];
  return (service.spec?.ports ?? []).flatMap((p, i) => {
    if (p.protocol?.toUpperCase() === 'UDP') return [];
    if (p.appProtocol) {
      return K8S_APP_PROTOCOLS.has(p.appProtocol) || portProtocolOf(p.appProtocol)
        ? []
        : [
            configIssue('config.service.app-protocol', ['spec', 'ports', i, 'appProtocol'], {
              appProtocol: p.appProtocol,
            }),
          ];
    }
    return portProtocolOf(p.name ?? '')
      ? []
      : [
          configIssue('config.service.port-name', ['spec', 'ports', i, 'name'], {
            name: p.name ?? '',
            port: p.port,
          }),
        ];
  });
};

// ---------------------------------------------------------------------------------------------
// Dispatch and memoisation

const VALIDATORS: Record<ConfigKind, (obj: K8sResourceCommon, index: MeshConfigIndex) => Issue[]> =
  {
    VirtualService: (o, i) => validateVirtualService(o as VirtualServiceView, i),
    DestinationRule: (o, i) => validateDestinationRule(o as DestinationRuleView, i),
    Gateway: () => [],
    ServiceEntry: (o, i) => checkExportTo(o as ServiceEntryView, i),
    Sidecar: validateSidecar,
    PeerAuthentication: (o, i) => validatePeerAuthentication(o as PeerAuthenticationView, i),
    AuthorizationPolicy: (o, i) => validateAuthorizationPolicy(o as AuthorizationPolicyView, i),
    RequestAuthentication: (o, i) => validateRequestAuthentication(o as PolicyView, i),
    Service: (o, i) => checkServicePorts(o as Service, i),
  };

const isConfigKind = (kind: string | undefined): kind is ConfigKind =>
  !!kind && Object.prototype.hasOwnProperty.call(VALIDATORS, kind);

const perIndex = new WeakMap<MeshConfigIndex, WeakMap<object, Issue[]>>();
const allPerIndex = new WeakMap<MeshConfigIndex, Map<string, Issue[]>>();

/**
 * The issues of one object against the rest of the configuration. The object need not be in the
 * index (a proposed edit is checked against what the cluster holds, the old version of itself
 * excluded). `kind` defaults to the object's own, then to the list the index found it in. The
 * same object with the same index returns the same array.
 */
export const validateObject = (
  obj: K8sResourceCommon,
  index: MeshConfigIndex,
  kind: string | undefined = obj.kind ?? index.kindOf(obj),
): Issue[] => {
  if (!isConfigKind(kind)) return [];
  let cache = perIndex.get(index);
  if (!cache) {
    cache = new WeakMap();
    perIndex.set(index, cache);
  }
  const hit = cache.get(obj);
  if (hit) return hit;
  const issues = VALIDATORS[kind](obj, index);
  cache.set(obj, issues);
  return issues;
};

/**
 * Every object of the index with its issues (an empty list for a clean one), keyed
 * `${kind}/${namespace}/${name}`. Computed once per index.
 */
export const validateAll = (index: MeshConfigIndex): Map<string, Issue[]> => {
  const known = allPerIndex.get(index);
  if (known) return known;
  const out = new Map<string, Issue[]>();
  for (const { kind, obj } of index.objects())
    out.set(objectKey(kind, obj), validateObject(obj, index, kind));
  allPerIndex.set(index, out);
  return out;
};
