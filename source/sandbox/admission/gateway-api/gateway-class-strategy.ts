import type { KindStrategy } from '../kind-strategy.ts';
import {
  applyCrdDefaults,
  type CrdNode,
  group,
  kind,
  namespaceName,
  objectName,
  validateCrd,
  waitingConditions,
} from './crd-schema.ts';

/** GatewayClass (gateway.networking.k8s.io/v1), as its CRD's schema and rules define it. */
export const gatewayClassSchema: CrdNode = {
  type: 'object',
  required: ['spec'],
  properties: {
    spec: {
      type: 'object',
      required: ['controllerName'],
      properties: {
        controllerName: {
          type: 'string',
          minLength: 1,
          maxLength: 253,
          pattern:
            "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/[A-Za-z0-9\\/\\-._~%!$&'()*+,;=:]+$",
          rules: [
            {
              message: 'Value is immutable',
              transition: true,
              holds: (self, old) => self === old,
            },
          ],
        },
        description: { type: 'string', maxLength: 64 },
        parametersRef: {
          type: 'object',
          required: ['group', 'kind', 'name'],
          properties: { group: group(), kind: kind(), name: objectName, namespace: namespaceName },
        },
      },
    },
  },
};

export const gatewayClassStrategy: KindStrategy = {
  applyDefaults(gatewayClass, old) {
    applyCrdDefaults(gatewayClassSchema, gatewayClass);
    if (!old) gatewayClass.status = { conditions: waitingConditions('Accepted') };
  },
  validate(gatewayClass, old) {
    return validateCrd(gatewayClassSchema, gatewayClass, old, '');
  },
};
