import { allocationsInUse, nodePortsOf } from '../allocators/allocations-in-use.ts';
import type { ClusterIPAllocator } from '../allocators/cluster-ip-allocator.ts';
import type { NodePortAllocator } from '../allocators/node-port-allocator.ts';
import type { Json, KubeObject } from '../api/kube-object.ts';
import { ApiError, type FieldError, fieldErrors } from '../api/status.ts';
import type { ObjectStore } from '../store/object-store.ts';
import { isIPv6 } from './formats.ts';
import {
  clusterIPNone,
  isHeadless,
  needsClusterIP,
  needsHealthCheck,
  needsNodePort,
  portsOf,
} from './service-defaults.ts';

/** The Service allocators of one sandbox. */
export interface ServiceAllocators {
  clusterIPs: ClusterIPAllocator;
  nodePorts: NodePortAllocator;
}

/**
 * The allocation step of a Service write (pkg/registry/core/service/storage/alloc.go): IP
 * families, cluster IPs, node ports and the health-check node port. Fills the fields it
 * allocates; returns field errors for requests it cannot honour. Nothing is held outside the
 * object, so there is nothing to roll back.
 */
export function allocateService(
  service: KubeObject,
  old: KubeObject | undefined,
  store: ObjectStore,
  allocators: ServiceAllocators,
): FieldError[] {
  const spec: Json = service.spec ?? {};
  const before: Json | undefined = old?.spec;
  const familyErrors = initIPFamilyFields(spec, before);
  if (familyErrors.length > 0) return familyErrors;

  const inUse = allocationsInUse(store, {
    namespace: service.metadata.namespace,
    name: service.metadata.name,
  });

  const keepsClusterIPs = before !== undefined && needsClusterIP(before);
  if (needsClusterIP(spec) && !isHeadless(spec) && !keepsClusterIPs) {
    const requested = Array.isArray(spec.clusterIPs) ? spec.clusterIPs[0] : undefined;
    if (requested) {
      const problem = allocators.clusterIPs.problemWith(requested, inUse.clusterIPs);
      if (problem)
        return [
          fieldErrors.invalid(
            'spec.clusterIPs',
            spec.clusterIPs,
            `failed to allocate IP ${requested}: ${problem}`,
          ),
        ];
    } else {
      const ip = allocators.clusterIPs.next(inUse.clusterIPs);
      if (!ip) throw allocationFailed('failed to allocate a serviceIP: range is full');
      spec.clusterIP = ip;
      spec.clusterIPs = [ip];
    }
  }

  // Ports this Service already held stay its own; anything new must be free.
  const held = new Set(before && needsNodePort(before) ? nodePortsOf(old) : []);
  const claimed = new Set<number>();
  const taken = () => new Set([...inUse.nodePorts, ...claimed]);
  if (needsNodePort(spec)) {
    const allocateAll =
      spec.type !== 'LoadBalancer' || spec.allocateLoadBalancerNodePorts !== false;
    const byServicePort = new Map<unknown, number>();
    const ports = portsOf(spec);
    for (const [i, port] of ports.entries()) {
      if (!port.nodePort && !allocateAll) continue;
      if (port.nodePort) {
        if (held.has(port.nodePort) || claimed.has(port.nodePort)) {
          claimed.add(port.nodePort);
          continue;
        }
        const problem = allocators.nodePorts.problemWith(port.nodePort, taken());
        if (problem)
          return [fieldErrors.invalid(`spec.ports[${i}].nodePort`, port.nodePort, problem)];
        claimed.add(port.nodePort);
        byServicePort.set(port.port, port.nodePort);
        continue;
      }
      // A TCP and a UDP port with the same number share one node port.
      const shared =
        byServicePort.get(port.port) ??
        ports.slice(i + 1).find((other) => other.port === port.port && other.nodePort)?.nodePort;
      const nodePort = shared ?? allocators.nodePorts.next(taken());
      if (nodePort === undefined)
        throw allocationFailed('failed to allocate a nodePort: range is full');
      port.nodePort = nodePort;
      claimed.add(nodePort);
      byServicePort.set(port.port, nodePort);
    }
  }

  if (needsHealthCheck(spec)) {
    const requested = spec.healthCheckNodePort;
    if (requested && !held.has(requested)) {
      const problem = allocators.nodePorts.problemWith(requested, taken());
      if (problem)
        throw allocationFailed(
          `failed to allocate requested HealthCheck NodePort ${requested}: ${problem}`,
        );
    } else if (!requested) {
      const port = allocators.nodePorts.next(taken());
      if (port === undefined)
        throw allocationFailed('failed to allocate a HealthCheck NodePort 0: range is full');
      spec.healthCheckNodePort = port;
    }
  }
  return [];
}

/**
 * `initIPFamilyFields` for a single-stack IPv4 cluster such as kind's: fills ipFamilyPolicy and
 * ipFamilies, and refuses what this cluster cannot give (IPv6, dual-stack).
 */
export function initIPFamilyFields(spec: Json, before: Json | undefined): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const selectorless = Object.keys(spec.selector ?? {}).length === 0;
  if (spec.ipFamilyPolicy == null) {
    if (before?.ipFamilyPolicy != null) spec.ipFamilyPolicy = before.ipFamilyPolicy;
    else if (spec.clusterIP === clusterIPNone && selectorless)
      spec.ipFamilyPolicy = 'RequireDualStack';
    else spec.ipFamilyPolicy = 'SingleStack';
  }
  const errors: FieldError[] = [];
  const ips: string[] = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
  const families: string[] = Array.isArray(spec.ipFamilies) ? spec.ipFamilies : [];
  if (spec.ipFamilyPolicy === 'SingleStack') {
    if (ips.length === 2)
      errors.push(
        fieldErrors.invalid(
          'spec.ipFamilyPolicy',
          spec.ipFamilyPolicy,
          "must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified",
        ),
      );
    if (families.length === 2)
      errors.push(
        fieldErrors.invalid(
          'spec.ipFamilyPolicy',
          spec.ipFamilyPolicy,
          "must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified",
        ),
      );
  }
  for (const [i, ip] of ips.entries()) {
    if (ip === clusterIPNone) break;
    if (i < families.length) continue;
    if (isIPv6(ip))
      errors.push(
        fieldErrors.invalid(`spec.clusterIPs[${i}]`, ips, 'IPv6 is not configured on this cluster'),
      );
    else families.push('IPv4');
  }
  if (errors.length > 0) return errors;
  spec.ipFamilies = families;

  // Headless and selectorless: the one case that may ask for families the cluster lacks.
  if (spec.clusterIP === clusterIPNone && selectorless) {
    if (families.length === 0) families.push('IPv4');
    if (families.length < 2 && spec.ipFamilyPolicy !== 'SingleStack')
      families.push(families[0] === 'IPv4' ? 'IPv6' : 'IPv4');
    return [];
  }
  if (spec.ipFamilyPolicy === 'RequireDualStack')
    errors.push(
      fieldErrors.invalid(
        'spec.ipFamilyPolicy',
        spec.ipFamilyPolicy,
        'this cluster is not configured for dual-stack services',
      ),
    );
  families.forEach((family, i) => {
    if (family !== 'IPv4')
      errors.push(
        fieldErrors.invalid(`spec.ipFamilies[${i}]`, family, 'not configured on this cluster'),
      );
  });
  if (errors.length > 0) return errors;
  if (families.length === 0) families.push('IPv4');
  return [];
}

/** Allocation failures that are nobody's field error surface as 500s, as in kube-apiserver. */
function allocationFailed(message: string): ApiError {
  return new ApiError(500, 'InternalError', `Internal error occurred: ${message}`, {
    causes: [{ reason: '', message }],
  });
}
