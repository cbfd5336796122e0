import type { Json, KubeObject } from '../api/kube-object.ts';
import { type FieldError, fieldErrors } from '../api/status.ts';
import {
  invalidIPMessage,
  isCIDR,
  isDns1123Label,
  isDns1123Subdomain,
  isIP,
  isIPv6,
  isQualifiedName,
  isValidPortName,
  isValidPortNumber,
  parseIPv4,
} from './formats.ts';
import { validateLabels } from './label-checks.ts';
import {
  clusterIPNone,
  externallyAccessible,
  isHeadless,
  needsHealthCheck,
  portsOf,
} from './service-defaults.ts';

/** `ValidateService` and `ValidateServiceUpdate` from pkg/apis/core/validation, for v1 Services. */

const serviceTypes = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const protocols = ['SCTP', 'TCP', 'UDP'];
const ipFamilies = ['IPv4', 'IPv6'];
const ipFamilyPolicies = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];
const trafficPolicies = ['Cluster', 'Local'];
const trafficDistributions = ['PreferClose', 'PreferSameNode', 'PreferSameZone'];
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

  const names = new Set<string>();
  ports.forEach((port, i) => {
    errors.push(...validateServicePort(port, ports.length > 1, names, `spec.ports[${i}]`));
  });

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

  (Array.isArray(spec.externalIPs) ? spec.externalIPs : []).forEach((ip: unknown, i: number) => {
    const at = `spec.externalIPs[${i}]`;
    if (typeof ip !== 'string' || !isIP(ip))
      errors.push(fieldErrors.invalid(at, ip, invalidIPMessage));
    else errors.push(...nonSpecialIPErrors(ip, at));
  });

  if (!spec.type) errors.push(fieldErrors.required('spec.type'));
  else if (!serviceTypes.includes(spec.type))
    errors.push(fieldErrors.notSupported('spec.type', spec.type, serviceTypes));

  if (spec.type === 'ClusterIP') {
    ports.forEach((port, i) => {
      if (port.nodePort)
        errors.push(
          fieldErrors.forbidden(
            `spec.ports[${i}].nodePort`,
            "may not be used when `type` is 'ClusterIP'",
          ),
        );
    });
  }

  const nodePorts = new Set<string>();
  ports.forEach((port, i) => {
    if (!port.nodePort) return;
    const key = `${port.protocol}/${port.nodePort}`;
    if (nodePorts.has(key))
      errors.push(fieldErrors.duplicate(`spec.ports[${i}].nodePort`, port.nodePort));
    nodePorts.add(key);
  });
  const servicePorts = new Set<string>();
  ports.forEach((port, i) => {
    const key = `${port.protocol}/${port.port}`;
    if (servicePorts.has(key))
      errors.push(
        // Go prints the internal ServicePort key it compared, as JSON.
        fieldErrors.duplicate(`spec.ports[${i}]`, {
          Name: '',
          Protocol: port.protocol ?? '',
          AppProtocol: null,
          Port: port.port ?? 0,
          TargetPort: 0,
          NodePort: 0,
        }),
      );
    servicePorts.add(key);
  });

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

function validateServicePort(
  port: Json,
  requireName: boolean,
  names: Set<string>,
  at: string,
): FieldError[] {
  const errors: FieldError[] = [];
  const name = typeof port.name === 'string' ? port.name : '';
  if (requireName && name.length === 0) errors.push(fieldErrors.required(`${at}.name`));
  else if (name.length > 0) {
    for (const problem of isDns1123Label(name))
      errors.push(fieldErrors.invalid(`${at}.name`, name, problem));
    if (names.has(name)) errors.push(fieldErrors.duplicate(`${at}.name`, name));
    else names.add(name);
  }
  for (const problem of isValidPortNumber(port.port ?? 0))
    errors.push(fieldErrors.invalid(`${at}.port`, port.port ?? 0, problem));
  if (!port.protocol) errors.push(fieldErrors.required(`${at}.protocol`));
  else if (!protocols.includes(port.protocol))
    errors.push(fieldErrors.notSupported(`${at}.protocol`, port.protocol, protocols));
  errors.push(...validatePortNumberOrName(port.targetPort ?? 0, `${at}.targetPort`));
  if (port.appProtocol != null)
    for (const problem of isQualifiedName(String(port.appProtocol)))
      errors.push(fieldErrors.invalid(`${at}.appProtocol`, port.appProtocol, problem));
  return errors;
}

/** `ValidatePortNumOrName`: an int-or-string port such as `targetPort`. */
export function validatePortNumberOrName(value: unknown, at: string): FieldError[] {
  const problems = typeof value === 'string' ? isValidPortName(value) : isValidPortNumber(value);
  return problems.map((problem) => fieldErrors.invalid(at, value, problem));
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

/** `ValidateServiceClusterIPsRelatedFields`: clusterIP, clusterIPs, ipFamilies, ipFamilyPolicy. */
export function validateClusterIPsRelatedFields(spec: Json): FieldError[] {
  if (spec.type === 'ExternalName') return [];
  const errors: FieldError[] = [];
  const ips: unknown[] = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
  if (spec.clusterIP) {
    if (ips.length === 0) errors.push(fieldErrors.required('spec.clusterIPs'));
    else if (ips[0] !== spec.clusterIP)
      errors.push(
        fieldErrors.invalid('spec.clusterIPs', ips, 'first value must match `clusterIP`'),
      );
  } else if (ips.length > 0) {
    errors.push(
      fieldErrors.invalid(
        'spec.clusterIPs',
        ips,
        'must be empty when `clusterIP` is not specified',
      ),
    );
  }

  const families: unknown[] = Array.isArray(spec.ipFamilies) ? spec.ipFamilies : [];
  const seen = new Set<unknown>();
  families.forEach((family, i) => {
    if (!ipFamilies.includes(family as string))
      errors.push(fieldErrors.notSupported(`spec.ipFamilies[${i}]`, family, ipFamilies));
    if (seen.has(family)) errors.push(fieldErrors.duplicate(`spec.ipFamilies[${i}]`, family));
    seen.add(family);
  });
  if (spec.ipFamilyPolicy != null && !ipFamilyPolicies.includes(spec.ipFamilyPolicy))
    errors.push(
      fieldErrors.notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, ipFamilyPolicies),
    );

  let invalidIPs = false;
  ips.forEach((ip, i) => {
    if (i === 0 && ip === clusterIPNone) {
      if (ips.length > 1) {
        invalidIPs = true;
        errors.push(
          fieldErrors.invalid('spec.clusterIPs', ips, "'None' must be the first and only value"),
        );
      }
      return;
    }
    if (typeof ip !== 'string' || !isIP(ip)) {
      invalidIPs = true;
      errors.push(fieldErrors.invalid(`spec.clusterIPs[${i}]`, ip, invalidIPMessage));
    }
  });
  if (ips.length > 2)
    errors.push(fieldErrors.invalid('spec.clusterIPs', ips, 'may only hold up to 2 values'));
  if (invalidIPs) return errors;
  if (ips.length > 1 && isIPv6(ips[0] as string) === isIPv6(ips[1] as string))
    errors.push(
      fieldErrors.invalid(
        'spec.clusterIPs',
        ips,
        'may specify no more than one IP for each IP family',
      ),
    );
  if (!isHeadless(spec)) {
    ips.forEach((ip, i) => {
      const family = families[i];
      if (family === 'IPv4' && isIPv6(ip as string))
        errors.push(
          fieldErrors.invalid(
            `spec.clusterIPs[${i}]`,
            ip,
            `expected an IPv4 value as indicated by \`ipFamilies[${i}]\``,
          ),
        );
      if (family === 'IPv6' && !isIPv6(ip as string))
        errors.push(
          fieldErrors.invalid(
            `spec.clusterIPs[${i}]`,
            ip,
            `expected an IPv6 value as indicated by \`ipFamilies[${i}]\``,
          ),
        );
    });
  }
  return errors;
}

function validateTrafficPolicies(spec: Json): FieldError[] {
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

/** `ValidateNonSpecialIP`: external IPs may not be loopback, link-local or unspecified. */
function nonSpecialIPErrors(ip: string, at: string): FieldError[] {
  const value = parseIPv4(ip);
  const inRange = (base: string, bits: number) => {
    const start = parseIPv4(base)!;
    const size = 2 ** (32 - bits);
    return value !== undefined && value >= start && value < start + size;
  };
  if (ip === '0.0.0.0' || ip === '::')
    return [fieldErrors.invalid(at, ip, `may not be unspecified (${ip})`)];
  if (inRange('127.0.0.0', 8) || ip === '::1')
    return [fieldErrors.invalid(at, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)')];
  if (inRange('169.254.0.0', 16) || /^fe80:/i.test(ip))
    return [
      fieldErrors.invalid(at, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'),
    ];
  if (inRange('224.0.0.0', 24) || /^ff02:/i.test(ip))
    return [
      fieldErrors.invalid(
        at,
        ip,
        'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)',
      ),
    ];
  return [];
}
