import type { Json, KubeObject } from '../api/kube-object.ts';
import { randomSuffix } from '../api/names.ts';
import { type FieldError, fieldErrors } from '../api/status.ts';
import type { KindStrategy } from './kind-strategy.ts';
import { validateLabels } from './label-checks.ts';
import { containersOf, defaultPodSpec, validatePodSpec } from './pod-spec.ts';

const serviceAccountMountPath = '/var/run/secrets/kubernetes.io/serviceaccount';

/** Pods: defaults, the admission plugins every kind cluster runs, validation, graceful delete. */
export const podStrategy: KindStrategy = {
  applyDefaults(pod, old) {
    const spec = specOf(pod);
    defaultPodSpec(spec);
    if (spec.enableServiceLinks == null) spec.enableServiceLinks = true;
    for (const container of containersOf(spec)) defaultRequestsToLimits(container);
    if (!old) pod.status = { phase: 'Pending', qosClass: qosClassOf(spec) };
  },

  admit(pod, old, ctx) {
    if (old) return;
    const spec = specOf(pod);
    const namespace = pod.metadata.namespace;
    // ServiceAccount admission: every pod runs as a service account and gets its token.
    if (!spec.serviceAccountName) spec.serviceAccountName = spec.serviceAccount || 'default';
    spec.serviceAccount = spec.serviceAccountName;
    const account = ctx.store.peek('/serviceaccounts', namespace, spec.serviceAccountName);
    const automount =
      spec.automountServiceAccountToken ?? account?.automountServiceAccountToken ?? true;
    if (automount) mountServiceAccountToken(spec);
    // Priority admission: no PriorityClass named and none marked global default.
    if (!spec.priorityClassName) spec.priority ??= 0;
    spec.preemptionPolicy ??= 'PreemptLowerPriority';
    // DefaultTolerationSeconds admission: five minutes before eviction from a failing node.
    addDefaultTolerations(spec);
  },

  validate(pod, old) {
    const errors = validateLabels(pod.metadata.labels, 'metadata.labels');
    errors.push(...validatePodSpec(pod.spec ?? {}, 'spec'));
    if (old) errors.push(...validatePodUpdate(pod.spec ?? {}, old.spec ?? {}));
    return errors;
  },

  gracefulDelete: () => true,
};

function specOf(pod: KubeObject): Json {
  if (typeof pod.spec !== 'object' || pod.spec === null) pod.spec = {};
  return pod.spec;
}

/** In a Pod (not a template), requests default to the limits given. */
function defaultRequestsToLimits(container: Json): void {
  const limits = container.resources?.limits;
  if (!limits || typeof limits !== 'object') return;
  container.resources.requests = { ...limits, ...(container.resources.requests ?? {}) };
}

/** `GetPodQOS`, simplified to cpu and memory. */
export function qosClassOf(spec: Json): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const containers = [...containersOf(spec), ...containersOf(spec, 'initContainers')];
  const resources = containers.map((c) => ({
    requests: (c.resources?.requests ?? {}) as Record<string, unknown>,
    limits: (c.resources?.limits ?? {}) as Record<string, unknown>,
  }));
  const tracked = ['cpu', 'memory'];
  const anySet = resources.some((r) =>
    tracked.some((name) => r.requests[name] != null || r.limits[name] != null),
  );
  if (!anySet) return 'BestEffort';
  const guaranteed = resources.every((r) =>
    tracked.every(
      (name) =>
        r.limits[name] != null &&
        String(r.limits[name]) === String(r.requests[name] ?? r.limits[name]),
    ),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function mountServiceAccountToken(spec: Json): void {
  const volumes: Json[] = Array.isArray(spec.volumes) ? spec.volumes : [];
  const mountedAlready = containersOf(spec).some((c) =>
    (Array.isArray(c.volumeMounts) ? c.volumeMounts : []).some(
      (m: Json) => m?.mountPath === serviceAccountMountPath,
    ),
  );
  if (mountedAlready) return;
  const name = `kube-api-access-${randomSuffix()}`;
  volumes.push({
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        {
          downwardAPI: {
            items: [
              {
                path: 'namespace',
                fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' },
              },
            ],
          },
        },
      ],
    },
  });
  spec.volumes = volumes;
  for (const container of [...containersOf(spec, 'initContainers'), ...containersOf(spec)]) {
    const mounts: Json[] = Array.isArray(container.volumeMounts) ? container.volumeMounts : [];
    mounts.push({ name, readOnly: true, mountPath: serviceAccountMountPath });
    container.volumeMounts = mounts;
  }
}

function addDefaultTolerations(spec: Json): void {
  const tolerations: Json[] = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    const tolerated = tolerations.some(
      (t) => (t?.key === key || !t?.key) && (!t?.effect || t.effect === 'NoExecute'),
    );
    if (!tolerated)
      tolerations.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  spec.tolerations = tolerations;
}

const updatablePodSpecFields = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/** `ValidatePodUpdate`: a running pod's spec is fixed but for images and a few fields. */
function validatePodUpdate(spec: Json, old: Json): FieldError[] {
  for (const key of ['containers', 'initContainers'] as const) {
    if (containersOf(spec, key).length !== containersOf(old, key).length)
      return [fieldErrors.forbidden(`spec.${key}`, 'pod updates may not add or remove containers')];
  }
  const errors: FieldError[] = [];
  const previousTolerations: Json[] = Array.isArray(old.tolerations) ? old.tolerations : [];
  const tolerations: Json[] = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  const kept = previousTolerations.every((before) =>
    tolerations.some(
      (after) =>
        canonical({ ...after, tolerationSeconds: 0 }) ===
        canonical({ ...before, tolerationSeconds: 0 }),
    ),
  );
  if (!kept)
    errors.push(
      fieldErrors.forbidden(
        'spec.tolerations',
        'existing toleration can not be modified except its tolerationSeconds',
      ),
    );
  const munged = structuredClone(spec);
  for (const key of ['containers', 'initContainers'] as const) {
    containersOf(munged, key).forEach((container, i) => {
      container.image = containersOf(old, key)[i]?.image;
    });
  }
  munged.activeDeadlineSeconds = old.activeDeadlineSeconds;
  munged.tolerations = old.tolerations;
  munged.schedulingGates = old.schedulingGates;
  const changes = differences(old, munged, 'spec');
  if (changes.length > 0)
    errors.push(
      fieldErrors.forbidden(
        'spec',
        `pod updates may not change fields other than ${updatablePodSpecFields.join(',')}\n${changes.join('\n')}`,
      ),
    );
  return errors;
}

/** Paths whose values differ, `- old` / `+ new`: a plain diff in place of Go's cmp.Diff. */
function differences(before: unknown, after: unknown, at: string): string[] {
  if (canonical(before) === canonical(after)) return [];
  const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null;
  if (isObject(before) && isObject(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((key) =>
      differences(
        before[key],
        after[key],
        Array.isArray(before) ? `${at}[${key}]` : `${at}.${key}`,
      ),
    );
  }
  const show = (v: unknown) => (v === undefined ? 'nil' : JSON.stringify(v));
  return [`  ${at}:`, `  - ${show(before)}`, `  + ${show(after)}`];
}

/** JSON with sorted keys, so that equal objects compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
