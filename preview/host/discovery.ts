// Kubernetes discovery into the store, as the console does at start-up: every served
// group/version becomes a K8sModel. Re-run every few seconds so CRDs that operators install
// (or remove) show up, which is what makes a page go from "not installed" to live.
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import type { ConsoleStore } from './store';
import { referenceFor } from './store';

type APIResource = {
  name: string;
  kind: string;
  namespaced: boolean;
  verbs?: string[];
  shortNames?: string[];
};

const getJSON = async <T>(path: string): Promise<T> => {
  const res = await fetch(`/api/kubernetes${path}`, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`discovery ${path}: HTTP ${res.status}`);
  return res.json() as Promise<T>;
};

const abbrOf = (kind: string) => kind.replace(/[a-z]/g, '').slice(0, 4) || kind.slice(0, 2);

const toModels = (group: string, version: string, list: { resources: APIResource[] }) =>
  list.resources
    .filter((r) => !r.name.includes('/'))
    .map((r): K8sModel => ({
      ...(group ? { apiGroup: group } : {}),
      apiVersion: version,
      kind: r.kind,
      plural: r.name,
      namespaced: r.namespaced,
      verbs: r.verbs as K8sModel['verbs'],
      shortNames: r.shortNames,
      abbr: abbrOf(r.kind),
      label: r.kind,
      labelPlural: `${r.kind}s`,
      crd: !!group && !group.endsWith('k8s.io') && group !== 'apps',
    }));

export const discoverModels = async (): Promise<K8sModel[]> => {
  const core = await getJSON<{ resources: APIResource[] }>('/api/v1');
  const groups = await getJSON<{
    groups: { name: string; versions: { version: string }[] }[];
  }>('/apis');
  // As the console: a group/version whose resource list fails is left out, the rest discovered.
  const lists = await Promise.all(
    groups.groups.flatMap((g) =>
      g.versions.map(async ({ version }) => {
        try {
          return toModels(g.name, version, await getJSON(`/apis/${g.name}/${version}`));
        } catch {
          return [];
        }
      }),
    ),
  );
  return [...toModels('', 'v1', core), ...lists.flat()];
};

const csrfToken = () => document.cookie.match(/csrf-token=([^;]+)/)?.[1] ?? '';

const mayListCRDs = async (): Promise<boolean> => {
  const res = await fetch('/api/kubernetes/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrfToken() },
    body: JSON.stringify({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: {
        resourceAttributes: {
          group: 'apiextensions.k8s.io',
          resource: 'customresourcedefinitions',
          verb: 'list',
        },
      },
    }),
  });
  return res.ok && (await res.json()).status?.allowed === true;
};

/**
 * Discovery as console 4.22 runs it (public/actions/k8s.ts startAPIDiscovery): a user who may
 * list CustomResourceDefinitions gets discovery again whenever one is added or removed (a watch
 * on CRDs); anyone else only every 60 seconds. So a kind an operator has just installed shows
 * up at once for an admin and up to a minute later for everyone else, exactly as in the console.
 */
export const startDiscovery = (store: ConsoleStore, pollMs = 60_000): (() => void) => {
  let stopped = false;
  let timer: number | undefined;
  let socket: WebSocket | undefined;
  let signature = '';
  const run = async () => {
    store.dispatch({ type: 'getResourcesInFlight' });
    try {
      const models = await discoverModels();
      const next = models.map(referenceFor).sort().join(',');
      if (next !== signature) {
        signature = next;
        store.dispatch({ type: 'resources', payload: { resources: { models } } });
      }
    } catch (e) {
      // The API may be restarting; keep the last known models and try again.
      console.warn('discovery failed', e);
    }
  };
  const poll = () => {
    if (stopped) return;
    run().finally(() => {
      if (!stopped) timer = window.setTimeout(poll, pollMs);
    });
  };
  const watchCRDs = async () => {
    if (stopped) return;
    const crds = '/apis/apiextensions.k8s.io/v1/customresourcedefinitions';
    let rv = '';
    try {
      rv = (await getJSON<{ metadata: { resourceVersion: string } }>(crds)).metadata
        .resourceVersion;
    } catch {
      timer = window.setTimeout(watchCRDs, 1000);
      return;
    }
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(
      `${scheme}://${location.host}/api/kubernetes${crds}?watch=true&resourceVersion=${rv}`,
    );
    socket.onmessage = (m) => {
      const type = (JSON.parse(String(m.data)) as { type?: string }).type;
      if (type === 'ADDED' || type === 'DELETED') run();
    };
    socket.onclose = () => {
      if (!stopped) timer = window.setTimeout(watchCRDs, 1000);
    };
  };
  mayListCRDs()
    .catch(() => false)
    .then((watching) => {
      if (stopped) return;
      if (watching) {
        run().then(() => watchCRDs());
      } else {
        poll();
      }
    });
  return () => {
    stopped = true;
    window.clearTimeout(timer);
    socket?.close();
  };
};
