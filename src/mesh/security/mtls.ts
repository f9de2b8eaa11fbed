/**
 * Mutual TLS: which PeerAuthentication mode a workload really gets, whether its pods carry the
 * proxy that mTLS needs, and builders that edit or create PeerAuthentications.
 */
import { PeerAuthenticationModel, apiVersionOf, atVersion } from '../../models';
import type { MutualTLSMode, PeerAuthentication, Pod } from '../../models';
import type { Issue, IssuePath } from '../issues';
import { clone } from '../primitives';
import { securityIssue } from './issueCodes';
import { hasSelector, selectorMatches, validateSelector } from './selector';

export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';
export type MtlsSource = 'workload' | 'namespace' | 'mesh' | 'default';
export type PolicyRef = { name: string; namespace: string };
/** security.istio.io version to write: v1 on Service Mesh 3, v1beta1 on 2.6 (its only PA version). */
export type SecurityApiVersion = 'v1' | 'v1beta1';

export type MeshWorkload = {
  namespace: string;
  /** The pod template's labels, which PeerAuthentication selectors match. */
  labels?: Record<string, string>;
  /** Container ports; each gets an entry in `portModes`. */
  ports?: number[];
};

export type EffectiveMtls = {
  mode: MtlsMode;
  /** The level whose policy decided `mode` (an UNSET policy passes the decision up). */
  source: MtlsSource;
  policy?: PolicyRef;
  /** Mode per port: the workload's ports plus every port-level override that applies. */
  portModes: Record<string, MtlsMode>;
  /**
   * Policies that match at the same level as a chosen one but lose to it (istiod keeps only the
   * oldest per level); Kiali reports these as KIA0002/KIA0003.
   */
  ignored: PolicyRef[];
};

const refOf = (pa: PeerAuthentication): PolicyRef => ({
  name: pa.metadata?.name ?? '',
  namespace: pa.metadata?.namespace ?? '',
});

/**
 * istiod keeps the oldest policy per level (ComposePeerAuthentication after sorting configs by
 * creation time, then name, then namespace). A policy without a timestamp is not created yet, so
 * it counts as the newest.
 */
const olderFirst = (a: PeerAuthentication, b: PeerAuthentication): number => {
  const ta = a.metadata?.creationTimestamp ? Date.parse(a.metadata.creationTimestamp) : Infinity;
  const tb = b.metadata?.creationTimestamp ? Date.parse(b.metadata.creationTimestamp) : Infinity;
  if (ta !== tb) return ta < tb ? -1 : 1;
  const byName = (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? '');
  return byName || (a.metadata?.namespace ?? '').localeCompare(b.metadata?.namespace ?? '');
};

const concreteMode = (mode: MutualTLSMode | undefined): MtlsMode | undefined =>
  mode === 'STRICT' || mode === 'PERMISSIVE' || mode === 'DISABLE' ? mode : undefined;

/**
 * The effective mTLS mode of a workload, as istiod computes it: workload-level over
 * namespace-level over mesh-level (root namespace, no selector); a missing or UNSET mode inherits
 * from the level above; with no policy at all the mode is PERMISSIVE. Selector policies in the root
 * namespace are ignored, as istiod ignores them. Port-level modes come only from the workload-level
 * policy; an UNSET port inherits the workload's mode.
 */
export const resolveEffectiveMtls = (
  policies: PeerAuthentication[],
  rootNamespace: string,
  workload: MeshWorkload,
): EffectiveMtls => {
  const mesh: PeerAuthentication[] = [];
  const namespace: PeerAuthentication[] = [];
  const selected: PeerAuthentication[] = [];
  for (const pa of policies) {
    const ns = pa.metadata?.namespace;
    const selector = pa.spec?.selector;
    if (!hasSelector(selector)) {
      if (ns === rootNamespace) mesh.push(pa);
      else if (ns === workload.namespace) namespace.push(pa);
    } else if (
      ns === workload.namespace &&
      ns !== rootNamespace &&
      selectorMatches(selector, workload.labels)
    ) {
      selected.push(pa);
    }
  }
  const ignored: PolicyRef[] = [];
  const pick = (list: PeerAuthentication[]): PeerAuthentication | undefined => {
    const sorted = [...list].sort(olderFirst);
    ignored.push(...sorted.slice(1).map(refOf));
    return sorted[0];
  };

  let mode: MtlsMode = 'PERMISSIVE';
  let source: MtlsSource = 'default';
  let policy: PolicyRef | undefined;
  const levels: [MtlsSource, PeerAuthentication | undefined][] = [
    ['mesh', pick(mesh)],
    ['namespace', pick(namespace)],
    ['workload', pick(selected)],
  ];
  for (const [level, pa] of levels) {
    const m = concreteMode(pa?.spec?.mtls?.mode);
    if (pa && m) {
      mode = m;
      source = level;
      policy = refOf(pa);
    }
  }

  const portModes: Record<string, MtlsMode> = {};
  for (const port of workload.ports ?? []) portModes[String(port)] = mode;
  const workloadPolicy = levels[2][1];
  for (const [port, setting] of Object.entries(workloadPolicy?.spec?.portLevelMtls ?? {})) {
    portModes[port] = concreteMode(setting?.mode) ?? mode;
  }
  return { mode, source, ...(policy ? { policy } : {}), portModes, ignored };
};

export type SidecarStatus = {
  hasProxy: boolean;
  proxyReady: boolean;
  /** istio-proxy runs as an init container with restartPolicy Always (Istio ≥ 1.27, k8s ≥ 1.33). */
  native: boolean;
};

const PROXY = 'istio-proxy';
export const SIDECAR_STATUS_ANNOTATION = 'sidecar.istio.io/status';

/**
 * Whether a pod carries the Istio proxy: a container or init container named istio-proxy, or the
 * injector's status annotation. Ready means the istio-proxy container status says ready.
 */
export const sidecarStatus = (pod: Pod): SidecarStatus => {
  const inContainers = (pod.spec?.containers ?? []).some((c) => c.name === PROXY);
  const native = (pod.spec?.initContainers ?? []).some((c) => c.name === PROXY);
  const annotated = pod.metadata?.annotations?.[SIDECAR_STATUS_ANNOTATION] !== undefined;
  const statuses = [
    ...(pod.status?.containerStatuses ?? []),
    ...(pod.status?.initContainerStatuses ?? []),
  ];
  return {
    hasProxy: inContainers || native || annotated,
    proxyReady: statuses.some((s) => s.name === PROXY && s.ready),
    native,
  };
};

export type MtlsCaller<W> = { workload: W; hasSidecar: boolean };

/**
 * The callers that STRICT on `target` would cut off: without a proxy they can only send
 * plaintext, which a STRICT workload rejects. `target` is carried so the UI can name it.
 */
export const strictWouldBreak = <W, T>(input: { target: T; callers: MtlsCaller<W>[] }): W[] =>
  input.callers.filter((c) => !c.hasSidecar).map((c) => c.workload);

const typeMeta = (version: SecurityApiVersion) => ({
  apiVersion: apiVersionOf(atVersion(PeerAuthenticationModel, version)),
  kind: PeerAuthenticationModel.kind,
});

/** Namespace-wide policy; Istio's convention names it `default`. In the root namespace it is mesh-wide. */
export const buildNamespacePeerAuthentication = (
  namespace: string,
  mode: MutualTLSMode,
  version: SecurityApiVersion,
): PeerAuthentication => ({
  ...typeMeta(version),
  metadata: { name: 'default', namespace },
  spec: { mtls: { mode } },
});

export const buildWorkloadPeerAuthentication = (
  input: {
    namespace: string;
    name: string;
    matchLabels: Record<string, string>;
    mode: MutualTLSMode;
    portLevelMtls?: Record<string, MutualTLSMode>;
  },
  version: SecurityApiVersion,
): PeerAuthentication => {
  const ports = Object.entries(input.portLevelMtls ?? {});
  return {
    ...typeMeta(version),
    metadata: { name: input.name, namespace: input.namespace },
    spec: {
      selector: { matchLabels: { ...input.matchLabels } },
      mtls: { mode: input.mode },
      ...(ports.length > 0
        ? { portLevelMtls: Object.fromEntries(ports.map(([p, mode]) => [p, { mode }])) }
        : {}),
    },
  };
};

/**
 * Edits an existing policy's mode; everything else (metadata.resourceVersion, selector,
 * port-level settings, unknown fields) is kept, and the apiVersion it was read at stays.
 */
export const setPeerAuthenticationMode = (
  pa: PeerAuthentication,
  mode: MutualTLSMode,
): PeerAuthentication => {
  const next = clone(pa);
  next.spec = { ...next.spec, mtls: { ...next.spec?.mtls, mode } };
  return next;
};

/** Sets one port's mode, or removes the override when `mode` is undefined. */
export const setPortLevelMtls = (
  pa: PeerAuthentication,
  port: number | string,
  mode: MutualTLSMode | undefined,
): PeerAuthentication => {
  const next = clone(pa);
  const ports = { ...next.spec?.portLevelMtls };
  if (mode === undefined) delete ports[String(port)];
  else ports[String(port)] = { ...ports[String(port)], mode };
  const spec: PeerAuthentication['spec'] = { ...next.spec, portLevelMtls: ports };
  // An empty portLevelMtls is rejected, so the last removal drops the field.
  if (Object.keys(ports).length === 0) delete spec.portLevelMtls;
  next.spec = spec;
  return next;
};

const MODES: MutualTLSMode[] = ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT'];

const validMode = (mode: unknown, path: IssuePath): Issue[] =>
  mode === undefined || MODES.includes(mode as MutualTLSMode)
    ? []
    : [securityIssue('mtls.mode-unknown', path, { mode: String(mode) })];

/** A port number as a key of portLevelMtls or a policy's ports: 1 to 65535. */
export const PORT_RANGE = { min: 1, max: 65535 } as const;

/** PeerAuthentication rules from the reference (§6): istiod's webhook rejects these. */
export const validatePeerAuthentication = (pa: PeerAuthentication): Issue[] => {
  const spec = pa.spec ?? {};
  const issues = [
    ...validateSelector(spec.selector, ['spec', 'selector']),
    ...validMode(spec.mtls?.mode, ['spec', 'mtls', 'mode']),
  ];
  const ports = spec.portLevelMtls;
  if (ports !== undefined) {
    if (!hasSelector(spec.selector)) {
      issues.push(securityIssue('mtls.port-level-needs-selector', ['spec', 'portLevelMtls']));
    }
    if (Object.keys(ports).length === 0) {
      issues.push(securityIssue('mtls.port-level-empty', ['spec', 'portLevelMtls']));
    }
    for (const [port, setting] of Object.entries(ports)) {
      const n = Number(port);
      if (!/^\d+$/.test(port) || n < PORT_RANGE.min || n > PORT_RANGE.max) {
        issues.push(
          securityIssue('security.port-invalid', ['spec', 'portLevelMtls', port], {
            port,
            ...PORT_RANGE,
          }),
        );
      }
      issues.push(...validMode(setting?.mode, ['spec', 'portLevelMtls', port, 'mode']));
    }
  }
  return issues;
};
