import type { Json } from '../../api/kube-object.ts';
import type { KindStrategy } from '../kind-strategy.ts';
import {
  applyCrdDefaults,
  type CrdNode,
  type CrdRule,
  group,
  has,
  hostnamePattern,
  kind,
  namespaceName,
  objectName,
  portNumber,
  subdomainPattern,
  validateCrd,
} from './crd-schema.ts';

const headerNamePattern = "^[A-Za-z0-9!#$%&'*+\\-.^_\\x60|~]+$";
const durationPattern = '^([0-9]{1,5}(h|m|s|ms)){1,4}$';

const backendRef = (withWeight: boolean): CrdNode => ({
  type: 'object',
  required: ['name'],
  properties: {
    group: group(''),
    kind: kind('Service'),
    name: objectName,
    namespace: namespaceName,
    port: portNumber,
    ...(withWeight
      ? { weight: { type: 'integer', minimum: 0, maximum: 1000000, default: 1 } as CrdNode }
      : {}),
  },
  rules: [
    {
      message: 'Must have port for Service reference',
      holds: (self) => !((self.group ?? '') === '' && self.kind === 'Service') || has(self, 'port'),
    },
  ],
});

const filterTypes = [
  'RequestHeaderModifier',
  'ResponseHeaderModifier',
  'RequestMirror',
  'RequestRedirect',
  'URLRewrite',
  'ExtensionRef',
  'CORS',
] as const;

const filterFields: Record<(typeof filterTypes)[number], string> = {
  CORS: 'cors',
  RequestHeaderModifier: 'requestHeaderModifier',
  ResponseHeaderModifier: 'responseHeaderModifier',
  RequestMirror: 'requestMirror',
  RequestRedirect: 'requestRedirect',
  URLRewrite: 'urlRewrite',
  ExtensionRef: 'extensionRef',
};

const pathModifier: CrdNode = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { type: 'string', enum: ['ReplaceFullPath', 'ReplacePrefixMatch'] },
    replaceFullPath: { type: 'string', maxLength: 1024 },
    replacePrefixMatch: { type: 'string', maxLength: 1024 },
  },
  rules: [
    {
      message: "replaceFullPath must be specified when type is set to 'ReplaceFullPath'",
      holds: (self) => self.type !== 'ReplaceFullPath' || has(self, 'replaceFullPath'),
    },
    {
      message: "type must be 'ReplaceFullPath' when replaceFullPath is set",
      holds: (self) => !has(self, 'replaceFullPath') || self.type === 'ReplaceFullPath',
    },
    {
      message: "replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'",
      holds: (self) => self.type !== 'ReplacePrefixMatch' || has(self, 'replacePrefixMatch'),
    },
    {
      message: "type must be 'ReplacePrefixMatch' when replacePrefixMatch is set",
      holds: (self) => !has(self, 'replacePrefixMatch') || self.type === 'ReplacePrefixMatch',
    },
  ],
};

const filter: CrdNode = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { type: 'string', enum: filterTypes },
    requestMirror: {
      type: 'object',
      required: ['backendRef'],
      properties: { backendRef: backendRef(false) },
    },
    requestRedirect: {
      type: 'object',
      properties: {
        scheme: { type: 'string', enum: ['http', 'https'] },
        hostname: { type: 'string', minLength: 1, maxLength: 253, pattern: subdomainPattern },
        path: pathModifier,
        port: portNumber,
        statusCode: { type: 'integer', enum: [301, 302, 303, 307, 308], default: 302 },
      },
    },
    urlRewrite: {
      type: 'object',
      properties: {
        hostname: { type: 'string', minLength: 1, maxLength: 253, pattern: subdomainPattern },
        path: pathModifier,
      },
    },
  },
  rules: filterTypes.flatMap((type): CrdRule[] => {
    const field = filterFields[type];
    return [
      {
        message: `filter.${field} must be nil if the filter.type is not ${type}`,
        holds: (self) => !(has(self, field) && self.type !== type),
      },
      {
        message: `filter.${field} must be specified for ${type} filter.type`,
        holds: (self) => !(!has(self, field) && self.type === type),
      },
    ];
  }),
};

const filterList: CrdNode = {
  type: 'array',
  maxItems: 16,
  items: filter,
  rules: [
    {
      message:
        'May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both',
      holds: (self) => {
        const filters = self as unknown as Json[];
        return !(
          filters.some((f) => f.type === 'RequestRedirect') &&
          filters.some((f) => f.type === 'URLRewrite')
        );
      },
    },
    ...[
      'CORS',
      'RequestHeaderModifier',
      'ResponseHeaderModifier',
      'RequestRedirect',
      'URLRewrite',
    ].map(
      (type): CrdRule => ({
        message: `${type} filter cannot be repeated`,
        holds: (self) => (self as unknown as Json[]).filter((f) => f.type === type).length <= 1,
      }),
    ),
  ],
};

const exactOrPrefix = (self: Json) => ['Exact', 'PathPrefix'].includes(self.type);
const forExactOrPrefix = (message: string, ok: (value: string) => boolean): CrdRule => ({
  message,
  holds: (self) => !exactOrPrefix(self) || ok(String(self.value ?? '')),
});

const pathMatch: CrdNode = {
  type: 'object',
  default: { type: 'PathPrefix', value: '/' },
  properties: {
    type: {
      type: 'string',
      enum: ['Exact', 'PathPrefix', 'RegularExpression'],
      default: 'PathPrefix',
    },
    value: { type: 'string', maxLength: 1024, default: '/' },
  },
  rules: [
    forExactOrPrefix(
      "value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']",
      (v) => v.startsWith('/'),
    ),
    ...['//', '/./', '/../', '%2f', '%2F', '#'].map((sequence) =>
      forExactOrPrefix(
        `must not contain '${sequence}' when type one of ['Exact', 'PathPrefix']`,
        (v) => !v.includes(sequence),
      ),
    ),
    ...['/..', '/.'].map((suffix) =>
      forExactOrPrefix(
        `must not end with '${suffix}' when type one of ['Exact', 'PathPrefix']`,
        (v) => !v.endsWith(suffix),
      ),
    ),
    {
      message: "type must be one of ['Exact', 'PathPrefix', 'RegularExpression']",
      holds: (self) => ['Exact', 'PathPrefix', 'RegularExpression'].includes(self.type),
    },
    forExactOrPrefix(
      "must only contain valid characters (matching ^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$) for types ['Exact', 'PathPrefix']",
      (v) => /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$/.test(v),
    ),
  ],
};

const nameValueMatch: CrdNode = {
  type: 'array',
  maxItems: 16,
  items: {
    type: 'object',
    required: ['name', 'value'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 256, pattern: headerNamePattern },
      type: { type: 'string', enum: ['Exact', 'RegularExpression'], default: 'Exact' },
      value: { type: 'string', minLength: 1, maxLength: 4096 },
    },
  },
};

const routeMatch: CrdNode = {
  type: 'object',
  properties: {
    path: pathMatch,
    headers: nameValueMatch,
    queryParams: nameValueMatch,
    method: {
      type: 'string',
      enum: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'],
    },
  },
};

const defaultMatches = [{ path: { type: 'PathPrefix', value: '/' } }];

const routeRule: CrdNode = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 253, pattern: subdomainPattern },
    matches: { type: 'array', maxItems: 64, default: defaultMatches, items: routeMatch },
    filters: filterList,
    backendRefs: {
      type: 'array',
      maxItems: 16,
      items: {
        ...backendRef(true),
        properties: { ...backendRef(true).properties, filters: filterList },
      },
    },
    timeouts: {
      type: 'object',
      properties: {
        request: { type: 'string', pattern: durationPattern },
        backendRequest: { type: 'string', pattern: durationPattern },
      },
    },
  },
  rules: [
    {
      message: 'RequestRedirect filter must not be used together with backendRefs',
      holds: (self) =>
        !((self.backendRefs?.length ?? 0) > 0) ||
        !has(self, 'filters') ||
        self.filters.every((f: Json) => !has(f, 'requestRedirect')),
    },
  ],
};

const sameParent = (a: Json, b: Json) =>
  a.group === b.group &&
  a.kind === b.kind &&
  a.name === b.name &&
  (a.namespace ?? '') === (b.namespace ?? '');

/** HTTPRoute (gateway.networking.k8s.io/v1, standard channel), as its CRD defines it. */
export const httpRouteSchema: CrdNode = {
  type: 'object',
  required: ['spec'],
  properties: {
    spec: {
      type: 'object',
      properties: {
        parentRefs: {
          type: 'array',
          maxItems: 32,
          items: {
            type: 'object',
            required: ['name'],
            properties: {
              group: group('gateway.networking.k8s.io'),
              kind: kind('Gateway'),
              name: objectName,
              namespace: namespaceName,
              port: portNumber,
              sectionName: {
                type: 'string',
                minLength: 1,
                maxLength: 253,
                pattern: subdomainPattern,
              },
            },
          },
          rules: [
            {
              message:
                'sectionName must be specified when parentRefs includes 2 or more references to the same parent',
              holds: (self) => {
                const refs = self as unknown as Json[];
                return refs.every((a) =>
                  refs.every((b) => !sameParent(a, b) || !a.sectionName === !b.sectionName),
                );
              },
            },
            {
              message:
                'sectionName must be unique when parentRefs includes 2 or more references to the same parent',
              holds: (self) => {
                const refs = self as unknown as Json[];
                return refs.every(
                  (a) =>
                    refs.filter(
                      (b) => sameParent(a, b) && (a.sectionName ?? '') === (b.sectionName ?? ''),
                    ).length === 1,
                );
              },
            },
          ],
        },
        hostnames: {
          type: 'array',
          maxItems: 16,
          items: { type: 'string', minLength: 1, maxLength: 253, pattern: hostnamePattern },
        },
        rules: {
          type: 'array',
          minItems: 1,
          maxItems: 16,
          default: [{ matches: defaultMatches }],
          items: routeRule,
          rules: [
            {
              message:
                'While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128',
              holds: (self) =>
                (self as unknown as Json[]).reduce(
                  (n, rule) => n + (rule.matches?.length ?? 0),
                  0,
                ) <= 128,
            },
          ],
        },
      },
    },
  },
};

export const httpRouteStrategy: KindStrategy = {
  applyDefaults(route) {
    applyCrdDefaults(httpRouteSchema, route);
  },
  validate(route, old) {
    return validateCrd(httpRouteSchema, route, old, '');
  },
};
