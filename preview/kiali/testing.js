'use strict';
// Test helpers: a preview server with the stand-in Kiali, reached the way the plugin reaches it
// (the console's plugin proxy), and writes through the console's Kubernetes proxy.
const { startPreview } = require('../server');

const KIALI = '/api/proxy/plugin/mesh-console-plugin/kiali';
const CSRF = 'test-csrf-token';

/** Starts a preview (fast controllers) and returns it with small clients. */
const startKialiPreview = async (opts = {}) => {
  const preview = await startPreview({ port: 0, speed: 0.05, scenario: 'mesh3', ...opts });
  const call = async (url, init = {}) => {
    const res = await fetch(`${preview.url}${url}`, init);
    const raw = await res.text();
    let body = raw;
    try {
      body = JSON.parse(raw);
    } catch {
      // plain text, e.g. the proxy's 502
    }
    return { status: res.status, body, raw, headers: res.headers };
  };
  /** GET a Kiali API path through the plugin proxy. */
  const kiali = (path, params) =>
    call(`${KIALI}${path}${params ? `?${new URLSearchParams(params)}` : ''}`);
  /** A write through the console's Kubernetes proxy, with the CSRF cookie and header. */
  const k8s = (method, path, body, type = 'application/json') =>
    call(`/api/kubernetes${path}`, {
      method,
      headers: { 'Content-Type': type, Cookie: `csrf-token=${CSRF}`, 'X-CSRFToken': CSRF },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const apply = async (obj) => {
    const [group, version] = obj.apiVersion.includes('/')
      ? obj.apiVersion.split('/')
      : ['', obj.apiVersion];
    const plural = `${obj.kind.toLowerCase()}s`.replace(/ys$/, 'ies');
    const base = group ? `/apis/${group}/${version}` : `/api/${version}`;
    const ns = obj.metadata.namespace ? `/namespaces/${obj.metadata.namespace}` : '';
    const res = await k8s('POST', `${base}${ns}/${plural}`, obj);
    if (res.status !== 201) throw new Error(`create ${obj.kind}: ${res.status} ${res.raw}`);
    return res.body;
  };
  return { preview, kiali, k8s, apply, close: () => preview.close() };
};

/** Poll `fn` until it returns a truthy value. */
const until = async (fn, what = 'condition', ms = 10000) => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** A readable name for a graph node: svc:<name>, <workload>, <app>:<version>, unknown, box. */
const nodeName = (d) => {
  if (d.nodeType === 'service') return `svc:${d.service}`;
  if (d.nodeType === 'unknown') return 'unknown';
  if (d.nodeType === 'box') return `box:${d.isBox}:${d.app || d.namespace || d.cluster}`;
  if (d.nodeType === 'workload') return d.workload;
  return d.version ? `${d.app}:${d.version}` : d.app;
};

/** Nodes by readable name and edges as {"a -> b": data}. */
const readGraph = (graph) => {
  const byId = new Map(graph.elements.nodes.map((n) => [n.data.id, n.data]));
  const nodes = Object.fromEntries(graph.elements.nodes.map((n) => [nodeName(n.data), n.data]));
  const edges = Object.fromEntries(
    graph.elements.edges.map((e) => [
      `${nodeName(byId.get(e.data.source))} -> ${nodeName(byId.get(e.data.target))}`,
      e.data,
    ]),
  );
  return { nodes, edges };
};

const RING_SUBSETS = ['v1', 'v2', 'v3'].map((v) => ({ name: v, labels: { version: v } }));

/** The DestinationRule and VirtualService the traffic forms write for a weighted split. */
const reviewsSplit = (weights) => [
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'reviews', namespace: 'bookinfo' },
    spec: { host: 'reviews', subsets: RING_SUBSETS },
  },
  {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name: 'reviews', namespace: 'bookinfo' },
    spec: {
      hosts: ['reviews'],
      http: [
        {
          route: Object.entries(weights).map(([subset, weight]) => ({
            destination: { host: 'reviews', subset },
            weight,
          })),
        },
      ],
    },
  },
];

module.exports = { startKialiPreview, until, readGraph, nodeName, reviewsSplit, KIALI };
