import type { ITelemetry } from '@kubernetes-models/istio/telemetry.istio.io/v1/Telemetry';
import { crdModel } from './common';
import type { FromGeneratedKind } from './common';

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

/** From Istio's CRD schema (type-only, nothing bundled); v1 also covers what we write to v1alpha1. */
export type Telemetry = FromGeneratedKind<ITelemetry>;
