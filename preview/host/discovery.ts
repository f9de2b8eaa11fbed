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
  const lists = await Promise.all(
    groups.groups.flatMap((g) =>
      g.versions.map(async ({ version }) =>
        toModels(g.name, version, await getJSON(`/apis/${g.name}/${version}`)),
      ),
    ),
  );
  return [...toModels('', 'v1', core), ...lists.flat()];
};

export const startDiscovery = (store: ConsoleStore, intervalMs = 3000): (() => void) => {
  let signature = '';
  let stopped = false;
  const run = async () => {
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
    if (!stopped) timer = window.setTimeout(run, intervalMs);
  };
  store.dispatch({ type: 'getResourcesInFlight' });
  let timer = window.setTimeout(run, 0);
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
};
