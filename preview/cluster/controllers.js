'use strict';
// Simulated controllers: workloads (Deployment -> ReplicaSet -> Pods, DaemonSet -> a Pod per
// node, sidecar injection at pod creation), OLM (Subscription -> InstallPlan -> CSV -> CRDs), Sail
// (Istio/IstioCNI/ZTunnel), ambient capture and istiod's Gateway API controller (ambient.js),
// Maistra (SMCP/SMMR/SMM), Kiali, Tempo, the OpenTelemetry collector, cluster monitoring's
// user-workload Prometheus, and namespace termination. All are level-based: each
// reconcile reads current state and writes only differences, after a delay scaled by `speed`.
const crypto = require('crypto');
const YAML = require('yaml');
const {
  captureConcerns,
  daemonSetReady,
  isAmbient,
  reconcileCapture,
  reconcileGatewayApi,
  reconcileZTunnel,
  ztunnelDependency,
} = require('./ambient');
const { CRDS_BY_PACKAGE, ISTIO_V1 } = require('./crds');
const { matchesLabelSelector } = require('./selectors');
const { clone, cond, keepTransitions, now, ownedBy, ownerRef, randomSuffix } = require('./util');

const OLM_V1A1 = 'operators.coreos.com/v1alpha1';
const SAIL = 'sailoperator.io/v1';
const MAISTRA2 = 'maistra.io/v2';
const MAISTRA1 = 'maistra.io/v1';

/** Base delays in ms before speed scaling. */
const DELAYS = {
  pods: 300,
  subscription: 1000,
  installPlan: 1000,
  csvPending: 500,
  csvInstalling: 3000,
  sail: 1500,
  maistra: 2000,
  kiali: 2000,
  namespace: 500,
  monitoring: 2000,
  otel: 1500,
  capture: 300,
  gatewayApi: 300,
};

/** The worker nodes DaemonSets run on (pods of Deployments all land on the first). */
const NODES = ['worker-0.preview.example', 'worker-1.preview.example', 'worker-2.preview.example'];

const hashOf = (v) => {
  const h = crypto
    .createHash('sha256')
    .update(JSON.stringify(v || {}))
    .digest('hex');
  return h
    .replace(/[^a-f0-9]/g, '')
    .slice(0, 10)
    .replace(/[a-f]/g, (c) => 'bcdfgh'['abcdef'.indexOf(c)]);
};

// --- sidecar injection (the mutating webhook, evaluated at pod creation) --------------------

const sidecarFor = (api, pod, ns) => {
  const labels = (ns && ns.metadata.labels) || {};
  const podLabels = pod.metadata.labels || {};
  const podAnn = pod.metadata.annotations || {};
  if (
    podLabels['sidecar.istio.io/inject'] === 'false' ||
    podAnn['sidecar.istio.io/inject'] === 'false'
  ) {
    return null;
  }
  if (labels['istio-injection'] === 'disabled') return null;
  // OSSM 3 (Sail): revision from labels; `istio-injection=enabled` means revision/tag "default".
  const revisions = api.findAll(SAIL, 'IstioRevision');
  const tags = api.findAll(SAIL, 'IstioRevisionTag');
  const readyRev = (name) => {
    const tag = tags.find((t) => t.metadata.name === name);
    const revName = tag ? tag.status && tag.status.istioRevision : name;
    const rev = revisions.find((r) => r.metadata.name === revName);
    return rev && rev.status && rev.status.state === 'Healthy' ? rev : null;
  };
  const wantedRev =
    podLabels['istio.io/rev'] ||
    labels['istio.io/rev'] ||
    (labels['istio-injection'] === 'enabled' || podLabels['sidecar.istio.io/inject'] === 'true'
      ? 'default'
      : null);
  if (wantedRev) {
    const rev = readyRev(wantedRev);
    if (rev) return { flavour: 'sail', revision: wantedRev, version: rev.spec.version };
  }
  // OSSM 2 (Maistra): member namespace + explicit opt-in on the pod.
  const cpNs = labels['maistra.io/member-of'];
  if (cpNs && !('maistra.io/ignore-namespace' in labels)) {
    const optIn =
      podAnn['sidecar.istio.io/inject'] === 'true' ||
      podLabels['sidecar.istio.io/inject'] === 'true';
    const smcp = api
      .findAll(MAISTRA2, 'ServiceMeshControlPlane', cpNs)
      .find((s) =>
        (s.status?.conditions || []).some((c) => c.type === 'Ready' && c.status === 'True'),
      );
    if (optIn && smcp)
      return { flavour: 'maistra', revision: smcp.metadata.name, version: '1.20.8' };
  }
  return null;
};

const applySidecar = (pod, sc) => {
  const img =
    sc.flavour === 'sail'
      ? `registry.redhat.io/openshift-service-mesh/istio-proxyv2-rhel9:${sc.version.replace(/^v/, '')}`
      : 'registry.redhat.io/openshift-service-mesh/proxyv2-rhel8:2.6.17';
  const proxy = {
    name: 'istio-proxy',
    image: img,
    args: ['proxy', 'sidecar', '--domain', '$(POD_NAMESPACE).svc.cluster.local'],
    ports: [{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }],
  };
  const validation = {
    name: 'istio-validation',
    image: img,
    args: ['istio-iptables', '--run-validation'],
  };
  // Istio >= 1.27 on kubelet >= 1.33 (OCP 4.20+) uses native sidecars unless the pod opts out.
  const native =
    sc.flavour === 'sail' &&
    (pod.metadata.annotations || {})['sidecar.istio.io/nativeSidecar'] !== 'false';
  pod.spec.initContainers = [...(pod.spec.initContainers || []), validation];
  if (native) pod.spec.initContainers.push({ ...proxy, restartPolicy: 'Always' });
  else pod.spec.containers = [...pod.spec.containers, proxy];
  const app = pod.metadata.labels.app || pod.metadata.name;
  pod.metadata.labels = {
    ...pod.metadata.labels,
    'security.istio.io/tlsMode': 'istio',
    'service.istio.io/canonical-name': app,
    'service.istio.io/canonical-revision': pod.metadata.labels.version || 'latest',
    ...(sc.flavour === 'sail' ? { 'istio.io/rev': sc.revision } : {}),
  };
  pod.metadata.annotations = {
    ...(pod.metadata.annotations || {}),
    'sidecar.istio.io/status': JSON.stringify({
      initContainers: native ? ['istio-validation', 'istio-proxy'] : ['istio-validation'],
      containers: native ? [] : ['istio-proxy'],
      volumes: [
        'workload-socket',
        'credential-socket',
        'workload-certs',
        'istio-envoy',
        'istio-data',
        'istio-podinfo',
        'istio-token',
        'istiod-ca-cert',
      ],
      imagePullSecrets: null,
      revision: sc.revision,
    }),
    'prometheus.io/path': '/stats/prometheus',
    'prometheus.io/port': '15020',
    'prometheus.io/scrape': 'true',
  };
};

const podStatus = (pod) => {
  const ts = now();
  const ready = (c) => ({
    name: c.name,
    ready: true,
    started: true,
    restartCount: 0,
    image: c.image,
    imageID: `${c.image}@sha256:${hashOf(c.image)}`,
    state: { running: { startedAt: ts } },
  });
  const init = pod.spec.initContainers || [];
  return {
    phase: 'Running',
    hostIP: '10.0.0.11',
    podIP: `10.128.${crypto.randomInt(0, 255)}.${crypto.randomInt(2, 254)}`,
    startTime: ts,
    qosClass: 'BestEffort',
    conditions: [
      'PodReadyToStartContainers',
      'Initialized',
      'Ready',
      'ContainersReady',
      'PodScheduled',
    ].map((type) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: ts })),
    ...(init.length
      ? {
          initContainerStatuses: init.map((c) =>
            c.restartPolicy === 'Always'
              ? ready(c)
              : {
                  ...ready(c),
                  ready: true,
                  started: false,
                  state: {
                    terminated: { exitCode: 0, reason: 'Completed', startedAt: ts, finishedAt: ts },
                  },
                },
          ),
        }
      : {}),
    containerStatuses: pod.spec.containers.map(ready),
  };
};

class Controllers {
  constructor(api, { speed = 1 } = {}) {
    this.api = api;
    this.speed = speed;
    this.timers = new Map();
    this.settling = false;
    this.queue = new Map();
    this.stopped = false;
  }

  /** Run `fn` once after `ms` (scaled); repeated kicks for one key coalesce. */
  kick(key, fn, ms) {
    if (this.stopped) return;
    if (this.settling) {
      this.queue.set(key, fn);
      return;
    }
    if (this.timers.has(key)) return;
    const t = setTimeout(
      () => {
        this.timers.delete(key);
        if (this.stopped) return;
        try {
          fn();
        } catch (e) {
          // A failing reconcile must not take the preview down; log and carry on.
          console.error(`[stand-in] controller ${key} failed:`, e);
        }
      },
      Math.max(0, ms * this.speed),
    );
    if (t.unref) t.unref();
    this.timers.set(key, t);
  }

  /** Seed mode: run all queued reconciles immediately until nothing is left to do. */
  settle(fn) {
    this.settling = true;
    try {
      fn();
      for (let i = 0; i < 200 && this.queue.size; i++) {
        const batch = [...this.queue.values()];
        this.queue.clear();
        batch.forEach((f) => f());
      }
    } finally {
      this.settling = false;
      this.queue.clear();
    }
  }

  start() {
    this.unsubscribe = this.api.store.onChange((ev) => this.onEvent(ev));
    this.api.hooks.onNamespaceDelete = (name) =>
      this.kick(`ns:${name}`, () => this.api.purgeNamespace(name), DELAYS.namespace);
  }

  stop() {
    this.stopped = true;
    if (this.unsubscribe) this.unsubscribe();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  onEvent(ev) {
    const o = ev.object;
    const id = `${o.metadata.namespace || ''}/${o.metadata.name}`;
    const gone = ev.type === 'DELETED';
    if (ev.tk.startsWith('gateway.networking.k8s.io/')) {
      this.kickGatewayApi();
      return;
    }
    switch (ev.tk) {
      case 'apps/deployments':
        if (!gone) this.kick(`deploy:${id}`, () => this.syncDeployment(o), DELAYS.pods);
        if ((o.metadata.labels || {}).app === 'istiod') this.kickMesh();
        // A waypoint is Programmed once its Deployment has a ready pod.
        if ((o.metadata.labels || {})['gateway.networking.k8s.io/gateway-name']) {
          this.kickGatewayApi();
        }
        break;
      case 'apps/daemonsets':
        if (!gone) this.kick(`ds:${id}`, () => this.syncDaemonSet(o), DELAYS.pods);
        // IstioCNI's and ZTunnel's readiness is their DaemonSet's; capture waits for ztunnel.
        this.kick('sail', () => this.reconcileSail(), DELAYS.sail);
        this.kickCapture();
        break;
      case '/services':
        this.kickGatewayApi();
        break;
      case 'sailoperator.io/ztunnels':
        this.kickMesh();
        this.kickCapture();
        break;
      case '/pods':
      case 'apps/replicasets':
        if (ev.tk === '/pods' && !gone && captureConcerns(this.api, o)) this.kickCapture();
        for (const r of o.metadata.ownerReferences || []) {
          if (r.kind === 'DaemonSet') {
            const ds = this.api.find('apps/v1', 'DaemonSet', o.metadata.namespace, r.name);
            if (ds) {
              this.kick(
                `ds:${o.metadata.namespace}/${r.name}`,
                () => this.syncDaemonSet(ds),
                DELAYS.pods,
              );
            }
          }
          if (r.kind === 'ReplicaSet' || r.kind === 'Deployment') {
            const depName = r.kind === 'Deployment' ? r.name : r.name.replace(/-[a-z0-9]+$/, '');
            const dep = this.api.find('apps/v1', 'Deployment', o.metadata.namespace, depName);
            if (dep)
              this.kick(
                `deploy:${o.metadata.namespace}/${depName}`,
                () => this.syncDeployment(dep),
                DELAYS.pods,
              );
          }
        }
        if (ev.tk === '/pods') this.kick('sail', () => this.reconcileSail(), DELAYS.sail);
        break;
      case 'operators.coreos.com/subscriptions':
        if (!gone)
          this.kick(`sub:${id}`, () => this.reconcileSubscription(id), DELAYS.subscription);
        break;
      case 'operators.coreos.com/installplans':
        if (!gone) {
          this.kick(`ip:${id}`, () => this.reconcileInstallPlan(id), DELAYS.installPlan);
          for (const r of o.metadata.ownerReferences || []) {
            const sid = `${o.metadata.namespace}/${r.name}`;
            if (r.kind === 'Subscription')
              this.kick(`sub:${sid}`, () => this.reconcileSubscription(sid), 0);
          }
        }
        break;
      case 'operators.coreos.com/clusterserviceversions': {
        const phase = o.status && o.status.phase;
        if (!gone && !(o.metadata.labels || {})['olm.copiedFrom']) {
          const ms = phase === 'Installing' ? DELAYS.csvInstalling : DELAYS.csvPending;
          this.kick(`csv:${id}`, () => this.reconcileCSV(id), ms);
        }
        break;
      }
      case 'operators.coreos.com/operatorgroups':
        for (const c of this.api.findAll(OLM_V1A1, 'ClusterServiceVersion', o.metadata.namespace)) {
          const cid = `${c.metadata.namespace}/${c.metadata.name}`;
          if (c.status && c.status.phase === 'Failed')
            this.kick(`csv:${cid}`, () => this.reconcileCSV(cid), DELAYS.csvPending);
        }
        break;
      case 'sailoperator.io/istios':
      case 'sailoperator.io/istiocnis':
      case 'sailoperator.io/istiorevisiontags':
      case 'maistra.io/servicemeshcontrolplanes':
      case 'maistra.io/servicemeshmemberrolls':
      case '/namespaces':
        // kube-controller-manager gives every namespace its `default` ServiceAccount.
        if (ev.type === 'ADDED') {
          this.kick(`sa:${o.metadata.name}`, () => this.ensureDefaultServiceAccount(o), 0);
        }
        this.kickMesh();
        // Namespace labels and IstioCNI's profile decide capture; Istio's readiness decides
        // whether istiod answers Gateway API objects.
        if (
          ['/namespaces', 'sailoperator.io/istiocnis', 'sailoperator.io/istios'].includes(ev.tk)
        ) {
          this.kickCapture();
        }
        if (ev.tk === 'sailoperator.io/istios') this.kickGatewayApi();
        break;
      case 'maistra.io/servicemeshmembers':
      case 'apiextensions.k8s.io/customresourcedefinitions':
        this.kickMesh();
        break;
      case '/configmaps':
        if (
          o.metadata.namespace === 'openshift-monitoring' &&
          o.metadata.name === 'cluster-monitoring-config'
        ) {
          this.kick('monitoring', () => this.reconcileMonitoring(), DELAYS.monitoring);
        }
        break;
      case 'opentelemetry.io/opentelemetrycollectors':
        if (!gone) this.kick(`otel:${id}`, () => this.reconcileCollector(id), DELAYS.otel);
        break;
      case 'kiali.io/kialis':
      case 'tempo.grafana.com/tempostacks':
      case 'tempo.grafana.com/tempomonolithics':
        if (!gone) this.kick('observability', () => this.reconcileObservability(), DELAYS.kiali);
        break;
      default:
    }
  }

  ensureDefaultServiceAccount(namespace) {
    const name = namespace.metadata.name;
    const current = this.api.find('v1', 'Namespace', '', name);
    if (!current || current.metadata.deletionTimestamp) return;
    if (this.api.find('v1', 'ServiceAccount', name, 'default')) return;
    this.api.upsert({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'default', namespace: name },
    });
  }

  kickMesh() {
    this.kick('sail', () => this.reconcileSail(), DELAYS.sail);
    this.kick('maistra', () => this.reconcileMaistra(), DELAYS.maistra);
  }

  kickCapture() {
    this.kick('capture', () => reconcileCapture(this.api), DELAYS.capture);
  }

  kickGatewayApi() {
    this.kick('gateway-api', () => reconcileGatewayApi(this.api), DELAYS.gatewayApi);
  }

  // --- workloads ------------------------------------------------------------------------

  syncDeployment(depRef) {
    const { api } = this;
    const ns = depRef.metadata.namespace;
    const dep = api.find('apps/v1', 'Deployment', ns, depRef.metadata.name);
    if (!dep || dep.metadata.deletionTimestamp) return;
    const template = dep.spec.template || {};
    const hash = hashOf(template);
    const rsName = `${dep.metadata.name}-${hash}`;
    const replicas = dep.spec.replicas ?? 1;
    const selector = dep.spec.selector || { matchLabels: (template.metadata || {}).labels };
    const allRs = api.findAll('apps/v1', 'ReplicaSet', ns).filter((r) => ownedBy(r, dep));
    // Old ReplicaSets scale to zero at once (a rollout, compressed).
    for (const rs of allRs.filter((r) => r.metadata.name !== rsName)) {
      if (rs.spec.replicas !== 0) api.mutate(rs, (r) => (r.spec.replicas = 0));
      for (const p of api.findAll('v1', 'Pod', ns).filter((x) => ownedBy(x, rs))) api.remove(p);
      api.setStatus(rs, { replicas: 0, observedGeneration: rs.metadata.generation });
    }
    let rs = allRs.find((r) => r.metadata.name === rsName);
    const rsLabels = { ...((template.metadata || {}).labels || {}), 'pod-template-hash': hash };
    if (!rs) {
      rs = api.upsert({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: rsName,
          namespace: ns,
          labels: rsLabels,
          annotations: { 'deployment.kubernetes.io/revision': String(allRs.length + 1) },
          ownerReferences: [ownerRef(dep)],
        },
        spec: {
          replicas,
          selector: {
            ...selector,
            matchLabels: { ...(selector.matchLabels || {}), 'pod-template-hash': hash },
          },
          template: {
            ...clone(template),
            metadata: { ...(template.metadata || {}), labels: rsLabels },
          },
        },
      });
    } else if (rs.spec.replicas !== replicas) {
      rs = api.mutate(rs, (r) => (r.spec.replicas = replicas));
    }
    let pods = api
      .findAll('v1', 'Pod', ns)
      .filter((p) => ownedBy(p, rs) && !p.metadata.deletionTimestamp);
    const nsObj = api.find('v1', 'Namespace', '', ns);
    while (pods.length < replicas) {
      pods.push(
        this.createPod(rs, template, nsObj, {
          'pod-template-hash': rs.metadata.labels['pod-template-hash'],
        }),
      );
    }
    while (pods.length > replicas) api.remove(pods.pop());
    pods = pods.slice(0, replicas);
    const ready = pods.filter((p) => p.status && p.status.phase === 'Running').length;
    api.setStatus(rs, {
      replicas: pods.length,
      fullyLabeledReplicas: pods.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation,
    });
    const prev = (dep.status && dep.status.conditions) || [];
    api.setStatus(dep, {
      observedGeneration: dep.metadata.generation,
      replicas: pods.length,
      updatedReplicas: pods.length,
      readyReplicas: ready,
      availableReplicas: ready,
      ...(pods.length - ready ? { unavailableReplicas: pods.length - ready } : {}),
      conditions: keepTransitions(prev, [
        cond(
          'Available',
          ready >= replicas ? 'True' : 'False',
          ready >= replicas ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
          ready >= replicas
            ? 'Deployment has minimum availability.'
            : 'Deployment does not have minimum availability.',
          { lastUpdateTime: now() },
        ),
        cond(
          'Progressing',
          'True',
          'NewReplicaSetAvailable',
          `ReplicaSet "${rsName}" has successfully progressed.`,
          {
            lastUpdateTime: now(),
          },
        ),
      ]).map((c) => {
        const p = prev.find((x) => x.type === c.type);
        return p && p.status === c.status && p.reason === c.reason
          ? { ...c, lastUpdateTime: p.lastUpdateTime }
          : c;
      }),
    });
  }

  /** A Running pod of `owner` (a ReplicaSet or DaemonSet) from its template. */
  createPod(owner, template, nsObj, extraLabels, nodeName = NODES[0]) {
    const tm = template.metadata || {};
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${owner.metadata.name}-${randomSuffix(5)}`,
        namespace: owner.metadata.namespace,
        labels: { ...(tm.labels || {}), ...extraLabels },
        annotations: { ...(tm.annotations || {}) },
        ownerReferences: [ownerRef(owner)],
      },
      spec: {
        restartPolicy: 'Always',
        serviceAccountName: 'default',
        dnsPolicy: 'ClusterFirst',
        nodeName,
        ...clone(template.spec || { containers: [] }),
      },
    };
    pod.spec.containers = pod.spec.containers || [];
    const sc = sidecarFor(this.api, pod, nsObj);
    if (sc) applySidecar(pod, sc);
    pod.status = podStatus(pod);
    return this.api.upsert(pod);
  }

  /** DaemonSet -> one Running pod per node; pods of an older template are replaced. */
  syncDaemonSet(dsRef) {
    const { api } = this;
    const ns = dsRef.metadata.namespace;
    const ds = api.find('apps/v1', 'DaemonSet', ns, dsRef.metadata.name);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const template = ds.spec.template || {};
    const hash = hashOf(template);
    const owned = api
      .findAll('v1', 'Pod', ns)
      .filter((p) => ownedBy(p, ds) && !p.metadata.deletionTimestamp);
    const current = [];
    for (const p of owned) {
      const fresh =
        p.metadata.labels['controller-revision-hash'] === hash &&
        NODES.includes(p.spec.nodeName) &&
        !current.some((c) => c.spec.nodeName === p.spec.nodeName);
      if (fresh) current.push(p);
      else api.remove(p);
    }
    const nsObj = api.find('v1', 'Namespace', '', ns);
    for (const node of NODES) {
      if (current.some((p) => p.spec.nodeName === node)) continue;
      current.push(
        this.createPod(
          ds,
          template,
          nsObj,
          {
            'controller-revision-hash': hash,
            'pod-template-generation': String(ds.metadata.generation || 1),
          },
          node,
        ),
      );
    }
    const ready = current.filter((p) => p.status && p.status.phase === 'Running').length;
    api.setStatus(ds, {
      currentNumberScheduled: current.length,
      desiredNumberScheduled: NODES.length,
      numberAvailable: ready,
      numberMisscheduled: 0,
      numberReady: ready,
      updatedNumberScheduled: current.length,
      observedGeneration: ds.metadata.generation,
    });
  }

  // --- OLM ------------------------------------------------------------------------------

  packageFor(sub) {
    return this.api
      .findAll('packages.operators.coreos.com/v1', 'PackageManifest', sub.spec.sourceNamespace)
      .find(
        (p) =>
          p.metadata.name === sub.spec.name &&
          (p.metadata.labels || {}).catalog === sub.spec.source,
      );
  }

  reconcileSubscription(id) {
    const { api } = this;
    const [ns, name] = id.split('/');
    const sub = api.find(OLM_V1A1, 'Subscription', ns, name);
    if (!sub) return;
    const st = sub.status || {};
    const base = {
      catalogHealth: [
        {
          catalogSourceRef: {
            apiVersion: OLM_V1A1,
            kind: 'CatalogSource',
            name: sub.spec.source,
            namespace: sub.spec.sourceNamespace,
          },
          healthy: true,
          lastUpdated: st.lastUpdated || now(),
        },
      ],
    };
    if (!st.installPlanRef) {
      const pkg = this.packageFor(sub);
      const channelName = sub.spec.channel || (pkg && pkg.status.defaultChannel);
      const channel = pkg && pkg.status.channels.find((c) => c.name === channelName);
      if (!pkg || !channel) {
        const msg = !pkg
          ? `constraints not satisfiable: no operators found in package ${sub.spec.name} in the catalog referenced by subscription ${name}, subscription ${name} exists`
          : `constraints not satisfiable: no operators found in channel ${channelName} of package ${sub.spec.name} in the catalog referenced by subscription ${name}, subscription ${name} exists`;
        api.setStatus(sub, {
          ...base,
          conditions: keepTransitions(st.conditions, [
            cond('ResolutionFailed', 'True', 'ConstraintsNotSatisfiable', msg),
          ]),
          lastUpdated: now(),
        });
        return;
      }
      const csvName = sub.spec.startingCSV || channel.currentCSV;
      const approval = sub.spec.installPlanApproval || 'Automatic';
      const ip = api.upsert({
        apiVersion: OLM_V1A1,
        kind: 'InstallPlan',
        metadata: {
          name: `install-${randomSuffix(5)}`,
          namespace: ns,
          labels: { [`operators.coreos.com/${sub.spec.name}.${ns}`]: '' },
          ownerReferences: [ownerRef(sub, false)],
        },
        spec: {
          approval,
          approved: approval === 'Automatic',
          clusterServiceVersionNames: [csvName],
          generation: 1,
        },
        status: {
          phase: 'Planning',
          catalogSources: [sub.spec.source],
          bundleLookups: [],
        },
      });
      api.setStatus(sub, {
        ...base,
        currentCSV: csvName,
        installPlanGeneration: 1,
        installPlanRef: {
          apiVersion: OLM_V1A1,
          kind: 'InstallPlan',
          name: ip.metadata.name,
          namespace: ns,
          resourceVersion: ip.metadata.resourceVersion,
          uid: ip.metadata.uid,
        },
        installplan: {
          apiVersion: OLM_V1A1,
          kind: 'InstallPlan',
          name: ip.metadata.name,
          uuid: ip.metadata.uid,
        },
        state: 'UpgradePending',
        conditions: keepTransitions(st.conditions, [
          cond('InstallPlanPending', 'True', 'Installing', ''),
        ]),
        lastUpdated: now(),
      });
      return;
    }
    const ip = api.find(OLM_V1A1, 'InstallPlan', ns, st.installPlanRef.name);
    const phase = ip && ip.status && ip.status.phase;
    let next;
    if (!ip) {
      next = {
        ...st,
        conditions: keepTransitions(st.conditions, [
          cond(
            'InstallPlanMissing',
            'True',
            'ReferencedInstallPlanNotFound',
            `install plan ${st.installPlanRef.name} not found`,
          ),
        ]),
      };
    } else if (phase === 'Complete') {
      next = {
        ...st,
        ...base,
        installedCSV: st.currentCSV,
        state: 'AtLatestKnown',
        conditions: keepTransitions(st.conditions, [
          cond(
            'CatalogSourcesUnhealthy',
            'False',
            'AllCatalogSourcesHealthy',
            'all available catalogsources are healthy',
          ),
        ]),
      };
    } else if (phase === 'Failed') {
      next = {
        ...st,
        state: 'UpgradeFailed',
        conditions: keepTransitions(st.conditions, [
          cond(
            'InstallPlanFailed',
            'True',
            'InstallComponentFailed',
            ip.status.message || 'install plan failed',
          ),
        ]),
      };
    } else {
      next = {
        ...st,
        state: 'UpgradePending',
        conditions: keepTransitions(st.conditions, [
          cond(
            'InstallPlanPending',
            'True',
            phase === 'RequiresApproval' ? 'RequiresApproval' : 'Installing',
            '',
          ),
        ]),
      };
    }
    if (ip)
      next.installPlanRef = { ...st.installPlanRef, resourceVersion: ip.metadata.resourceVersion };
    // lastUpdated moves only when something else changed.
    const same =
      JSON.stringify({ ...next, lastUpdated: 0 }) === JSON.stringify({ ...st, lastUpdated: 0 });
    if (!same) api.setStatus(sub, { ...next, lastUpdated: now() });
  }

  reconcileInstallPlan(id) {
    const { api } = this;
    const [ns, name] = id.split('/');
    const ip = api.find(OLM_V1A1, 'InstallPlan', ns, name);
    if (!ip) return;
    const phase = ip.status && ip.status.phase;
    const setPhase = (p, extra = {}) =>
      api.setStatus(ip, {
        ...(ip.status || {}),
        phase: p,
        conditions: [
          cond('Installed', p === 'Complete' ? 'True' : 'Unknown', p === 'Complete' ? '' : p, ''),
        ],
        ...extra,
      });
    if (phase === 'Planning') {
      setPhase(ip.spec.approved ? 'Installing' : 'RequiresApproval');
    } else if (phase === 'RequiresApproval' && ip.spec.approved) {
      setPhase('Installing');
    } else if (phase === 'Installing') {
      const sub = (ip.metadata.ownerReferences || []).find((r) => r.kind === 'Subscription');
      const subObj = sub && api.find(OLM_V1A1, 'Subscription', ns, sub.name);
      const pkg = subObj && this.packageFor(subObj);
      for (const csvName of ip.spec.clusterServiceVersionNames || []) {
        if (!api.find(OLM_V1A1, 'ClusterServiceVersion', ns, csvName)) {
          api.upsert(this.csvManifest(csvName, ns, pkg));
        }
      }
      setPhase('Complete');
    }
  }

  csvManifest(csvName, ns, pkg) {
    const channel =
      pkg &&
      pkg.status.channels.find(
        (c) => c.currentCSV === csvName || c.entries.some((e) => e.name === csvName),
      );
    const desc = (channel && channel.currentCSVDesc) || {};
    const version = (/\.v(.+)$/.exec(csvName) || [])[1] || desc.version;
    const packageName = (pkg && pkg.metadata.name) || csvName.split('.')[0];
    return {
      apiVersion: OLM_V1A1,
      kind: 'ClusterServiceVersion',
      metadata: {
        name: csvName,
        namespace: ns,
        labels: { [`operators.coreos.com/${packageName}.${ns}`]: '', 'olm.managed': 'true' },
        annotations: {
          ...(desc.annotations || {}),
          'olm.operatorGroup': 'global-operators',
          'olm.operatorNamespace': ns,
        },
      },
      spec: {
        displayName: desc.displayName || packageName,
        version,
        provider: desc.provider || { name: 'Red Hat' },
        installModes: desc.installModes || [],
        customresourcedefinitions: desc.customresourcedefinitions || {},
        install: {
          strategy: 'deployment',
          spec: {
            deployments: [
              { name: OPERATOR_DEPLOYMENTS[packageName] || `${packageName}-controller-manager` },
            ],
          },
        },
      },
      status: {
        phase: 'Pending',
        reason: 'RequirementsUnknown',
        message: 'requirements not yet checked',
        lastTransitionTime: now(),
        lastUpdateTime: now(),
        conditions: [
          {
            phase: 'Pending',
            reason: 'RequirementsUnknown',
            message: 'requirements not yet checked',
            lastTransitionTime: now(),
            lastUpdateTime: now(),
          },
        ],
      },
    };
  }

  reconcileCSV(id) {
    const { api } = this;
    const [ns, name] = id.split('/');
    const csv = api.find(OLM_V1A1, 'ClusterServiceVersion', ns, name);
    if (!csv || !csv.status) return;
    const phase = csv.status.phase;
    const set = (p, reason, message) => {
      const conditions = [
        ...(csv.status.conditions || []),
        { phase: p, reason, message, lastTransitionTime: now(), lastUpdateTime: now() },
      ].slice(-10);
      return api.setStatus(csv, {
        ...csv.status,
        phase: p,
        reason,
        message,
        lastTransitionTime: now(),
        lastUpdateTime: now(),
        conditions,
      });
    };
    if (phase === 'Pending' || phase === 'Failed') {
      const ogs = api.findAll('operators.coreos.com/v1', 'OperatorGroup', ns);
      if (!ogs.length) {
        if (phase !== 'Failed')
          set('Failed', 'NoOperatorGroup', 'csv in namespace with no operatorgroups');
        return;
      }
      if (ogs.length > 1) {
        if (phase !== 'Failed')
          set(
            'Failed',
            'TooManyOperatorGroups',
            "csv created in namespace with multiple operatorgroups, can't pick one automatically",
          );
        return;
      }
      const targets = (ogs[0].spec && ogs[0].spec.targetNamespaces) || [];
      const modes = csv.spec.installModes || [];
      const supports = (t) => !modes.length || modes.some((m) => m.type === t && m.supported);
      const mode = !targets.length
        ? 'AllNamespaces'
        : targets.length === 1 && targets[0] === ns
          ? 'OwnNamespace'
          : targets.length === 1
            ? 'SingleNamespace'
            : 'MultiNamespace';
      if (!supports(mode)) {
        if (phase !== 'Failed')
          set(
            'Failed',
            'UnsupportedOperatorGroup',
            `${mode} InstallModeType not supported, cannot configure to watch ${mode === 'AllNamespaces' ? 'all namespaces' : 'own namespace'}`,
          );
        return;
      }
      set('InstallReady', 'AllRequirementsMet', 'all requirements found, attempting install');
    } else if (phase === 'InstallReady') {
      const dep = csv.spec.install.spec.deployments[0].name;
      api.upsert({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          name: dep,
          namespace: ns,
          labels: {
            'olm.owner': name,
            'olm.owner.kind': 'ClusterServiceVersion',
            'olm.owner.namespace': ns,
          },
          ownerReferences: [ownerRef(csv, false)],
        },
        spec: {
          replicas: 1,
          selector: { matchLabels: { name: dep } },
          template: {
            metadata: { labels: { name: dep } },
            spec: {
              containers: [
                { name: 'manager', image: `registry.redhat.io/${dep}:${csv.spec.version}` },
              ],
            },
          },
        },
      });
      set(
        'Installing',
        'InstallWaiting',
        `installing: waiting for deployment ${dep} to become ready: deployment "${dep}" not available: Deployment does not have minimum availability.`,
      );
    } else if (phase === 'Installing') {
      const pkgName = Object.keys(csv.metadata.labels || {})
        .map((l) => /^operators\.coreos\.com\/(.+)\.[^.]+$/.exec(l))
        .filter(Boolean)
        .map((m) => m[1])[0];
      for (const crd of CRDS_BY_PACKAGE[pkgName] || []) this.ensureCRD(crd);
      const done = set(
        'Succeeded',
        'InstallSucceeded',
        'install strategy completed with no errors',
      );
      this.copyCSV(done);
    }
  }

  /** OLM copies an AllNamespaces operator's CSV into every other namespace. */
  copyCSV(csv) {
    const { api } = this;
    for (const nsObj of api.findAll('v1', 'Namespace')) {
      const ns = nsObj.metadata.name;
      if (ns === csv.metadata.namespace || nsObj.metadata.deletionTimestamp) continue;
      if (api.find(OLM_V1A1, 'ClusterServiceVersion', ns, csv.metadata.name)) continue;
      api.upsert({
        apiVersion: OLM_V1A1,
        kind: 'ClusterServiceVersion',
        metadata: {
          name: csv.metadata.name,
          namespace: ns,
          labels: { ...(csv.metadata.labels || {}), 'olm.copiedFrom': csv.metadata.namespace },
          annotations: csv.metadata.annotations,
        },
        spec: csv.spec,
        status: {
          ...csv.status,
          reason: 'Copied',
          message: `The operator is running in ${csv.metadata.namespace} but is managing this namespace`,
        },
      });
    }
  }

  ensureCRD(manifest) {
    const { api } = this;
    if (api.find('apiextensions.k8s.io/v1', 'CustomResourceDefinition', '', manifest.metadata.name))
      return;
    const c = api.upsert(clone(manifest));
    api.setStatus(c, {
      acceptedNames: manifest.spec.names,
      storedVersions: [manifest.spec.versions.find((v) => v.storage).name],
      conditions: [
        cond('NamesAccepted', 'True', 'NoConflicts', 'no conflicts found'),
        cond('Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted'),
      ],
    });
  }

  // --- Service Mesh 3 (Sail) ------------------------------------------------------------

  reconcileSail() {
    const { api } = this;
    if (!api.typeByKind('sailoperator.io', 'Istio')) return;
    const cni = api.find(SAIL, 'IstioCNI', '', 'default');
    const cniHealthy = this.reconcileCNI(cni);
    reconcileZTunnel(api);
    for (const istio of api.findAll(SAIL, 'Istio')) {
      if (istio.metadata.deletionTimestamp) continue;
      const ns = istio.spec.namespace || 'istio-system';
      const version = istio.spec.version;
      const strategy = (istio.spec.updateStrategy || {}).type || 'InPlace';
      const rev =
        strategy === 'InPlace'
          ? istio.metadata.name
          : `${istio.metadata.name}-${version.replace(/\./g, '-')}`;
      const prev = (istio.status && istio.status.conditions) || [];
      if (!api.find('v1', 'Namespace', '', ns)) {
        const msg = `failed to reconcile istio revision ${rev}: namespace "${ns}" doesn't exist`;
        api.setStatus(istio, {
          observedGeneration: istio.metadata.generation,
          state: 'ReconcileError',
          revisions: { total: 0, ready: 0, inUse: 0 },
          conditions: keepTransitions(prev, [
            cond('Reconciled', 'False', 'ReconcileError', msg),
            cond('Ready', 'False', 'ReconcileError', msg),
            cond(
              'DependenciesHealthy',
              cniHealthy ? 'True' : 'False',
              cniHealthy ? 'Healthy' : cni ? 'IstioCNINotHealthy' : 'IstioCNINotFound',
              cniHealthy ? '' : 'IstioCNI resource does not exist',
            ),
          ]),
        });
        continue;
      }
      // Sail installs the Istio API CRDs it needs when an Istio is reconciled.
      for (const crd of ISTIO_V1) this.ensureCRD(crd);
      let revision = api.find(SAIL, 'IstioRevision', '', rev);
      revision = api.upsert({
        apiVersion: SAIL,
        kind: 'IstioRevision',
        metadata: {
          name: rev,
          ownerReferences: [ownerRef(istio)],
          labels: { 'operator-sdk-managed': 'true' },
        },
        spec: {
          version,
          namespace: ns,
          values: { ...(istio.spec.values || {}), revision: rev === 'default' ? '' : rev },
        },
      });
      const istiodName = rev === 'default' ? 'istiod' : `istiod-${rev}`;
      const labels = { app: 'istiod', istio: 'pilot', 'istio.io/rev': rev };
      const dep = api.upsert({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          name: istiodName,
          namespace: ns,
          labels,
          ownerReferences: [ownerRef(revision)],
        },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'istiod', 'istio.io/rev': rev } },
          template: {
            metadata: { labels, annotations: { 'sidecar.istio.io/inject': 'false' } },
            spec: {
              serviceAccountName: istiodName,
              containers: [
                {
                  name: 'discovery',
                  image: `registry.redhat.io/openshift-service-mesh/istio-pilot-rhel9:${version.replace(/^v/, '').replace('-latest', '')}`,
                },
              ],
            },
          },
        },
      });
      api.upsert({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: istiodName,
          namespace: ns,
          labels,
          ownerReferences: [ownerRef(revision)],
        },
        spec: {
          selector: { app: 'istiod', 'istio.io/rev': rev },
          ports: [
            { name: 'grpc-xds', port: 15010, protocol: 'TCP', targetPort: 15010 },
            { name: 'https-dns', port: 15012, protocol: 'TCP', targetPort: 15012 },
            { name: 'https-webhook', port: 443, protocol: 'TCP', targetPort: 15017 },
            { name: 'http-monitoring', port: 15014, protocol: 'TCP', targetPort: 15014 },
          ],
        },
      });
      const istiodReady = ((dep.status && dep.status.readyReplicas) || 0) >= 1;
      const inUse =
        api.findAll('v1', 'Pod').some((p) => {
          const st = (p.metadata.annotations || {})['sidecar.istio.io/status'];
          return st && JSON.parse(st).revision === rev;
        }) ||
        api
          .findAll('v1', 'Namespace')
          .some(
            (n) =>
              (n.metadata.labels || {})['istio.io/rev'] === rev ||
              (rev === 'default' && (n.metadata.labels || {})['istio-injection'] === 'enabled'),
          );
      // The ambient profile also needs ZTunnel `default` Healthy.
      const ztunnelProblem = isAmbient(istio) ? ztunnelDependency(api) : null;
      const depHealthy = cniHealthy && !ztunnelProblem;
      const depCond = depHealthy
        ? cond('DependenciesHealthy', 'True', 'Healthy', '')
        : cniHealthy
          ? cond('DependenciesHealthy', 'False', ztunnelProblem.reason, ztunnelProblem.message)
          : cni
            ? cond(
                'DependenciesHealthy',
                'False',
                'IstioCNINotHealthy',
                'IstioCNI resource status indicates that the component is not healthy',
              )
            : cond(
                'DependenciesHealthy',
                'False',
                'IstioCNINotFound',
                'IstioCNI resource does not exist',
              );
      const readyCond = istiodReady
        ? cond('Ready', 'True', 'Healthy', '')
        : cond('Ready', 'False', 'IstiodNotReady', 'not all istiod pods are ready');
      const state = !istiodReady ? 'IstiodNotReady' : depHealthy ? 'Healthy' : depCond.reason;
      api.setStatus(revision, {
        observedGeneration: revision.metadata.generation,
        state: istiodReady ? 'Healthy' : 'IstiodNotReady',
        conditions: keepTransitions(revision.status && revision.status.conditions, [
          cond('Reconciled', 'True', 'Healthy', ''),
          { ...readyCond },
          cond(
            'InUse',
            inUse ? 'True' : 'False',
            inUse ? 'ReferencedByWorkloads' : 'NotReferencedByAnything',
            inUse
              ? 'Referenced by at least one pod or namespace'
              : 'Not referenced by any pod or namespace',
          ),
          { ...depCond },
        ]),
      });
      api.setStatus(istio, {
        observedGeneration: istio.metadata.generation,
        activeRevisionName: rev,
        state,
        revisions: { total: 1, ready: istiodReady ? 1 : 0, inUse: inUse ? 1 : 0 },
        conditions: keepTransitions(prev, [
          cond('Reconciled', 'True', 'Healthy', ''),
          readyCond,
          depCond,
        ]),
      });
    }
    for (const tag of api.findAll(SAIL, 'IstioRevisionTag')) {
      const ref = tag.spec.targetRef || {};
      let revName = ref.name;
      if (ref.kind === 'Istio') {
        const i = api.find(SAIL, 'Istio', '', ref.name);
        revName = i && i.status && i.status.activeRevisionName;
      }
      const rev = revName && api.find(SAIL, 'IstioRevision', '', revName);
      api.setStatus(tag, {
        observedGeneration: tag.metadata.generation,
        istioRevision: revName || '',
        istiodNamespace: rev ? rev.spec.namespace : '',
        state: rev ? 'Healthy' : 'NotReferenced',
        conditions: keepTransitions(tag.status && tag.status.conditions, [
          rev
            ? cond('Reconciled', 'True', 'Healthy', '')
            : cond(
                'Reconciled',
                'False',
                'ReconcileError',
                `target ${ref.kind} ${ref.name} not found`,
              ),
        ]),
      });
    }
  }

  reconcileCNI(cni) {
    const { api } = this;
    if (!cni || cni.metadata.deletionTimestamp) return false;
    const ns = cni.spec.namespace || 'istio-cni';
    const prev = (cni.status && cni.status.conditions) || [];
    if (!api.find('v1', 'Namespace', '', ns)) {
      const msg = `failed to reconcile IstioCNI: namespace "${ns}" doesn't exist`;
      api.setStatus(cni, {
        observedGeneration: cni.metadata.generation,
        state: 'ReconcileError',
        conditions: keepTransitions(prev, [
          cond('Reconciled', 'False', 'ReconcileError', msg),
          cond('Ready', 'False', 'ReconcileError', msg),
        ]),
      });
      return false;
    }
    api.upsert({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: {
        name: 'istio-cni-node',
        namespace: ns,
        labels: { 'k8s-app': 'istio-cni-node' },
        ownerReferences: [ownerRef(cni)],
      },
      spec: {
        selector: { matchLabels: { 'k8s-app': 'istio-cni-node' } },
        template: {
          metadata: { labels: { 'k8s-app': 'istio-cni-node' } },
          spec: {
            containers: [
              {
                name: 'install-cni',
                image: `registry.redhat.io/openshift-service-mesh/istio-cni-rhel9:${cni.spec.version.replace(/^v/, '')}`,
              },
            ],
          },
        },
      },
    });
    // Healthy once the DaemonSet controller has a ready pod on every node.
    const ready = daemonSetReady(api.find('apps/v1', 'DaemonSet', ns, 'istio-cni-node'));
    api.setStatus(cni, {
      observedGeneration: cni.metadata.generation,
      state: ready ? 'Healthy' : 'DaemonSetNotReady',
      conditions: keepTransitions(prev, [
        cond('Reconciled', 'True', 'Healthy', ''),
        ready
          ? cond('Ready', 'True', 'Healthy', '')
          : cond('Ready', 'False', 'DaemonSetNotReady', 'not all istio-cni-node pods are ready'),
      ]),
    });
    return ready;
  }

  // --- Service Mesh 2 (Maistra) ---------------------------------------------------------

  reconcileMaistra() {
    const { api } = this;
    if (!api.typeByKind('maistra.io', 'ServiceMeshControlPlane')) return;
    for (const smcp of api.findAll(MAISTRA2, 'ServiceMeshControlPlane')) this.reconcileSMCP(smcp);
    // Every SMM refers to an SMMR that the operator creates when missing.
    for (const smm of api.findAll(MAISTRA1, 'ServiceMeshMember')) {
      const ref = smm.spec.controlPlaneRef || {};
      if (
        ref.namespace &&
        api.find('v1', 'Namespace', '', ref.namespace) &&
        !api.find(MAISTRA1, 'ServiceMeshMemberRoll', ref.namespace, 'default')
      ) {
        api.upsert({
          apiVersion: MAISTRA1,
          kind: 'ServiceMeshMemberRoll',
          metadata: { name: 'default', namespace: ref.namespace },
          spec: { members: [] },
        });
      }
    }
    const claimed = new Set();
    for (const smmr of api.findAll(MAISTRA1, 'ServiceMeshMemberRoll')) {
      this.reconcileSMMR(smmr).forEach((n) => claimed.add(n));
    }
    // Namespaces no roll configures any more lose the membership label.
    for (const n of api.findAll('v1', 'Namespace')) {
      const cp = (n.metadata.labels || {})['maistra.io/member-of'];
      if (cp && !claimed.has(n.metadata.name)) {
        api.mutate(n, (x) => delete x.metadata.labels['maistra.io/member-of']);
      }
    }
    for (const smm of api.findAll(MAISTRA1, 'ServiceMeshMember')) {
      const n = api.find('v1', 'Namespace', '', smm.metadata.namespace);
      const member =
        n &&
        (n.metadata.labels || {})['maistra.io/member-of'] ===
          (smm.spec.controlPlaneRef || {}).namespace;
      api.setStatus(smm, {
        observedGeneration: smm.metadata.generation,
        conditions: keepTransitions(smm.status && smm.status.conditions, [
          cond('Reconciled', 'True', 'Reconciled', ''),
          member
            ? cond('Ready', 'True', 'Reconciled', '')
            : cond(
                'Ready',
                'False',
                'SMCPReconciling',
                'The namespace has not been configured yet',
              ),
        ]),
      });
    }
  }

  reconcileSMCP(smcp) {
    const { api } = this;
    const ns = smcp.metadata.namespace;
    const spec = smcp.spec || {};
    const prev = (smcp.status && smcp.status.conditions) || [];
    const tracing = (spec.tracing && spec.tracing.type) || 'Jaeger'; // the v2.6 profile default
    const addons = spec.addons || {};
    const kialiOn = (addons.kiali || {}).enabled ?? true;
    const missing = [];
    if (tracing === 'Jaeger' && !api.typeByKind('jaegertracing.io', 'Jaeger'))
      missing.push('Jaeger CRD');
    if (kialiOn && !api.typeByKind('kiali.io', 'Kiali')) missing.push('Kiali CRD');
    const base = {
      observedGeneration: smcp.metadata.generation,
      operatorVersion: '2.6.17',
      chartVersion: '2.6.17',
      appliedSpec: {
        ...spec,
        version: spec.version || 'v2.6',
        profiles: spec.profiles || ['default'],
      },
    };
    if (missing.length) {
      const msg = `Dependency "${missing[0]}" is missing: error: no matches for kind "${missing[0] === 'Jaeger CRD' ? 'Jaeger' : 'Kiali'}" in version "${missing[0] === 'Jaeger CRD' ? 'jaegertracing.io/v1' : 'kiali.io/v1alpha1'}"`;
      api.setStatus(smcp, {
        ...base,
        annotations: { readyComponentCount: '0/0' },
        readiness: { components: { ready: [], unready: [], pending: [] } },
        conditions: keepTransitions(prev, [
          cond('Installed', 'False', 'DependencyMissingError', msg),
          cond('Reconciled', 'False', 'DependencyMissingError', msg),
          cond('Ready', 'False', 'DependencyMissingError', msg),
        ]),
      });
      return;
    }
    const components = [
      `istiod-${smcp.metadata.name}`,
      'istio-ingressgateway',
      'istio-egressgateway',
    ];
    if ((addons.prometheus || {}).enabled ?? true) components.push('prometheus');
    if ((addons.grafana || {}).enabled ?? true) components.push('grafana');
    const deps = components.map((c) => {
      const labels = c.startsWith('istiod')
        ? { app: 'istiod', istio: 'pilot', 'maistra-version': '2.6.17' }
        : { app: c, 'maistra-version': '2.6.17' };
      return api.upsert({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: c, namespace: ns, labels, ownerReferences: [ownerRef(smcp)] },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: labels.app } },
          template: {
            metadata: { labels, annotations: { 'sidecar.istio.io/inject': 'false' } },
            spec: {
              containers: [
                {
                  name: c.startsWith('istiod') ? 'discovery' : c,
                  image: `registry.redhat.io/openshift-service-mesh/${c.split('-')[0]}-rhel8:2.6.17`,
                },
              ],
            },
          },
        },
      });
    });
    if (kialiOn) {
      const kname = (addons.kiali || {}).name || 'kiali';
      if (!api.find('kiali.io/v1alpha1', 'Kiali', ns, kname)) {
        api.upsert({
          apiVersion: 'kiali.io/v1alpha1',
          kind: 'Kiali',
          metadata: { name: kname, namespace: ns, ownerReferences: [ownerRef(smcp)] },
          spec: {
            version: 'v1.73',
            deployment: { namespace: ns },
            // The SMCP wires Kiali to its own tracing; with none, Kiali's tracing is off.
            ...(tracing === 'None' ? { external_services: { tracing: { enabled: false } } } : {}),
          },
        });
      }
    }
    const ready = deps
      .filter((d) => ((d.status && d.status.readyReplicas) || 0) >= 1)
      .map((d) => (d.metadata.name.replace(/-.*$/, '') === 'istiod' ? 'istiod' : d.metadata.name));
    const unready = components
      .map((c) => (c.startsWith('istiod') ? 'istiod' : c))
      .filter((c) => !ready.includes(c));
    const allReady = unready.length === 0;
    api.setStatus(smcp, {
      ...base,
      annotations: { readyComponentCount: `${ready.length}/${components.length}` },
      readiness: { components: { ready, unready, pending: [] } },
      components: components.map((c) => ({
        resource: c,
        conditions: [cond('Installed', 'True', 'InstallSuccessful', '')],
      })),
      conditions: keepTransitions(prev, [
        cond(
          'Installed',
          'True',
          'InstallSuccessful',
          'Successfully installed all mesh components',
        ),
        cond('Reconciled', 'True', 'ReconcileSuccessful', 'Successfully reconciled'),
        allReady
          ? cond('Ready', 'True', 'ComponentsReady', 'All component deployments are Available')
          : cond(
              'Ready',
              'False',
              'ComponentsNotReady',
              `Some components are not fully available: ${unready.join(', ')}`,
            ),
      ]),
    });
  }

  /** Returns the namespaces this roll configured. */
  reconcileSMMR(smmr) {
    const { api } = this;
    const cpNs = smmr.metadata.namespace;
    const prev = (smmr.status && smmr.status.conditions) || [];
    const excluded = (n) =>
      n === cpNs || n === 'kube' || n === 'openshift' || /^(kube|openshift|ibm)-/.test(n);
    const namespaces = api.findAll('v1', 'Namespace').filter((n) => !n.metadata.deletionTimestamp);
    const listed = (smmr.spec && smmr.spec.members) || [];
    const wanted = new Set();
    for (const m of listed) {
      if (m === '*') namespaces.forEach((n) => wanted.add(n.metadata.name));
      else wanted.add(m);
    }
    for (const sel of (smmr.spec && smmr.spec.memberSelectors) || []) {
      namespaces
        .filter((n) => matchesLabelSelector(sel, n.metadata.labels))
        .forEach((n) => wanted.add(n.metadata.name));
    }
    for (const smm of api.findAll(MAISTRA1, 'ServiceMeshMember')) {
      if ((smm.spec.controlPlaneRef || {}).namespace === cpNs) wanted.add(smm.metadata.namespace);
    }
    const members = [...wanted].filter((n) => !excluded(n)).sort();
    const existing = new Map(namespaces.map((n) => [n.metadata.name, n]));
    const smcp = api.findAll(MAISTRA2, 'ServiceMeshControlPlane', cpNs)[0];
    const smcpReady =
      smcp &&
      (smcp.status?.conditions || []).some((c) => c.type === 'Reconciled' && c.status === 'True');
    const configured = smcpReady
      ? members.filter(
          (m) =>
            existing.has(m) &&
            !('maistra.io/ignore-namespace' in (existing.get(m).metadata.labels || {})),
        )
      : [];
    for (const m of configured) {
      api.mutate(existing.get(m), (n) => {
        n.metadata.labels = { ...(n.metadata.labels || {}), 'maistra.io/member-of': cpNs };
      });
    }
    const pending = members.filter((m) => !configured.includes(m));
    api.setStatus(smmr, {
      observedGeneration: smmr.metadata.generation,
      meshGeneration: smcp ? smcp.metadata.generation : 0,
      members,
      configuredMembers: configured,
      pendingMembers: pending,
      terminatingMembers: [],
      memberStatuses: members.map((m) => ({
        namespace: m,
        conditions: [
          configured.includes(m)
            ? { type: 'Reconciled', status: 'True' }
            : {
                type: 'Reconciled',
                status: 'False',
                reason: existing.has(m) ? 'SMCPReconciling' : 'NamespaceNotExists',
                message: existing.has(m)
                  ? 'The control plane is not ready'
                  : `namespace ${m} does not exist`,
              },
        ],
      })),
      annotations: { configuredMemberCount: `${configured.length}/${members.length}` },
      conditions: keepTransitions(prev, [
        !smcp
          ? cond(
              'Ready',
              'False',
              'ErrSMCPMissing',
              'No ServiceMeshControlPlane exists in the namespace',
            )
          : !smcpReady
            ? cond('Ready', 'False', 'SMCPReconciling', 'The control plane is being reconciled')
            : pending.length
              ? cond(
                  'Ready',
                  'False',
                  'ReconcileError',
                  `The following namespaces are not yet configured: ${pending.join(', ')}`,
                )
              : cond(
                  'Ready',
                  'True',
                  'Configured',
                  'All namespaces have been configured successfully',
                ),
      ]),
    });
    return configured;
  }

  // --- Kiali and Tempo ------------------------------------------------------------------

  reconcileObservability() {
    const { api } = this;
    for (const k of api.findAll('kiali.io/v1alpha1', 'Kiali')) {
      const ns = (k.spec.deployment && k.spec.deployment.namespace) || k.metadata.namespace;
      const instance = (k.spec.deployment && k.spec.deployment.instance_name) || 'kiali';
      if (!api.find('v1', 'Namespace', '', ns)) continue;
      const labels = {
        app: 'kiali',
        'app.kubernetes.io/name': 'kiali',
        'app.kubernetes.io/instance': instance,
      };
      const owner = [ownerRef(k, false)];
      api.upsert({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: instance, namespace: ns, labels, ownerReferences: owner },
        spec: {
          replicas: 1,
          selector: { matchLabels: { 'app.kubernetes.io/name': 'kiali' } },
          template: {
            metadata: { labels, annotations: { 'sidecar.istio.io/inject': 'false' } },
            spec: {
              serviceAccountName: `${instance}-service-account`,
              containers: [
                {
                  name: 'kiali',
                  image: 'registry.redhat.io/openshift-service-mesh/kiali-rhel9:2.27',
                },
              ],
            },
          },
        },
      });
      api.upsert({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: instance,
          namespace: ns,
          labels,
          ownerReferences: owner,
          annotations: {
            'service.beta.openshift.io/serving-cert-secret-name': 'kiali-cert-secret',
          },
        },
        spec: {
          selector: { 'app.kubernetes.io/name': 'kiali' },
          ports: [
            { name: 'tcp', port: 20001, protocol: 'TCP', targetPort: 20001 },
            { name: 'http-metrics', port: 9090, protocol: 'TCP', targetPort: 9090 },
          ],
        },
      });
      const host = `${instance}-${ns}.apps.preview.example.com`;
      const route = api.upsert({
        apiVersion: 'route.openshift.io/v1',
        kind: 'Route',
        metadata: { name: instance, namespace: ns, labels, ownerReferences: owner },
        spec: {
          host,
          port: { targetPort: 'tcp' },
          tls: { termination: 'reencrypt', insecureEdgeTerminationPolicy: 'Redirect' },
          to: { kind: 'Service', name: instance, weight: 100 },
          wildcardPolicy: 'None',
        },
      });
      api.setStatus(route, {
        ingress: [
          {
            host,
            routerName: 'default',
            wildcardPolicy: 'None',
            routerCanonicalHostname: 'router-default.apps.preview.example.com',
            conditions: [
              {
                type: 'Admitted',
                status: 'True',
                lastTransitionTime: route.metadata.creationTimestamp,
              },
            ],
          },
        ],
      });
      api.setStatus(k, {
        deployment: { instanceName: instance, namespace: ns },
        environment: {
          isKubernetes: false,
          kubernetesVersion: '1.35.0',
          openshiftVersion: '4.22.0',
          operatorVersion: 'v2.27.0',
        },
        specVersion: k.spec.version || 'default',
        progress: { message: '7. Finished all resource creation', duration: '0:00:12' },
        conditions: keepTransitions(k.status && k.status.conditions, [
          cond('Successful', 'True', 'Successful', 'Awaiting next reconciliation'),
          cond('Running', 'True', 'Running', 'Reconciling'),
        ]),
      });
    }
    for (const kind of ['TempoStack', 'TempoMonolithic']) {
      for (const t of api.findAll('tempo.grafana.com/v1alpha1', kind)) {
        this.tempoServices(t);
        api.setStatus(t, {
          tempoVersion: '2.8.2',
          conditions: keepTransitions(t.status && t.status.conditions, [
            cond('Ready', 'True', 'Ready', 'All components are operational'),
          ]),
        });
      }
    }
  }

  /**
   * The cluster monitoring operator: `enableUserWorkload: true` in
   * openshift-monitoring/cluster-monitoring-config starts the user-workload Prometheus in
   * openshift-user-workload-monitoring (two replicas); anything else stops it.
   */
  reconcileMonitoring() {
    const { api } = this;
    const NS = 'openshift-user-workload-monitoring';
    const config = api.find('v1', 'ConfigMap', 'openshift-monitoring', 'cluster-monitoring-config');
    let enabled = false;
    try {
      enabled = YAML.parse(config?.data?.['config.yaml'] || '')?.enableUserWorkload === true;
    } catch {
      // The operator reports a degraded condition for a config it cannot parse; nothing starts.
    }
    const existing = api.find('apps/v1', 'StatefulSet', NS, 'prometheus-user-workload');
    if (!enabled) {
      if (existing) api.remove(existing);
      return;
    }
    if (!api.find('v1', 'Namespace', '', NS)) return;
    const labels = {
      'app.kubernetes.io/component': 'prometheus',
      'app.kubernetes.io/instance': 'user-workload',
      'app.kubernetes.io/name': 'prometheus',
      'app.kubernetes.io/part-of': 'openshift-monitoring',
    };
    const sts =
      existing ||
      api.upsert({
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'prometheus-user-workload', namespace: NS, labels },
        spec: {
          replicas: 2,
          serviceName: 'prometheus-operated',
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [
                { name: 'prometheus', image: 'registry.redhat.io/openshift4/ose-prometheus' },
              ],
            },
          },
        },
      });
    api.setStatus(sts, {
      replicas: 2,
      readyReplicas: 2,
      currentReplicas: 2,
      updatedReplicas: 2,
      availableReplicas: 2,
      observedGeneration: sts.metadata.generation,
    });
  }

  /**
   * The OpenTelemetry operator: a collector in deployment mode gets its Deployment, ServiceAccount
   * and Service `<name>-collector` (OTLP on 4317/4318), then `status.scale` reports it ready.
   */
  reconcileCollector(id) {
    const { api } = this;
    const [ns, name] = id.split('/');
    const c = api.find('opentelemetry.io/v1beta1', 'OpenTelemetryCollector', ns, name);
    if (!c || c.metadata.deletionTimestamp) return;
    const owner = [ownerRef(c)];
    const labels = {
      'app.kubernetes.io/component': 'opentelemetry-collector',
      'app.kubernetes.io/instance': `${ns}.${name}`,
      'app.kubernetes.io/managed-by': 'opentelemetry-operator',
      'app.kubernetes.io/name': `${name}-collector`,
    };
    const workload = `${name}-collector`;
    api.upsert({
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: workload, namespace: ns, labels, ownerReferences: owner },
    });
    api.upsert({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: workload, namespace: ns, labels, ownerReferences: owner },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels, annotations: { 'sidecar.istio.io/inject': 'false' } },
          spec: {
            serviceAccountName: workload,
            containers: [
              {
                name: 'otc-container',
                image: 'registry.redhat.io/rhosdt/opentelemetry-collector-rhel8',
              },
            ],
          },
        },
      },
    });
    api.upsert({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: workload, namespace: ns, labels, ownerReferences: owner },
      spec: {
        selector: labels,
        ports: [
          { name: 'otlp-grpc', port: 4317, targetPort: 4317, appProtocol: 'grpc' },
          { name: 'otlp-http', port: 4318, targetPort: 4318 },
        ],
      },
    });
    api.setStatus(c, {
      version: '0.140.0',
      scale: {
        replicas: 1,
        selector: Object.entries(labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(','),
        statusReplicas: '1/1',
      },
    });
  }

  /** The Services and Routes the Tempo Operator makes for an instance (the ones clients use). */
  tempoServices(t) {
    const { api } = this;
    const ns = t.metadata.namespace;
    const name = t.metadata.name;
    const spec = t.spec || {};
    const stack = t.kind === 'TempoStack';
    const labels = {
      'app.kubernetes.io/instance': name,
      'app.kubernetes.io/managed-by': 'tempo-operator',
      'app.kubernetes.io/name': stack ? 'tempo' : 'tempo-monolithic',
    };
    const owner = [ownerRef(t)];
    const gateway = stack
      ? Boolean(spec.template?.gateway?.enabled || spec.tenants?.mode === 'openshift')
      : Boolean(spec.multitenancy?.enabled);
    const service = (svc, component, ports) =>
      api.upsert({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          name: svc,
          namespace: ns,
          labels: { ...labels, 'app.kubernetes.io/component': component },
          ownerReferences: owner,
          ...(component === 'gateway'
            ? {
                annotations: {
                  'service.beta.openshift.io/serving-cert-secret-name': `${svc}-serving-cert`,
                },
              }
            : {}),
        },
        spec: {
          selector: { ...labels, 'app.kubernetes.io/component': component },
          ports: ports.map(([portName, port]) => ({ name: portName, port, targetPort: port })),
        },
      });
    const route = (routeName, svc, targetPort) => {
      const host = `${routeName}-${ns}.apps.preview.example.com`;
      const r = api.upsert({
        apiVersion: 'route.openshift.io/v1',
        kind: 'Route',
        metadata: { name: routeName, namespace: ns, labels, ownerReferences: owner },
        spec: {
          host,
          port: { targetPort },
          tls: { termination: gateway ? 'reencrypt' : 'edge' },
          to: { kind: 'Service', name: svc, weight: 100 },
          wildcardPolicy: 'None',
        },
      });
      api.setStatus(r, {
        ingress: [{ host, routerName: 'default', wildcardPolicy: 'None', conditions: [] }],
      });
    };
    if (stack) {
      service(`tempo-${name}-distributor`, 'distributor', [
        ['otlp-grpc', 4317],
        ['otlp-http', 4318],
      ]);
      service(`tempo-${name}-query-frontend`, 'query-frontend', [
        ['http', 3200],
        ['grpc', 9095],
        ...(spec.template?.queryFrontend?.jaegerQuery?.enabled ? [['jaeger-ui', 16686]] : []),
      ]);
    } else {
      service(`tempo-${name}`, 'tempo', [
        ['http', 3200],
        ['otlp-grpc', 4317],
        ['otlp-http', 4318],
      ]);
    }
    if (gateway) {
      service(`tempo-${name}-gateway`, 'gateway', [
        ['public', 8080],
        ['internal', 8081],
        // OTLP gRPC into the tenant, as collectors send spans.
        ['grpc-public', 8090],
      ]);
      route(`tempo-${name}-gateway`, `tempo-${name}-gateway`, 'public');
    }
  }
}

const OPERATOR_DEPLOYMENTS = {
  servicemeshoperator3: 'servicemesh-operator3',
  servicemeshoperator: 'istio-operator',
  'kiali-ossm': 'kiali-operator',
  'tempo-product': 'tempo-operator-controller',
  'opentelemetry-product': 'opentelemetry-operator-controller-manager',
  'elasticsearch-operator': 'elasticsearch-operator',
};

module.exports = { Controllers, DELAYS, sidecarFor };
