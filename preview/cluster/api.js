'use strict';
// Kubernetes resource semantics on top of the store: type resolution (built-ins + stored
// CRDs), create/update/patch/delete with metadata bookkeeping, status subresources,
// generation, dry-run, optimistic concurrency, list with selectors and pagination, watch.
const crypto = require('crypto');
const YAML = require('yaml');
const { mergePatch, jsonPatch, strategicMerge } = require('./patch');
const { builtinTypes, typeFromCrd, typeKey } = require('./registry');
const { parseLabelSelector, parseFieldSelector } = require('./selectors');
const { Store } = require('./store');
const { ApiError, errors, clone, deepEqual, randomSuffix, now } = require('./util');
const { admission } = require('./validate');

const CRD_TK = 'apiextensions.k8s.io/customresourcedefinitions';
const NS_TK = '/namespaces';

const withoutVolatile = (o) => {
  const c = clone(o);
  delete c.metadata.resourceVersion;
  delete c.metadata.managedFields;
  return c;
};
const specOf = (o) => {
  const c = { ...o };
  delete c.metadata;
  delete c.status;
  delete c.apiVersion;
  delete c.kind;
  return c;
};

/** Defaults the API server (or a mutating webhook) fills in on write. */
const applyDefaults = (type, obj, old) => {
  const tk = typeKey(type);
  if (tk === NS_TK) {
    obj.metadata.labels = {
      ...(obj.metadata.labels || {}),
      'kubernetes.io/metadata.name': obj.metadata.name,
    };
    obj.spec = { finalizers: ['kubernetes'], ...(obj.spec || {}) };
    if (!obj.status) obj.status = { phase: 'Active' };
  }
  if (tk === '/services') {
    obj.spec = { type: 'ClusterIP', sessionAffinity: 'None', ...(obj.spec || {}) };
    if (!obj.spec.clusterIP) {
      obj.spec.clusterIP =
        old && old.spec && old.spec.clusterIP
          ? old.spec.clusterIP
          : `172.30.${crypto.randomInt(0, 255)}.${crypto.randomInt(1, 254)}`;
      obj.spec.clusterIPs = [obj.spec.clusterIP];
    }
    if (!obj.status) obj.status = { loadBalancer: {} };
  }
  if (tk === '/serviceaccounts' || tk === '/configmaps') delete obj.status;
  if (tk === 'apps/deployments') {
    obj.spec = {
      replicas: 1,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
      },
      ...(obj.spec || {}),
    };
  }
  if (tk === 'maistra.io/servicemeshcontrolplanes' && obj.spec && !obj.spec.version) {
    obj.spec.version = 'v2.6'; // the webhook fills the current version
  }
  if (tk === 'sailoperator.io/istios' && obj.spec) {
    obj.spec = {
      namespace: 'istio-system',
      updateStrategy: { type: 'InPlace', inactiveRevisionDeletionGracePeriodSeconds: 30 },
      ...obj.spec,
    };
  }
  if (tk === 'sailoperator.io/istiocnis' && obj.spec) {
    obj.spec = { namespace: 'istio-cni', ...obj.spec };
  }
  if (tk === 'sailoperator.io/ztunnels' && obj.spec) {
    obj.spec = { namespace: 'ztunnel', ...obj.spec };
  }
  // The Gateway API CRDs default a new Gateway's (and GatewayClass's) status to "Waiting for
  // controller", which is what a client sees until some controller takes it.
  if (
    !old &&
    !obj.status &&
    (tk === 'gateway.networking.k8s.io/gateways' ||
      tk === 'gateway.networking.k8s.io/gatewayclasses')
  ) {
    const pending = (type) => ({
      type,
      status: 'Unknown',
      reason: 'Pending',
      message: 'Waiting for controller',
      lastTransitionTime: '1970-01-01T00:00:00Z',
    });
    obj.status = {
      conditions: tk.endsWith('/gateways')
        ? [pending('Accepted'), pending('Programmed')]
        : [pending('Accepted')],
    };
  }
  if (tk === 'operators.coreos.com/subscriptions' && obj.spec && !obj.spec.installPlanApproval) {
    obj.spec.installPlanApproval = 'Automatic';
  }
};

class Api {
  constructor({ validator, historySize }) {
    this.store = new Store({ historySize });
    this.validator = validator;
    this.builtins = new Map(builtinTypes.map((t) => [typeKey(t), t]));
    this.crdTypes = new Map();
    this.hooks = { onNamespaceDelete: null };
    // Discovery follows CRD objects: rebuild the custom types whenever one changes.
    this.store.onChange((ev) => {
      if (ev.tk === CRD_TK) this.rebuildCrdTypes();
    });
  }

  rebuildCrdTypes() {
    const next = new Map();
    for (const { object } of this.store.list(CRD_TK)) {
      if (object.metadata.deletionTimestamp) continue;
      const t = typeFromCrd(object);
      if (t) next.set(typeKey(t), { ...t, crdName: object.metadata.name });
    }
    this.crdTypes = next;
  }

  allTypes() {
    return [...this.builtins.values(), ...this.crdTypes.values()];
  }

  /** The served type for group/version/plural, or null (the API server then answers 404). */
  resolve(group, version, plural) {
    const tk = `${group}/${plural}`;
    const t = this.builtins.get(tk) || this.crdTypes.get(tk);
    return t && t.versions.includes(version) ? t : null;
  }

  typeByKind(group, kind) {
    return this.allTypes().find((t) => t.group === group && t.kind === kind) || null;
  }

  crdFor(type) {
    return type.crd ? this.store.get(CRD_TK, '', type.crdName) : undefined;
  }

  present(type, version, obj) {
    const o = clone(obj);
    return {
      apiVersion: type.group ? `${type.group}/${version}` : version,
      kind: type.kind,
      ...o,
    };
  }

  get(type, version, ns, name) {
    const o = this.store.get(typeKey(type), type.namespaced ? ns : '', name);
    if (!o) throw errors.notFound(type, name);
    return this.present(type, version, o);
  }

  // --- list & watch -----------------------------------------------------------------------

  list(type, version, ns, q = {}) {
    const byLabel = parseLabelSelector(q.labelSelector);
    const byField = parseFieldSelector(q.fieldSelector, type);
    let listRV = String(this.store.rv);
    let after = '';
    if (q.continue) {
      try {
        const tok = JSON.parse(Buffer.from(q.continue, 'base64').toString('utf8'));
        listRV = tok.rv;
        after = tok.after;
      } catch {
        throw errors.badRequest('continue key is not valid: illegal base64 data');
      }
    }
    const all = this.store
      .list(typeKey(type), type.namespaced ? ns : undefined)
      .filter(
        ({ key, object }) => key > after && byLabel(object.metadata.labels) && byField(object),
      );
    const limit = Number(q.limit) > 0 ? Number(q.limit) : 0;
    const page = limit ? all.slice(0, limit) : all;
    const metadata = { resourceVersion: listRV };
    if (limit && all.length > limit) {
      const last = page[page.length - 1].key;
      metadata.continue = Buffer.from(JSON.stringify({ rv: listRV, after: last })).toString(
        'base64',
      );
      if (!q.labelSelector && !q.fieldSelector) metadata.remainingItemCount = all.length - limit;
    }
    return {
      apiVersion: type.group ? `${type.group}/${version}` : version,
      kind: `${type.kind}List`,
      metadata,
      items: page.map(({ object }) => this.present(type, version, object)),
    };
  }

  /**
   * Watch from a resourceVersion. `send(event)` gets {type, object}; returns a stop function.
   * Throws a 410 ApiError if the requested revision is older than the kept history.
   */
  watch(type, version, ns, q, send) {
    const tk = typeKey(type);
    const byLabel = parseLabelSelector(q.labelSelector);
    const byField = parseFieldSelector(q.fieldSelector, type);
    const inScope = (o) =>
      o && (!type.namespaced || !ns || o.metadata.namespace === ns) && byField(o);
    const matches = (o) => inScope(o) && byLabel(o.metadata.labels);
    // An object entering or leaving the selection is ADDED/DELETED for this watcher.
    const translate = (ev) => {
      const now = ev.type !== 'DELETED' && matches(ev.object);
      const before = ev.prev && matches(ev.prev);
      if (ev.type === 'ADDED') return now ? 'ADDED' : null;
      if (ev.type === 'DELETED') return before ? 'DELETED' : null;
      if (now && before) return 'MODIFIED';
      if (now) return 'ADDED';
      if (before) return 'DELETED';
      return null;
    };
    const deliver = (ev) => {
      const t = translate(ev);
      if (t) send({ type: t, object: this.present(type, version, ev.object) });
    };
    const rv = q.resourceVersion;
    let backlog;
    if (rv === undefined || rv === '' || rv === '0') {
      backlog = this.store
        .list(tk, type.namespaced ? ns : undefined)
        .filter(({ object }) => matches(object))
        .map(({ object }) => ({ type: 'ADDED', object, rv: 0 }));
    } else {
      const n = Number(rv);
      if (!Number.isInteger(n)) throw errors.badRequest(`invalid resource version: ${rv}`);
      backlog = this.store.since(tk, n);
      if (backlog === null) {
        throw errors.gone(`too old resource version: ${n} (${this.store.compactedRV + 1})`);
      }
    }
    const stop = this.store.watch(tk, deliver);
    for (const ev of backlog) {
      if (ev.rv === 0) send({ type: 'ADDED', object: this.present(type, version, ev.object) });
      else deliver(ev);
    }
    return stop;
  }

  // --- writes -----------------------------------------------------------------------------

  checkBody(type, version, body, ns) {
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw errors.badRequest('the body of the request was in an unknown format');
    }
    const expected = type.group ? `${type.group}/${version}` : version;
    if (body.apiVersion && body.apiVersion !== expected) {
      const sameGroup = type.group && body.apiVersion.startsWith(`${type.group}/`);
      const v = body.apiVersion.split('/').pop();
      if (!(sameGroup && type.versions.includes(v))) {
        throw errors.badRequest(
          `the API version in the data (${body.apiVersion}) does not match the expected API version (${expected})`,
        );
      }
    }
    if (body.kind && body.kind !== type.kind) {
      throw errors.badRequest(
        `the kind in the data (${body.kind}) does not match the expected kind (${type.kind})`,
      );
    }
    body.metadata = body.metadata || {};
    if (type.namespaced) {
      if (body.metadata.namespace && body.metadata.namespace !== ns) {
        throw errors.badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      body.metadata.namespace = ns;
    } else delete body.metadata.namespace;
  }

  admit(type, version, obj, old) {
    const causes = this.validator.validate(type, version, obj, this.crdFor(type));
    if (causes.length) throw errors.invalid(type, obj.metadata.name || '', causes);
    const a = admission(type, obj, old);
    if (a && a.causes) throw errors.invalid(type, obj.metadata.name, a.causes);
    if (a && a.denied) throw errors.forbidden(a.denied, type, obj.metadata.name);
  }

  create(type, version, ns, body, opts = {}) {
    if (type.readOnly && !opts.internal) throw errors.methodNotAllowed('create', type);
    const obj = clone(body);
    this.checkBody(type, version, obj, ns);
    if (!obj.metadata.name && obj.metadata.generateName) {
      obj.metadata.name = `${obj.metadata.generateName}${randomSuffix(5)}`;
    }
    if (type.namespaced) {
      const nsObj = this.store.get(NS_TK, '', ns);
      if (!nsObj) {
        throw new ApiError(404, 'NotFound', `namespaces "${ns}" not found`, {
          name: ns,
          kind: 'namespaces',
        });
      }
      if (nsObj.metadata.deletionTimestamp && !opts.internal) {
        throw errors.forbidden(
          `${type.plural} "${obj.metadata.name}" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
          type,
          obj.metadata.name,
        );
      }
    }
    const tk = typeKey(type);
    if (obj.metadata.name && this.store.get(tk, type.namespaced ? ns : '', obj.metadata.name)) {
      throw errors.alreadyExists(type, obj.metadata.name);
    }
    if (type.status && !opts.internal) delete obj.status;
    applyDefaults(type, obj);
    if (!opts.internal) this.admit(type, version, obj);
    for (const k of ['resourceVersion', 'uid', 'deletionTimestamp', 'managedFields']) {
      delete obj.metadata[k];
    }
    obj.metadata.uid = crypto.randomUUID();
    obj.metadata.creationTimestamp = now();
    if (type.generation) obj.metadata.generation = 1;
    else delete obj.metadata.generation;
    if (opts.dryRun) return this.present(type, version, obj);
    return this.present(type, version, this.store.put(tk, this.toStorage(type, obj)));
  }

  toStorage(type, obj) {
    const o = clone(obj);
    o.apiVersion = type.group ? `${type.group}/${type.storageVersion}` : type.storageVersion;
    o.kind = type.kind;
    return o;
  }

  /** PUT semantics given the desired object; used by update and patch. */
  replace(type, version, ns, name, desired, opts = {}) {
    const tk = typeKey(type);
    const key = type.namespaced ? ns : '';
    const existing = this.store.get(tk, key, name);
    if (!existing) throw errors.notFound(type, name);
    if (type.readOnly && !opts.internal) throw errors.methodNotAllowed('update', type);
    const obj = clone(desired);
    this.checkBody(type, version, obj, ns);
    if (obj.metadata.name !== undefined && obj.metadata.name !== name) {
      throw errors.badRequest(
        `the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    obj.metadata.name = name;
    const rv = obj.metadata.resourceVersion;
    if (rv !== undefined && rv !== '' && rv !== existing.metadata.resourceVersion) {
      throw errors.conflict(type, name);
    }
    let next;
    if (opts.subresource === 'status') {
      // The status subresource changes status only.
      next = { ...existing, status: obj.status };
    } else {
      next = obj;
      if (type.status) {
        if (existing.status === undefined) delete next.status;
        else next.status = existing.status;
      }
    }
    for (const k of ['uid', 'creationTimestamp', 'deletionTimestamp', 'generation']) {
      if (existing.metadata[k] === undefined) delete next.metadata[k];
      else next.metadata[k] = existing.metadata[k];
    }
    if (type.namespaced) next.metadata.namespace = ns;
    applyDefaults(type, next, existing);
    if (!opts.internal && opts.subresource !== 'status') this.admit(type, version, next, existing);
    if (type.generation && !deepEqual(specOf(next), specOf(existing))) {
      next.metadata.generation = (existing.metadata.generation || 0) + 1;
    }
    next = this.toStorage(type, next);
    // A no-op write is not a write: same resourceVersion, no event.
    if (deepEqual(withoutVolatile(next), withoutVolatile(existing))) {
      return this.present(type, version, existing);
    }
    if (opts.dryRun) {
      next.metadata.resourceVersion = existing.metadata.resourceVersion;
      return this.present(type, version, next);
    }
    if (next.metadata.deletionTimestamp && !(next.metadata.finalizers || []).length) {
      return this.present(type, version, this.finalize(type, next));
    }
    return this.present(type, version, this.store.put(tk, next));
  }

  update(type, version, ns, name, body, opts = {}) {
    return this.replace(type, version, ns, name, body, opts);
  }

  patch(type, version, ns, name, contentType, raw, opts = {}) {
    const ct = (contentType || '').split(';')[0].trim();
    let parsed;
    try {
      parsed = ct === 'application/apply-patch+yaml' ? YAML.parse(raw.toString()) : JSON.parse(raw);
    } catch (e) {
      throw errors.badRequest(`error decoding patch: ${e.message}`);
    }
    const tk = typeKey(type);
    const existing = this.store.get(tk, type.namespaced ? ns : '', name);
    if (ct === 'application/apply-patch+yaml') {
      if (!opts.fieldManager) {
        throw errors.invalid({ kind: 'PatchOptions', group: 'meta.k8s.io' }, '', [
          {
            reason: 'FieldValueRequired',
            message: 'Required value: is required for apply patch',
            field: 'fieldManager',
          },
        ]);
      }
      // Server-side apply, approximated: create when absent, else merge the applied config.
      if (!existing) {
        return { created: true, object: this.create(type, version, ns, parsed, opts) };
      }
    }
    if (!existing) throw errors.notFound(type, name);
    const current = this.present(type, version, existing);
    let patched;
    switch (ct) {
      case 'application/json-patch+json':
        patched = jsonPatch(current, parsed);
        break;
      case 'application/merge-patch+json':
      case 'application/apply-patch+yaml':
        patched = mergePatch(current, parsed);
        break;
      case 'application/strategic-merge-patch+json':
        if (type.crd) {
          throw new ApiError(
            415,
            'UnsupportedMediaType',
            `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
          );
        }
        patched = strategicMerge(current, parsed);
        break;
      default:
        throw new ApiError(
          415,
          'UnsupportedMediaType',
          `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`,
        );
    }
    if (!patched || typeof patched !== 'object' || !patched.metadata) {
      throw errors.badRequest('the patch produced an object without metadata');
    }
    return { created: false, object: this.replace(type, version, ns, name, patched, opts) };
  }

  /** Actually remove a stored object and collect its dependents (background propagation). */
  finalize(type, obj) {
    const gone = this.store.remove(typeKey(type), obj.metadata.namespace || '', obj.metadata.name);
    if (!gone) return obj;
    this.collectDependents(obj.metadata.uid);
    if (typeKey(type) === CRD_TK) {
      const t = typeFromCrd(obj);
      if (t) {
        for (const { object } of this.store.list(typeKey(t))) {
          this.store.remove(typeKey(t), object.metadata.namespace || '', object.metadata.name);
        }
      }
    }
    return gone;
  }

  collectDependents(uid) {
    for (const t of this.allTypes()) {
      if (t.virtual) continue;
      for (const { object } of this.store.list(typeKey(t))) {
        if ((object.metadata.ownerReferences || []).some((r) => r.uid === uid)) {
          this.finalize(t, object);
        }
      }
    }
  }

  delete(type, version, ns, name, opts = {}) {
    if (type.readOnly && !opts.internal) throw errors.methodNotAllowed('delete', type);
    const tk = typeKey(type);
    const existing = this.store.get(tk, type.namespaced ? ns : '', name);
    if (!existing) throw errors.notFound(type, name);
    const pre = opts.preconditions || {};
    if (
      (pre.resourceVersion && pre.resourceVersion !== existing.metadata.resourceVersion) ||
      (pre.uid && pre.uid !== existing.metadata.uid)
    ) {
      throw errors.conflict(type, name);
    }
    if (opts.dryRun) return this.present(type, version, existing);
    const pending = (existing.metadata.finalizers || []).length || tk === NS_TK;
    if (pending) {
      // Finalizers (and the namespace controller) keep the object until they are done.
      if (!existing.metadata.deletionTimestamp) {
        existing.metadata.deletionTimestamp = now();
        existing.metadata.deletionGracePeriodSeconds = 0;
        if (tk === NS_TK) existing.status = { ...(existing.status || {}), phase: 'Terminating' };
        const stored = this.store.put(tk, existing);
        if (tk === NS_TK && this.hooks.onNamespaceDelete) this.hooks.onNamespaceDelete(name);
        return this.present(type, version, stored);
      }
      return this.present(type, version, existing);
    }
    return this.present(type, version, this.finalize(type, existing));
  }

  /** Namespace controller: remove everything in a terminating namespace, then the namespace. */
  purgeNamespace(name) {
    for (const t of this.allTypes()) {
      if (!t.namespaced || t.virtual) continue;
      for (const { object } of this.store.list(typeKey(t), name)) this.finalize(t, object);
    }
    const ns = this.store.get(NS_TK, '', name);
    if (ns && ns.metadata.deletionTimestamp) this.store.remove(NS_TK, '', name);
  }

  // --- conveniences for the simulated controllers (no auth, no validation) --------------

  typeOf(apiVersion, kind) {
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    return this.typeByKind(group, kind);
  }

  /** Create or update an object from a full manifest; a missing kind is silently skipped. */
  upsert(manifest) {
    const type = this.typeOf(manifest.apiVersion, manifest.kind);
    if (!type) return undefined;
    const version = manifest.apiVersion.split('/').pop();
    const ns = manifest.metadata.namespace || '';
    const existing = this.store.get(
      typeKey(type),
      type.namespaced ? ns : '',
      manifest.metadata.name,
    );
    if (!existing) return this.create(type, version, ns, manifest, { internal: true });
    const next = {
      ...existing,
      ...clone(manifest),
      metadata: { ...existing.metadata, ...manifest.metadata },
    };
    next.metadata.resourceVersion = existing.metadata.resourceVersion;
    return this.replace(type, version, ns, manifest.metadata.name, next, { internal: true });
  }

  /** Read an object by apiVersion/kind, or undefined. */
  find(apiVersion, kind, ns, name) {
    const type = this.typeOf(apiVersion, kind);
    if (!type) return undefined;
    return this.store.get(typeKey(type), type.namespaced ? ns : '', name);
  }

  findAll(apiVersion, kind, ns) {
    const type = this.typeOf(apiVersion, kind);
    if (!type) return [];
    return this.store.list(typeKey(type), ns).map((e) => e.object);
  }

  /** Set status (writes only if it changed, so controllers do not loop). */
  setStatus(obj, status) {
    const type = this.typeOf(obj.apiVersion, obj.kind);
    if (!type) return undefined;
    const cur = this.store.get(typeKey(type), obj.metadata.namespace || '', obj.metadata.name);
    if (!cur || deepEqual(cur.status, status)) return cur;
    cur.status = status;
    return this.store.put(typeKey(type), cur);
  }

  /** Update metadata/spec of a stored object through a mutator (internal writes). */
  mutate(obj, fn) {
    const type = this.typeOf(obj.apiVersion, obj.kind);
    if (!type) return undefined;
    const ns = obj.metadata.namespace || '';
    const cur = this.store.get(typeKey(type), ns, obj.metadata.name);
    if (!cur) return undefined;
    const next = clone(cur);
    fn(next);
    if (deepEqual(next, cur)) return cur;
    if (type.generation && !deepEqual(specOf(next), specOf(cur))) {
      next.metadata.generation = (cur.metadata.generation || 0) + 1;
    }
    return this.store.put(typeKey(type), next);
  }

  remove(obj) {
    const type = this.typeOf(obj.apiVersion, obj.kind);
    const cur =
      type && this.store.get(typeKey(type), obj.metadata.namespace || '', obj.metadata.name);
    if (cur) this.finalize(type, cur);
  }
}

module.exports = { Api, CRD_TK, NS_TK };
