import type { Json } from '../api/kube-object.ts';
import { type FieldError, fieldErrors } from '../api/status.ts';
import { parseIPv4 } from '../network/ipv4.ts';
import { isDns1123Label, isIP, isValidPortNumber } from './formats.ts';
import type { KindStrategy } from './kind-strategy.ts';

const addressTypes = ['FQDN', 'IPv4', 'IPv6'];
const protocols = ['SCTP', 'TCP', 'UDP'];

/** EndpointSlices (discovery.k8s.io/v1): address type, addresses, ports. */
export const endpointSliceStrategy: KindStrategy = {
  validate(slice, old) {
    const errors: FieldError[] = [];
    if (!slice.addressType) errors.push(fieldErrors.required('addressType'));
    else if (!addressTypes.includes(slice.addressType))
      errors.push(fieldErrors.notSupported('addressType', slice.addressType, addressTypes));
    if (old && old.addressType !== slice.addressType)
      errors.push(fieldErrors.invalid('addressType', slice.addressType, 'field is immutable'));
    (Array.isArray(slice.endpoints) ? slice.endpoints : []).forEach((endpoint: Json, i: number) => {
      const at = `endpoints[${i}].addresses`;
      const addresses: unknown[] = Array.isArray(endpoint?.addresses) ? endpoint.addresses : [];
      if (addresses.length === 0)
        errors.push(fieldErrors.required(at, 'must contain at least 1 address'));
      addresses.forEach((address, j) => {
        if (slice.addressType === 'IPv4' && parseIPv4(String(address)) === undefined)
          errors.push(fieldErrors.invalid(`${at}[${j}]`, address, 'must be a valid IPv4 address'));
      });
    });
    (Array.isArray(slice.ports) ? slice.ports : []).forEach((port: Json, i: number) => {
      errors.push(...validateEndpointPort(port ?? {}, `ports[${i}]`, false));
    });
    return errors;
  },
};

/** Endpoints (core/v1, deprecated but served): addresses must be IPs, ports valid. */
export const endpointsStrategy: KindStrategy = {
  validate(endpoints) {
    const errors: FieldError[] = [];
    (Array.isArray(endpoints.subsets) ? endpoints.subsets : []).forEach(
      (subset: Json, i: number) => {
        for (const key of ['addresses', 'notReadyAddresses'] as const) {
          (Array.isArray(subset?.[key]) ? subset[key] : []).forEach((address: Json, j: number) => {
            if (!isIP(String(address?.ip ?? '')))
              errors.push(
                fieldErrors.invalid(
                  `subsets[${i}].${key}[${j}].ip`,
                  address?.ip ?? '',
                  'must be a valid IP address',
                ),
              );
          });
        }
        const ports: Json[] = Array.isArray(subset?.ports) ? subset.ports : [];
        ports.forEach((port, j) => {
          errors.push(
            ...validateEndpointPort(port ?? {}, `subsets[${i}].ports[${j}]`, ports.length > 1),
          );
        });
      },
    );
    return errors;
  },
};

function validateEndpointPort(port: Json, at: string, requireName: boolean): FieldError[] {
  const errors: FieldError[] = [];
  if (requireName && !port.name) errors.push(fieldErrors.required(`${at}.name`));
  else if (port.name)
    for (const problem of isDns1123Label(port.name))
      errors.push(fieldErrors.invalid(`${at}.name`, port.name, problem));
  if (port.port != null)
    for (const problem of isValidPortNumber(port.port))
      errors.push(fieldErrors.invalid(`${at}.port`, port.port, problem));
  if (port.protocol != null && !protocols.includes(port.protocol))
    errors.push(fieldErrors.notSupported(`${at}.protocol`, port.protocol, protocols));
  return errors;
}

/** Events (core/v1): an old-style event lives in its object's namespace. */
export const eventStrategy: KindStrategy = {
  validate(event) {
    if (event.eventTime) return [];
    const involved = event.involvedObject?.namespace ?? '';
    const namespace = event.metadata.namespace ?? '';
    const matches =
      involved === '' ? namespace === '' || namespace === 'default' : involved === namespace;
    return matches
      ? []
      : [
          fieldErrors.invalid(
            'involvedObject.namespace',
            involved,
            'does not match event.namespace',
          ),
        ];
  },
};
