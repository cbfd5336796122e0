import type { Json } from '../api/kube-object.ts';
import { type FieldError, fieldErrors } from '../api/status.ts';
import { inCidr } from '../network/ipv4.ts';
import { invalidIPMessage, isIP, isIPv6 } from './formats.ts';
import { clusterIPNone, isHeadless } from './service-defaults.ts';

/** The address checks of `ValidateService`: cluster IPs and their families, external IPs. */

const ipFamilies = ['IPv4', 'IPv6'];
const ipFamilyPolicies = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

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

/** `spec.externalIPs`: valid, and not special addresses. */
export function validateExternalIPs(spec: Json): FieldError[] {
  const errors: FieldError[] = [];
  (Array.isArray(spec.externalIPs) ? spec.externalIPs : []).forEach((ip: unknown, i: number) => {
    const at = `spec.externalIPs[${i}]`;
    if (typeof ip !== 'string' || !isIP(ip))
      errors.push(fieldErrors.invalid(at, ip, invalidIPMessage));
    else errors.push(...nonSpecialIPErrors(ip, at));
  });
  return errors;
}

/** `ValidateNonSpecialIP`: external IPs may not be loopback, link-local or unspecified. */
function nonSpecialIPErrors(ip: string, at: string): FieldError[] {
  const inRange = (base: string, bits: number) => inCidr(ip, `${base}/${bits}`);
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
