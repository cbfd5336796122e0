import type { Json, KubeObject } from '../api/kube-object.ts';
import { type FieldError, fieldErrors } from '../api/status.ts';
import { regexError } from './formats.ts';
import type { KindStrategy } from './kind-strategy.ts';
import {
  asStringMap,
  isEmptySelector,
  selectorMatches,
  sortedMap,
  validateLabelSelector,
  validateLabels,
} from './label-checks.ts';
import { defaultPodSpec, validatePodSpec } from './pod-spec.ts';

/** Deployments and ReplicaSets (apps/v1): defaults, validation, the immutable selector. */

export const deploymentStrategy: KindStrategy = {
  applyDefaults(deployment, old) {
    const spec = specOf(deployment);
    spec.replicas ??= 1;
    spec.strategy ??= {};
    if (!spec.strategy.type) spec.strategy.type = 'RollingUpdate';
    if (spec.strategy.type === 'RollingUpdate') {
      spec.strategy.rollingUpdate ??= {};
      spec.strategy.rollingUpdate.maxUnavailable ??= '25%';
      spec.strategy.rollingUpdate.maxSurge ??= '25%';
    }
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    defaultTemplate(spec);
    if (!old) deployment.status = {};
  },

  validate(deployment, old) {
    const spec: Json = deployment.spec ?? {};
    const errors = validateReplicatedSpec(spec, 'deployment');
    errors.push(...validateDeploymentStrategy(spec.strategy ?? {}));
    errors.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
    if (spec.revisionHistoryLimit != null)
      errors.push(...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
    if (spec.progressDeadlineSeconds != null) {
      errors.push(...nonNegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
      if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0))
        errors.push(
          fieldErrors.invalid(
            'spec.progressDeadlineSeconds',
            spec.progressDeadlineSeconds,
            'must be greater than minReadySeconds',
          ),
        );
    }
    if (old) errors.push(...immutableSelector(deployment, old));
    return errors;
  },
};

export const replicaSetStrategy: KindStrategy = {
  applyDefaults(replicaSet, old) {
    const spec = specOf(replicaSet);
    spec.replicas ??= 1;
    defaultTemplate(spec);
    if (!old) replicaSet.status = { replicas: 0 };
  },

  validate(replicaSet, old) {
    const spec: Json = replicaSet.spec ?? {};
    const errors = validateReplicatedSpec(spec, 'replicaset');
    errors.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
    if (old) errors.push(...immutableSelector(replicaSet, old));
    return errors;
  },
};

function specOf(object: KubeObject): Json {
  if (typeof object.spec !== 'object' || object.spec === null) object.spec = {};
  return object.spec;
}

function defaultTemplate(spec: Json): void {
  spec.template ??= {};
  spec.template.metadata ??= {};
  spec.template.spec ??= {};
  defaultPodSpec(spec.template.spec);
}

/** Replicas, selector, and the pod template the selector must match. */
function validateReplicatedSpec(spec: Json, _kind: 'deployment' | 'replicaset'): FieldError[] {
  const errors = nonNegative(spec.replicas, 'spec.replicas');
  const selector: Json | undefined =
    spec.selector && typeof spec.selector === 'object' ? spec.selector : undefined;
  if (!selector) {
    errors.push(fieldErrors.required('spec.selector'));
  } else {
    errors.push(...validateLabelSelector(selector, 'spec.selector'));
    if (isEmptySelector(selector))
      errors.push(
        fieldErrors.invalid('spec.selector', selector, 'empty selector is invalid for deployment'),
      );
  }
  const template: Json = spec.template ?? {};
  const labels = asStringMap(template.metadata?.labels);
  // A missing selector selects nothing, so it does not match the template either.
  if (!selector || (!isEmptySelector(selector) && !selectorMatches(selector, labels)))
    errors.push(
      fieldErrors.invalid(
        'spec.template.metadata.labels',
        sortedMap(labels),
        '`selector` does not match template `labels`',
      ),
    );
  errors.push(...validateLabels(template.metadata?.labels, 'spec.template.labels'));
  errors.push(...validatePodSpec(template.spec ?? {}, 'spec.template.spec'));
  const restartPolicy = template.spec?.restartPolicy;
  if (restartPolicy && restartPolicy !== 'Always')
    errors.push(
      fieldErrors.notSupported('spec.template.spec.restartPolicy', restartPolicy, ['Always']),
    );
  if (template.spec?.activeDeadlineSeconds != null)
    errors.push(
      fieldErrors.forbidden(
        'spec.template.spec.activeDeadlineSeconds',
        'activeDeadlineSeconds in ReplicaSet is not Supported',
      ),
    );
  return errors;
}

function validateDeploymentStrategy(strategy: Json): FieldError[] {
  switch (strategy.type) {
    case 'Recreate':
      return strategy.rollingUpdate != null
        ? [
            fieldErrors.forbidden(
              'spec.strategy.rollingUpdate',
              "may not be specified when strategy `type` is 'Recreate'",
            ),
          ]
        : [];
    case 'RollingUpdate': {
      const rolling: Json | undefined = strategy.rollingUpdate;
      if (!rolling)
        return [
          fieldErrors.required(
            'spec.strategy.rollingUpdate',
            'this should be defaulted and never be nil',
          ),
        ];
      const at = 'spec.strategy.rollingUpdate';
      const errors = [
        ...positiveIntOrPercent(rolling.maxUnavailable, `${at}.maxUnavailable`),
        ...positiveIntOrPercent(rolling.maxSurge, `${at}.maxSurge`),
      ];
      if (
        intOrPercentValue(rolling.maxUnavailable) === 0 &&
        intOrPercentValue(rolling.maxSurge) === 0
      )
        errors.push(
          fieldErrors.invalid(
            `${at}.maxUnavailable`,
            rolling.maxUnavailable,
            'may not be 0 when `maxSurge` is 0',
          ),
        );
      if (
        typeof rolling.maxUnavailable === 'string' &&
        intOrPercentValue(rolling.maxUnavailable) > 100
      )
        errors.push(
          fieldErrors.invalid(
            `${at}.maxUnavailable`,
            rolling.maxUnavailable,
            'must not be greater than 100%',
          ),
        );
      return errors;
    }
    default:
      // Go prints the internal strategy struct it rejected.
      return [
        fieldErrors.notSupported(
          'spec.strategy',
          { Type: strategy.type ?? '', RollingUpdate: strategy.rollingUpdate ?? null },
          ['Recreate', 'RollingUpdate'],
        ),
      ];
  }
}

function positiveIntOrPercent(value: unknown, at: string): FieldError[] {
  if (typeof value === 'string') {
    if (!/^[0-9]+%$/.test(value))
      return [
        fieldErrors.invalid(
          at,
          value,
          regexError(
            "a valid percent string must be a numeric string followed by an ending '%'",
            '[0-9]+%',
            '1%',
            '93%',
          ),
        ),
      ];
    return [];
  }
  return nonNegative(value, at);
}

function intOrPercentValue(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^[0-9]+%$/.test(value)) return Number(value.slice(0, -1));
  return -1;
}

function nonNegative(value: unknown, at: string): FieldError[] {
  return typeof value === 'number' && value < 0
    ? [fieldErrors.invalid(at, value, 'must be greater than or equal to 0')]
    : [];
}

/** apps/v1 selectors are immutable: changing one means a new Deployment. */
function immutableSelector(object: KubeObject, old: KubeObject): FieldError[] {
  const canonical = (selector: unknown) => JSON.stringify(normalizedSelector(selector));
  if (canonical(object.spec?.selector) === canonical(old.spec?.selector)) return [];
  return [
    fieldErrors.invalid(
      'spec.selector',
      normalizedSelector(object.spec?.selector),
      'field is immutable',
    ),
  ];
}

function normalizedSelector(selector: unknown): Json | null {
  if (!selector || typeof selector !== 'object') return null;
  const { matchLabels, matchExpressions } = selector as Json;
  return {
    ...(matchLabels && Object.keys(matchLabels).length > 0
      ? { matchLabels: sortedMap(matchLabels) }
      : {}),
    ...(Array.isArray(matchExpressions) && matchExpressions.length > 0 ? { matchExpressions } : {}),
  };
}
