'use strict';
// Versioned object storage: one global, monotonically increasing resourceVersion (like etcd's
// revision), a bounded event history for watch replay, and change listeners.
const { clone } = require('./util');

class Store {
  constructor({ historySize = 5000 } = {}) {
    this.rv = 1000;
    this.data = new Map(); // typeKey -> Map(objectKey -> object)
    this.history = []; // {rv, tk, type, object, prev}
    this.historySize = historySize;
    this.compactedRV = 0; // every event with rv <= this has been dropped from history
    this.watchers = new Set();
    this.listeners = new Set();
  }

  static key(ns, name) {
    return `${ns || ''}/${name}`;
  }

  bucket(tk) {
    if (!this.data.has(tk)) this.data.set(tk, new Map());
    return this.data.get(tk);
  }

  get(tk, ns, name) {
    const o = this.bucket(tk).get(Store.key(ns, name));
    return o ? clone(o) : undefined;
  }

  /** Stored objects of a kind (optionally one namespace), in key order like etcd. */
  list(tk, ns) {
    const out = [];
    for (const [k, o] of this.bucket(tk)) {
      if (ns && o.metadata.namespace !== ns) continue;
      out.push([k, o]);
    }
    out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return out.map(([k, o]) => ({ key: k, object: clone(o) }));
  }

  nextRV() {
    this.rv += 1;
    return this.rv;
  }

  /** Write (ADDED or MODIFIED); stamps the new resourceVersion and emits the event. */
  put(tk, obj) {
    const b = this.bucket(tk);
    const k = Store.key(obj.metadata.namespace, obj.metadata.name);
    const prev = b.get(k);
    const rv = this.nextRV();
    const stored = clone(obj);
    stored.metadata.resourceVersion = String(rv);
    b.set(k, stored);
    this.emit({ rv, tk, type: prev ? 'MODIFIED' : 'ADDED', object: stored, prev });
    return clone(stored);
  }

  remove(tk, ns, name) {
    const b = this.bucket(tk);
    const k = Store.key(ns, name);
    const prev = b.get(k);
    if (!prev) return undefined;
    b.delete(k);
    const rv = this.nextRV();
    // The DELETED event carries the object at the deletion's revision, as the API server does.
    const gone = clone(prev);
    gone.metadata.resourceVersion = String(rv);
    this.emit({ rv, tk, type: 'DELETED', object: gone, prev });
    return clone(gone);
  }

  emit(ev) {
    this.history.push(ev);
    while (this.history.length > this.historySize) {
      this.compactedRV = this.history.shift().rv;
    }
    for (const w of [...this.watchers]) if (w.tk === ev.tk) w.fn(ev);
    for (const l of [...this.listeners]) l(ev);
  }

  /** Events for a kind after `rv`, or null when some of them were already compacted away. */
  since(tk, rv) {
    if (rv < this.compactedRV) return null;
    return this.history.filter((e) => e.rv > rv && e.tk === tk);
  }

  watch(tk, fn) {
    const w = { tk, fn };
    this.watchers.add(w);
    return () => this.watchers.delete(w);
  }

  onChange(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}

module.exports = { Store };
