// Boots the preview console the way console 4.22 boots: SERVER_FLAGS (inlined by the server),
// i18n, the redux store and discovery, the share scope, a PluginStore loading each enabled
// plugin's manifest with the `__load_plugin_entry__` callback, then the chrome.
import { PluginStore, PluginStoreProvider } from '@openshift/dynamic-plugin-sdk';
import storeHandler from '@openshift-console/dynamic-plugin-sdk/lib/app/storeHandler';
import { createRoot } from 'react-dom/client';
import { Provider } from 'react-redux';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { startDiscovery } from './discovery';
import { initI18n } from './i18n';
import { createShareScope } from './sharedScope';
import { createConsoleStore } from './store';

declare global {
  interface Window {
    SERVER_FLAGS: {
      basePath: string;
      releaseVersion: string;
      consolePlugins: string[];
      user: string;
      /** The console's Prometheus proxies (empty when the cluster has none). */
      prometheusBaseURL?: string;
      prometheusTenancyBaseURL?: string;
    };
    loadPluginEntry?: (id: string, container: unknown) => void;
    __load_plugin_entry__?: (name: string, container: unknown) => void;
    __PREVIEW_PLUGIN_ERRORS__: string[];
    __PREVIEW_READY__?: boolean;
  }
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const flags = window.SERVER_FLAGS;
window.__PREVIEW_PLUGIN_ERRORS__ = [];
if (window.localStorage.getItem('preview.theme') === 'dark') {
  document.documentElement.classList.add('pf-v6-theme-dark');
}

// Topology styles, which the console ships with its own topology views (preview/webpack.config.js).
for (const sheet of ['topology-components', 'topology-controlbar', 'topology-view']) {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = `/static/host/topology/${sheet}.css`;
  document.head.appendChild(link);
}

const store = createConsoleStore();
// The SDK's non-hook code (access reviews, impersonation) reads the store through storeHandler,
// which the console sets at start-up.
storeHandler.setStore(store);
store.dispatch({ type: 'setUser', payload: { username: flags.user } });
startDiscovery(store);

const pluginStore = new PluginStore({
  loaderOptions: {
    sharedScope: createShareScope(),
    entryCallbackSettings: { name: '__load_plugin_entry__' },
    fetchImpl: (url, init) => fetch(url, { ...init, cache: 'no-cache' }),
    customDependencyResolutions: { '@console/pluginAPI': flags.releaseVersion },
    transformPluginManifest: (manifest) => {
      if (!DNS_SUBDOMAIN.test(manifest.name))
        throw new Error(`Invalid plugin name ${manifest.name}`);
      if (manifest.registrationMethod !== 'callback') {
        throw new Error(`Plugin ${manifest.name} must use registrationMethod "callback" (4.22)`);
      }
      return manifest;
    },
  },
});
// Plugins built for 4.21 and older call loadPluginEntry('<name>@<version>', container).
window.loadPluginEntry = (id, container) =>
  window.__load_plugin_entry__?.(id.replace(/@[^@]*$/, ''), container);

const loadPlugins = async () => {
  for (const name of flags.consolePlugins) {
    try {
      await pluginStore.loadPlugin(`${flags.basePath}api/plugins/${name}/plugin-manifest.json`);
    } catch (e) {
      window.__PREVIEW_PLUGIN_ERRORS__.push(`${name}: ${e}`);
    }
    const info = pluginStore.getPluginInfo().find((p) => p.manifest.name === name);
    if (info?.status === 'failed')
      window.__PREVIEW_PLUGIN_ERRORS__.push(`${name}: ${info.errorMessage}`);
  }
  window.__PREVIEW_READY__ = true;
};

initI18n(flags.consolePlugins.map((n) => `plugin__${n}`)).then(() => {
  createRoot(document.getElementById('app') as HTMLElement).render(
    <Provider store={store}>
      <PluginStoreProvider store={pluginStore}>
        <BrowserRouter>
          <App user={flags.user} />
        </BrowserRouter>
      </PluginStoreProvider>
    </Provider>,
  );
  loadPlugins();
});
