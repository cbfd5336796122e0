import type { Json } from '../api/kube-object.ts';
import { type FieldError, fieldErrors } from '../api/status.ts';
import type { ObjectStore } from '../store/object-store.ts';
import {
  domainPrefixedPathProblems,
  isDns1035Label,
  isDns1123Subdomain,
  isIP,
  isValidPortName,
  isValidPortNumber,
  isWildcardDns1123Subdomain,
} from './formats.ts';
import type { KindStrategy } from './kind-strategy.ts';

const classAnnotation = 'kubernetes.io/ingress.class';
const defaultClassAnnotation = 'ingressclass.kubernetes.io/is-default-class';
const pathTypes = ['Exact', 'ImplementationSpecific', 'Prefix'];
const invalidPathSequences = ['//', '/./', '/../', '%2f', '%2F'];
const invalidPathSuffixes = ['/..', '/.'];

/**
 * Ingresses (networking.k8s.io/v1): the DefaultIngressClass admission plugin, validation as in
 * pkg/apis/networking/validation, and the deprecated-annotation warning.
 */
export const ingressStrategy: KindStrategy = {
  applyDefaults(ingress, old) {
    if (typeof ingress.spec !== 'object' || ingress.spec === null) ingress.spec = {};
    if (!old) ingress.status = { loadBalancer: {} };
  },

  admit(ingress, old, ctx) {
    // DefaultIngressClass acts on create only, and leaves classed Ingresses alone.
    if (old || ingress.spec.ingressClassName != null) return;
    if (Object.hasOwn(ingress.metadata.annotations ?? {}, classAnnotation)) return;
    const fallback = defaultIngressClass(ctx.store);
    if (fallback) ingress.spec.ingressClassName = fallback;
  },

  validate(ingress, old) {
    const errors = validateIngressSpec(ingress.spec ?? {});
    const annotation = ingress.metadata.annotations?.[classAnnotation];
    const className = ingress.spec?.ingressClassName;
    if (!old && annotation !== undefined && className != null && annotation !== className)
      errors.push(
        fieldErrors.invalid(
          `annotations.${classAnnotation}`,
          annotation,
          'must match `ingressClassName` when both are specified',
        ),
      );
    return errors;
  },

  warnings(ingress, old) {
    if (old && JSON.stringify(old.spec) === JSON.stringify(ingress.spec)) return [];
    return Object.hasOwn(ingress.metadata.annotations ?? {}, classAnnotation)
      ? [
          `annotation "${classAnnotation}" is deprecated, please use 'spec.ingressClassName' instead`,
        ]
      : [];
  },
};

/** IngressClasses: a controller name that is a domain-prefixed path, and immutable. */
export const ingressClassStrategy: KindStrategy = {
  validate(ingressClass, old) {
    const spec: Json = ingressClass.spec ?? {};
    const errors: FieldError[] = [];
    if (old && old.spec?.controller !== spec.controller)
      errors.push(
        fieldErrors.invalid('spec.controller', spec.controller ?? '', 'field is immutable'),
      );
    const controller = typeof spec.controller === 'string' ? spec.controller : '';
    if (controller.length === 0) errors.push(fieldErrors.required('spec.controller'));
    else {
      if (controller.length > 250)
        errors.push({
          type: 'FieldValueTooLong',
          field: 'spec.controller',
          message: 'Too long: may not be more than 250 bytes',
        });
      for (const problem of domainPrefixedPathProblems(controller))
        errors.push(fieldErrors.invalid('spec.controller', problem.value, problem.message));
    }
    return errors;
  },
};

/** The newest IngressClass marked default (ties broken by name), as DefaultIngressClass picks. */
export function defaultIngressClass(store: ObjectStore): string | undefined {
  const defaults = store
    .scan('networking.k8s.io/ingressclasses')
    .filter((c) => c.metadata.annotations?.[defaultClassAnnotation] === 'true')
    .sort((a, b) => {
      const newer = (b.metadata.creationTimestamp ?? '').localeCompare(
        a.metadata.creationTimestamp ?? '',
      );
      return newer !== 0 ? newer : (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
    });
  return defaults[0]?.metadata.name;
}

function validateIngressSpec(spec: Json): FieldError[] {
  const errors: FieldError[] = [];
  const rules: Json[] = Array.isArray(spec.rules) ? spec.rules : [];
  if (rules.length === 0 && spec.defaultBackend == null)
    errors.push(
      fieldErrors.invalid(
        'spec',
        spec.rules ?? null,
        'either `defaultBackend` or `rules` must be specified',
      ),
    );
  if (spec.defaultBackend != null)
    errors.push(...validateBackend(spec.defaultBackend, 'spec.defaultBackend'));
  for (const [i, rule] of rules.entries())
    errors.push(...validateRule(rule ?? {}, `spec.rules[${i}]`));
  (Array.isArray(spec.tls) ? spec.tls : []).forEach((tls: Json, i: number) => {
    (Array.isArray(tls?.hosts) ? tls.hosts : []).forEach((host: string, j: number) => {
      const problems = String(host).includes('*')
        ? isWildcardDns1123Subdomain(String(host))
        : isDns1123Subdomain(String(host));
      for (const problem of problems)
        errors.push(fieldErrors.invalid(`spec.tls[${i}].hosts[${j}]`, host, problem));
    });
    if (tls?.secretName)
      for (const problem of isDns1123Subdomain(String(tls.secretName)))
        errors.push(fieldErrors.invalid(`spec.tls[${i}].secretName`, tls.secretName, problem));
  });
  if (spec.ingressClassName != null)
    for (const problem of isDns1123Subdomain(String(spec.ingressClassName)))
      errors.push(fieldErrors.invalid('spec.ingressClassName', spec.ingressClassName, problem));
  return errors;
}

function validateRule(rule: Json, at: string): FieldError[] {
  const errors: FieldError[] = [];
  const host = typeof rule.host === 'string' ? rule.host : '';
  if (host.length > 0) {
    if (isIP(host))
      errors.push(fieldErrors.invalid(`${at}.host`, host, 'must be a DNS name, not an IP address'));
    const problems = host.includes('*')
      ? isWildcardDns1123Subdomain(host)
      : isDns1123Subdomain(host);
    for (const problem of problems) errors.push(fieldErrors.invalid(`${at}.host`, host, problem));
  }
  if (rule.http != null) {
    const paths: Json[] = Array.isArray(rule.http.paths) ? rule.http.paths : [];
    if (paths.length === 0) errors.push(fieldErrors.required(`${at}.http.paths`));
    for (const [i, path] of paths.entries())
      errors.push(...validatePath(path ?? {}, `${at}.http.paths[${i}]`));
  }
  return errors;
}

function validatePath(path: Json, at: string): FieldError[] {
  if (path.pathType == null)
    return [fieldErrors.required(`${at}.pathType`, 'pathType must be specified')];
  const errors: FieldError[] = [];
  const value = typeof path.path === 'string' ? path.path : '';
  switch (path.pathType) {
    case 'Exact':
    case 'Prefix':
      if (!value.startsWith('/'))
        errors.push(fieldErrors.invalid(`${at}.path`, value, 'must be an absolute path'));
      for (const sequence of invalidPathSequences)
        if (value.includes(sequence))
          errors.push(fieldErrors.invalid(`${at}.path`, value, `must not contain '${sequence}'`));
      for (const suffix of invalidPathSuffixes)
        if (value.endsWith(suffix))
          errors.push(fieldErrors.invalid(`${at}.path`, value, `cannot end with '${suffix}'`));
      break;
    case 'ImplementationSpecific':
      if (value.length > 0 && !value.startsWith('/'))
        errors.push(fieldErrors.invalid(`${at}.path`, value, 'must be an absolute path'));
      break;
    default:
      errors.push(fieldErrors.notSupported(`${at}.pathType`, path.pathType, pathTypes));
  }
  errors.push(...validateBackend(path.backend ?? {}, `${at}.backend`));
  return errors;
}

function validateBackend(backend: Json, at: string): FieldError[] {
  const service: Json | undefined = backend.service ?? undefined;
  const resource: Json | undefined = backend.resource ?? undefined;
  if (service && resource)
    return [fieldErrors.invalid(at, '', 'cannot set both resource and service backends')];
  if (resource) {
    const errors: FieldError[] = [];
    if (!resource.kind) errors.push(fieldErrors.required(`${at}.resource.kind`));
    if (!resource.name) errors.push(fieldErrors.required(`${at}.resource.name`));
    return errors;
  }
  if (!service) return [fieldErrors.invalid(at, '', 'resource or service backend is required')];
  const errors: FieldError[] = [];
  const name = typeof service.name === 'string' ? service.name : '';
  if (name.length === 0) errors.push(fieldErrors.required(`${at}.service.name`));
  else
    for (const problem of isDns1035Label(name))
      errors.push(fieldErrors.invalid(`${at}.service.name`, name, problem));
  const port: Json = service.port ?? {};
  const hasName = typeof port.name === 'string' && port.name.length > 0;
  const hasNumber = port.number != null && port.number !== 0;
  if (hasName && hasNumber)
    errors.push(fieldErrors.invalid(at, '', 'cannot set both port name & port number'));
  else if (hasName)
    for (const problem of isValidPortName(port.name))
      errors.push(fieldErrors.invalid(`${at}.service.port.name`, port.name, problem));
  else if (hasNumber)
    for (const problem of isValidPortNumber(port.number))
      errors.push(fieldErrors.invalid(`${at}.service.port.number`, port.number, problem));
  else errors.push(fieldErrors.required(at, 'port name or number is required'));
  return errors;
}
