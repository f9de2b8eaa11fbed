'use strict';
// Kiali's Istio config list with its validations: GET /api/istio/config and
// /api/namespaces/{ns}/istio, `validate=true` (handlers/istio_config.go IstioConfigList; JSON of
// models/istio_config.go IstioConfigList and models/istio_validation.go IstioValidations, the same
// in Kiali 2.27 and later).
//
// The stand-in does not validate: re-writing Kiali's rules here would only prove they agree with
// the plugin's. Kiali's checks of an object are a recording on it, annotation RECORDED_CHECKS:
// `{"generation": 1, "checks": [{"code": "KIA0301", "path": "spec/servers[0]"}]}`, what Kiali
// says of the object as it was seeded. They hold while the object's spec is the one recorded
// (same metadata.generation): once a user changes it, real Kiali would judge anew, and the
// stand-in, which cannot, says nothing rather than something stale. Messages and severities are
// Kiali's (models/istio_validation.go checkDescriptors, v2.27).

const RECORDED_CHECKS = 'preview.mesh-console-plugin/kiali-checks';

/** Kiali's descriptors of the codes recorded in the preview's scenarios. */
const KIALI_CHECKS = {
  KIA0301: {
    message: 'More than one Gateway for the same host port combination',
    severity: 'warning',
  },
  KIA0302: {
    message: 'No matching workload found for gateway selector in this namespace',
    severity: 'warning',
  },
  KIA1107: { message: 'Subset not found', severity: 'warning' },
};

/** The kinds Kiali lists (kubernetes.X.String() keys), as served by the stand-in. */
const KINDS = [
  ['networking.istio.io', 'v1', 'DestinationRule'],
  ['networking.istio.io', 'v1alpha3', 'EnvoyFilter'],
  ['networking.istio.io', 'v1', 'Gateway'],
  ['networking.istio.io', 'v1', 'ServiceEntry'],
  ['networking.istio.io', 'v1', 'Sidecar'],
  ['networking.istio.io', 'v1', 'VirtualService'],
  ['networking.istio.io', 'v1', 'WorkloadEntry'],
  ['telemetry.istio.io', 'v1', 'Telemetry'],
  ['gateway.networking.k8s.io', 'v1', 'Gateway'],
  ['gateway.networking.k8s.io', 'v1', 'HTTPRoute'],
  ['gateway.networking.k8s.io', 'v1', 'GRPCRoute'],
  ['security.istio.io', 'v1', 'AuthorizationPolicy'],
  ['security.istio.io', 'v1', 'PeerAuthentication'],
  ['security.istio.io', 'v1', 'RequestAuthentication'],
];

const gvkString = ([group, version, kind]) => `${group}/${version}, Kind=${kind}`;

/** The recorded checks of an object, if they are about its current spec. */
const recordedChecks = (obj) => {
  const raw = obj.metadata?.annotations?.[RECORDED_CHECKS];
  if (!raw) return [];
  const recording = JSON.parse(raw);
  if (recording.generation !== obj.metadata.generation) return [];
  return recording.checks.map(({ code, path }) => {
    const d = KIALI_CHECKS[code];
    if (!d) throw new Error(`no descriptor for recorded Kiali check ${code}`);
    return { code, message: d.message, severity: d.severity, path: path || '' };
  });
};

/**
 * The list of the namespaces given (those the user may read), with `validations` when asked.
 * @param {import('../cluster/api').Api} api
 * @param {string[]} namespaces
 * @param {boolean} validate
 */
const istioConfigList = (api, namespaces, validate) => {
  const inScope = new Set(namespaces);
  const resources = {};
  const validations = {};
  for (const gvk of KINDS) {
    const [group, version, kind] = gvk;
    const key = gvkString(gvk);
    // Kinds the cluster does not serve list empty, as in Kiali.
    const items = api
      .findAll(`${group}/${version}`, kind)
      .filter((o) => inScope.has(o.metadata.namespace));
    resources[key] = items;
    if (!validate || !group.endsWith('istio.io')) continue;
    for (const o of items) {
      const checks = recordedChecks(o);
      (validations[key] ??= {})[`${o.metadata.name}.${o.metadata.namespace}`] = {
        name: o.metadata.name,
        namespace: o.metadata.namespace,
        cluster: 'Kubernetes',
        objectGVK: { Group: group, Version: version, Kind: kind },
        valid: !checks.some((c) => c.severity === 'error'),
        checks,
        references: [],
      };
    }
  }
  return validate ? { resources, validations } : { resources };
};

module.exports = { istioConfigList, KIALI_CHECKS, RECORDED_CHECKS };
