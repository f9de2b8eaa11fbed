'use strict';
// HTTP front of the stand-in: discovery, OpenAPI stubs, resource routing, authorization,
// Table output for kubectl, and watches over chunked HTTP and WebSocket.
const { WebSocketServer } = require('ws');
const { authorize: authorizeUser, forbiddenMessage, profileOf, userInfo } = require('./authz');
const { decodeObject, decodeSelfSubjectAccessReview, isProtobuf } = require('./protobuf');
const { compareVersions } = require('./registry');
const { ApiError, errors, now } = require('./util');

const VERSION = {
  major: '1',
  minor: '35',
  gitVersion: 'v1.35.0',
  gitCommit: 'preview',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.24',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const sendJSON = (res, code, body) => {
  const data = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(data),
    'Cache-Control': 'no-cache, private',
  });
  res.end(data);
};

const sendError = (res, err) => {
  if (err instanceof ApiError) return sendJSON(res, err.code, err.toStatus());
  const e = new ApiError(500, 'InternalError', `Internal error occurred: ${err && err.message}`);
  return sendJSON(res, 500, e.toStatus());
};

const readBody = (req) =>
  new Promise((resolve, reject) => {
    // A test double may receive a request whose body was already consumed by a framework.
    if (req.body !== undefined) {
      resolve(Buffer.isBuffer(req.body) ? req.body : Buffer.from(JSON.stringify(req.body)));
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

const parseJSONBody = (buf) => {
  if (!buf.length) return undefined;
  if (isProtobuf(buf)) {
    const decoded = decodeObject(buf);
    if (decoded) return decoded;
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml',
    );
  }
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch (e) {
    throw errors.badRequest(`the body of the request was in an unknown format: ${e.message}`);
  }
};

/** kube-style human age: 45s, 12m, 5h, 3d. */
const age = (ts) => {
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(ts)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  if (s < 172800) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86400)}d`;
};

const TABLE_COLUMNS = [
  { name: 'Name', type: 'string', format: 'name', description: 'Name', priority: 0 },
  { name: 'Age', type: 'string', format: '', description: 'CreationTimestamp', priority: 0 },
];
const toTable = (items, metadata, withColumns = true) => ({
  kind: 'Table',
  apiVersion: 'meta.k8s.io/v1',
  metadata: metadata || {},
  columnDefinitions: withColumns ? TABLE_COLUMNS : null,
  rows: items.map((o) => ({
    cells: [o.metadata.name, age(o.metadata.creationTimestamp)],
    object: {
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: o.metadata,
    },
  })),
});
const wantsTable = (req) => /as=Table/.test(req.headers.accept || '');

/**
 * Split a Kubernetes API path into its parts. Returns null for paths that are not resource
 * paths (discovery and friends are handled before).
 */
const parseResourcePath = (api, segs) => {
  let group;
  let version;
  let rest;
  if (segs[0] === 'api' && segs.length >= 3) {
    group = '';
    version = segs[1];
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 4) {
    group = segs[1];
    version = segs[2];
    rest = segs.slice(3);
  } else return null;
  let ns = '';
  // namespaces/<ns>/<plural>/... unless <plural> is a subresource of the namespace itself.
  if (rest[0] === 'namespaces' && rest.length >= 3 && !['status', 'finalize'].includes(rest[2])) {
    ns = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, subresource, ...extra] = rest;
  if (extra.length) return { group, version, plural, bad: true };
  return { group, version, plural, ns, name, subresource };
};

const createHttp = (cluster) => {
  const { api } = cluster;
  const rbac = {
    roleBindings: (ns) =>
      api.store.list('rbac.authorization.k8s.io/rolebindings', ns).map(({ object }) => object),
    role: (ns, name) => api.store.get('rbac.authorization.k8s.io/roles', ns, name),
  };
  const authorize = (user, attrs) => authorizeUser(user, attrs, rbac);

  const userFor = (req, protocols) => {
    // The console bridge's own service account (reads the bridge makes for every user: CRD
    // printer columns, user settings). Only the preview server knows this per-run token.
    if (cluster.consoleToken && req.headers['x-preview-console-token'] === cluster.consoleToken) {
      return userInfo('admin', 'system:serviceaccount:openshift-console:console');
    }
    const base = cluster.user;
    let imp = req.headers['impersonate-user'];
    for (const p of protocols || []) {
      if (p.startsWith('Impersonate-User.')) {
        imp = Buffer.from(p.slice('Impersonate-User.'.length), 'base64url').toString('utf8');
      }
    }
    // Only cluster-admin may impersonate (it holds the impersonate verb).
    if (imp && base === 'admin') return userInfo(profileOf(imp), imp);
    return userInfo(base);
  };

  const groupsDoc = () => {
    const byGroup = new Map();
    for (const t of api.allTypes()) {
      if (!t.group) continue;
      const vs = byGroup.get(t.group) || new Set();
      t.versions.forEach((v) => vs.add(v));
      byGroup.set(t.group, vs);
    }
    return [...byGroup.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([name, vs]) => {
        const versions = [...vs]
          .sort(compareVersions)
          .map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
        return { name, versions, preferredVersion: versions[0] };
      });
  };

  const resourceList = (group, version) => {
    const types = api.allTypes().filter((t) => t.group === group && t.versions.includes(version));
    if (!types.length) return null;
    const resources = [];
    for (const t of types.sort((a, b) => a.plural.localeCompare(b.plural))) {
      resources.push({
        name: t.plural,
        singularName: t.singular,
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: t.verbs,
        ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
        ...(t.categories.length ? { categories: t.categories } : {}),
      });
      if (t.status) {
        resources.push({
          name: `${t.plural}/status`,
          singularName: '',
          namespaced: t.namespaced,
          kind: t.kind,
          verbs: ['get', 'patch', 'update'],
        });
      }
    }
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: group ? `${group}/${version}` : version,
      resources,
    };
  };

  // OpenAPI v3, reduced to what kubectl reads: which kinds accept ?fieldValidation (so it
  // leaves validation to the server instead of needing full schemas).
  const openapiRoot = () => {
    const paths = { 'api/v1': { serverRelativeURL: '/openapi/v3/api/v1' } };
    for (const g of groupsDoc()) {
      for (const v of g.versions) {
        paths[`apis/${v.groupVersion}`] = {
          serverRelativeURL: `/openapi/v3/apis/${v.groupVersion}`,
        };
      }
    }
    return { paths };
  };
  const openapiGV = (group, version) => {
    const paths = {};
    for (const t of api.allTypes()) {
      if (t.group !== group || !t.versions.includes(version) || t.virtual) continue;
      const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
      const p = `${base}${t.namespaced ? '/namespaces/{namespace}' : ''}/${t.plural}/{name}`;
      paths[p] = {
        patch: {
          'x-kubernetes-group-version-kind': { group, version, kind: t.kind },
          parameters: [
            { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } },
          ],
          responses: { 200: { description: 'OK' } },
        },
      };
    }
    return {
      openapi: '3.0.0',
      info: { title: 'Kubernetes', version: VERSION.gitVersion },
      paths,
      components: { schemas: {} },
    };
  };

  // OpenAPI v2, which the console reads for field descriptions and its YAML editor: every served
  // kind with its group/version/kind; CRD kinds carry their stored schema, built-in kinds only
  // their top-level fields (the stand-in has no full built-in schemas).
  // A CRD's definition is named after its reversed group even under k8s.io (the Gateway API's
  // `io.k8s.networking.gateway.v1.HTTPRoute`).
  const definitionName = (group, version, kind, crd) => {
    if (!group) return `io.k8s.api.core.${version}.${kind}`;
    if (!crd && (group.endsWith('.k8s.io') || !group.includes('.')))
      return `io.k8s.api.${group.replace(/\.k8s\.io$/, '').replace(/\./g, '_')}.${version}.${kind}`;
    return `${group.split('.').reverse().join('.')}.${version}.${kind}`;
  };
  const openapiV2 = () => {
    const definitions = {
      'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
        description: 'Standard object metadata.',
        type: 'object',
      },
    };
    for (const t of api.allTypes()) {
      if (t.virtual) continue;
      const crd = api.crdFor(t);
      for (const version of t.versions) {
        const stored = crd?.spec.versions.find((v) => v.name === version)?.schema?.openAPIV3Schema;
        const top = {
          apiVersion: { type: 'string' },
          kind: { type: 'string' },
          metadata: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
        };
        definitions[definitionName(t.group, version, t.kind, t.crd)] = {
          // Every kind of a real cluster has one; the console shows it (and its PodDisruptionBudget
          // field on workload pages fails without it).
          description: `${t.kind} (the stand-in cluster serves no field descriptions)`,
          type: 'object',
          ...(stored ?? {}),
          properties: { ...(stored?.properties ?? { spec: { type: 'object' } }), ...top },
          'x-kubernetes-group-version-kind': [{ group: t.group, version, kind: t.kind }],
        };
      }
    }
    return {
      swagger: '2.0',
      info: { title: 'Kubernetes', version: VERSION.gitVersion },
      paths: {},
      definitions,
    };
  };

  /** Non-resource endpoints; returns true when handled. */
  const handleMeta = (req, res, segs, pathname) => {
    if (req.method !== 'GET') return false;
    if (pathname === '/version') return (sendJSON(res, 200, VERSION), true);
    if (['/healthz', '/readyz', '/livez'].includes(pathname)) {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end('ok');
      return true;
    }
    if (pathname === '/api') {
      sendJSON(res, 200, {
        kind: 'APIVersions',
        versions: ['v1'],
        serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }],
      });
      return true;
    }
    if (pathname === '/apis') {
      sendJSON(res, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups: groupsDoc() });
      return true;
    }
    if (segs[0] === 'api' && segs.length === 2) {
      const rl = resourceList('', segs[1]);
      if (!rl) throw errors.pathNotFound();
      sendJSON(res, 200, rl);
      return true;
    }
    if (segs[0] === 'apis' && segs.length === 2) {
      const g = groupsDoc().find((x) => x.name === segs[1]);
      if (!g) throw errors.pathNotFound();
      sendJSON(res, 200, { kind: 'APIGroup', apiVersion: 'v1', ...g });
      return true;
    }
    if (segs[0] === 'apis' && segs.length === 3) {
      const rl = resourceList(segs[1], segs[2]);
      if (!rl) throw errors.pathNotFound();
      sendJSON(res, 200, rl);
      return true;
    }
    if (pathname === '/openapi/v2') return (sendJSON(res, 200, openapiV2()), true);
    if (pathname === '/openapi/v3') return (sendJSON(res, 200, openapiRoot()), true);
    if (segs[0] === 'openapi' && segs[1] === 'v3') {
      const [, , root, a, b] = segs;
      const gv = root === 'api' ? ['', a] : [a, b];
      if (!resourceList(gv[0], gv[1])) throw errors.pathNotFound();
      sendJSON(res, 200, openapiGV(gv[0], gv[1]));
      return true;
    }
    return false;
  };

  const verbFor = (method, p, q) => {
    switch (method) {
      case 'GET':
        if (q.get('watch') === 'true' || q.get('watch') === '1') return 'watch';
        return p.name ? 'get' : 'list';
      case 'POST':
        return 'create';
      case 'PUT':
        return 'update';
      case 'PATCH':
        return 'patch';
      case 'DELETE':
        return p.name ? 'delete' : 'deletecollection';
      default:
        return null;
    }
  };

  const dryRunOf = (q) => {
    const d = q.getAll('dryRun');
    if (!d.length) return false;
    if (d.some((x) => x !== 'All')) {
      throw errors.invalid({ kind: 'CreateOptions', group: 'meta.k8s.io' }, '', [
        {
          reason: 'FieldValueNotSupported',
          message: `Unsupported value: "${d.join(',')}": supported values: "All"`,
          field: 'dryRun',
        },
      ]);
    }
    return true;
  };

  /** Resolve and authorize a resource request. */
  const prepare = (req, pathname, q, protocols) => {
    const segs = pathname.split('/').filter(Boolean);
    const p = parseResourcePath(api, segs);
    if (!p || p.bad) throw errors.pathNotFound();
    const verb = verbFor(req.method, p, q);
    if (!verb) throw errors.methodNotAllowed(req.method);
    const user = userFor(req, protocols);
    // A list or watch restricted to one name by field selector is authorized for that name,
    // as the API server does (so RBAC resourceNames apply).
    const onlyName = /^metadata\.name=([^,]+)$/.exec(q.get('fieldSelector') || '')?.[1];
    const attrs = {
      verb,
      group: p.group,
      resource: p.plural,
      subresource: p.subresource,
      namespace: p.ns,
      name: p.name ?? (['list', 'watch'].includes(verb) ? onlyName : undefined),
    };
    // Reviews and ~ are open to every user; Projects are filtered per namespace (projectsFor).
    const open =
      ['selfsubjectaccessreviews', 'selfsubjectreviews'].includes(p.plural) ||
      (p.plural === 'users' && p.name === '~') ||
      (p.group === 'project.openshift.io' && p.plural === 'projects');
    if (!open) {
      const decision = authorize(user, attrs);
      if (!decision.allowed) {
        throw new ApiError(403, 'Forbidden', forbiddenMessage(user, attrs), {
          ...(p.name ? { name: p.name } : {}),
          ...(p.group ? { group: p.group } : {}),
          kind: p.plural,
        });
      }
    }
    const type = api.resolve(p.group, p.version, p.plural);
    if (!type) throw errors.pathNotFound();
    // A namespaced kind addressed without namespace is only a cross-namespace list/watch;
    // a cluster-scoped kind under /namespaces/<ns>/ does not exist.
    if (type.namespaced && !p.ns && p.name) throw errors.pathNotFound();
    if (type.namespaced && !p.ns && !['list', 'watch'].includes(verb)) {
      throw errors.pathNotFound();
    }
    if (!type.namespaced && p.ns) throw errors.pathNotFound();
    if (p.subresource && !(p.subresource === 'status' && type.status)) {
      throw errors.pathNotFound();
    }
    return { p, verb, type, user };
  };

  const virtualResource = async (req, res, p, user) => {
    if (p.plural === 'users') {
      if (p.name !== '~')
        throw errors.notFound({ plural: 'users', group: 'user.openshift.io' }, p.name);
      return sendJSON(res, 200, {
        kind: 'User',
        apiVersion: 'user.openshift.io/v1',
        metadata: { name: user.name, uid: `preview-${user.profile}` },
        identities: user.profile === 'admin' ? null : [`htpasswd:${user.name}`],
        groups: user.groups,
      });
    }
    const raw = await readBody(req);
    let body;
    if (isProtobuf(raw)) {
      body = p.plural === 'selfsubjectaccessreviews' ? decodeSelfSubjectAccessReview(raw) : {};
    } else body = parseJSONBody(raw) || {};
    if (p.plural === 'selfsubjectreviews') {
      return sendJSON(res, 201, {
        kind: 'SelfSubjectReview',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: { creationTimestamp: null },
        status: { userInfo: { username: user.name, groups: user.groups } },
      });
    }
    const spec = body.spec || {};
    const ra = spec.resourceAttributes;
    let decision;
    if (ra) {
      decision = authorize(user, {
        verb: ra.verb,
        group: ra.group || '',
        resource: ra.resource,
        subresource: ra.subresource,
        namespace: ra.namespace || '',
        name: ra.name,
      });
    } else if (spec.nonResourceAttributes) {
      decision = { allowed: true, reason: '' }; // discovery-style paths are open to all users
    } else {
      throw errors.invalid({ kind: 'SelfSubjectAccessReview', group: 'authorization.k8s.io' }, '', [
        {
          reason: 'FieldValueRequired',
          message:
            'Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified',
          field: 'spec.resourceAttributes',
        },
      ]);
    }
    return sendJSON(res, 201, {
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: { creationTimestamp: null },
      spec,
      status: {
        allowed: decision.allowed,
        ...(decision.reason ? { reason: decision.reason } : {}),
      },
    });
  };

  // --- Projects: Namespaces as OpenShift's project API shows them -----------------------------
  // A user sees the projects whose namespace they may read; others are "not found" (get) or
  // absent (list, watch), never 403, as the project API answers.
  const nsType = () => api.resolve('', 'v1', 'namespaces');
  const mayRead = (user, name) =>
    authorize(user, { verb: 'get', group: '', resource: 'namespaces', namespace: name, name })
      .allowed;
  const asProject = (ns) => ({
    ...ns,
    apiVersion: 'project.openshift.io/v1',
    kind: 'Project',
  });
  const projectsFor = (req, res, p, verb, q, user) => {
    if (verb === 'get') {
      if (!mayRead(user, p.name)) {
        throw errors.notFound({ plural: 'projects', group: 'project.openshift.io' }, p.name);
      }
      return sendJSON(res, 200, asProject(api.get(nsType(), 'v1', '', p.name)));
    }
    if (verb === 'list') {
      const l = api.list(nsType(), 'v1', '', queryObject(q));
      return sendJSON(res, 200, {
        ...l,
        apiVersion: 'project.openshift.io/v1',
        kind: 'ProjectList',
        items: l.items.filter((o) => mayRead(user, o.metadata.name)).map(asProject),
      });
    }
    throw errors.methodNotAllowed(verb, { plural: 'projects', group: 'project.openshift.io' });
  };
  const watchProjects = (q, p, user, send) =>
    api.watch(nsType(), 'v1', '', queryObject(q, p.name), (ev) => {
      if (ev.type === 'ERROR') return send(ev);
      if (!mayRead(user, ev.object.metadata.name)) return undefined;
      return send({ type: ev.type, object: asProject(ev.object) });
    });

  // A watch on a single object is a watch on its collection restricted to its name.
  const queryObject = (q, name) => ({
    labelSelector: q.get('labelSelector') || undefined,
    fieldSelector:
      [q.get('fieldSelector'), name && `metadata.name=${name}`].filter(Boolean).join(',') ||
      undefined,
    limit: q.get('limit') || undefined,
    continue: q.get('continue') || undefined,
    resourceVersion: q.has('resourceVersion') ? q.get('resourceVersion') : undefined,
  });

  const httpWatch = (req, res, type, p, q, watchWith) => {
    const table = wantsTable(req);
    let first = true;
    const write = (ev) => {
      const object = table && ev.type !== 'ERROR' ? toTable([ev.object], {}, first) : ev.object;
      first = false;
      res.write(`${JSON.stringify({ type: ev.type, object })}\n`);
    };
    let stop;
    try {
      const onEvent = (ev) => {
        if (!res.headersSent) start();
        write(ev);
      };
      stop = watchWith
        ? watchWith(onEvent)
        : api.watch(type, p.version, p.ns, queryObject(q, p.name), onEvent);
    } catch (e) {
      if (!(e instanceof ApiError) || e.code !== 410) throw e;
      // As the API server: the watch starts (200) and its first event is the 410 ERROR.
      res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
      res.end(`${JSON.stringify({ type: 'ERROR', object: e.toStatus() })}\n`);
      return;
    }
    function start() {
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Transfer-Encoding': 'chunked',
        'Cache-Control': 'no-cache, private',
      });
      if (res.flushHeaders) res.flushHeaders();
    }
    if (!res.headersSent) start();
    const timeout = Number(q.get('timeoutSeconds'));
    let timer;
    const end = () => {
      if (stop) stop();
      stop = null;
      clearTimeout(timer);
      cluster.watches.delete(end);
      if (!res.writableEnded) res.end();
    };
    if (timeout > 0) timer = setTimeout(end, timeout * 1000);
    cluster.watches.add(end);
    req.on('close', end);
    res.on('close', end);
  };

  const handleRequest = async (req, res, path) => {
    try {
      const url = new URL(path || req.url, 'http://stand-in');
      const pathname = url.pathname.replace(/\/+$/, '') || '/';
      const q = url.searchParams;
      const segs = pathname.split('/').filter(Boolean);
      if (handleMeta(req, res, segs, pathname)) return;
      const { p, verb, type, user } = prepare(req, pathname, q);
      if (type.mirrorOf && verb === 'watch') {
        return httpWatch(req, res, type, p, q, (send) => watchProjects(q, p, user, send));
      }
      if (type.mirrorOf) return projectsFor(req, res, p, verb, q, user);
      if (type.virtual) {
        if (
          (p.plural === 'users' && verb !== 'get') ||
          (p.plural !== 'users' && verb !== 'create')
        ) {
          throw errors.methodNotAllowed(verb, type);
        }
        await virtualResource(req, res, p, user);
        return;
      }
      const table = wantsTable(req);
      const dryRun = dryRunOf(q);
      switch (verb) {
        case 'get': {
          const o = api.get(type, p.version, p.ns, p.name);
          return sendJSON(
            res,
            200,
            table ? toTable([o], { resourceVersion: o.metadata.resourceVersion }) : o,
          );
        }
        case 'list': {
          const l = api.list(type, p.version, p.ns, queryObject(q));
          return sendJSON(res, 200, table ? toTable(l.items, l.metadata) : l);
        }
        case 'watch':
          return httpWatch(req, res, type, p, q);
        case 'create': {
          const body = parseJSONBody(await readBody(req));
          return sendJSON(res, 201, api.create(type, p.version, p.ns, body, { dryRun }));
        }
        case 'update': {
          const body = parseJSONBody(await readBody(req));
          const o = api.update(type, p.version, p.ns, p.name, body, {
            dryRun,
            subresource: p.subresource,
          });
          return sendJSON(res, 200, o);
        }
        case 'patch': {
          const raw = await readBody(req);
          const r = api.patch(type, p.version, p.ns, p.name, req.headers['content-type'], raw, {
            dryRun,
            subresource: p.subresource,
            fieldManager: q.get('fieldManager'),
          });
          return sendJSON(res, r.created ? 201 : 200, r.object);
        }
        case 'delete': {
          const body = parseJSONBody(await readBody(req)) || {};
          const o = api.delete(type, p.version, p.ns, p.name, {
            dryRun: dryRun || (body.dryRun || []).includes('All'),
            preconditions: body.preconditions,
          });
          return sendJSON(res, 200, o);
        }
        case 'deletecollection': {
          const l = api.list(type, p.version, p.ns, queryObject(q));
          const items = l.items.map((o) =>
            api.delete(type, p.version, o.metadata.namespace, o.metadata.name, { dryRun }),
          );
          return sendJSON(res, 200, { ...l, items });
        }
        default:
          throw errors.methodNotAllowed(verb, type);
      }
    } catch (e) {
      if (!res.headersSent) sendError(res, e);
      else res.end();
    }
  };

  // --- WebSocket watches (what the console SDK uses) ----------------------------------------
  const wss = new WebSocketServer({
    noServer: true,
    // Browsers drop the connection unless the server selects one of the offered subprotocols.
    handleProtocols: (protocols) => {
      const list = [...protocols];
      return list.length ? list[0] : false;
    },
  });

  const rejectUpgrade = (socket, err) => {
    const status = err instanceof ApiError ? err.toStatus() : { message: String(err) };
    const code = (err && err.code) || 500;
    const body = JSON.stringify(status);
    socket.write(
      `HTTP/1.1 ${code} ${code === 404 ? 'Not Found' : code === 403 ? 'Forbidden' : 'Error'}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
    socket.destroy();
  };

  const handleUpgrade = (req, socket, head, path) => {
    let ctx;
    try {
      const url = new URL(path || req.url, 'http://stand-in');
      const q = url.searchParams;
      const pathname = url.pathname.replace(/\/+$/, '');
      const protocols = (req.headers['sec-websocket-protocol'] || '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (req.method !== 'GET') throw errors.methodNotAllowed(req.method);
      const prepared = prepare(req, pathname, q, protocols);
      if (prepared.type.virtual && !prepared.type.mirrorOf)
        throw errors.methodNotAllowed('watch', prepared.type);
      ctx = { ...prepared, q };
    } catch (e) {
      rejectUpgrade(socket, e);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const { p, type, q } = ctx;
      const send = (ev) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(ev));
      };
      let stop;
      const end = () => {
        if (stop) stop();
        stop = null;
        cluster.watches.delete(end);
        if (ws.readyState === ws.OPEN) ws.close(1000);
      };
      try {
        const query = queryObject(q, p.name);
        stop = type.mirrorOf
          ? watchProjects(q, p, ctx.user, send)
          : api.watch(type, p.version, p.ns, query, send);
      } catch (e) {
        send({
          type: 'ERROR',
          object: e instanceof ApiError ? e.toStatus() : { message: e.message },
        });
        ws.close(1000);
        return;
      }
      cluster.watches.add(end);
      ws.on('close', end);
      ws.on('error', end);
    });
  };

  const close = () => {
    for (const end of [...cluster.watches]) end();
    for (const c of wss.clients) c.terminate();
    wss.close();
  };

  return { handleRequest, handleUpgrade, close, now };
};

module.exports = { createHttp };
