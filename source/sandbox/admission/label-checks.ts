import type { Json } from '../api/kube-object.ts';
import { type FieldError, fieldErrors } from '../api/status.ts';
import { isQualifiedName, isValidLabelValue } from './formats.ts';

/** `ValidateLabels`: each key a qualified name, each value a label value. */
export function validateLabels(labels: unknown, path: string): FieldError[] {
  if (!isStringMap(labels)) return [];
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels)) {
    for (const problem of isQualifiedName(key))
      errors.push(fieldErrors.invalid(path, key, problem));
    for (const problem of isValidLabelValue(value))
      errors.push(fieldErrors.invalid(path, value, problem));
  }
  return errors;
}

const selectorOperators = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** `ValidateLabelSelector` for `metav1.LabelSelector` (matchLabels and matchExpressions). */
export function validateLabelSelector(selector: Json, path: string): FieldError[] {
  const errors = validateLabels(selector.matchLabels, `${path}.matchLabels`);
  const expressions: Json[] = Array.isArray(selector.matchExpressions)
    ? selector.matchExpressions
    : [];
  expressions.forEach((expression, i) => {
    const at = `${path}.matchExpressions[${i}]`;
    const values: unknown[] = Array.isArray(expression.values) ? expression.values : [];
    switch (expression.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0)
          errors.push(
            fieldErrors.required(
              `${at}.values`,
              "must be specified when `operator` is 'In' or 'NotIn'",
            ),
          );
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0)
          errors.push(
            fieldErrors.forbidden(
              `${at}.values`,
              "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
            ),
          );
        break;
      default:
        errors.push(
          fieldErrors.invalid(
            `${at}.operator`,
            expression.operator,
            'not a valid selector operator',
          ),
        );
    }
    for (const problem of isQualifiedName(String(expression.key ?? '')))
      errors.push(fieldErrors.invalid(`${at}.key`, expression.key, problem));
  });
  return errors;
}

/** Whether a `metav1.LabelSelector` matches a label set. An empty selector matches everything. */
export function selectorMatches(selector: Json, labels: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(asStringMap(selector.matchLabels))) {
    if (labels[key] !== value) return false;
  }
  const expressions: Json[] = Array.isArray(selector.matchExpressions)
    ? selector.matchExpressions
    : [];
  return expressions.every((expression) => {
    const has = Object.hasOwn(labels, expression.key);
    const values: unknown[] = Array.isArray(expression.values) ? expression.values : [];
    switch (expression.operator) {
      case 'In':
        return has && values.includes(labels[expression.key]);
      case 'NotIn':
        return !has || !values.includes(labels[expression.key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return selectorOperators.includes(expression.operator);
    }
  });
}

export function isEmptySelector(selector: Json): boolean {
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  return Object.keys(asStringMap(selector.matchLabels)).length === 0 && expressions.length === 0;
}

export function isStringMap(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((entry) => typeof entry === 'string')
  );
}

export function asStringMap(value: unknown): Record<string, string> {
  return isStringMap(value) ? value : {};
}

/** A map with its keys sorted, as Go's JSON encoder prints maps in error messages. */
export function sortedMap(value: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(value ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)));
}
