/**
 * Which of the plugin's forms fixes a configuration problem, and for what: a VirtualService's
 * routing problems in the traffic split of the service it routes, a DestinationRule's subset,
 * port and TLS problems in the circuit breaker of its host, policy problems in the security form
 * of the workload, namespace or mesh the policy covers. Undefined when no form edits the thing
 * that is wrong (the YAML editor of the object's page is the fix then).
 */
import type { K8sResourceCommon } from '../../models';
import type { FormId, FormTarget } from '../forms/registry';
import type { Issue } from '../issues';
import { selectorMatches } from '../security/selector';
import type { ConfigCode } from './configCodes';
import { selectorOf } from './meshConfigIndex';
import type { ConfigKind, MeshConfigIndex, PolicyView } from './meshConfigIndex';

export type ConfigFix = { form: FormId; target: FormTarget };

const nsOf = (o: K8sResourceCommon) => o.metadata?.namespace ?? '';

/** VirtualService problems in what its routes send where: the split form rewrites those. */
const SPLIT_CODES: ReadonlySet<ConfigCode> = new Set<ConfigCode>([
  'config.vs.subset-not-found',
  'config.vs.single-weight',
  'config.vs.repeated-destination',
]);

/** DestinationRule problems in its subsets, port settings and TLS: the circuit breaker's rule. */
const CIRCUIT_BREAKER_CODES: ReadonlySet<ConfigCode> = new Set<ConfigCode>([
  'config.dr.subset-no-workloads',
  'config.dr.subset-no-labels',
  'config.dr.subset-in-several',
  'config.dr.port-not-found',
  'config.dr.tls-disabled-strict',
]);

/**
 * The Service a host names in `namespace`, if it exists there: the traffic forms edit the
 * routing objects of a service in the service's own namespace.
 */
const serviceIn = (host: string, namespace: string, index: MeshConfigIndex): string | undefined => {
  const resolved = index.resolveHost(host, namespace);
  const service = resolved.service;
  if (!service || service.namespace !== namespace || !index.serviceOf(resolved)) return undefined;
  return service.name;
};

/**
 * The Deployment a policy's selector picks in the policy's namespace (the security forms open
 * for a Deployment); undefined for a policy without selector, with targetRefs, or picking none.
 */
const selectedDeployment = (
  kind: ConfigKind,
  obj: K8sResourceCommon,
  index: MeshConfigIndex,
): string | undefined => {
  const spec = (obj as PolicyView).spec;
  if (spec?.targetRef || spec?.targetRefs?.length) return undefined;
  const labels = selectorOf(kind, obj);
  if (!labels) return undefined;
  return index
    .workloadsIn(nsOf(obj))
    ?.find((w) => w.kind === 'Deployment' && selectorMatches({ matchLabels: labels }, w.labels))
    ?.name;
};

const hasSelector = (kind: ConfigKind, obj: K8sResourceCommon) => !!selectorOf(kind, obj);

/** The form that fixes `issue` of `obj` (of `kind`), opened for what the object covers. */
export const fixFor = (
  issue: Issue,
  obj: K8sResourceCommon,
  kind: string,
  index: MeshConfigIndex,
): ConfigFix | undefined => {
  const ns = nsOf(obj);
  const code = issue.code as ConfigCode;
  switch (kind) {
    case 'VirtualService': {
      if (!SPLIT_CODES.has(code)) return undefined;
      const hosts = (obj as { spec?: { hosts?: string[] } }).spec?.hosts ?? [];
      const name = hosts.map((h) => serviceIn(h, ns, index)).find(Boolean);
      return name
        ? { form: 'split', target: { scope: 'service', namespace: ns, name } }
        : undefined;
    }
    case 'DestinationRule': {
      if (!CIRCUIT_BREAKER_CODES.has(code)) return undefined;
      const host = (obj as { spec?: { host?: string } }).spec?.host;
      const name = host ? serviceIn(host, ns, index) : undefined;
      return name
        ? { form: 'circuit-breaker', target: { scope: 'service', namespace: ns, name } }
        : undefined;
    }
    case 'AuthorizationPolicy': {
      if (!code.startsWith('config.')) return undefined;
      const name = selectedDeployment(kind, obj, index);
      return name
        ? { form: 'authorization', target: { scope: 'workload', namespace: ns, name } }
        : undefined;
    }
    case 'PeerAuthentication': {
      if (!code.startsWith('config.')) return undefined;
      if (hasSelector(kind, obj)) {
        const name = selectedDeployment(kind, obj, index);
        return name
          ? { form: 'mtls', target: { scope: 'workload', namespace: ns, name } }
          : undefined;
      }
      return ns === index.rootNamespace
        ? { form: 'mtls', target: { scope: 'mesh', rootNamespace: ns } }
        : { form: 'mtls', target: { scope: 'namespace', namespace: ns } };
    }
    case 'RequestAuthentication': {
      if (code !== 'config.ra.token-optional') return undefined;
      if (hasSelector(kind, obj)) {
        const name = selectedDeployment(kind, obj, index);
        return name
          ? { form: 'jwt', target: { scope: 'workload', namespace: ns, name } }
          : undefined;
      }
      // The JWT form has no mesh level: the root namespace's own policy is its namespace level.
      return { form: 'jwt', target: { scope: 'namespace', namespace: ns } };
    }
    default:
      return undefined;
  }
};
