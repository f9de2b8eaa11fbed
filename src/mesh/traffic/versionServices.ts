/**
 * One Service per version, what Gateway API routes split between (it has no subsets): for each
 * `version` label among the Deployments behind a Service, the existing Service that selects
 * exactly that version's pods, or a new one to create, `<service>-<version>`, selecting the parent
 * Service's pods of that version on the same ports.
 */
import type { Deployment, Pod, Service, ServicePort } from '../../models';
import { apiVersionOf, ServiceModel } from '../../models';
import { CREATED_BY_LABEL, CREATED_BY_VALUE } from '../install/installObjects';
import { warning } from '../issues';
import type { Issue } from '../issues';
import { deploymentsBehindService, VERSION_LABEL } from './subsets';

/** One version the split can send to: a Service selecting that version's pods. */
export type VersionBackend = {
  /** The Service's name: what the route's backendRefs name. */
  name: string;
  /** The version label's value. */
  version: string;
  /** The Deployments of that version behind the parent Service. */
  deployments: string[];
  /** The pod labels the Service selects (what the version's metrics are labelled by). */
  labels: Record<string, string>;
  /** The Service to create when none exists yet. */
  create?: Service;
};

export type VersionServiceProposal = { backends: VersionBackend[]; warnings: Issue[] };

const podLabels = (d: Deployment) => d.spec?.template?.metadata?.labels ?? {};
const nameOf = (o: { metadata?: { name?: string } }) => o.metadata?.name ?? '';

const selects = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

const DNS1035_MAX = 63;

/**
 * `<service>-<version>` as a Service name (a DNS-1035 label: lowercase letters, digits and "-",
 * starting with a letter, at most 63 characters). The version part is sanitised and both parts
 * shortened to fit, keeping the version's end, which tells versions apart.
 */
export const versionServiceName = (service: string, version: string): string => {
  const v =
    version
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/-+/g, '-')
      .replace(/^-+|-+$/g, '') || 'version';
  const tail = v.slice(-Math.min(v.length, 30)).replace(/^-+/, '');
  const head = service.slice(0, DNS1035_MAX - tail.length - 1).replace(/-+$/, '');
  const name = `${head}-${tail}`;
  return /^[a-z]/.test(name) ? name : `v${name}`.slice(0, DNS1035_MAX);
};

/** The parent's ports as a version Service copies them: what selects and speaks, nothing allocated. */
const copyPorts = (ports: ServicePort[] = []): ServicePort[] =>
  ports.map((p) => ({
    ...(p.name !== undefined ? { name: p.name } : {}),
    port: p.port,
    ...(p.targetPort !== undefined ? { targetPort: p.targetPort } : {}),
    ...(p.protocol !== undefined ? { protocol: p.protocol } : {}),
    ...(p.appProtocol !== undefined ? { appProtocol: p.appProtocol } : {}),
  }));

/** Whether a Service created by this plugin for a version (the install wizard's mark). */
export const isOurVersionService = (s: Service): boolean =>
  s.metadata?.labels?.[CREATED_BY_LABEL] === CREATED_BY_VALUE;

/**
 * Proposes the version Services of `service` (see the file comment). An existing Service is
 * reused when the Deployments it selects (among all of `deployments`, the namespace's) are exactly
 * that version's behind the parent, and, when `pods` are given, every pod it selects is one of
 * the parent's of that version: a Service that also reaches another app or version would mix
 * their traffic into the split. Among several, one named as we would name it goes first, then one
 * with all the parent's ports, then by name.
 *
 * Warnings: no Deployments behind the Service, Deployments without the version label (a split
 * cannot reach them), versions whose Deployments are all scaled to zero.
 */
export const proposeVersionServices = (input: {
  service: Service | undefined;
  deployments: Deployment[];
  services: Service[];
  pods?: Pod[];
  versionLabel?: string;
}): VersionServiceProposal => {
  const parent = input.service;
  if (!parent) return { backends: [], warnings: [] };
  const versionLabel = input.versionLabel ?? VERSION_LABEL;
  const parentName = nameOf(parent);
  const namespace = parent.metadata?.namespace;
  const parentSelector = parent.spec?.selector ?? {};
  const behind = deploymentsBehindService(parent.spec?.selector, input.deployments);
  const warnings: Issue[] = [];
  if (behind.length === 0) warnings.push(warning('gateway.version.no-deployments'));

  const versions: string[] = [];
  for (const d of behind) {
    const v = podLabels(d)[versionLabel];
    if (v === undefined) {
      warnings.push(
        warning('gateway.version.no-label', [], { deployment: nameOf(d), label: versionLabel }),
      );
    } else if (!versions.includes(v)) {
      versions.push(v);
    }
  }

  const sameNamespace = input.services.filter(
    (s) => !namespace || !s.metadata?.namespace || s.metadata.namespace === namespace,
  );
  const parentPorts = (parent.spec?.ports ?? []).map((p) => p.port);
  const taken = new Set(sameNamespace.map(nameOf));
  const backends: VersionBackend[] = [];

  for (const version of versions) {
    const mine = behind.filter((d) => podLabels(d)[versionLabel] === version);
    const mineNames = mine.map(nameOf).sort();
    const exactly = (s: Service): boolean => {
      const sel = s.spec?.selector;
      if (!sel || Object.keys(sel).length === 0 || nameOf(s) === parentName) return false;
      const chosen = input.deployments
        .filter((d) => selects(sel, podLabels(d)))
        .map(nameOf)
        .sort();
      if (chosen.length !== mineNames.length || chosen.some((n, i) => n !== mineNames[i])) {
        return false;
      }
      return (input.pods ?? [])
        .filter((p) => selects(sel, p.metadata?.labels))
        .every(
          (p) =>
            selects(parentSelector, p.metadata?.labels) &&
            p.metadata?.labels?.[versionLabel] === version,
        );
    };
    const wanted = versionServiceName(parentName, version);
    const hasAllPorts = (s: Service) =>
      parentPorts.every((port) => (s.spec?.ports ?? []).some((p) => p.port === port));
    const rank = (s: Service) => (nameOf(s) === wanted ? 0 : hasAllPorts(s) ? 1 : 2);
    const existing = sameNamespace
      .filter(exactly)
      .sort((a, b) => rank(a) - rank(b) || nameOf(a).localeCompare(nameOf(b)))[0];

    if (mine.every((d) => d.spec?.replicas === 0)) {
      warnings.push(warning('gateway.version.scaled-to-zero', [], { version }));
    }
    if (existing) {
      backends.push({
        name: nameOf(existing),
        version,
        deployments: mine.map(nameOf),
        labels: { ...(existing.spec?.selector ?? {}) },
      });
      continue;
    }
    // The name may be held by a Service that selects something else: never reuse or replace it.
    let name = wanted;
    for (let n = 2; taken.has(name); n++) {
      name = versionServiceName(parentName, `${version}-${n}`);
    }
    taken.add(name);
    // Labels keep the raw value: they must equal the pods' labels exactly.
    const selector = { ...parentSelector, [versionLabel]: version };
    const app = parentSelector.app ?? parent.metadata?.labels?.app ?? parentName;
    const create: Service = {
      apiVersion: apiVersionOf(ServiceModel),
      kind: ServiceModel.kind,
      metadata: {
        name,
        ...(namespace ? { namespace } : {}),
        labels: { app, [versionLabel]: version, [CREATED_BY_LABEL]: CREATED_BY_VALUE },
      },
      spec: { selector, ports: copyPorts(parent.spec?.ports) },
    };
    backends.push({ name, version, deployments: mine.map(nameOf), labels: selector, create });
  }
  return { backends, warnings };
};
