'use strict';
// Write-time validation: object metadata (names), Istio kinds through the published Istio
// schemas (@kubernetes-models/istio), ServiceMonitor and PodMonitor through the
// prometheus-operator schemas (@kubernetes-models/prometheus-operator), Gateway API kinds through
// the published Gateway API schemas (@kubernetes-models/gateway-api), other custom kinds
// through the stored CRD's
// openAPIV3Schema (ajv), plus the few admission rules the operators' webhooks/CEL enforce.
const Ajv = require('ajv');

const ISTIO_GROUPS = ['networking.istio.io', 'security.istio.io', 'telemetry.istio.io'];
const ISTIO_MODULES = {
  'networking.istio.io': {
    v1: [
      'VirtualService',
      'DestinationRule',
      'Gateway',
      'ServiceEntry',
      'Sidecar',
      'WorkloadEntry',
    ],
    v1beta1: [
      'VirtualService',
      'DestinationRule',
      'Gateway',
      'ServiceEntry',
      'Sidecar',
      'WorkloadEntry',
    ],
    v1alpha3: [
      'VirtualService',
      'DestinationRule',
      'Gateway',
      'ServiceEntry',
      'Sidecar',
      'WorkloadEntry',
      'EnvoyFilter',
    ],
  },
  'security.istio.io': {
    v1: ['PeerAuthentication', 'AuthorizationPolicy', 'RequestAuthentication'],
    v1beta1: ['PeerAuthentication', 'AuthorizationPolicy', 'RequestAuthentication'],
  },
  'telemetry.istio.io': { v1: ['Telemetry'], v1alpha1: ['Telemetry'] },
};

const MONITORING_MODULES = {
  'monitoring.coreos.com': { v1: ['ServiceMonitor', 'PodMonitor'] },
};
// The versions crds.js serves. The schemas are generated from Gateway API's Go types: enums,
// required fields and bounds are checked, its CEL rules are not.
const GATEWAY_API_MODULES = {
  'gateway.networking.k8s.io': {
    v1: ['GatewayClass', 'Gateway', 'HTTPRoute', 'GRPCRoute'],
    v1beta1: ['GatewayClass', 'Gateway', 'HTTPRoute', 'ReferenceGrant'],
  },
};
const SCHEMA_PACKAGES = [
  ['@kubernetes-models/istio', ISTIO_MODULES],
  ['@kubernetes-models/prometheus-operator', MONITORING_MODULES],
  ['@kubernetes-models/gateway-api', GATEWAY_API_MODULES],
];
const SCHEMA_GROUPS = [...ISTIO_GROUPS, 'monitoring.coreos.com', 'gateway.networking.k8s.io'];

/** Load the published model classes (the packages are ESM-only, hence dynamic import). */
const loadSchemaModels = async () => {
  const classes = {};
  const jobs = [];
  for (const [pkg, modules] of SCHEMA_PACKAGES) {
    for (const [group, versions] of Object.entries(modules)) {
      for (const [version, kinds] of Object.entries(versions)) {
        for (const kind of kinds) {
          jobs.push(
            import(`${pkg}/${group}/${version}/${kind}`)
              .then((m) => {
                classes[`${group}/${version}/${kind}`] = m[kind];
              })
              // A kind missing from this package version is simply not validated.
              .catch(() => undefined),
          );
        }
      }
    }
  }
  await Promise.all(jobs);
  return classes;
};

/** `/spec/http/0/route` -> `spec.http[0].route`, the API server's field path notation. */
const fieldPath = (pointer, extra) => {
  const parts = pointer.split('/').slice(1);
  if (extra) parts.push(extra);
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
};

const valueAt = (obj, pointer) =>
  pointer
    .split('/')
    .slice(1)
    .reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), obj);

const fmt = (v) => (typeof v === 'string' ? `"${v}"` : JSON.stringify(v));

const JS_TYPE = (v) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

/** ajv errors -> Kubernetes StatusCauses, worded like the API server's OpenAPI validation. */
const causesFromAjv = (errs, obj) =>
  (errs || []).map((e) => {
    if (e.keyword === 'required') {
      return {
        reason: 'FieldValueRequired',
        message: 'Required value',
        field: fieldPath(e.instancePath, e.params.missingProperty),
      };
    }
    const field = fieldPath(e.instancePath);
    const value = valueAt(obj, e.instancePath);
    if (e.keyword === 'enum') {
      return {
        reason: 'FieldValueNotSupported',
        message: `Unsupported value: ${fmt(value)}: supported values: ${e.params.allowedValues
          .map(fmt)
          .join(', ')}`,
        field,
      };
    }
    if (e.keyword === 'type') {
      return {
        reason: 'FieldValueTypeInvalid',
        message: `Invalid value: "${JS_TYPE(value)}": ${field} in body must be of type ${e.params.type}: "${JS_TYPE(value)}"`,
        field,
      };
    }
    return {
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${fmt(value)}: ${field} in body ${e.message}`,
      field,
    };
  });

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const metadataCauses = (type, obj) => {
  const name = obj.metadata && obj.metadata.name;
  if (!name) {
    return [
      {
        reason: 'FieldValueRequired',
        message: 'Required value: name or generateName is required',
        field: 'metadata.name',
      },
    ];
  }
  // Namespaces and Services need DNS labels; everything else a DNS subdomain.
  const label = type.plural === 'namespaces' || type.plural === 'services';
  const re = label ? DNS1123_LABEL : DNS1123_SUBDOMAIN;
  if (!re.test(name) || name.length > (label ? 63 : 253)) {
    const what = label ? 'RFC 1123 label' : 'RFC 1123 subdomain';
    return [
      {
        reason: 'FieldValueInvalid',
        message: `Invalid value: "${name}": a lowercase ${what} must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
        field: 'metadata.name',
      },
    ];
  }
  return [];
};

const createValidator = async () => {
  const published = await loadSchemaModels();
  const ajv = new Ajv({ allErrors: true, strict: false });
  const compiled = new WeakMap();

  const crdSchemaFor = (crd, version) => {
    const v = (crd.spec.versions || []).find((x) => x.name === version);
    return v && v.schema && v.schema.openAPIV3Schema;
  };

  /** Returns StatusCauses (empty when valid). */
  const validate = (type, version, obj, crd) => {
    const causes = metadataCauses(type, obj);
    if (causes.length) return causes;
    if (SCHEMA_GROUPS.includes(type.group)) {
      const Cls = published[`${type.group}/${version}/${type.kind}`];
      if (!Cls) return [];
      try {
        new Cls({ ...obj, apiVersion: `${type.group}/${version}`, kind: type.kind }).validate();
        return [];
      } catch (e) {
        if (!e.errors) throw e;
        return causesFromAjv(e.errors, obj);
      }
    }
    if (crd) {
      const schema = crdSchemaFor(crd, version);
      if (!schema) return [];
      let fn = compiled.get(schema);
      if (!fn) {
        fn = ajv.compile(schema);
        compiled.set(schema, fn);
      }
      return fn(obj) ? [] : causesFromAjv(fn.errors, obj);
    }
    return [];
  };

  return { validate };
};

/**
 * Admission rules the operators enforce beyond the schema (CEL rules, webhooks). Returns
 * {causes} for a 422 or {denied} for a webhook-style 403 message, or null.
 */
const admission = (type, obj, old) => {
  const key = `${type.group}/${type.plural}`;
  if (
    (key === 'sailoperator.io/istiocnis' || key === 'sailoperator.io/ztunnels') &&
    obj.metadata.name !== 'default'
  ) {
    return {
      causes: [
        {
          reason: 'FieldValueInvalid',
          message: `Invalid value: "object": metadata.name must be 'default'`,
          field: '<nil>',
        },
      ],
    };
  }
  if (
    (key === 'sailoperator.io/istios' || key === 'sailoperator.io/istiocnis') &&
    old &&
    old.spec &&
    obj.spec &&
    (old.spec.namespace || '') !== (obj.spec.namespace || '')
  ) {
    return {
      causes: [
        {
          reason: 'FieldValueInvalid',
          message: `Invalid value: "string": Value is immutable`,
          field: 'spec.namespace',
        },
      ],
    };
  }
  if (
    key === 'sailoperator.io/istios' &&
    obj.spec &&
    obj.spec.values &&
    obj.spec.values.global &&
    obj.spec.values.global.istioNamespace &&
    obj.spec.values.global.istioNamespace !== (obj.spec.namespace || 'istio-system')
  ) {
    return {
      causes: [
        {
          reason: 'FieldValueInvalid',
          message: `Invalid value: "object": spec.values.global.istioNamespace must match spec.namespace`,
          field: 'spec',
        },
      ],
    };
  }
  if (key === 'maistra.io/servicemeshmemberrolls' && obj.metadata.name !== 'default') {
    return {
      denied:
        'admission webhook "smmr.validation.maistra.io" denied the request: ServiceMeshMemberRoll must be named "default"',
    };
  }
  if (key === 'maistra.io/servicemeshmembers' && obj.metadata.name !== 'default') {
    return {
      denied:
        'admission webhook "smm.validation.maistra.io" denied the request: ServiceMeshMember must be named "default"',
    };
  }
  if (key === 'maistra.io/servicemeshcontrolplanes' && obj.spec) {
    const ver = obj.spec.version || 'v2.6';
    const mixer = (t) => t && t.type === 'Mixer';
    if (ver !== 'v2.0' && (mixer(obj.spec.policy) || mixer(obj.spec.telemetry))) {
      return {
        denied: `admission webhook "smcp.validation.maistra.io" denied the request: Mixer is no longer supported in ${ver}`,
      };
    }
  }
  return null;
};

module.exports = { createValidator, admission, causesFromAjv };
