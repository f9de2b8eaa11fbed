// Validates rendered objects: core kinds against the Kubernetes OpenAPI schemas packaged in
// kubernetes-models, the ConsolePlugin against a schema written from console.openshift.io/v1.
const path = require('path');
const Ajv = require('ajv');

// kubernetes-models is ESM-only and its "exports" map offers only "import"; Jest's resolver
// looks for "require". Loading the file by path skips the exports map (swc compiles it).
const modelsDir = path.resolve(__dirname, '../../../../node_modules/kubernetes-models');
const CORE = {
  'v1/ConfigMap': 'v1/ConfigMap.js',
  'v1/Service': 'v1/Service.js',
  'v1/ServiceAccount': 'v1/ServiceAccount.js',
  'apps/v1/Deployment': 'apps/v1/Deployment.js',
  'batch/v1/Job': 'batch/v1/Job.js',
  'policy/v1/PodDisruptionBudget': 'policy/v1/PodDisruptionBudget.js',
  'networking.k8s.io/v1/NetworkPolicy': 'networking.k8s.io/v1/NetworkPolicy.js',
  'rbac.authorization.k8s.io/v1/ClusterRole': 'rbac.authorization.k8s.io/v1/ClusterRole.js',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding':
    'rbac.authorization.k8s.io/v1/ClusterRoleBinding.js',
};

const dnsLabel = { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 };
const serviceRef = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'namespace', 'port'],
  properties: {
    name: dnsLabel,
    namespace: dnsLabel,
    port: { type: 'integer', minimum: 1, maximum: 65535 },
    basePath: { type: 'string', pattern: '^/', maxLength: 256 },
  },
};

// console.openshift.io/v1 ConsolePlugin (openshift/api console/v1 types_console_plugin.go, as
// summarised in console-plugin-contract.md section 5). Unknown fields are errors: the API
// server would prune them silently and the plugin would lose its proxy or i18n setting.
const consolePluginSchema = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  properties: {
    apiVersion: { const: 'console.openshift.io/v1' },
    kind: { const: 'ConsolePlugin' },
    metadata: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$' },
        namespace: false, // cluster-scoped
      },
    },
    spec: {
      type: 'object',
      additionalProperties: false,
      required: ['displayName', 'backend', 'i18n'],
      properties: {
        displayName: { type: 'string', minLength: 1, maxLength: 128 },
        i18n: {
          type: 'object',
          additionalProperties: false,
          required: ['loadType'],
          properties: { loadType: { enum: ['Preload', 'Lazy', ''] } },
        },
        backend: {
          type: 'object',
          additionalProperties: false,
          required: ['type', 'service'],
          properties: { type: { const: 'Service' }, service: serviceRef },
        },
        proxy: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['alias', 'endpoint'],
            properties: {
              alias: { type: 'string', pattern: '^[A-Za-z0-9-_]+$', maxLength: 128 },
              authorization: { enum: ['UserToken', 'None'] },
              caCertificate: { type: 'string', pattern: '^-----BEGIN CERTIFICATE-----' },
              endpoint: {
                type: 'object',
                additionalProperties: false,
                required: ['type', 'service'],
                properties: {
                  type: { const: 'Service' },
                  // Unlike the backend, a proxy endpoint has no basePath.
                  service: {
                    ...serviceRef,
                    properties: { ...serviceRef.properties, basePath: false },
                  },
                },
              },
            },
          },
        },
        contentSecurityPolicy: { type: 'array', maxItems: 5 },
      },
    },
  },
};

const ajv = new Ajv({ allErrors: true, strict: true });
const validateConsolePlugin = ajv.compile(consolePluginSchema);

/** Throws with the reasons when `obj` is not a valid object of its kind; unknown kinds throw. */
const validateObject = (obj) => {
  const key = `${obj.apiVersion}/${obj.kind}`;
  if (key === 'console.openshift.io/v1/ConsolePlugin') {
    if (!validateConsolePlugin(obj)) {
      throw new Error(`ConsolePlugin invalid: ${ajv.errorsText(validateConsolePlugin.errors)}`);
    }
    const aliases = (obj.spec.proxy || []).map((p) => p.alias);
    if (new Set(aliases).size !== aliases.length) throw new Error('proxy aliases must be unique');
    return;
  }
  const file = CORE[key];
  if (!file) throw new Error(`no schema for ${key}: add one before rendering this kind`);
  const Model = Object.values(require(path.join(modelsDir, file)))[0];
  new Model(obj).validate();
};

module.exports = { validateObject };
