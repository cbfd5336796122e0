import type { Json } from '../../api/kube-object.ts';
import type { KindStrategy } from '../kind-strategy.ts';
import {
  applyCrdDefaults,
  type CrdNode,
  group,
  has,
  hostnamePattern,
  kind,
  namespaceName,
  objectName,
  portNumber,
  subdomainPattern,
  validateCrd,
  waitingConditions,
} from './crd-schema.ts';

const labelSelector: CrdNode = {
  type: 'object',
  properties: {
    matchLabels: { type: 'object' },
    matchExpressions: {
      type: 'array',
      items: { type: 'object', required: ['key', 'operator'] },
    },
  },
};

const listener: CrdNode = {
  type: 'object',
  required: ['name', 'port', 'protocol'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 253, pattern: subdomainPattern },
    hostname: { type: 'string', minLength: 1, maxLength: 253, pattern: hostnamePattern },
    port: portNumber,
    protocol: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      pattern:
        '^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\/[A-Za-z0-9]+$',
    },
    tls: {
      type: 'object',
      properties: {
        mode: { type: 'string', enum: ['Terminate', 'Passthrough'], default: 'Terminate' },
        certificateRefs: {
          type: 'array',
          maxItems: 64,
          items: {
            type: 'object',
            required: ['name'],
            properties: {
              group: group(''),
              kind: kind('Secret'),
              name: objectName,
              namespace: namespaceName,
            },
          },
        },
        options: { type: 'object' },
      },
      rules: [
        {
          message: 'certificateRefs or options must be specified when mode is Terminate',
          holds: (tls) =>
            tls.mode !== 'Terminate' ||
            (tls.certificateRefs?.length ?? 0) > 0 ||
            Object.keys(tls.options ?? {}).length > 0,
        },
      ],
    },
    allowedRoutes: {
      type: 'object',
      default: { namespaces: { from: 'Same' } },
      properties: {
        kinds: {
          type: 'array',
          maxItems: 8,
          items: {
            type: 'object',
            required: ['kind'],
            properties: { group: group('gateway.networking.k8s.io'), kind: kind() },
          },
        },
        namespaces: {
          type: 'object',
          default: { from: 'Same' },
          properties: {
            from: { type: 'string', enum: ['All', 'Selector', 'Same'], default: 'Same' },
            selector: labelSelector,
          },
        },
      },
    },
  },
};

const sameHostname = (a: Json, b: Json) =>
  has(a, 'hostname') && has(b, 'hostname')
    ? a.hostname === b.hostname
    : !has(a, 'hostname') && !has(b, 'hostname');

const listenerRules = [
  {
    message: "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']",
    holds: (ls: Json[]) =>
      ls.every((l) => !['HTTP', 'TCP', 'UDP'].includes(l.protocol) || !has(l, 'tls')),
  },
  {
    message: 'tls mode must be Terminate for protocol HTTPS',
    holds: (ls: Json[]) =>
      ls.every(
        (l) =>
          !(l.protocol === 'HTTPS' && has(l, 'tls')) || !l.tls.mode || l.tls.mode === 'Terminate',
      ),
  },
  {
    message: 'tls mode must be set for protocol TLS',
    holds: (ls: Json[]) =>
      ls.every(
        (l) => l.protocol !== 'TLS' || (has(l, 'tls') && has(l.tls, 'mode') && l.tls.mode !== ''),
      ),
  },
  {
    message: "hostname must not be specified for protocols ['TCP', 'UDP']",
    holds: (ls: Json[]) =>
      ls.every(
        (l) => !['TCP', 'UDP'].includes(l.protocol) || !has(l, 'hostname') || l.hostname === '',
      ),
  },
  {
    message: 'Listener name must be unique within the Gateway',
    holds: (ls: Json[]) => ls.every((a) => ls.filter((b) => a.name === b.name).length === 1),
  },
  {
    message: 'Combination of port, protocol and hostname must be unique for each listener',
    holds: (ls: Json[]) =>
      ls.every(
        (a) =>
          ls.filter((b) => a.port === b.port && a.protocol === b.protocol && sameHostname(a, b))
            .length === 1,
      ),
  },
];

/** Gateway (gateway.networking.k8s.io/v1, standard channel), as its CRD defines it. */
export const gatewaySchema: CrdNode = {
  type: 'object',
  required: ['spec'],
  properties: {
    spec: {
      type: 'object',
      required: ['gatewayClassName', 'listeners'],
      properties: {
        gatewayClassName: { type: 'string', minLength: 1, maxLength: 253 },
        listeners: {
          type: 'array',
          minItems: 1,
          maxItems: 64,
          items: listener,
          rules: listenerRules.map((rule) => ({
            message: rule.message,
            holds: (self: Json) => rule.holds(self as unknown as Json[]),
          })),
        },
        addresses: {
          type: 'array',
          maxItems: 16,
          items: {
            type: 'object',
            properties: {
              type: { type: 'string', minLength: 1, maxLength: 253, default: 'IPAddress' },
              value: { type: 'string', maxLength: 253 },
            },
          },
        },
      },
    },
  },
};

export const gatewayStrategy: KindStrategy = {
  applyDefaults(gateway, old) {
    applyCrdDefaults(gatewaySchema, gateway);
    if (!old) gateway.status = { conditions: waitingConditions('Accepted', 'Programmed') };
  },
  validate(gateway, old) {
    return validateCrd(gatewaySchema, gateway, old, '');
  },
};
