'use strict';
// The real OpenShift console frontend as a preview host: what the console's Go bridge
// (openshift/console pkg/server, release-4.22) does for the built frontend in `dist/`, for an
// off-cluster console with authentication disabled. The shared parts of the bridge (the
// Kubernetes proxy, CSRF, plugin assets, plugin locales, the plugin proxy) live in server.js;
// this file adds what only the console's own frontend needs:
// - index.html, a Go html/template with `[[ ]]` delimiters, rendered with SERVER_FLAGS and a
//   script nonce, and the bridge's Content-Security-Policy (Report-Only in 4.22);
// - /static/ from the console build;
// - /api/graphql (POST, and WebSocket with the subscriptions-transport-ws protocol the frontend
//   speaks), resolving fetchURL, selfSubjectAccessReview and selfSubjectReview against the
//   Kubernetes proxy as pkg/graphql/resolver does;
// - /api/console/user-settings (a ConfigMap per user in openshift-console-user-settings),
//   /api/check-updates, /api/console/version;
// - /locales/resource.json for the console's own namespaces;
// - every other /api/* path answers 404 "not found", as the bridge does for a feature that is
//   not configured (Alertmanager, Helm, ...; Prometheus too against a real cluster, where
//   server.js mounts no stand-in).
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const DEFAULT_CONSOLE_DIST = path.resolve(__dirname, '../../shared/real-console-4.22/dist');

// ---------------------------------------------------------------------------------------------
// index.html: the subset of Go's text/template that the console's index.html uses
// (`[[ .A.B ]]`, `[[ if X ]]`, `[[ if eq X "lit" ]]`, `[[ else ]]`, `[[ end ]]`). Anything else
// throws, so a console build that needs more fails loudly instead of rendering wrongly.

/** Go field name -> the JSON name the bridge's jsGlobals struct tags give it. */
const jsonName = (goName) => goName.charAt(0).toLowerCase() + goName.slice(1);

const htmlEscape = (s) =>
  String(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[c],
  );

/** JSON as html/template writes a value into a <script>: `<`, `>`, `&` escaped. */
const scriptJSON = (value) =>
  JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

const parseTemplate = (text) => {
  const root = { children: [] };
  const stack = [root];
  const re = /\[\[\s*(.*?)\s*\]\]/g;
  let last = 0;
  let m;
  const top = () => stack[stack.length - 1];
  const push = (node) => (top().elseChildren ?? top().children).push(node);
  while ((m = re.exec(text))) {
    if (m.index > last) push({ text: text.slice(last, m.index) });
    last = re.lastIndex;
    const action = m[1];
    if (action.startsWith('if ')) {
      const node = { cond: action.slice(3).trim(), children: [] };
      push(node);
      stack.push(node);
    } else if (action === 'else') {
      if (stack.length < 2) throw new Error('index.html: [[ else ]] outside [[ if ]]');
      top().elseChildren = [];
    } else if (action === 'end') {
      if (stack.length < 2) throw new Error('index.html: [[ end ]] without [[ if ]]');
      stack.pop();
    } else if (action.startsWith('.')) {
      push({ value: action });
    } else {
      throw new Error(`index.html: template action "${action}" is not supported by this host`);
    }
  }
  if (stack.length !== 1) throw new Error('index.html: unterminated [[ if ]]');
  if (last < text.length) push({ text: text.slice(last) });
  return root.children;
};

const lookup = (data, ref) =>
  ref
    .split('.')
    .filter(Boolean)
    .reduce((v, field, i) => (v == null ? undefined : v[i === 0 ? field : jsonName(field)]), data);

const evalCond = (cond, data) => {
  const eq = /^eq\s+(\.\S+)\s+"([^"]*)"$/.exec(cond);
  if (eq) return lookup(data, eq[1]) === eq[2];
  if (/^\.\S+$/.test(cond)) {
    const v = lookup(data, cond);
    return Array.isArray(v) ? v.length > 0 : Boolean(v);
  }
  throw new Error(`index.html: condition "${cond}" is not supported by this host`);
};

const renderNodes = (nodes, data) =>
  nodes
    .map((n) => {
      if ('text' in n) return n.text;
      if ('value' in n) {
        const v = lookup(data, n.value);
        return v !== null && typeof v === 'object' ? scriptJSON(v) : htmlEscape(v ?? '');
      }
      return renderNodes(evalCond(n.cond, data) ? n.children : (n.elseChildren ?? []), data);
    })
    .join('');

/** Renders the console's index.html template with the given server flags and nonce. */
const renderIndex = (template, { serverFlags, scriptNonce }) =>
  renderNodes(parseTemplate(template), {
    ServerFlags: serverFlags,
    ScriptNonce: scriptNonce,
  });

// ---------------------------------------------------------------------------------------------
// Content-Security-Policy: BuildCSPDirectives in pkg/utils, with no plugin-contributed sources.
// An off-cluster bridge adds localhost:8080 (its development address) to most directives.

const consoleCsp = (nonce, { offCluster = false } = {}) => {
  const http = offCluster ? ['http://localhost:8080'] : [];
  const both = offCluster ? ['http://localhost:8080', 'ws://localhost:8080'] : [];
  return [
    ["base-uri 'self'", ...both],
    ["default-src 'self' console.redhat.com", ...both],
    ["img-src 'self'", ...http, 'data:'],
    ["font-src 'self'", ...http, 'data:'],
    ["script-src 'self' console.redhat.com", ...both, "'unsafe-eval'", `'nonce-${nonce}'`],
    ["style-src 'self'", ...http, "'unsafe-inline'"],
    ["connect-src 'self' console.redhat.com", ...http],
    ["object-src 'self'", ...http],
    ["frame-src 'none'"],
    ["frame-ancestors 'none'"],
  ]
    .map((d) => d.join(' '))
    .join('; ');
};

// ---------------------------------------------------------------------------------------------
// SERVER_FLAGS: the jsGlobals struct of pkg/server/server.go as an off-cluster bridge with
// authentication disabled fills it. With `prometheus` (the server mounts the stand-in Prometheus)
// the Prometheus base URLs are what the bridge sets when it proxies Thanos querier
// (prometheusProxyEnabled: /api/prometheus and /api/prometheus-tenancy under basePath); the
// public URLs and Alertmanager stay empty, like a bridge started without them.

const serverFlagsFor = ({
  plugins,
  i18nNamespaces,
  releaseVersion,
  consoleVersion,
  prometheus = false,
}) => ({
  addPage: '',
  alertManagerBaseURL: '',
  alertManagerPublicURL: '',
  alertmanagerUserWorkloadBaseURL: '',
  authDisabled: true,
  basePath: '/',
  branding: 'okd',
  capabilities: null,
  consolePlugins: plugins,
  consoleVersion,
  contentSecurityPolicy: '',
  controlPlaneTopology: '',
  copiedCSVsDisabled: false,
  customFaviconsConfigured: false,
  customLogosConfigured: false,
  customLogoURL: '',
  customProductName: '',
  developerCatalogCategories: '',
  developerCatalogTypes: '',
  documentationBaseURL: '',
  GOARCH: 'amd64',
  GOOS: 'linux',
  grafanaPublicURL: '',
  graphqlBaseURL: '/api/graphql',
  i18nNamespaces,
  inactivityTimeout: 0,
  kubeAdminLogoutURL: '',
  kubeAPIServerURL: '',
  k8sMode: 'off-cluster',
  loadTestFactor: 0,
  loginErrorURL: '/auth/error',
  loginSuccessURL: '/',
  loginURL: '/auth/login',
  logoutRedirect: '',
  logoutURL: '/api/console/logout',
  nodeArchitectures: ['amd64'],
  nodeOperatingSystems: ['linux'],
  perspectives: '',
  projectAccessClusterRoles: '',
  prometheusBaseURL: prometheus ? '/api/prometheus' : '',
  prometheusPublicURL: '',
  prometheusTenancyBaseURL: prometheus ? '/api/prometheus-tenancy' : '',
  quickStarts: '',
  releaseVersion,
  statuspageID: '',
  telemetry: null,
  thanosPublicURL: '',
  techPreview: false,
  userSettingsLocation: 'configmap',
  devConsoleProxyAvailable: true,
});

// ---------------------------------------------------------------------------------------------
// GraphQL (pkg/graphql/schema.graphql): three queries, all resolved through the Kubernetes API.

const SCHEMA = `
type SelfSubjectAccessReviewStatus { allowed: Boolean! }
type SelfSubjectAccessReview { status: SelfSubjectAccessReviewStatus! }
type UserInfo { uid: String! username: String! groups: [String!]! extra: String! }
type SelfSubjectReviewStatus { userInfo: UserInfo! }
type SelfSubjectReview { status: SelfSubjectReviewStatus! }
type Query {
  fetchURL(url: String!): String
  selfSubjectAccessReview(group: String, resource: String, verb: String, namespace: String): SelfSubjectAccessReview
  selfSubjectReview: SelfSubjectReview
}
type Subscription { fetchURL(url: String!): String }
`;

/** The resolver's error: the bridge puts the API server's status into the error's extensions. */
class ResolverError extends Error {
  constructor(status, message) {
    super(message);
    this.extensions = { status, message };
  }
}

const createGraphQL = (kube) => {
  const { buildSchema, graphql, GraphQLError } = require('graphql');
  const schema = buildSchema(SCHEMA);
  const call = async (method, url, body) => {
    const r = await kube(method, url, body);
    if (r.status < 200 || r.status > 299) throw new ResolverError(r.status, r.body);
    return r.body;
  };
  const rootValue = {
    fetchURL: ({ url }) => call('GET', url),
    selfSubjectAccessReview: async (args) => {
      const review = JSON.parse(
        await call('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: {
            resourceAttributes: {
              namespace: args.namespace ?? '',
              verb: args.verb ?? '',
              resource: args.resource ?? '',
              group: args.group ?? '',
            },
          },
        }),
      );
      return { status: { allowed: Boolean(review.status?.allowed) } };
    },
    selfSubjectReview: async () => {
      const review = JSON.parse(
        await call('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
          apiVersion: 'authentication.k8s.io/v1',
          kind: 'SelfSubjectReview',
        }),
      );
      const u = review.status?.userInfo ?? {};
      return {
        status: {
          userInfo: {
            uid: u.uid ?? '',
            username: u.username ?? '',
            groups: u.groups ?? [],
            extra: JSON.stringify(u.extra ?? null),
          },
        },
      };
    },
  };
  const execute = async ({ query, variables, operationName }) => {
    const result = await graphql({
      schema,
      source: query,
      rootValue,
      variableValues: variables,
      operationName,
    });
    if (result.errors) {
      result.errors = result.errors.map((e) => {
        const original = e.originalError;
        return original instanceof ResolverError
          ? new GraphQLError(e.message, { path: e.path, extensions: original.extensions })
          : e;
      });
    }
    return JSON.parse(JSON.stringify(result));
  };
  return { execute };
};

/**
 * The subscriptions-transport-ws ("graphql-ws") protocol the console's SubscriptionClient
 * speaks: connection_init -> connection_ack; start {id, payload} -> data {id, payload} and
 * complete {id}; stop {id}; connection_terminate.
 */
const serveGraphQLSocket = (ws, gql) => {
  ws.on('message', async (raw) => {
    let msg;
    try {
      msg = JSON.parse(String(raw));
    } catch {
      return ws.send(
        JSON.stringify({ type: 'connection_error', payload: { message: 'bad JSON' } }),
      );
    }
    if (msg.type === 'connection_init') return ws.send(JSON.stringify({ type: 'connection_ack' }));
    if (msg.type === 'connection_terminate') return ws.close();
    if (msg.type === 'start') {
      const payload = await gql.execute(msg.payload ?? {});
      if (ws.readyState !== ws.OPEN) return undefined;
      ws.send(JSON.stringify({ id: msg.id, type: 'data', payload }));
      return ws.send(JSON.stringify({ id: msg.id, type: 'complete' }));
    }
    return undefined; // stop, ka: nothing is long-running here
  });
};

// ---------------------------------------------------------------------------------------------

const readBody = (req) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const sendJSON = (res, status, body) => {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(data),
  });
  res.end(data);
};

/** The bridge's serverutils.ApiError shape. */
const apiError = (res, status, err) => sendJSON(res, status, { error: err });

const USER_SETTINGS_NS = 'openshift-console-user-settings';

/**
 * /api/console/user-settings as pkg/usersettings does it: the ConfigMap
 * `user-settings-<id>` in openshift-console-user-settings, created on POST (with a Role and
 * RoleBinding that let the user edit it, which the frontend then does through the k8s proxy).
 */
const handleUserSettings = async (req, res, userKube) => {
  // The bridge reads and writes these with its own service account, not the user's token.
  const kube = (method, p, body) => userKube(method, p, body, { asConsole: true });
  const who = JSON.parse(
    (
      await userKube('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'SelfSubjectReview',
      })
    ).body,
  ).status.userInfo;
  const id =
    who.username === 'kube:admin' && !who.uid
      ? 'kubeadmin'
      : crypto.createHash('sha256').update(who.username).digest('hex');
  const name = `user-settings-${id}`;
  const cmPath = `/api/v1/namespaces/${USER_SETTINGS_NS}/configmaps`;
  const fail = (what, r) =>
    apiError(
      res,
      r.status === 404 ? 404 : r.status === 403 ? 403 : 502,
      `${what}: ${JSON.parse(r.body).message ?? r.body}`,
    );
  if (req.method === 'GET') {
    const r = await kube('GET', `${cmPath}/${name}`);
    return r.status === 200
      ? sendJSON(res, 200, JSON.parse(r.body))
      : fail('Failed to get user settings', r);
  }
  if (req.method === 'POST') {
    const existing = await kube('GET', `${cmPath}/${name}`);
    if (existing.status === 200) return sendJSON(res, 200, JSON.parse(existing.body));
    const rbac = `/apis/rbac.authorization.k8s.io/v1/namespaces/${USER_SETTINGS_NS}`;
    await kube('POST', `${rbac}/roles`, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: `${name}-role` },
      rules: [
        {
          apiGroups: [''],
          resources: ['configmaps'],
          verbs: ['get', 'list', 'patch', 'update', 'watch'],
          resourceNames: [name],
        },
      ],
    });
    await kube('POST', `${rbac}/rolebindings`, {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: `${name}-rolebinding` },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${name}-role` },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: who.username }],
    });
    const created = await kube('POST', cmPath, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name, namespace: USER_SETTINGS_NS },
    });
    if (created.status === 409) {
      // Another tab created it meanwhile: the bridge returns the existing one.
      const again = await kube('GET', `${cmPath}/${name}`);
      if (again.status === 200) return sendJSON(res, 200, JSON.parse(again.body));
    }
    return created.status === 201 || created.status === 200
      ? sendJSON(res, 200, JSON.parse(created.body))
      : fail('Failed to create user settings', created);
  }
  if (req.method === 'DELETE') {
    await kube('DELETE', `${cmPath}/${name}`);
    res.writeHead(204);
    return res.end();
  }
  res.setHeader('Allow', 'GET, POST, DELETE');
  return apiError(res, 405, 'Unsupported method, supported methods are GET POST DELETE');
};

/**
 * The console build beside us has @patternfly/react-drag-drop 6.4.3 where release-4.22 pins
 * 6.5.0-prerelease.38 (not on the npm registry here; see its README). 6.4.3's DragDropSort
 * portals into `#root`, which the console's page does not have, so the console's own
 * pinned-resources navigation (the Developer perspective's default pins) crashed the whole page
 * with React error #200. An empty #root lets that console component render; nothing of the
 * plugin uses it.
 */
const withDragDropRoot = (html) => html.replace('</body>', '<div id="root"></div></body>');

/**
 * The console host. `kube(method, path, body)` calls the Kubernetes API as the user (through
 * the same proxy the browser uses) and resolves to {status, body}. `prometheus`: the server
 * serves the Prometheus proxy paths (the stand-in), so SERVER_FLAGS name them.
 */
const createConsoleHost = ({
  consoleDist = DEFAULT_CONSOLE_DIST,
  plugins,
  releaseVersion,
  kube,
  prometheus = false,
}) => {
  const indexFile = path.join(consoleDist, 'index.html');
  if (!fs.existsSync(indexFile)) {
    throw new Error(
      `No console build at ${consoleDist} (index.html missing). Build openshift/console ` +
        'release-4.22 (see README, "The real console host") or pass --console-dist DIR.',
    );
  }
  const template = fs.readFileSync(indexFile, 'utf8');
  parseTemplate(template); // fail at start, not on the first page view
  const consoleVersion = releaseVersion;
  const serverFlags = serverFlagsFor({
    plugins,
    i18nNamespaces: plugins.map((p) => `plugin__${p}`),
    releaseVersion,
    consoleVersion,
    prometheus,
  });
  const gql = createGraphQL(kube);
  const { WebSocketServer } = require('ws');
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has('graphql-ws') ? 'graphql-ws' : false),
  });

  return {
    name: 'console',
    consoleDist,
    /** Static files: the console's own build. */
    staticDir: consoleDist,
    /** Locale files for the console's own namespaces. */
    localesDir: path.join(consoleDist, 'locales'),
    serverFlags,
    index: (nonce) => ({
      body: withDragDropRoot(renderIndex(template, { serverFlags, scriptNonce: nonce })),
      csp: consoleCsp(nonce, { offCluster: true }),
    }),
    /** Handles the console-only /api paths; returns false for anything else. */
    handleApi: async (req, res, p, url) => {
      if (p === '/api/graphql') {
        if (req.method !== 'POST') return (apiError(res, 405, 'POST only'), true);
        const raw = await readBody(req);
        let body;
        try {
          body = JSON.parse(raw);
        } catch {
          return (apiError(res, 400, 'request body is not JSON'), true);
        }
        return (sendJSON(res, 200, await gql.execute(body)), true);
      }
      if (p === '/api/console/user-settings')
        return (await handleUserSettings(req, res, kube), true);
      if (p === '/api/check-updates') {
        return (sendJSON(res, 200, { consoleCommit: '', plugins }), true);
      }
      if (p === '/api/olm/check-package-manifests/' || p === '/api/olm/check-package-manifests') {
        // pkg/olm: 200 with an empty body when the PackageManifest exists, else 500.
        const name = url.searchParams.get('name');
        const ns = url.searchParams.get('namespace');
        if (!name || !ns) return (apiError(res, 400, 'name and namespace are required'), true);
        const r = await kube(
          'GET',
          `/apis/packages.operators.coreos.com/v1/namespaces/${encodeURIComponent(ns)}/packagemanifests/${encodeURIComponent(name)}`,
        );
        if (r.status === 200) return (sendJSON(res, 200, null), true);
        return (
          apiError(res, 500, `Failed to get operator: ${JSON.parse(r.body).message ?? r.body}`),
          true
        );
      }
      if (p.startsWith('/api/console/crd-columns/')) {
        // pkg/crdschema, as the console's service account: the printer columns per version.
        if (req.method !== 'GET')
          return (apiError(res, 405, 'Invalid method: only GET is allowed'), true);
        const name = p.slice('/api/console/crd-columns/'.length);
        if (!name) return (apiError(res, 400, 'CRD name parameter is required'), true);
        const r = await kube(
          'GET',
          `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${encodeURIComponent(name)}`,
          undefined,
          { asConsole: true },
        );
        if (r.status !== 200) return (apiError(res, 404, 'CRD not found'), true);
        const crd = JSON.parse(r.body);
        const columns = Object.fromEntries(
          (crd.spec?.versions ?? [])
            .filter((v) => v.additionalPrinterColumns?.length)
            .map((v) => [v.name, v.additionalPrinterColumns]),
        );
        return (sendJSON(res, 200, columns), true);
      }
      if (p === '/api/console/version') {
        return (sendJSON(res, 200, { version: consoleVersion }), true);
      }
      return false;
    },
    /** WebSocket upgrades the console needs besides the Kubernetes proxy. */
    handleUpgrade: (req, socket, head, p) => {
      if (p !== '/api/graphql') return false;
      wss.handleUpgrade(req, socket, head, (ws) => serveGraphQLSocket(ws, gql));
      return true;
    },
    close: () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
    },
  };
};

module.exports = {
  createConsoleHost,
  renderIndex,
  consoleCsp,
  serverFlagsFor,
  DEFAULT_CONSOLE_DIST,
};
