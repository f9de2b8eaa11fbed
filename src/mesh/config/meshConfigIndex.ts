/**
 * The Istio configuration already in the cluster, indexed once so every check of every object is
 * a lookup: Services by name and FQDN, ServiceEntry hosts, DestinationRule subsets by host,
 * workloads by namespace, service accounts, VirtualServices per gateway and host, and the groups
 * the "more than one" checks need. Pure: the caller reads the objects, this only arranges them.
 *
 * A list the caller could not read (not served, forbidden, still loading) is left `undefined`,
 * never `[]`: an absent list makes the checks that need it say nothing, where an empty one would
 * make every reference look broken.
 */
import type {
  AuthorizationPolicy,
  Deployment,
  DestinationRule,
  Gateway,
  K8sResourceCommon,
  Namespace,
  PeerAuthentication,
  Pod,
  RequestAuthentication,
  Service,
  ServiceAccount,
  ServiceEntry,
  Sidecar,
  StatefulSet,
  VirtualService,
} from '../../models';
import { resolveEffectiveMtls, sidecarStatus } from '../security/mtls';
import type { EffectiveMtls } from '../security/mtls';
import { selectorMatches } from '../security/selector';

export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';
export const DEFAULT_TRUST_DOMAIN = 'cluster.local';

export type MeshConfigInput = {
  /** The control plane's root namespace (`istio-system`, or the SMCP namespace on 2.x). */
  rootNamespace: string;
  /** Kubernetes cluster domain that short names expand into; `cluster.local` by default. */
  clusterDomain?: string;
  /** Trust domain of workload identities in AuthorizationPolicy principals. */
  trustDomain?: string;
  /**
   * The namespaces whose objects were read, when the caller could not read them all (a user who
   * sees only some namespaces). A reference into any other namespace is not checked.
   * Undefined: every namespace was read.
   */
  readNamespaces?: readonly string[];
  /** The mesh's member namespaces, for the Service port naming checks. */
  memberNamespaces?: readonly string[];
  virtualServices?: VirtualService[];
  destinationRules?: DestinationRule[];
  gateways?: Gateway[];
  serviceEntries?: ServiceEntry[];
  sidecars?: Sidecar[];
  peerAuthentications?: PeerAuthentication[];
  authorizationPolicies?: AuthorizationPolicy[];
  requestAuthentications?: RequestAuthentication[];
  services?: Service[];
  /** Workloads come from Deployments and StatefulSets (their pod templates) and bare Pods. */
  pods?: Pod[];
  deployments?: Deployment[];
  statefulSets?: StatefulSet[];
  serviceAccounts?: ServiceAccount[];
  namespaces?: Namespace[];
};

/** The kinds validateMeshConfig checks, in the order validateAll reports them. */
export const CONFIG_KINDS = [
  'VirtualService',
  'DestinationRule',
  'Gateway',
  'ServiceEntry',
  'Sidecar',
  'PeerAuthentication',
  'AuthorizationPolicy',
  'RequestAuthentication',
  'Service',
] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];

const INPUT_OF: Record<ConfigKind, keyof MeshConfigInput> = {
  VirtualService: 'virtualServices',
  DestinationRule: 'destinationRules',
  Gateway: 'gateways',
  ServiceEntry: 'serviceEntries',
  Sidecar: 'sidecars',
  PeerAuthentication: 'peerAuthentications',
  AuthorizationPolicy: 'authorizationPolicies',
  RequestAuthentication: 'requestAuthentications',
  Service: 'services',
};

// ---------------------------------------------------------------------------------------------
// What the checks read of each kind. The generated Istio types spell oneOfs as large unions;
// these narrow, structural views keep the checks simple and cheap for the compiler.

export type Labels = Record<string, string>;
export type TargetRef = { group?: string; kind: string; name: string; namespace?: string };

export type DestinationView = { host?: string; subset?: string; port?: { number?: number } };
export type RouteDestinationView = { destination?: DestinationView; weight?: number };
export type MatchView = { gateways?: string[] };
export type RouteView = {
  match?: MatchView[];
  route?: RouteDestinationView[];
  mirror?: DestinationView;
  mirrors?: { destination?: DestinationView }[];
};
export type VirtualServiceView = K8sResourceCommon & {
  spec?: {
    hosts?: string[];
    gateways?: string[];
    exportTo?: string[];
    http?: RouteView[];
    tcp?: RouteView[];
    tls?: RouteView[];
  };
};

export type TlsView = { mode?: string };
export type PortPolicyView = { port?: { number?: number }; tls?: TlsView };
export type TrafficPolicyView = { tls?: TlsView; portLevelSettings?: PortPolicyView[] };
export type SubsetView = { name?: string; labels?: Labels; trafficPolicy?: TrafficPolicyView };
export type DestinationRuleView = K8sResourceCommon & {
  spec?: {
    host?: string;
    exportTo?: string[];
    workloadSelector?: { matchLabels?: Labels };
    trafficPolicy?: TrafficPolicyView;
    subsets?: SubsetView[];
  };
};

export type ServiceEntryView = K8sResourceCommon & {
  spec?: { hosts?: string[]; exportTo?: string[]; ports?: { number?: number; name?: string }[] };
};

export type GatewayView = K8sResourceCommon & { spec?: { selector?: Labels } };

export type SidecarView = K8sResourceCommon & { spec?: { workloadSelector?: { labels?: Labels } } };

/** PeerAuthentication, RequestAuthentication, AuthorizationPolicy: what selects their workloads. */
export type PolicyView = K8sResourceCommon & {
  spec?: {
    selector?: { matchLabels?: Labels };
    targetRef?: TargetRef;
    targetRefs?: TargetRef[];
  };
};

export type PeerAuthenticationView = PolicyView & {
  spec?: { portLevelMtls?: Record<string, { mode?: string } | undefined> };
};

export type AuthorizationSourceView = {
  principals?: string[];
  notPrincipals?: string[];
  requestPrincipals?: string[];
  notRequestPrincipals?: string[];
  namespaces?: string[];
  notNamespaces?: string[];
  serviceAccounts?: string[];
  notServiceAccounts?: string[];
};
export type AuthorizationRuleView = {
  from?: { source?: AuthorizationSourceView }[];
  to?: { operation?: { methods?: string[]; notMethods?: string[] } }[];
  when?: { key?: string }[];
};
export type AuthorizationPolicyView = PolicyView & {
  spec?: { action?: string; rules?: AuthorizationRuleView[] };
};

// ---------------------------------------------------------------------------------------------

/** A workload as selectors see it: a Deployment's or StatefulSet's pod template, or a bare Pod. */
export type ConfigWorkload = {
  kind: 'Deployment' | 'StatefulSet' | 'Pod';
  name: string;
  namespace: string;
  labels: Labels;
  serviceAccount: string;
  /** Declared container ports. */
  ports: { number: number; name?: string }[];
  /** Whether a running pod carries the proxy; undefined when no pod of it was read. */
  hasProxy?: boolean;
};

export type ResolvedHost = {
  /** The host as Istio compares it: short names expanded, lowercase. */
  fqdn: string;
  wildcard: boolean;
  /** When the FQDN names a Kubernetes Service: its name and namespace (whether or not it exists). */
  service?: { name: string; namespace: string };
};

/** Whether a host is known: `unknown` when the lists that would prove it were not read. */
export type HostStatus = 'found' | 'missing' | 'unknown';

/** Kinds of which one per namespace (without selector) or per workload (with one) takes effect. */
export type SelectorKind = 'PeerAuthentication' | 'RequestAuthentication' | 'Sidecar';

export type MeshConfigIndex = {
  readonly input: MeshConfigInput;
  readonly rootNamespace: string;
  readonly clusterDomain: string;
  readonly trustDomain: string;
  /** The kind of an object this index holds (list items often carry no `kind`). */
  kindOf(obj: object): ConfigKind | undefined;
  /** Every object of the kinds validated, with its kind, in CONFIG_KINDS order. */
  objects(): readonly { kind: ConfigKind; obj: K8sResourceCommon }[];
  /** Whether the caller read this namespace's objects. */
  isRead(namespace: string): boolean;
  /** Undefined when namespaces were not read. */
  namespaceExists(namespace: string): boolean | undefined;
  resolveHost(host: string, namespace: string): ResolvedHost;
  /** A destination host seen from `fromNamespace`: Service or visible ServiceEntry. */
  hostStatus(host: ResolvedHost, fromNamespace: string): HostStatus;
  serviceOf(host: ResolvedHost): Service | undefined;
  /** Ports of the ServiceEntries visible from `fromNamespace` that define this host. */
  serviceEntryPorts(host: ResolvedHost, fromNamespace: string): number[];
  /** Subset names that DestinationRules define for a host; undefined when DRs were not read. */
  subsetsOf(fqdn: string): ReadonlySet<string> | undefined;
  /** Undefined when gateways were not read or the gateway's namespace was not. */
  gatewayExists(namespace: string, name: string): boolean | undefined;
  /** Undefined when workloads were not read (or their namespace was not). */
  workloadsIn(namespace: string): readonly ConfigWorkload[] | undefined;
  allWorkloads(): readonly ConfigWorkload[] | undefined;
  servicesSelecting(workload: ConfigWorkload): readonly Service[];
  /** Undefined when service accounts were not read (or their namespace was not). */
  serviceAccountExists(namespace: string, name: string): boolean | undefined;
  /** VirtualServices bound to a gateway (`ns/name` or `mesh`) that claim a host. */
  virtualServicesFor(gateway: string, fqdn: string): readonly VirtualServiceView[];
  /** Selector-less DestinationRules of a namespace for a host. */
  destinationRulesFor(namespace: string, fqdn: string): readonly DestinationRuleView[];
  /** Objects of a kind in a namespace with no selector. */
  selectorless(kind: SelectorKind, ns: string): readonly K8sResourceCommon[];
  /** Objects of a kind whose selectors pick this workload. */
  selecting(kind: SelectorKind, workload: ConfigWorkload): readonly K8sResourceCommon[];
  effectiveMtls(workload: { namespace: string; labels: Labels; ports?: number[] }): EffectiveMtls;
  authorizationPoliciesFor(workload: ConfigWorkload): readonly AuthorizationPolicyView[];
};

const nameOf = (o: K8sResourceCommon) => o.metadata?.name ?? '';
const nsOf = (o: K8sResourceCommon) => o.metadata?.namespace ?? '';

/** The map key of an object: `${kind}/${namespace}/${name}`. */
export const objectKey = (kind: string, obj: K8sResourceCommon): string =>
  `${kind}/${nsOf(obj)}/${nameOf(obj)}`;

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/**
 * Whether a host pattern covers a host, as Istio matches them: `*` covers everything, `*.x.com`
 * covers any name ending in `.x.com`, anything else only itself.
 */
export const hostMatches = (pattern: string, host: string): boolean => {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return pattern === host;
};

/** Whether an object with this exportTo, living in `ownNs`, is visible from `fromNs`. */
export const exportedTo = (
  exportTo: readonly string[] | undefined,
  ownNs: string,
  fromNs: string,
): boolean =>
  !exportTo?.length ||
  exportTo.some((e) => e === '*' || e === fromNs || (e === '.' && ownNs === fromNs));

const podTemplateWorkload = (kind: 'Deployment' | 'StatefulSet', d: Deployment): ConfigWorkload => {
  const podSpec = d.spec?.template?.spec;
  return {
    kind,
    name: nameOf(d),
    namespace: nsOf(d),
    labels: { ...d.spec?.template?.metadata?.labels },
    serviceAccount: podSpec?.serviceAccountName || 'default',
    ports: (podSpec?.containers ?? []).flatMap((c) =>
      (c.ports ?? []).map((p) => ({ number: p.containerPort, name: p.name })),
    ),
  };
};

const podWorkload = (p: Pod): ConfigWorkload => ({
  kind: 'Pod',
  name: nameOf(p),
  namespace: nsOf(p),
  labels: { ...p.metadata?.labels },
  serviceAccount: p.spec?.serviceAccountName || 'default',
  ports: (p.spec?.containers ?? []).flatMap((c) =>
    (c.ports ?? []).map((port) => ({ number: port.containerPort, name: port.name })),
  ),
  hasProxy: sidecarStatus(p).hasProxy,
});

/**
 * Controllers stand for their pods (a scaled-down Deployment still has a template selectors can
 * match); a pod no controller selects is a workload of its own.
 */
const buildWorkloads = (input: MeshConfigInput): ConfigWorkload[] | undefined => {
  if (!input.pods && !input.deployments && !input.statefulSets) return undefined;
  const controllers = [
    ...(input.deployments ?? []).map((d) => ({ d, w: podTemplateWorkload('Deployment', d) })),
    ...(input.statefulSets ?? []).map((d) => ({ d, w: podTemplateWorkload('StatefulSet', d) })),
  ];
  const byNs = new Map<string, typeof controllers>();
  for (const c of controllers) push(byNs, c.w.namespace, c);
  const bare: ConfigWorkload[] = [];
  for (const pod of input.pods ?? []) {
    const pw = podWorkload(pod);
    const owner = (byNs.get(pw.namespace) ?? []).find((c) => {
      const sel = c.d.spec?.selector?.matchLabels;
      return (
        !!sel && Object.keys(sel).length > 0 && selectorMatches({ matchLabels: sel }, pw.labels)
      );
    });
    if (owner) owner.w.hasProxy = owner.w.hasProxy || pw.hasProxy;
    else bare.push(pw);
  }
  return [...controllers.map((c) => c.w), ...bare];
};

/** The labels a selector-based object matches; undefined when it has none (or an empty one). */
export const selectorOf = (kind: ConfigKind, obj: K8sResourceCommon): Labels | undefined => {
  const labels =
    kind === 'Sidecar'
      ? (obj as SidecarView).spec?.workloadSelector?.labels
      : (obj as PolicyView).spec?.selector?.matchLabels;
  return labels && Object.keys(labels).length > 0 ? labels : undefined;
};

/** Builds the lookups once; every check afterwards reads them. */
export const indexMeshConfig = (input: MeshConfigInput): MeshConfigIndex => {
  const rootNamespace = input.rootNamespace;
  const clusterDomain = (input.clusterDomain || DEFAULT_CLUSTER_DOMAIN).toLowerCase();
  const trustDomain = input.trustDomain || DEFAULT_TRUST_DOMAIN;
  const read = input.readNamespaces ? new Set(input.readNamespaces) : undefined;
  const isRead = (ns: string) => !read || read.has(ns);

  const kinds = new WeakMap<object, ConfigKind>();
  const all: { kind: ConfigKind; obj: K8sResourceCommon }[] = [];
  for (const kind of CONFIG_KINDS) {
    for (const obj of (input[INPUT_OF[kind]] as K8sResourceCommon[] | undefined) ?? []) {
      kinds.set(obj, kind);
      all.push({ kind, obj });
    }
  }

  const namespaceNames = input.namespaces ? new Set(input.namespaces.map(nameOf)) : undefined;
  // Which names a two-label host (`reviews.bookinfo`) may take as its namespace.
  const knownNamespaces = new Set([...(namespaceNames ?? []), ...(input.services ?? []).map(nsOf)]);

  const svcSuffix = `.svc.${clusterDomain}`;
  const resolved = new Map<string, ResolvedHost>();
  const resolveHost = (host: string, namespace: string): ResolvedHost => {
    const key = `${namespace}|${host}`;
    let r = resolved.get(key);
    if (!r) {
      r = resolveUncached(host, namespace);
      resolved.set(key, r);
    }
    return r;
  };
  const resolveUncached = (host: string, namespace: string): ResolvedHost => {
    const h = host.trim().toLowerCase().replace(/\.$/, '');
    const wildcard = h.includes('*');
    let fqdn = h;
    const labels = h.split('.');
    if (!wildcard) {
      // Istio itself expands only dotless names (ResolveShortnameToFQDN); `name.ns` and
      // `name.ns.svc` are resolved as Kiali does, since the sidecar's DNS search path makes them
      // reach the service and users write them.
      if (labels.length === 1) fqdn = `${h}.${namespace}${svcSuffix}`;
      else if (labels.length === 2 && knownNamespaces.has(labels[1])) fqdn = `${h}${svcSuffix}`;
      else if (labels.length === 3 && labels[2] === 'svc') fqdn = `${h}.${clusterDomain}`;
    }
    const m = !wildcard && fqdn.endsWith(svcSuffix) ? fqdn.slice(0, -svcSuffix.length) : '';
    const parts = m.split('.');
    return {
      fqdn,
      wildcard,
      ...(parts.length === 2 && parts[0] && parts[1]
        ? { service: { name: parts[0], namespace: parts[1] } }
        : {}),
    };
  };

  // Services
  const servicesByFqdn = new Map<string, Service>();
  const servicesByNs = new Map<string, Service[]>();
  for (const s of input.services ?? []) {
    servicesByFqdn.set(`${nameOf(s)}.${nsOf(s)}${svcSuffix}`, s);
    push(servicesByNs, nsOf(s), s);
  }

  // ServiceEntry hosts: exact ones by FQDN, wildcard ones scanned.
  type SeHost = { pattern: string; se: ServiceEntryView };
  const seExact = new Map<string, ServiceEntryView[]>();
  const seWildcard: SeHost[] = [];
  for (const se of (input.serviceEntries ?? []) as ServiceEntryView[]) {
    for (const h of se.spec?.hosts ?? []) {
      const r = resolveHost(h, nsOf(se));
      if (r.wildcard) seWildcard.push({ pattern: r.fqdn, se });
      else push(seExact, r.fqdn, se);
    }
  }
  const serviceEntriesFor = (host: ResolvedHost, fromNs: string): ServiceEntryView[] =>
    [
      ...(seExact.get(host.fqdn) ?? []),
      ...seWildcard.filter((w) => hostMatches(w.pattern, host.fqdn)).map((w) => w.se),
    ].filter((se) => exportedTo(se.spec?.exportTo, nsOf(se), fromNs));

  // DestinationRule subsets by host
  const drs = input.destinationRules as DestinationRuleView[] | undefined;
  const subsetsExact = new Map<string, Set<string>>();
  const subsetsWildcard: { pattern: string; subsets: string[] }[] = [];
  const drGroups = new Map<string, DestinationRuleView[]>();
  for (const dr of drs ?? []) {
    const host = dr.spec?.host;
    if (!host) continue;
    const r = resolveHost(host, nsOf(dr));
    const names = (dr.spec?.subsets ?? []).map((s) => s.name ?? '').filter(Boolean);
    if (r.wildcard) subsetsWildcard.push({ pattern: r.fqdn, subsets: names });
    else {
      const set = subsetsExact.get(r.fqdn) ?? new Set<string>();
      names.forEach((n) => set.add(n));
      subsetsExact.set(r.fqdn, set);
    }
    // A DR with a workloadSelector applies only to those clients: it is no rival of the others.
    if (!Object.keys(dr.spec?.workloadSelector?.matchLabels ?? {}).length) {
      push(drGroups, `${nsOf(dr)}|${r.fqdn}`, dr);
    }
  }
  const subsetsCache = new Map<string, ReadonlySet<string>>();
  const subsetsOf = (fqdn: string): ReadonlySet<string> | undefined => {
    if (!drs) return undefined;
    let set = subsetsCache.get(fqdn);
    if (!set) {
      const s = new Set(subsetsExact.get(fqdn) ?? []);
      for (const w of subsetsWildcard)
        if (hostMatches(w.pattern, fqdn)) w.subsets.forEach((n) => s.add(n));
      set = s;
      subsetsCache.set(fqdn, set);
    }
    return set;
  };

  // Gateways
  const gatewayKeys = input.gateways
    ? new Set(input.gateways.map((g) => `${nsOf(g)}/${nameOf(g)}`))
    : undefined;

  // VirtualServices per gateway and host
  const vsGroups = new Map<string, VirtualServiceView[]>();
  for (const vs of (input.virtualServices ?? []) as VirtualServiceView[]) {
    const gateways = vs.spec?.gateways?.length ? vs.spec.gateways : ['mesh'];
    const hosts = new Set((vs.spec?.hosts ?? []).map((h) => resolveHost(h, nsOf(vs)).fqdn));
    for (const gw of new Set(gateways.map((g) => gatewayKey(g, nsOf(vs))))) {
      for (const h of hosts) push(vsGroups, `${gw}|${h}`, vs);
    }
  }

  // Workloads
  const workloads = buildWorkloads(input);
  const workloadsByNs = new Map<string, ConfigWorkload[]>();
  for (const w of workloads ?? []) push(workloadsByNs, w.namespace, w);

  const selectingCache = new WeakMap<ConfigWorkload, Service[]>();
  const servicesSelecting = (w: ConfigWorkload): Service[] => {
    let list = selectingCache.get(w);
    if (!list) {
      list = (servicesByNs.get(w.namespace) ?? []).filter((s) => {
        const sel = s.spec?.selector;
        return (
          !!sel && Object.keys(sel).length > 0 && selectorMatches({ matchLabels: sel }, w.labels)
        );
      });
      selectingCache.set(w, list);
    }
    return list;
  };

  // Service accounts
  const serviceAccounts = input.serviceAccounts
    ? new Set(input.serviceAccounts.map((sa) => `${nsOf(sa)}/${nameOf(sa)}`))
    : undefined;

  // Selector-less objects and selector matches, per kind
  const selectorlessGroups = new Map<string, K8sResourceCommon[]>();
  const withSelector = new Map<string, { obj: K8sResourceCommon; labels: Labels }[]>();
  const selectorKinds: SelectorKind[] = ['PeerAuthentication', 'RequestAuthentication', 'Sidecar'];
  for (const kind of selectorKinds) {
    for (const obj of (input[INPUT_OF[kind]] as K8sResourceCommon[] | undefined) ?? []) {
      const labels = selectorOf(kind, obj);
      if (labels) push(withSelector, `${kind}|${nsOf(obj)}`, { obj, labels });
      else push(selectorlessGroups, `${kind}|${nsOf(obj)}`, obj);
    }
  }
  const selecting = (kind: SelectorKind, w: ConfigWorkload): K8sResourceCommon[] =>
    (withSelector.get(`${kind}|${w.namespace}`) ?? [])
      .filter((e) => selectorMatches({ matchLabels: e.labels }, w.labels))
      .map((e) => e.obj);

  // PeerAuthentications that can decide a namespace's mode: its own and the root namespace's.
  const pasByNs = new Map<string, PeerAuthentication[]>();
  for (const pa of input.peerAuthentications ?? []) push(pasByNs, nsOf(pa), pa);
  const effectiveMtls = (w: { namespace: string; labels: Labels; ports?: number[] }) =>
    resolveEffectiveMtls(
      [
        ...(pasByNs.get(w.namespace) ?? []),
        ...(w.namespace === rootNamespace ? [] : (pasByNs.get(rootNamespace) ?? [])),
      ],
      rootNamespace,
      w,
    );

  const apsByNs = new Map<string, AuthorizationPolicyView[]>();
  for (const ap of (input.authorizationPolicies ?? []) as AuthorizationPolicyView[]) {
    push(apsByNs, nsOf(ap), ap);
  }
  const authorizationPoliciesFor = (w: ConfigWorkload): AuthorizationPolicyView[] =>
    [
      ...(apsByNs.get(w.namespace) ?? []),
      ...(w.namespace === rootNamespace ? [] : (apsByNs.get(rootNamespace) ?? [])),
    ].filter((ap) => {
      if (ap.spec?.targetRef || ap.spec?.targetRefs?.length) return false;
      const sel = ap.spec?.selector?.matchLabels;
      return (
        !sel || Object.keys(sel).length === 0 || selectorMatches({ matchLabels: sel }, w.labels)
      );
    });

  return {
    input,
    rootNamespace,
    clusterDomain,
    trustDomain,
    kindOf: (obj) => kinds.get(obj),
    objects: () => all,
    isRead,
    namespaceExists: (ns) => (namespaceNames ? namespaceNames.has(ns) : undefined),
    resolveHost,
    hostStatus: (host, fromNs) => {
      if (host.wildcard) return 'unknown';
      if (servicesByFqdn.has(host.fqdn)) return 'found';
      if (serviceEntriesFor(host, fromNs).length > 0) return 'found';
      // A cluster name is missing only if its namespace's Services were read; any other name
      // only if the ServiceEntries that could define it were.
      const proven = host.service
        ? !!input.services && isRead(host.service.namespace)
        : !!input.serviceEntries;
      return proven ? 'missing' : 'unknown';
    },
    serviceOf: (host) => servicesByFqdn.get(host.fqdn),
    serviceEntryPorts: (host, fromNs) =>
      serviceEntriesFor(host, fromNs).flatMap((se) =>
        (se.spec?.ports ?? []).map((p) => p.number ?? 0).filter(Boolean),
      ),
    subsetsOf,
    gatewayExists: (ns, name) =>
      gatewayKeys && isRead(ns) ? gatewayKeys.has(`${ns}/${name}`) : undefined,
    workloadsIn: (ns) => (workloads && isRead(ns) ? (workloadsByNs.get(ns) ?? []) : undefined),
    allWorkloads: () => workloads,
    servicesSelecting,
    serviceAccountExists: (ns, name) =>
      serviceAccounts && isRead(ns) ? serviceAccounts.has(`${ns}/${name}`) : undefined,
    virtualServicesFor: (gateway, fqdn) => vsGroups.get(`${gateway}|${fqdn}`) ?? [],
    destinationRulesFor: (ns, fqdn) => drGroups.get(`${ns}|${fqdn}`) ?? [],
    selectorless: (kind, ns) => selectorlessGroups.get(`${kind}|${ns}`) ?? [],
    selecting,
    effectiveMtls,
    authorizationPoliciesFor,
  };
};

/**
 * A VirtualService's gateway reference as `ns/name` (or `mesh`): `name` alone is in the
 * VirtualService's namespace; the legacy `name.ns.svc.cluster.local` form names `ns`.
 */
export const gatewayKey = (ref: string, vsNamespace: string): string => {
  if (ref === 'mesh') return ref;
  const slash = ref.indexOf('/');
  if (slash >= 0) return ref;
  const dot = ref.indexOf('.');
  if (dot >= 0) {
    const [name, ns] = ref.split('.');
    return `${ns || vsNamespace}/${name}`;
  }
  return `${vsNamespace}/${ref}`;
};
