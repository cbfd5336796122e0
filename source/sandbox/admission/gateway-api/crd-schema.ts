import type { Json } from '../../api/kube-object.ts';
import { type FieldError, fieldErrors } from '../../api/status.ts';

/**
 * The part of a CustomResourceDefinition's structural schema that the API server enforces
 * beyond field types (which the sandbox's decoder checks): defaults, required fields, enums,
 * patterns, lengths, bounds, and `x-kubernetes-validations` rules. The CEL rules are written
 * here as TypeScript predicates over the same value, with the CRD's own messages.
 */
export interface CrdNode {
  type?: 'object' | 'array' | 'string' | 'integer' | 'boolean';
  properties?: Record<string, CrdNode>;
  required?: string[];
  items?: CrdNode;
  default?: unknown;
  enum?: readonly (string | number)[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  rules?: CrdRule[];
}

export interface CrdRule {
  message: string;
  /** True when the value is valid. `old` is the value in the stored object, for transition rules. */
  holds(self: Json, old: Json | undefined): boolean;
  /** Transition rules (`self == oldSelf`) only run on updates where the old value exists. */
  transition?: boolean;
}

/** Applies schema defaults the way apiextensions does: missing properties of existing objects. */
export function applyCrdDefaults(node: CrdNode, value: unknown): void {
  if (Array.isArray(value)) {
    if (node.items) for (const item of value) applyCrdDefaults(node.items, item);
    return;
  }
  if (!isObject(value) || !node.properties) return;
  for (const [key, child] of Object.entries(node.properties)) {
    if (value[key] === undefined && child.default !== undefined)
      value[key] = structuredClone(child.default);
    if (value[key] !== undefined) applyCrdDefaults(child, value[key]);
  }
}

/**
 * Schema errors, then the validation rules when nothing "blocking" was found, as
 * apiextensions-apiserver orders them.
 */
export function validateCrd(node: CrdNode, value: unknown, old: unknown, at: string): FieldError[] {
  const errors: FieldError[] = [];
  checkSchema(node, value, at, errors);
  const blocking = errors.some((e) =>
    [
      'FieldValueRequired',
      'FieldValueNotSupported',
      'FieldValueTooLong',
      'FieldValueTooMany',
      'FieldValueTypeInvalid',
    ].includes(e.type),
  );
  if (blocking) {
    errors.push({
      type: 'FieldValueInvalid',
      field: '<nil>',
      message:
        'Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation',
    });
    return errors;
  }
  checkRules(node, value, old, at, errors);
  return errors;
}

function checkSchema(node: CrdNode, value: unknown, at: string, errors: FieldError[]): void {
  if (value === undefined || value === null) return;
  if (typeof value === 'string') {
    if (node.enum && !node.enum.includes(value))
      errors.push(fieldErrors.notSupported(at, value, node.enum.map(String)));
    if (node.maxLength !== undefined && value.length > node.maxLength)
      errors.push({
        type: 'FieldValueTooLong',
        field: at,
        message: `Too long: may not be more than ${node.maxLength} bytes`,
      });
    if (node.minLength !== undefined && value.length < node.minLength)
      errors.push(
        fieldErrors.invalid(
          at,
          value,
          `${at} in body should be at least ${node.minLength} chars long`,
        ),
      );
    if (node.pattern && !new RegExp(node.pattern).test(value))
      errors.push(fieldErrors.invalid(at, value, `${at} in body should match '${node.pattern}'`));
    return;
  }
  if (typeof value === 'number') {
    if (node.enum && !node.enum.includes(value))
      errors.push(fieldErrors.notSupported(at, value, node.enum.map(String)));
    if (node.minimum !== undefined && value < node.minimum)
      errors.push(
        fieldErrors.invalid(
          at,
          value,
          `${at} in body should be greater than or equal to ${node.minimum}`,
        ),
      );
    if (node.maximum !== undefined && value > node.maximum)
      errors.push(
        fieldErrors.invalid(
          at,
          value,
          `${at} in body should be less than or equal to ${node.maximum}`,
        ),
      );
    return;
  }
  if (Array.isArray(value)) {
    if (node.maxItems !== undefined && value.length > node.maxItems)
      errors.push({
        type: 'FieldValueTooMany',
        field: at,
        message: `Too many: ${value.length}: must have at most ${node.maxItems} items`,
      });
    if (node.minItems !== undefined && value.length < node.minItems)
      errors.push(
        fieldErrors.invalid(
          at,
          value.length,
          `${at} in body should have at least ${node.minItems} items`,
        ),
      );
    const items = node.items;
    if (items)
      for (const [i, item] of value.entries()) checkSchema(items, item, `${at}[${i}]`, errors);
    return;
  }
  if (!isObject(value)) return;
  for (const key of node.required ?? [])
    if (value[key] === undefined || value[key] === null)
      errors.push(fieldErrors.required(join(at, key)));
  for (const [key, child] of Object.entries(node.properties ?? {}))
    checkSchema(child, value[key], join(at, key), errors);
}

function checkRules(
  node: CrdNode,
  value: unknown,
  old: unknown,
  at: string,
  errors: FieldError[],
): void {
  if (value === undefined || value === null) return;
  for (const rule of node.rules ?? []) {
    if (rule.transition && old === undefined) continue;
    if (!rule.holds(value as Json, old as Json | undefined))
      errors.push(fieldErrors.invalid(at || '<nil>', typeName(value), rule.message));
  }
  if (Array.isArray(value)) {
    // List items have no identity for transition rules unless keyed; the sandbox skips them.
    const items = node.items;
    if (items)
      for (const [i, item] of value.entries())
        checkRules(items, item, undefined, `${at}[${i}]`, errors);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(node.properties ?? {}))
    checkRules(child, value[key], isObject(old) ? old[key] : undefined, join(at, key), errors);
}

/** CEL errors name the schema type of the value, not the value. */
function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (isObject(value)) return 'object';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function join(at: string, key: string): string {
  return at ? `${at}.${key}` : key;
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `has(x.field)` in CEL: the field is present (an empty string still counts). */
export function has(value: Json | undefined, key: string): boolean {
  return isObject(value) && value[key] !== undefined && value[key] !== null;
}

// Patterns shared by the Gateway API schemas.
export const subdomainPattern =
  '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
export const hostnamePattern =
  '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
export const groupPattern = '^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
export const kindPattern = '^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$';
export const namespacePattern = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';

export const portNumber: CrdNode = { type: 'integer', minimum: 1, maximum: 65535 };
export const objectName: CrdNode = { type: 'string', minLength: 1, maxLength: 253 };
export const namespaceName: CrdNode = {
  type: 'string',
  minLength: 1,
  maxLength: 63,
  pattern: namespacePattern,
};

export function group(defaultValue?: string): CrdNode {
  return {
    type: 'string',
    maxLength: 253,
    pattern: groupPattern,
    ...(defaultValue !== undefined ? { default: defaultValue } : {}),
  };
}

export function kind(defaultValue?: string): CrdNode {
  return {
    type: 'string',
    minLength: 1,
    maxLength: 63,
    pattern: kindPattern,
    ...(defaultValue !== undefined ? { default: defaultValue } : {}),
  };
}

/** The status a Gateway API object shows until its controller writes one. */
export function waitingConditions(...types: string[]): Json[] {
  return types.map((type) => ({
    type,
    status: 'Unknown',
    reason: 'Pending',
    message: 'Waiting for controller',
    lastTransitionTime: '1970-01-01T00:00:00Z',
  }));
}
