import type { Json, KubeObject } from '../sandbox/api/kube-object.ts';
import type { Diagnosis, EndpointReport, ObjectRef } from './inspect-report.ts';
import { isPodReady } from './pod-index.ts';

export interface ServiceFacts {
  service: KubeObject;
  /** Pods the selector matches; null when pods could not be read or there is no selector. */
  matchingPods: KubeObject[] | null;
  /** Null when EndpointSlices could not be read. */
  endpoints: EndpointReport[] | null;
  /** Node names and InternalIPs; null when Nodes could not be read. */
  nodes: { name: string; address?: string }[] | null;
  loadBalancer: string[];
}

const shown = 3;

/** Everything wrong with one Service (or worth a note), each with its evidence and the fix. */
export function diagnoseService(facts: ServiceFacts): Diagnosis[] {
  const { service } = facts;
  const object: ObjectRef = {
    kind: 'Service',
    namespace: service.metadata.namespace ?? '',
    name: service.metadata.name ?? '',
  };
  const where = `Service ${object.namespace}/${object.name}`;
  const diagnoses: Diagnosis[] = [];
  const spec = service.spec ?? {};
  const selector: Record<string, string> = spec.selector ?? {};
  const selectorText = Object.entries(selector)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
  const pods = facts.matchingPods;
  if (pods && pods.length === 0) {
    diagnoses.push({
      id: 'selector-matches-no-pods',
      severity: 'error',
      object,
      summary: `${where} selects no pods, so it has no endpoints and connections are refused.`,
      evidence: [
        `spec.selector: ${selectorText}`,
        `no pod in namespace "${object.namespace}" carries all of these labels`,
      ],
      fix: `Make spec.selector match the pods' labels (kubectl get pods -n ${object.namespace} --show-labels), or label the pods to match.`,
    });
  }
  if (pods && pods.length > 0 && !pods.some(isPodReady)) {
    diagnoses.push({
      id: 'no-ready-pods',
      severity: 'error',
      object,
      summary: `${where} selects ${pods.length} pod${pods.length === 1 ? '' : 's'}, but none is ready, so no endpoint receives traffic.`,
      evidence: [
        `spec.selector: ${selectorText}`,
        ...pods.slice(0, shown).map((pod) => `pod ${pod.metadata.name}: ${podState(pod)}`),
        ...(pods.length > shown ? [`… and ${pods.length - shown} more, none ready`] : []),
      ],
      fix: `Find out why the pods are not ready: kubectl describe pod -n ${object.namespace} ${pods[0]!.metadata.name} (readiness probe, crash, image pull, scheduling).`,
    });
  }
  if (pods && pods.length > 0) diagnoses.push(...targetPortDiagnoses(object, where, spec, pods));
  const type = spec.type ?? 'ClusterIP';
  if (type === 'LoadBalancer' && facts.loadBalancer.length === 0) {
    diagnoses.push({
      id: 'load-balancer-pending',
      severity: 'warning',
      object,
      summary: `${where} is a LoadBalancer with no address yet (EXTERNAL-IP <pending>): no load-balancer provider has served it.`,
      evidence: [
        'status.loadBalancer.ingress is empty',
        spec.loadBalancerClass
          ? `spec.loadBalancerClass: ${spec.loadBalancerClass} — only a controller for this class assigns an address`
          : 'no spec.loadBalancerClass: the cluster’s default provider should assign one',
      ],
      fix: spec.loadBalancerClass
        ? `Install the controller for class ${spec.loadBalancerClass}, or remove spec.loadBalancerClass (it cannot be changed in place: recreate the Service).`
        : 'Run a load-balancer provider (on kind: cloud-provider-kind; on bare metal: e.g. MetalLB); meanwhile its node ports work.',
    });
  }
  const nodePorts = ((spec.ports ?? []) as Json[]).filter((port) => port.nodePort !== undefined);
  if ((type === 'NodePort' || type === 'LoadBalancer') && nodePorts.length > 0) {
    if (spec.externalTrafficPolicy === 'Local' && facts.nodes && facts.endpoints) {
      const withEndpoints = new Set(
        facts.endpoints.filter((e) => e.state === 'ready' && e.node).map((e) => e.node!),
      );
      const lacking = facts.nodes.filter((node) => !withEndpoints.has(node.name));
      if (lacking.length > 0) {
        diagnoses.push({
          id: 'local-traffic-nodes-without-endpoints',
          severity: 'warning',
          object,
          summary: `${where} has externalTrafficPolicy: Local, and ${lacking.length} of ${facts.nodes.length} nodes have no ready endpoint: traffic sent to their node port is dropped.`,
          evidence: [
            'spec.externalTrafficPolicy: Local',
            `ready endpoints on: ${[...withEndpoints].sort().join(', ') || 'no node'}`,
            `no ready endpoint on: ${lacking.map((node) => node.name).join(', ')}`,
          ],
          fix: 'Send external traffic only to nodes with endpoints (a load balancer does so through healthCheckNodePort), run a pod on every node, or use externalTrafficPolicy: Cluster (the client source IP is then lost).',
        });
      }
    }
    const nodes = facts.nodes?.map((node) => node.address ?? node.name);
    diagnoses.push({
      id: 'port-open-on-every-node',
      severity: 'note',
      object,
      summary: `${where} (${type}) opens ${nodePorts.map((port) => `${port.nodePort}/${port.protocol ?? 'TCP'}`).join(', ')} on every node, reachable by anything that can reach a node.`,
      evidence: [
        `spec.type: ${type}`,
        ...nodePorts.map((port) => `spec.ports[port=${port.port}].nodePort: ${port.nodePort}`),
        nodes ? `nodes: ${nodes.join(', ')}` : 'nodes could not be listed',
      ],
      fix:
        type === 'LoadBalancer'
          ? 'If only the load balancer should be reachable, firewall the node ports, or set allocateLoadBalancerNodePorts: false where the provider supports it.'
          : 'If it need not be reachable from the node network, use ClusterIP behind an Ingress or Gateway, or firewall the node ports.',
    });
  }
  const externalIPs: string[] = spec.externalIPs ?? [];
  if (externalIPs.length > 0) {
    diagnoses.push({
      id: 'deprecated-external-ips',
      severity: 'warning',
      object,
      summary: `${where} uses spec.externalIPs, which is deprecated: any Service author can claim any address with it (CVE-2020-8554).`,
      evidence: [`spec.externalIPs: ${externalIPs.join(', ')}`],
      fix: 'Use a LoadBalancer Service or a Gateway instead, and remove spec.externalIPs.',
    });
  }
  return diagnoses;
}

/** A named targetPort no selected container declares; a number none of their ports has. */
function targetPortDiagnoses(
  object: ObjectRef,
  where: string,
  spec: Json,
  pods: KubeObject[],
): Diagnosis[] {
  const diagnoses: Diagnosis[] = [];
  const declared = new Map<string, Json>();
  for (const pod of pods)
    for (const container of (pod.spec?.containers ?? []) as Json[])
      for (const port of (container.ports ?? []) as Json[])
        declared.set(
          `${container.name}:${port.name ?? ''}:${port.containerPort}/${port.protocol ?? 'TCP'}`,
          { ...port, container: container.name },
        );
  const declaredText =
    [...declared.values()]
      .map(
        (port) =>
          `${port.containerPort}/${port.protocol ?? 'TCP'}${port.name ? ` (${port.name})` : ''} in container ${port.container}`,
      )
      .join(', ') || 'none';
  ((spec.ports ?? []) as Json[]).forEach((port, index) => {
    const protocol = port.protocol ?? 'TCP';
    const target = port.targetPort ?? port.port;
    const field = `spec.ports[${index}].targetPort`;
    if (typeof target === 'string') {
      const found = [...declared.values()].some(
        (candidate) => candidate.name === target && (candidate.protocol ?? 'TCP') === protocol,
      );
      if (!found)
        diagnoses.push({
          id: 'named-target-port-missing',
          severity: 'error',
          object,
          summary: `${where} port ${port.port} targets the container port named "${target}", which no selected pod declares: it has no endpoints for it.`,
          evidence: [`${field}: "${target}"`, `selected pods declare: ${declaredText}`],
          fix: `Name the container port "${target}" in the pod template, or set ${field} to a port the containers declare.`,
        });
      return;
    }
    if (declared.size === 0) return; // Declaring ports is optional: nothing to compare with.
    const found = [...declared.values()].some(
      (candidate) =>
        candidate.containerPort === target && (candidate.protocol ?? 'TCP') === protocol,
    );
    if (!found)
      diagnoses.push({
        id: 'target-port-not-declared',
        severity: 'warning',
        object,
        summary: `${where} port ${port.port} sends to port ${target}, which none of the selected containers declares; if nothing listens there, connections are refused.`,
        evidence: [`${field}: ${target}`, `selected pods declare: ${declaredText}`],
        fix: `Set ${field} to the port the application listens on (one of the declared ports, most likely), or declare ${target} if it really listens there.`,
      });
  });
  return diagnoses;
}

function podState(pod: KubeObject): string {
  if (pod.metadata.deletionTimestamp) return 'terminating';
  const phase = pod.status?.phase ?? 'Unknown';
  const node = pod.spec?.nodeName ? `on ${pod.spec.nodeName}` : 'not scheduled';
  return `${phase}, not ready, ${node}`;
}
