import type { Json, KubeObject } from '../api/kube-object.ts';
import { type FieldError, fieldErrors } from '../api/status.ts';
import { isDns1123Subdomain } from './formats.ts';
import { validateLabels } from './label-checks.ts';
import { isHeadless, needsHealthCheck, portsOf } from './service-defaults.ts';
import { validateClusterIPsRelatedFields, validateExternalIPs } from './service-ip-validation.ts';
import { validatePortNumbers, validateServicePorts } from './service-port-validation.ts';
import {
  validateLoadBalancerFields,
  validateTrafficPolicies,
} from './service-traffic-validation.ts';

/**
 * `ValidateService` and `ValidateServiceUpdate` from pkg/apis/core/validation, for v1 Services,
 * in the order the real server reports their errors.
 */

const serviceTypes = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const maxClientIPAffinitySeconds = 86400;

export function validateService(service: KubeObject): FieldError[] {
  const spec: Json = service.spec ?? {};
  const errors: FieldError[] = [];
  const ports = portsOf(spec);
  const headless = isHeadless(spec);

  if (ports.length === 0 && !headless && spec.type !== 'ExternalName')
    errors.push(fieldErrors.required('spec.ports'));
  switch (spec.type) {
    case 'LoadBalancer':
    case 'NodePort':
      if (headless)
        errors.push(
          fieldErrors.invalid(
            'spec.clusterIPs[0]',
            spec.clusterIPs[0],
            `may not be set to 'None' for ${spec.type} services`,
          ),
        );
      break;
    case 'ExternalName': {
      if (Array.isArray(spec.clusterIPs) && spec.clusterIPs.length > 0)
        errors.push(
          fieldErrors.forbidden('spec.clusterIPs', 'may not be set for ExternalName services'),
        );
      if (Array.isArray(spec.ipFamilies) && spec.ipFamilies.length > 0)
        errors.push(
          fieldErrors.forbidden('spec.ipFamilies', 'may not be set for ExternalName services'),
        );
      if (spec.ipFamilyPolicy != null)
        errors.push(
          fieldErrors.forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'),
        );
      // A CNAME may end with a dot to mark it fully qualified.
      const cname = String(spec.externalName ?? '').replace(/\.$/, '');
      if (cname.length === 0) errors.push(fieldErrors.required('spec.externalName'));
      else
        for (const problem of isDns1123Subdomain(cname))
          errors.push(fieldErrors.invalid('spec.externalName', cname, problem));
      break;
    }
  }

  errors.push(...validateServicePorts(ports));

  if (spec.selector != null) errors.push(...validateLabels(spec.selector, 'spec.selector'));

  if (!spec.sessionAffinity) errors.push(fieldErrors.required('spec.sessionAffinity'));
  else if (!['ClientIP', 'None'].includes(spec.sessionAffinity))
    errors.push(
      fieldErrors.notSupported('spec.sessionAffinity', spec.sessionAffinity, ['ClientIP', 'None']),
    );
  if (spec.sessionAffinity === 'ClientIP') errors.push(...validateClientIPAffinity(spec));
  else if (spec.sessionAffinity === 'None' && spec.sessionAffinityConfig != null)
    errors.push(
      fieldErrors.forbidden(
        'spec.sessionAffinityConfig',
        'must not be set when session affinity is None',
      ),
    );

  errors.push(...validateClusterIPsRelatedFields(spec));

  errors.push(...validateExternalIPs(spec));

  if (!spec.type) errors.push(fieldErrors.required('spec.type'));
  else if (!serviceTypes.includes(spec.type))
    errors.push(fieldErrors.notSupported('spec.type', spec.type, serviceTypes));

  errors.push(...validatePortNumbers(spec, ports));

  errors.push(...validateLoadBalancerFields(spec));
  errors.push(...validateTrafficPolicies(spec));
  return errors;
}

export function validateServiceUpdate(service: KubeObject, old: KubeObject): FieldError[] {
  const spec: Json = service.spec ?? {};
  const before: Json = old.spec ?? {};
  const errors: FieldError[] = [];
  if (spec.type !== 'ExternalName' && before.type !== 'ExternalName') {
    const after: string[] = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
    const previous: string[] = Array.isArray(before.clusterIPs) ? before.clusterIPs : [];
    if (!(isHeadless(spec) && isHeadless(before))) {
      if (previous.length === after.length) {
        previous.forEach((ip, i) => {
          if (ip !== after[i])
            errors.push(
              fieldErrors.invalid(`spec.clusterIPs[${i}]`, after, 'may not change once set'),
            );
        });
      } else if (previous.length > after.length) {
        if (after.length === 0)
          errors.push(
            fieldErrors.invalid('spec.clusterIPs[0]', after, 'primary clusterIP can not be unset'),
          );
        else if (after[0] !== previous[0])
          errors.push(fieldErrors.invalid('spec.clusterIPs[0]', after, 'may not change once set'));
      } else if (previous.length > 0 && after[0] !== previous[0]) {
        errors.push(fieldErrors.invalid('spec.clusterIPs[0]', after, 'may not change once set'));
      }
    }
    const families: string[] = Array.isArray(spec.ipFamilies) ? spec.ipFamilies : [];
    const previousFamilies: string[] = Array.isArray(before.ipFamilies) ? before.ipFamilies : [];
    if (
      !isHeadless(spec) &&
      !isHeadless(before) &&
      families.length > 0 &&
      previousFamilies.length > 0 &&
      families[0] !== previousFamilies[0]
    )
      errors.push(fieldErrors.invalid('spec.ipFamilies[0]', families, 'may not change once set'));
  }
  if (
    needsHealthCheck(spec) &&
    needsHealthCheck(before) &&
    spec.healthCheckNodePort !== before.healthCheckNodePort
  )
    errors.push(fieldErrors.forbidden('spec.healthCheckNodePort', 'field is immutable'));
  if (
    before.type === 'LoadBalancer' &&
    spec.type === 'LoadBalancer' &&
    (before.loadBalancerClass ?? null) !== (spec.loadBalancerClass ?? null)
  )
    errors.push(
      fieldErrors.invalid(
        'spec.loadBalancerClass',
        spec.loadBalancerClass ?? null,
        'may not change once set',
      ),
    );
  return [...errors, ...validateService(service)];
}

function validateClientIPAffinity(spec: Json): FieldError[] {
  const config = spec.sessionAffinityConfig;
  const when = 'when session affinity type is ClientIP';
  if (config == null) return [fieldErrors.required('spec.sessionAffinityConfig', when)];
  if (config.clientIP == null)
    return [fieldErrors.required('spec.sessionAffinityConfig.clientIP', when)];
  const timeout = config.clientIP.timeoutSeconds;
  const at = 'spec.sessionAffinityConfig.clientIP.timeoutSeconds';
  if (timeout == null) return [fieldErrors.required(at, when)];
  if (!(typeof timeout === 'number' && timeout > 0 && timeout <= maxClientIPAffinitySeconds))
    return [
      fieldErrors.invalid(
        at,
        timeout,
        `must be greater than 0 and less than ${maxClientIPAffinitySeconds}`,
      ),
    ];
  return [];
}
