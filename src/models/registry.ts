import { atVersion } from './common';
import type { K8sModel } from './common';
import * as core from './core';
import * as gatewayApi from './gatewayApi';
import * as istioNetworking from './istioNetworking';
import * as istioSecurity from './istioSecurity';
import * as maistra from './maistra';
import * as monitoring from './monitoring';
import * as observability from './observability';
import * as olm from './olm';
import * as openshift from './openshift';
import * as sail from './sail';
import * as telemetry from './telemetry';

const isModel = (name: string, value: unknown): value is K8sModel =>
  name.endsWith('Model') &&
  !!value &&
  typeof value === 'object' &&
  typeof (value as K8sModel).kind === 'string' &&
  typeof (value as K8sModel).apiVersion === 'string';

// Collected from the modules rather than listed by hand, so a model added to a file is never
// missing here (the registry test also checks this against the package index).
const modules = [
  core,
  istioNetworking,
  istioSecurity,
  gatewayApi,
  telemetry,
  sail,
  maistra,
  monitoring,
  olm,
  observability,
  openshift,
];

/** Every kind this plugin knows, each once, at the version its model file defines. */
export const ALL_MODELS: readonly K8sModel[] = modules.flatMap((m) =>
  Object.entries(m).flatMap(([name, value]) => (isModel(name, value) ? [value] : [])),
);

const splitApiVersion = (apiVersion: string): { group: string; version: string } => {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
};

/**
 * The model for an object, at the object's own version: a v1beta1 VirtualService written on
 * Service Mesh 2.6 must be sent to the v1beta1 endpoint, not to v1, which 2.6 does not serve.
 */
export const modelForObject = (obj: {
  apiVersion?: string;
  kind?: string;
}): K8sModel | undefined => {
  if (!obj.apiVersion || !obj.kind) return undefined;
  const { group, version } = splitApiVersion(obj.apiVersion);
  if (!version) return undefined;
  const model = ALL_MODELS.find((m) => m.kind === obj.kind && (m.apiGroup ?? '') === group);
  return model && atVersion(model, version);
};
