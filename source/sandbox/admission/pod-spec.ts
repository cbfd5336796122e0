import type { Json } from '../api/kube-object.ts';
import { type FieldError, fieldErrors } from '../api/status.ts';
import {
  isConfigMapKey,
  isDns1123Label,
  isDns1123Subdomain,
  isValidPortName,
  isValidPortNumber,
} from './formats.ts';
import { validateLabels } from './label-checks.ts';
import { validatePortNumberOrName } from './service-port-validation.ts';

/**
 * Pod spec defaults and validation shared by Pods and the pod templates of Deployments and
 * ReplicaSets (SetDefaults_PodSpec, SetDefaults_Container, ValidatePodSpec).
 */

export function containersOf(
  spec: Json,
  key: 'containers' | 'initContainers' = 'containers',
): Json[] {
  return Array.isArray(spec[key])
    ? spec[key].filter((c: unknown) => typeof c === 'object' && c !== null)
    : [];
}

/** Defaults every PodSpec gets, in a Pod or in a template. */
export function defaultPodSpec(spec: Json): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (spec.securityContext == null) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds == null) spec.terminationGracePeriodSeconds = 30;
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  for (const container of [...containersOf(spec), ...containersOf(spec, 'initContainers')])
    defaultContainer(container);
}

function defaultContainer(container: Json): void {
  if (!container.imagePullPolicy)
    container.imagePullPolicy =
      imageTag(String(container.image ?? '')) === 'latest' ? 'Always' : 'IfNotPresent';
  if (!container.terminationMessagePath) container.terminationMessagePath = '/dev/termination-log';
  if (!container.terminationMessagePolicy) container.terminationMessagePolicy = 'File';
  if (container.resources == null) container.resources = {};
  for (const port of Array.isArray(container.ports) ? container.ports : []) {
    if (port && typeof port === 'object' && !port.protocol) port.protocol = 'TCP';
  }
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    const value = container[probe];
    if (value && typeof value === 'object') defaultProbe(value);
  }
}

function defaultProbe(probe: Json): void {
  probe.timeoutSeconds ||= 1;
  probe.periodSeconds ||= 10;
  probe.successThreshold ||= 1;
  probe.failureThreshold ||= 3;
  if (probe.httpGet && typeof probe.httpGet === 'object') {
    probe.httpGet.path ||= '/';
    probe.httpGet.scheme ||= 'HTTP';
  }
}

/**
 * The tag `ParseImageName` finds: `latest` when there is neither tag nor digest, empty when the
 * image is pinned by digest only.
 */
export function imageTag(image: string): string {
  if (image.includes('@')) {
    const name = image.slice(0, image.indexOf('@'));
    return tagOf(name) ?? '';
  }
  return tagOf(image) ?? 'latest';
}

function tagOf(name: string): string | undefined {
  const lastSlash = name.lastIndexOf('/');
  const colon = name.indexOf(':', lastSlash + 1);
  return colon === -1 ? undefined : name.slice(colon + 1);
}

const restartPolicies = ['Always', 'OnFailure', 'Never'];
const dnsPolicies = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const pullPolicies = ['Always', 'IfNotPresent', 'Never'];
const terminationMessagePolicies = ['FallbackToLogsOnError', 'File'];
const protocols = ['SCTP', 'TCP', 'UDP'];

/** `ValidatePodSpec`, for the fields the lessons and learners touch. */
export function validatePodSpec(spec: Json, at: string): FieldError[] {
  const errors: FieldError[] = [];
  const containers = containersOf(spec);
  const initContainers = containersOf(spec, 'initContainers');
  if (containers.length === 0) errors.push(fieldErrors.required(`${at}.containers`));
  const names = new Set<string>();
  initContainers.forEach((container, i) => {
    errors.push(...validateContainer(container, `${at}.initContainers[${i}]`, names));
  });
  containers.forEach((container, i) => {
    errors.push(...validateContainer(container, `${at}.containers[${i}]`, names));
  });

  if (!spec.restartPolicy) errors.push(fieldErrors.required(`${at}.restartPolicy`));
  else if (!restartPolicies.includes(spec.restartPolicy))
    errors.push(
      fieldErrors.notSupported(`${at}.restartPolicy`, spec.restartPolicy, restartPolicies),
    );
  if (!spec.dnsPolicy) errors.push(fieldErrors.required(`${at}.dnsPolicy`));
  else if (!dnsPolicies.includes(spec.dnsPolicy))
    errors.push(fieldErrors.notSupported(`${at}.dnsPolicy`, spec.dnsPolicy, dnsPolicies));

  if (spec.nodeSelector != null)
    errors.push(...validateLabels(spec.nodeSelector, `${at}.nodeSelector`));
  for (const key of ['serviceAccountName', 'nodeName'] as const) {
    if (typeof spec[key] === 'string' && spec[key] !== '')
      for (const problem of isDns1123Subdomain(spec[key]))
        errors.push(fieldErrors.invalid(`${at}.${key}`, spec[key], problem));
  }
  for (const key of ['hostname', 'subdomain'] as const) {
    if (typeof spec[key] === 'string' && spec[key] !== '')
      for (const problem of isDns1123Label(spec[key]))
        errors.push(fieldErrors.invalid(`${at}.${key}`, spec[key], problem));
  }
  if (
    typeof spec.terminationGracePeriodSeconds === 'number' &&
    spec.terminationGracePeriodSeconds < 0
  )
    errors.push(
      fieldErrors.invalid(
        `${at}.terminationGracePeriodSeconds`,
        spec.terminationGracePeriodSeconds,
        'must be greater than or equal to 0',
      ),
    );
  return errors;
}

function validateContainer(container: Json, at: string, names: Set<string>): FieldError[] {
  const errors: FieldError[] = [];
  const name = typeof container.name === 'string' ? container.name : '';
  if (name.length === 0) errors.push(fieldErrors.required(`${at}.name`));
  else {
    for (const problem of isDns1123Label(name))
      errors.push(fieldErrors.invalid(`${at}.name`, name, problem));
    if (names.has(name)) errors.push(fieldErrors.duplicate(`${at}.name`, name));
    names.add(name);
  }
  if (!container.image) errors.push(fieldErrors.required(`${at}.image`));
  if (!container.terminationMessagePolicy)
    errors.push(fieldErrors.required(`${at}.terminationMessagePolicy`));
  else if (!terminationMessagePolicies.includes(container.terminationMessagePolicy))
    errors.push(
      fieldErrors.notSupported(
        `${at}.terminationMessagePolicy`,
        container.terminationMessagePolicy,
        terminationMessagePolicies,
      ),
    );
  errors.push(...validateContainerPorts(container.ports, `${at}.ports`));
  errors.push(...validateEnvFromNames(container.env, `${at}.env`));
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    if (container[probe] != null) errors.push(...validateProbe(container[probe], `${at}.${probe}`));
  }
  if (!container.imagePullPolicy) errors.push(fieldErrors.required(`${at}.imagePullPolicy`));
  else if (!pullPolicies.includes(container.imagePullPolicy))
    errors.push(
      fieldErrors.notSupported(`${at}.imagePullPolicy`, container.imagePullPolicy, pullPolicies),
    );
  return errors;
}

function validateContainerPorts(ports: unknown, at: string): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  (Array.isArray(ports) ? ports : []).forEach((port: Json, i: number) => {
    const portAt = `${at}[${i}]`;
    if (typeof port?.name === 'string' && port.name.length > 0) {
      const problems = isValidPortName(port.name);
      if (problems.length > 0)
        for (const problem of problems)
          errors.push(fieldErrors.invalid(`${portAt}.name`, port.name, problem));
      else if (names.has(port.name))
        errors.push(fieldErrors.duplicate(`${portAt}.name`, port.name));
      else names.add(port.name);
    }
    if (!port?.containerPort) errors.push(fieldErrors.required(`${portAt}.containerPort`));
    else
      for (const problem of isValidPortNumber(port.containerPort))
        errors.push(fieldErrors.invalid(`${portAt}.containerPort`, port.containerPort, problem));
    if (port?.hostPort)
      for (const problem of isValidPortNumber(port.hostPort))
        errors.push(fieldErrors.invalid(`${portAt}.hostPort`, port.hostPort, problem));
    if (!port?.protocol) errors.push(fieldErrors.required(`${portAt}.protocol`));
    else if (!protocols.includes(port.protocol))
      errors.push(fieldErrors.notSupported(`${portAt}.protocol`, port.protocol, protocols));
  });
  return errors;
}

/** Environment variable names: any printable ASCII but '=' (RelaxedEnvironmentVariableValidation). */
function validateEnvFromNames(env: unknown, at: string): FieldError[] {
  const errors: FieldError[] = [];
  (Array.isArray(env) ? env : []).forEach((variable: Json, i: number) => {
    const name = typeof variable?.name === 'string' ? variable.name : '';
    if (name.length === 0) errors.push(fieldErrors.required(`${at}[${i}].name`));
    else if (!/^[\x20-\x3c\x3e-\x7e]+$/.test(name))
      errors.push(
        fieldErrors.invalid(
          `${at}[${i}].name`,
          name,
          "a valid environment variable name must consist only of printable ASCII characters other than '='",
        ),
      );
  });
  return errors;
}

function validateProbe(probe: Json, at: string): FieldError[] {
  const handlers = ['exec', 'httpGet', 'tcpSocket', 'grpc'].filter((key) => probe[key] != null);
  if (handlers.length === 0) return [fieldErrors.required(at, 'must specify a handler type')];
  if (handlers.length > 1)
    return [
      fieldErrors.forbidden(`${at}.${handlers[1]}`, 'may not specify more than 1 handler type'),
    ];
  const errors: FieldError[] = [];
  if (probe.httpGet) {
    errors.push(...validatePortNumberOrName(probe.httpGet.port ?? 0, `${at}.httpGet.port`));
    if (!['HTTP', 'HTTPS'].includes(probe.httpGet.scheme))
      errors.push(
        fieldErrors.notSupported(`${at}.httpGet.scheme`, probe.httpGet.scheme, ['HTTP', 'HTTPS']),
      );
  }
  if (probe.tcpSocket)
    errors.push(...validatePortNumberOrName(probe.tcpSocket.port ?? 0, `${at}.tcpSocket.port`));
  return errors;
}

/** Used by Secrets and ConfigMaps: each data key must be a valid config key. */
export function validateDataKeys(data: unknown, at: string): FieldError[] {
  if (typeof data !== 'object' || data === null) return [];
  return Object.keys(data).flatMap((key) =>
    isConfigMapKey(key).map((problem) => fieldErrors.invalid(`${at}[${key}]`, key, problem)),
  );
}
