import type { Json } from '../api/kube-object.ts';
import { type FieldError, fieldErrors } from '../api/status.ts';
import { isCIDR, isQualifiedName } from './formats.ts';
import { externallyAccessible, needsHealthCheck } from './service-defaults.ts';

/**
 * The checks of `ValidateService` on how traffic from outside reaches the Service: the load
 * balancer fields, then the traffic policies and distribution.
 */

const trafficPolicies = ['Cluster', 'Local'];
const trafficDistributions = ['PreferClose', 'PreferSameNode', 'PreferSameZone'];

/** loadBalancerSourceRanges, allocateLoadBalancerNodePorts and loadBalancerClass. */
export function validateLoadBalancerFields(spec: Json): FieldError[] {
  const errors: FieldError[] = [];
  const sourceRanges: unknown[] = Array.isArray(spec.loadBalancerSourceRanges)
    ? spec.loadBalancerSourceRanges
    : [];
  if (sourceRanges.length > 0) {
    // The capital L is the API server's own spelling of this path.
    const at = 'spec.LoadBalancerSourceRanges';
    if (spec.type !== 'LoadBalancer')
      errors.push(fieldErrors.forbidden(at, "may only be used when `type` is 'LoadBalancer'"));
    sourceRanges.forEach((range, i) => {
      const value = typeof range === 'string' ? range.trim() : range;
      if (typeof value !== 'string' || !isCIDR(value))
        errors.push(
          fieldErrors.invalid(
            `${at}[${i}]`,
            value,
            'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
          ),
        );
    });
  }

  if (spec.allocateLoadBalancerNodePorts != null && spec.type !== 'LoadBalancer')
    errors.push(
      fieldErrors.forbidden(
        'spec.allocateLoadBalancerNodePorts',
        "may only be used when `type` is 'LoadBalancer'",
      ),
    );
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts == null)
    errors.push(fieldErrors.required('allocateLoadBalancerNodePorts'));

  if (spec.loadBalancerClass != null) {
    if (spec.type !== 'LoadBalancer')
      errors.push(
        fieldErrors.forbidden(
          'spec.loadBalancerClass',
          "may only be used when `type` is 'LoadBalancer'",
        ),
      );
    else
      for (const problem of isQualifiedName(String(spec.loadBalancerClass)))
        errors.push(fieldErrors.invalid('spec.loadBalancerClass', spec.loadBalancerClass, problem));
  }
  return errors;
}

export function validateTrafficPolicies(spec: Json): FieldError[] {
  const errors: FieldError[] = [];
  if (!externallyAccessible(spec)) {
    if (spec.externalTrafficPolicy)
      errors.push(
        fieldErrors.invalid(
          'spec.externalTrafficPolicy',
          spec.externalTrafficPolicy,
          'may only be set for externally-accessible services',
        ),
      );
  } else if (!spec.externalTrafficPolicy) {
    errors.push(fieldErrors.required('spec.externalTrafficPolicy'));
  } else if (!trafficPolicies.includes(spec.externalTrafficPolicy)) {
    errors.push(
      fieldErrors.notSupported(
        'spec.externalTrafficPolicy',
        spec.externalTrafficPolicy,
        trafficPolicies,
      ),
    );
  }
  if (!needsHealthCheck(spec)) {
    if (spec.healthCheckNodePort)
      errors.push(
        fieldErrors.invalid(
          'spec.healthCheckNodePort',
          spec.healthCheckNodePort,
          "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
        ),
      );
  }
  if (spec.internalTrafficPolicy == null) {
    if (['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type))
      errors.push(fieldErrors.required('spec.internalTrafficPolicy'));
  } else if (!trafficPolicies.includes(spec.internalTrafficPolicy)) {
    errors.push(
      fieldErrors.notSupported(
        'spec.internalTrafficPolicy',
        spec.internalTrafficPolicy,
        trafficPolicies,
      ),
    );
  }
  if (spec.trafficDistribution != null && !trafficDistributions.includes(spec.trafficDistribution))
    errors.push(
      fieldErrors.notSupported(
        'spec.trafficDistribution',
        spec.trafficDistribution,
        trafficDistributions,
      ),
    );
  return errors;
}
