import type { Json } from '../../api/kube-object.ts';
import { type GatewayWorld, gatewayGroup } from './gateway-world.ts';
import { crossNamespaceAllowed } from './reference-grants.ts';
import type { ConditionUpdate } from './status-conditions.ts';

/** What a Gateway's listeners declare, checked as cloud-provider-kind checks it. */

/** The route kinds a listener takes: only HTTPRoute is implemented. */
export function supportedKinds(listener: Json): { kinds: Json[]; allValid: boolean } {
  const wanted: Json[] = listener.allowedRoutes?.kinds ?? [];
  if (wanted.length > 0) {
    const kinds: Json[] = [];
    let allValid = true;
    for (const kind of wanted) {
      if ((kind.group == null || kind.group === gatewayGroup) && kind.kind === 'HTTPRoute') {
        kinds.push({ group: gatewayGroup, kind: 'HTTPRoute' });
      } else {
        allValid = false;
      }
    }
    return { kinds, allValid };
  }
  const http = listener.protocol === 'HTTP' || listener.protocol === 'HTTPS';
  return { kinds: http ? [{ group: gatewayGroup, kind: 'HTTPRoute' }] : [], allValid: true };
}

/** Port/protocol and hostname conflicts between listeners, and TLS certificate references. */
export function validateListeners(world: GatewayWorld): Map<string, ConditionUpdate[]> {
  const { gateway } = world;
  const listeners: Json[] = gateway.spec?.listeners ?? [];
  const result = new Map<string, ConditionUpdate[]>(listeners.map((l) => [l.name, []]));
  const add = (name: string, update: ConditionUpdate) => {
    const list = (result.get(name) ?? []).filter((existing) => existing.type !== update.type);
    result.set(name, [...list, update]);
  };
  const conflicted = new Set<string>();
  const byPort = new Map<number, Json[]>();
  for (const listener of listeners) {
    byPort.set(listener.port, [...(byPort.get(listener.port) ?? []), listener]);
  }
  const isHttpLike = (protocol: string) => ['HTTP', 'HTTPS', 'TLS'].includes(protocol);
  for (const sharing of byPort.values()) {
    const hasL4 = sharing.some((l) => l.protocol === 'TCP' || l.protocol === 'UDP');
    if (hasL4 && sharing.some((l) => isHttpLike(l.protocol))) {
      for (const listener of sharing) {
        conflicted.add(listener.name);
        add(listener.name, {
          type: 'Conflicted',
          status: 'True',
          reason: 'ProtocolConflict',
          message:
            'Protocol conflict: TCP/UDP listeners cannot share a port with HTTP/HTTPS/TLS listeners.',
        });
      }
      continue;
    }
    const seen = new Map<string, string>();
    for (const listener of sharing) {
      if (!isHttpLike(listener.protocol)) continue;
      const hostname: string = listener.hostname ?? '';
      const other = seen.get(hostname);
      if (other === undefined) {
        seen.set(hostname, listener.name);
        continue;
      }
      const conflict: ConditionUpdate = {
        type: 'Conflicted',
        status: 'True',
        reason: 'HostnameConflict',
        message: `Hostname '${hostname}' conflicts with another listener on the same port.`,
      };
      for (const name of [listener.name, other]) {
        conflicted.add(name);
        add(name, conflict);
      }
    }
  }
  for (const listener of listeners) {
    if (conflicted.has(listener.name)) continue;
    const problem = certificateProblem(world, listener);
    add(
      listener.name,
      problem ?? {
        type: 'ResolvedRefs',
        status: 'True',
        reason: 'ResolvedRefs',
        message: 'All references resolved',
      },
    );
  }
  return result;
}

function certificateProblem(world: GatewayWorld, listener: Json): ConditionUpdate | undefined {
  const { gateway } = world;
  const invalid = (reason: string, message: string): ConditionUpdate => ({
    type: 'ResolvedRefs',
    status: 'False',
    reason,
    message,
  });
  for (const ref of (listener.tls?.certificateRefs ?? []) as Json[]) {
    if (ref.group)
      return invalid('InvalidCertificateRef', `unsupported certificate ref grup: ${ref.group}`);
    if (ref.kind != null && ref.kind !== 'Secret') {
      return invalid('InvalidCertificateRef', `unsupported certificate ref kind: ${ref.kind}`);
    }
    const namespace: string = ref.namespace ?? gateway.metadata.namespace;
    if (
      namespace !== gateway.metadata.namespace &&
      !crossNamespaceAllowed(
        world,
        'Gateway',
        gateway.metadata.namespace!,
        'Secret',
        ref.name,
        namespace,
      )
    ) {
      return invalid(
        'RefNotPermitted',
        `reference to Secret ${namespace}/${ref.name} not permitted by any ReferenceGrant`,
      );
    }
    if (!world.secret(namespace, ref.name)) {
      return invalid(
        'InvalidCertificateRef',
        `reference to Secret ${namespace}/${ref.name} not found`,
      );
    }
  }
  return undefined;
}

/** Why the proxy cannot serve this listener (TLS material it cannot load), if it cannot. */
export function listenerProgrammingError(world: GatewayWorld, listener: Json): string | undefined {
  const tls: Json | undefined = listener.tls;
  if (!tls) return undefined;
  const refs: Json[] = tls.certificateRefs ?? [];
  const wrap = (cause: string) =>
    `failed to build TLS context for listener ${listener.name}: ${cause}`;
  if (refs.length === 0) return wrap('TLS is configured, but no certificate refs are provided');
  for (const ref of refs) {
    if (ref.group) return wrap(`unsupported certificate ref group: ${ref.group}`);
    if (ref.kind != null && ref.kind !== 'Secret')
      return wrap(`unsupported certificate ref kind: ${ref.kind}`);
    const namespace: string = ref.namespace ?? world.gateway.metadata.namespace;
    if (!world.secret(namespace, ref.name)) {
      return wrap(`failed to get secret ${namespace}/${ref.name}: secret "${ref.name}" not found`);
    }
  }
  return undefined;
}
