import type { Json, KubeObject } from '../api/kube-object.ts';
import { isDns1035Label } from './formats.ts';
import type { KindStrategy } from './kind-strategy.ts';
import { allocateService, type ServiceAllocators } from './service-allocation.ts';
import {
  defaultServiceSpec,
  dropTypeDependentFields,
  normalizeClusterIPs,
  patchAllocatedValues,
  specOf,
} from './service-defaults.ts';
import { validateService, validateServiceUpdate } from './service-validation.ts';

/** Services: defaults, validation, cluster IP and node port allocation, warnings. */
export function serviceStrategy(allocators: ServiceAllocators): KindStrategy {
  return {
    nameProblems: isDns1035Label,

    applyDefaults(service, old) {
      const spec = specOf(service);
      defaultServiceSpec(spec);
      if (old) {
        const before: Json = old.spec ?? {};
        patchAllocatedValues(spec, before);
        normalizeClusterIPs(spec, before);
        dropTypeDependentFields(spec, before);
      } else {
        normalizeClusterIPs(spec, undefined);
        service.status = { loadBalancer: {} };
      }
    },

    validate(service, old) {
      return old ? validateServiceUpdate(service, old) : validateService(service);
    },

    allocate(service, old, ctx) {
      const errors = allocateService(service, old, ctx.store, allocators);
      // Allocations live only in the stored objects, so a failed or dry-run write frees them.
      return { errors, rollback: () => {} };
    },

    warnings: serviceWarnings,
  };
}

/** `GetWarningsForService` (pkg/api/service/warnings.go). */
export function serviceWarnings(service: KubeObject): string[] {
  const spec: Json = service.spec ?? {};
  const warnings: string[] = [];
  const annotations = service.metadata.annotations ?? {};
  if (Object.hasOwn(annotations, 'service.kubernetes.io/topology-aware-hints'))
    warnings.push(
      'annotation service.kubernetes.io/topology-aware-hints is deprecated, please use service.kubernetes.io/topology-mode instead',
    );
  const externalIPs: unknown[] = Array.isArray(spec.externalIPs) ? spec.externalIPs : [];
  const headless = spec.type === 'ClusterIP' && spec.clusterIP === 'None';
  if (headless) {
    if (spec.loadBalancerIP) warnings.push('spec.loadBalancerIP is ignored for headless services');
    if (externalIPs.length > 0) warnings.push('spec.externalIPs is ignored for headless services');
    if (spec.sessionAffinity !== 'None')
      warnings.push('spec.SessionAffinity is ignored for headless services');
  }
  if (externalIPs.length > 0 && !headless && spec.type !== 'ExternalName')
    warnings.push(
      'spec.externalIPs is deprecated and may no longer be implemented in some clusters',
    );
  if (spec.type === 'ExternalName' && externalIPs.length > 0)
    warnings.push('spec.externalIPs is ignored when spec.type is "ExternalName"');
  if (spec.type !== 'ExternalName' && spec.externalName)
    warnings.push('spec.externalName is ignored when spec.type is not "ExternalName"');
  if (spec.trafficDistribution === 'PreferClose')
    warnings.push('spec.trafficDistribution: "PreferClose" is deprecated; use "PreferSameZone"');
  return warnings;
}
