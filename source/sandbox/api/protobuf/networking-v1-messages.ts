/** networking.k8s.io/v1: Ingresses and IngressClasses. */

import { typedLocalObjectReference } from './core-v1-messages.ts';
import { message, repeated } from './message-descriptor.ts';
import { objectMeta } from './meta-v1-messages.ts';

const ingressBackend = message('IngressBackend', [
  [3, 'resource', typedLocalObjectReference, 'pointer'],
  [
    4,
    'service',
    message('IngressServiceBackend', [
      [1, 'name', 'string', 'always'],
      [
        2,
        'port',
        message('ServiceBackendPort', [
          [1, 'name', 'string'],
          [2, 'number', 'int32'],
        ]),
      ],
    ]),
    'pointer',
  ],
]);

const httpIngressPath = message('HTTPIngressPath', [
  [1, 'path', 'string'],
  [2, 'backend', ingressBackend],
  [3, 'pathType', 'string', 'nullable'],
]);

const ingressRule = message('IngressRule', [
  [1, 'host', 'string'],
  [
    2,
    'ingressRuleValue',
    message('IngressRuleValue', [
      [
        1,
        'http',
        message('HTTPIngressRuleValue', [[1, 'paths', repeated(httpIngressPath), 'always']]),
        'pointer',
      ],
    ]),
    'inline',
  ],
]);

const ingressPortStatus = message('IngressPortStatus', [
  [1, 'port', 'int32', 'always'],
  [2, 'protocol', 'string', 'always'],
  [3, 'error', 'string', 'pointer'],
]);

export const ingress = message('Ingress', [
  [1, 'metadata', objectMeta],
  [
    2,
    'spec',
    message('IngressSpec', [
      [1, 'defaultBackend', ingressBackend, 'pointer'],
      [
        2,
        'tls',
        repeated(
          message('IngressTLS', [
            [1, 'hosts', repeated('string')],
            [2, 'secretName', 'string'],
          ]),
        ),
      ],
      [3, 'rules', repeated(ingressRule)],
      [4, 'ingressClassName', 'string', 'pointer'],
    ]),
  ],
  [
    3,
    'status',
    message('IngressStatus', [
      [
        1,
        'loadBalancer',
        message('IngressLoadBalancerStatus', [
          [
            1,
            'ingress',
            repeated(
              message('IngressLoadBalancerIngress', [
                [1, 'ip', 'string'],
                [2, 'hostname', 'string'],
                [4, 'ports', repeated(ingressPortStatus)],
              ]),
            ),
          ],
        ]),
      ],
    ]),
  ],
]);

export const ingressClass = message('IngressClass', [
  [1, 'metadata', objectMeta],
  [
    2,
    'spec',
    message('IngressClassSpec', [
      [1, 'controller', 'string'],
      [
        2,
        'parameters',
        message('IngressClassParametersReference', [
          [1, 'apiGroup', 'string', 'pointer'],
          [2, 'kind', 'string', 'always'],
          [3, 'name', 'string', 'always'],
          [4, 'scope', 'string', 'nullable'],
          [5, 'namespace', 'string', 'pointer'],
        ]),
        'pointer',
      ],
    ]),
  ],
]);
