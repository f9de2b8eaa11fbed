import { crdModel } from './common';
import type { K8sResourceCommon } from './common';

export const RouteModel = crdModel({
  group: 'route.openshift.io',
  version: 'v1',
  kind: 'Route',
  plural: 'routes',
  abbr: 'RT',
  label: 'Route',
  labelPlural: 'Routes',
  namespaced: true,
});

export const ConsolePluginModel = crdModel({
  group: 'console.openshift.io',
  version: 'v1',
  kind: 'ConsolePlugin',
  plural: 'consoleplugins',
  abbr: 'CP',
  label: 'ConsolePlugin',
  labelPlural: 'ConsolePlugins',
  namespaced: false,
});

/** The console operator's config (`consoles.operator.openshift.io/cluster`): enables plugins. */
export const ConsoleOperatorConfigModel = crdModel({
  group: 'operator.openshift.io',
  version: 'v1',
  kind: 'Console',
  plural: 'consoles',
  abbr: 'C',
  label: 'Console',
  labelPlural: 'Consoles',
  namespaced: false,
});

export type Route = K8sResourceCommon & {
  spec?: {
    host?: string;
    path?: string;
    to?: { kind: string; name: string };
    port?: { targetPort: number | string };
    tls?: { termination?: string; insecureEdgeTerminationPolicy?: string };
  };
  status?: { ingress?: { host?: string; conditions?: { type: string; status: string }[] }[] };
};

export type ConsolePluginProxy = {
  alias: string;
  authorization?: 'UserToken' | 'None';
  caCertificate?: string;
  endpoint: {
    type: 'Service';
    service: { name: string; namespace: string; port: number };
  };
};

export type ConsolePlugin = K8sResourceCommon & {
  spec: {
    displayName: string;
    i18n?: { loadType: 'Preload' | 'Lazy' | '' };
    backend: {
      type: 'Service';
      service: { name: string; namespace: string; port: number; basePath?: string };
    };
    proxy?: ConsolePluginProxy[];
  };
};

export type ConsoleOperatorConfig = K8sResourceCommon & {
  spec?: { plugins?: string[] } & Record<string, unknown>;
};
