/**
 * Which observability backends this cluster has, from what the plugin can see: the Kiali CR
 * (and its Route), Kiali's own `/api/status` and `/api/tracing` through the console proxy, and
 * TempoStack/TempoMonolithic objects. The tabs say plainly what is missing and what to install.
 */
import type { Kiali, Route, TempoMonolithic, TempoStack } from '../../models';
import type { KialiFailure, KialiStatus, TracingInfo } from './kialiStatus';
import { kialiBaseUrl, parseTempoInstance } from './links';
import type { TempoInstance, TracingUi } from './links';

export type KialiInstance = {
  /** The Kiali CR. */
  name: string;
  namespace: string;
  /** Kiali's Deployment, Service and Route are named after this, in `deploymentNamespace`. */
  instanceName: string;
  deploymentNamespace: string;
  webRoot?: string;
};

export const kialiInstanceOf = (cr: Kiali): KialiInstance => ({
  name: cr.metadata?.name ?? '',
  namespace: cr.metadata?.namespace ?? '',
  instanceName: cr.spec?.deployment?.instance_name || 'kiali',
  deploymentNamespace:
    cr.spec?.deployment?.namespace ||
    cr.status?.deployment?.namespace ||
    cr.metadata?.namespace ||
    '',
  webRoot: cr.spec?.server?.web_root,
});

/** Kiali's public URL from its Route: the admitted host, else the requested one. */
export const kialiUrlFromRoute = (route: Route | undefined, webRoot?: string) => {
  const host = route?.status?.ingress?.find((i) => i.host)?.host ?? route?.spec?.host;
  return host ? kialiBaseUrl(host, webRoot) : undefined;
};

/** What a watch of Kiali CRs gave: `served` false when the Kiali CRD is not installed. */
export type KialiCrs = { loaded: boolean; served: boolean; readable: boolean; items: Kiali[] };

export type KialiAvailability =
  | { state: 'loading' }
  | { state: 'ready'; status: KialiStatus; instance?: KialiInstance }
  /** No Kiali CRD: the Kiali operator is not installed. */
  | { state: 'operator-missing' }
  /** The operator is there but no Kiali CR. */
  | { state: 'no-instance' }
  /** The console proxy cannot reach Kiali's Service. */
  | { state: 'unreachable'; failure: KialiFailure; instance?: KialiInstance }
  | { state: 'error'; failure: KialiFailure; instance?: KialiInstance };

export const kialiAvailability = (
  crs: KialiCrs,
  status: { loading: boolean; value?: KialiStatus; failure?: KialiFailure },
): KialiAvailability => {
  const instance = crs.items[0] ? kialiInstanceOf(crs.items[0]) : undefined;
  if (status.value) return { state: 'ready', status: status.value, instance };
  if (status.loading) return { state: 'loading' };
  // Kiali did not answer; the CRs say why, once they are known.
  if (!crs.loaded) return { state: 'loading' };
  if (crs.readable && !crs.served) return { state: 'operator-missing' };
  if (crs.readable && crs.items.length === 0) return { state: 'no-instance' };
  const failure = status.failure ?? { kind: 'network', message: 'no answer' };
  return failure.kind === 'unreachable'
    ? { state: 'unreachable', failure, instance }
    : { state: 'error', failure, instance };
};

const tenantsOf = (auth?: { tenantName: string }[]) => (auth ?? []).map((a) => a.tenantName);

/** Tempo instances, with their first tenant when they are multi-tenant (what DTCP links need). */
export const tempoInstances = (
  stacks: TempoStack[],
  monoliths: TempoMonolithic[],
): TempoInstance[] =>
  [
    ...stacks.map((s) => ({
      namespace: s.metadata?.namespace ?? '',
      name: s.metadata?.name ?? '',
      ...(s.spec?.tenants?.mode ? { tenant: tenantsOf(s.spec.tenants.authentication)[0] } : {}),
    })),
    ...monoliths.map((m) => ({
      namespace: m.metadata?.namespace ?? '',
      name: m.metadata?.name ?? '',
      ...(m.spec?.multitenancy?.enabled
        ? { tenant: tenantsOf(m.spec.multitenancy.authentication)[0] }
        : {}),
    })),
  ].map((t) => (t.tenant ? t : { namespace: t.namespace, name: t.name }));

export type TracingAvailability =
  | { state: 'loading' }
  /** Kiali itself is not available: the Kiali message covers it. */
  | { state: 'no-kiali' }
  /** Kiali has no tracing backend; `tempo` lists instances it could be pointed at. */
  | { state: 'disabled'; tempo: TempoInstance[] }
  | { state: 'error'; failure: KialiFailure }
  | { state: 'ready'; provider?: string; ui: TracingUi };

/**
 * The Tempo instance traces come from: as Kiali's `tempo_config` names it, else from Kiali's
 * internal URL, else the only multi-tenant one there is; its tenant from `tempo_config`, else the
 * internal URL's path, else the instance's own first tenant.
 */
export const tracingTempoInstance = (
  info: TracingInfo,
  known: TempoInstance[],
): TempoInstance | undefined => {
  const tc = info.tempoConfig ?? {};
  const parsed = parseTempoInstance(info.internalURL);
  const multiTenant = known.filter((t) => t.tenant);
  const base =
    tc.name && tc.namespace
      ? { namespace: tc.namespace, name: tc.name }
      : (parsed ?? (multiTenant.length === 1 ? multiTenant[0] : undefined));
  if (!base) return undefined;
  const same = (t?: TempoInstance) => !!t && t.namespace === base.namespace && t.name === base.name;
  const tenant =
    tc.tenant ?? (same(parsed) ? parsed?.tenant : undefined) ?? known.find((t) => same(t))?.tenant;
  return { namespace: base.namespace, name: base.name, ...(tenant ? { tenant } : {}) };
};

export const tracingAvailability = (input: {
  kiali: KialiAvailability['state'];
  tracing: { loading: boolean; value?: TracingInfo; failure?: KialiFailure };
  tempo: TempoInstance[];
  consolePlugin: boolean;
  /** Grafana's URL from Kiali's status (`externalServices`), for Tempo's Grafana links. */
  grafanaUrl?: string;
}): TracingAvailability => {
  if (input.kiali === 'loading') return { state: 'loading' };
  if (input.kiali !== 'ready') return { state: 'no-kiali' };
  const { tracing } = input;
  if (tracing.value) {
    if (!tracing.value.enabled) return { state: 'disabled', tempo: input.tempo };
    const tc = tracing.value.tempoConfig;
    const tempo = tracingTempoInstance(tracing.value, input.tempo);
    const grafana =
      input.grafanaUrl || tc?.datasourceUID || tc?.orgID
        ? {
            ...(input.grafanaUrl ? { url: input.grafanaUrl } : {}),
            ...(tc?.datasourceUID ? { datasourceUID: tc.datasourceUID } : {}),
            ...(tc?.orgID ? { orgID: tc.orgID } : {}),
          }
        : undefined;
    return {
      state: 'ready',
      provider: tracing.value.provider,
      ui: {
        consolePlugin: input.consolePlugin,
        ...(tracing.value.provider ? { provider: tracing.value.provider } : {}),
        ...(tempo ? { tempo } : {}),
        ...(tracing.value.url ? { externalUrl: tracing.value.url } : {}),
        ...(tc?.urlFormat ? { urlFormat: tc.urlFormat } : {}),
        ...(grafana ? { grafana } : {}),
      },
    };
  }
  if (tracing.loading) return { state: 'loading' };
  return {
    state: 'error',
    failure: tracing.failure ?? { kind: 'network', message: 'no answer' },
  };
};

/** Grafana's URL among the external services Kiali's status lists (`{name: "Grafana", url}`). */
export const grafanaUrlOf = (status?: KialiStatus): string | undefined =>
  status?.externalServices.find((s) => s.name.toLowerCase() === 'grafana')?.url || undefined;
