/**
 * Every issue code the validation of cluster configuration emits, with its severity and the
 * Kiali validation code it mirrors (reference §10.2). Severities follow Kiali wherever Kiali has
 * the same check, so the plugin and Kiali never disagree about one object; the UI words each code
 * (a test there proves none lacks words) and may show the Kiali code beside it.
 */
import { issue } from '../issues';
import type { Issue, IssueParams, IssuePath, Severity } from '../issues';

export type ConfigCodeInfo = {
  readonly code: string;
  readonly severity: Severity;
  /** Kiali's code for the same check, when it has one. */
  readonly kia?: string;
};

export const CONFIG_CODES = [
  // VirtualService
  { code: 'config.vs.host-not-found', severity: 'error', kia: 'KIA1101' },
  { code: 'config.vs.gateway-not-found', severity: 'error', kia: 'KIA1102' },
  { code: 'config.vs.single-weight', severity: 'warning', kia: 'KIA1104' },
  { code: 'config.vs.repeated-destination', severity: 'warning', kia: 'KIA1105' },
  { code: 'config.vs.host-in-several', severity: 'warning', kia: 'KIA1106' },
  // Kiali says warning; Istio answers 503 (no healthy upstream) for a subset no DR defines.
  { code: 'config.vs.subset-not-found', severity: 'warning', kia: 'KIA1107' },
  // VirtualService, DestinationRule, ServiceEntry
  { code: 'config.export-to.namespace-not-found', severity: 'error', kia: 'KIA0005' },
  // DestinationRule
  { code: 'config.dr.host-not-found', severity: 'error', kia: 'KIA0202' },
  { code: 'config.dr.subset-no-workloads', severity: 'error', kia: 'KIA0203' },
  { code: 'config.dr.subset-in-several', severity: 'warning', kia: 'KIA0201' },
  { code: 'config.dr.host-in-several', severity: 'warning', kia: 'KIA0201' },
  { code: 'config.dr.subset-no-labels', severity: 'warning', kia: 'KIA0209' },
  { code: 'config.dr.tls-disabled-strict', severity: 'error', kia: 'KIA0207' },
  { code: 'config.dr.port-not-found', severity: 'warning' },
  // PeerAuthentication, RequestAuthentication, Sidecar, AuthorizationPolicy
  { code: 'config.selector.no-workload', severity: 'warning', kia: 'KIA0004' },
  { code: 'config.selectorless.several', severity: 'error', kia: 'KIA0002' },
  { code: 'config.selector.several', severity: 'error', kia: 'KIA0003' },
  // PeerAuthentication
  { code: 'config.pa.port-not-found', severity: 'warning' },
  { code: 'config.pa.port-is-service-port', severity: 'warning' },
  // AuthorizationPolicy
  { code: 'config.ap.namespace-not-found', severity: 'warning', kia: 'KIA0101' },
  { code: 'config.ap.service-account-not-found', severity: 'error', kia: 'KIA0106' },
  { code: 'config.ap.method-unknown', severity: 'warning', kia: 'KIA0102' },
  // RequestAuthentication
  { code: 'config.ra.token-optional', severity: 'warning' },
  // Service
  { code: 'config.service.port-name', severity: 'error', kia: 'KIA0601' },
  { code: 'config.service.app-protocol', severity: 'error', kia: 'KIA0602' },
] as const satisfies readonly ConfigCodeInfo[];

export type ConfigCode = (typeof CONFIG_CODES)[number]['code'];

const BY_CODE = new Map<string, ConfigCodeInfo>(CONFIG_CODES.map((c) => [c.code, c]));

/**
 * An issue of this domain: its severity comes from CONFIG_CODES and its Kiali code rides along
 * as the `kia` parameter, so no check can spell either differently from the list.
 */
export const configIssue = (code: ConfigCode, path: IssuePath, params?: IssueParams): Issue => {
  const info = BY_CODE.get(code) as ConfigCodeInfo;
  const all = info.kia ? { ...params, kia: info.kia } : params;
  return issue(code, path, all, info.severity);
};
