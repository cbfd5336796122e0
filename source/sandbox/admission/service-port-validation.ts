import type { Json } from '../api/kube-object.ts';
import { type FieldError, fieldErrors } from '../api/status.ts';
import { isDns1123Label, isQualifiedName, isValidPortName, isValidPortNumber } from './formats.ts';

/** The port checks of `ValidateService`: each port, then the port numbers across ports. */

const protocols = ['SCTP', 'TCP', 'UDP'];

/** Every `spec.ports[i]`: a name when there are several, a port, a protocol, a target port. */
export function validateServicePorts(ports: readonly Json[]): FieldError[] {
  const errors: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((port, i) => {
    errors.push(...validateServicePort(port, ports.length > 1, names, `spec.ports[${i}]`));
  });
  return errors;
}

/** `nodePort` only off ClusterIP Services; no nodePort or port twice for one protocol. */
export function validatePortNumbers(spec: Json, ports: readonly Json[]): FieldError[] {
  const errors: FieldError[] = [];
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

  return errors;
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
