/**
 * The names of what cluster monitoring and the wizard's monitors are, apart from the builders:
 * pages that only read them (the tabs, the overview) must not pull the YAML library in.
 */
export const MONITORING_NAMESPACE = 'openshift-monitoring';
export const MONITORING_CONFIG = 'cluster-monitoring-config';
export const UWM_NAMESPACE = 'openshift-user-workload-monitoring';
export const UWM_PROMETHEUS = 'prometheus-user-workload';
export const ISTIOD_MONITOR = 'istiod-monitor';
export const PROXY_MONITOR = 'istio-proxies-monitor';
/** The PodMonitor scraping ztunnel, in ztunnel's namespace (the name Red Hat's docs give it). */
export const ZTUNNEL_MONITOR = 'istio-ztunnel-monitor';
