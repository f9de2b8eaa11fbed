/**
 * Test support: validates an object we build against Istio's published CRD schemas
 * (@kubernetes-models/istio), picked by the object's own apiVersion and kind.
 */
import * as networkingV1 from '@kubernetes-models/istio/networking.istio.io/v1';
import * as networkingV1beta1 from '@kubernetes-models/istio/networking.istio.io/v1beta1';
import * as securityV1 from '@kubernetes-models/istio/security.istio.io/v1';
import * as securityV1beta1 from '@kubernetes-models/istio/security.istio.io/v1beta1';
import * as telemetryV1 from '@kubernetes-models/istio/telemetry.istio.io/v1';
import * as telemetryV1alpha1 from '@kubernetes-models/istio/telemetry.istio.io/v1alpha1';

type Validatable = { validate(): void };
type ModelClass = new (data: unknown) => Validatable;

const SCHEMAS: Record<string, Record<string, unknown>> = {
  'networking.istio.io/v1': networkingV1,
  'networking.istio.io/v1beta1': networkingV1beta1,
  'security.istio.io/v1': securityV1,
  'security.istio.io/v1beta1': securityV1beta1,
  'telemetry.istio.io/v1': telemetryV1,
  'telemetry.istio.io/v1alpha1': telemetryV1alpha1,
};

export const hasIstioSchema = (apiVersion: string, kind: string): boolean =>
  typeof SCHEMAS[apiVersion]?.[kind] === 'function';

/** Throws the schema's own error when the object would be rejected by the CRD schema. */
export const validateIstioObject = (obj: { apiVersion?: string; kind?: string }): void => {
  const Model = SCHEMAS[obj.apiVersion ?? '']?.[obj.kind ?? ''] as ModelClass | undefined;
  if (!Model) throw new Error(`No Istio schema for ${obj.apiVersion} ${obj.kind}`);
  new Model(obj).validate();
};
