import { crdModel } from './common';
import type { K8sResourceCommon } from './common';

export const TelemetryModel = crdModel({
  group: 'telemetry.istio.io',
  version: 'v1',
  kind: 'Telemetry',
  plural: 'telemetries',
  abbr: 'TEL',
  label: 'Telemetry',
  labelPlural: 'Telemetries',
  namespaced: true,
});

export type Telemetry = K8sResourceCommon & {
  spec?: {
    selector?: { matchLabels?: Record<string, string> };
    tracing?: {
      providers?: { name: string }[];
      randomSamplingPercentage?: number;
    }[];
  };
};
