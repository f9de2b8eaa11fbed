/**
 * Test support: validates a Gateway API object we build against the published schemas
 * (@kubernetes-models/gateway-api), picked by the object's kind at gateway.networking.k8s.io/v1.
 * The schemas are generated from Gateway API's Go types: enums, required fields and bounds are
 * checked, the CRDs' CEL rules are not (mesh/traffic/gatewayValidation mirrors those).
 */
import { Gateway } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway';
import { GRPCRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/GRPCRoute';
import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';

type ModelClass = new (data: never) => { validate(): void };

const SCHEMAS: Record<string, ModelClass> = {
  HTTPRoute: HTTPRoute as unknown as ModelClass,
  GRPCRoute: GRPCRoute as unknown as ModelClass,
  Gateway: Gateway as unknown as ModelClass,
};

/** Throws the schema's own error when the object would be rejected by the CRD schema. */
export const validateGatewayApiObject = (obj: { apiVersion?: string; kind?: string }): void => {
  if (obj.apiVersion !== 'gateway.networking.k8s.io/v1') {
    throw new Error(`Not a gateway.networking.k8s.io/v1 object: ${obj.apiVersion}`);
  }
  const Model = SCHEMAS[obj.kind ?? ''];
  if (!Model) throw new Error(`No Gateway API schema for ${obj.kind}`);
  new Model(obj as never).validate();
};
