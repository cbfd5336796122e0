import type { Json, KubeObject } from '../../api/kube-object.ts';
import { controllerRefOf } from '../owner-references.ts';
import { parseQuantity } from './resource-quantity.ts';

export type SchedulingChoice = { nodeName: string } | { unschedulable: string };

interface NodeVerdict {
  reasons: string[];
  /** Could evicting lower-priority pods help? Only for resource and port shortages. */
  resolvable: boolean;
}

/**
 * Where the default scheduler would put `pod`, given the nodes and the pods already bound
 * (terminating ones still hold their resources). Filters run in the default profile's order
 * and a node stops at its first failing filter; among feasible nodes the sandbox spreads
 * replicas of one owner (fewest pods of that owner, then fewest pods, then by name), which is
 * what topology spreading and balanced allocation add up to on an idle kind cluster.
 */
export function chooseNode(
  pod: Readonly<KubeObject>,
  nodes: readonly Readonly<KubeObject>[],
  boundPods: readonly Readonly<KubeObject>[],
): SchedulingChoice {
  const podsByNode = new Map<string, Readonly<KubeObject>[]>();
  for (const other of boundPods) {
    const node = other.spec?.nodeName;
    if (!node || other.metadata.uid === pod.metadata.uid) continue;
    podsByNode.set(node, [...(podsByNode.get(node) ?? []), other]);
  }
  const feasible: Readonly<KubeObject>[] = [];
  const failures = new Map<string, NodeVerdict>();
  for (const node of nodes) {
    const verdict = filterNode(pod, node, podsByNode.get(node.metadata.name!) ?? []);
    if (verdict) failures.set(node.metadata.name!, verdict);
    else feasible.push(node);
  }
  if (feasible.length === 0) return { unschedulable: unschedulableMessage(nodes.length, failures) };

  const owner = controllerRefOf(pod)?.uid;
  const score = (node: Readonly<KubeObject>) => {
    const pods = podsByNode.get(node.metadata.name!) ?? [];
    const ofOwner = owner ? pods.filter((p) => controllerRefOf(p)?.uid === owner).length : 0;
    return [ofOwner, pods.length] as const;
  };
  const best = [...feasible].sort((a, b) => {
    const [ownerA, totalA] = score(a);
    const [ownerB, totalB] = score(b);
    if (ownerA !== ownerB) return ownerA - ownerB;
    if (totalA !== totalB) return totalA - totalB;
    return a.metadata.name! < b.metadata.name! ? -1 : 1;
  })[0]!;
  return { nodeName: best.metadata.name! };
}

/** Undefined when the node fits; otherwise why not, in the scheduler's words. */
export function filterNode(
  pod: Readonly<KubeObject>,
  node: Readonly<KubeObject>,
  podsOnNode: readonly Readonly<KubeObject>[],
): NodeVerdict | undefined {
  const tolerations: Json[] = pod.spec?.tolerations ?? [];
  if (
    node.spec?.unschedulable &&
    !tolerations.some((t) =>
      tolerates(t, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }),
    )
  ) {
    return { reasons: ['node(s) were unschedulable'], resolvable: false };
  }
  const taint = ((node.spec?.taints as Json[] | undefined) ?? []).find(
    (t) =>
      (t.effect === 'NoSchedule' || t.effect === 'NoExecute') &&
      !tolerations.some((toleration) => tolerates(toleration, t)),
  );
  if (taint) {
    return {
      reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`],
      resolvable: false,
    };
  }
  if (!matchesNodeSelection(pod, node)) {
    return { reasons: ["node(s) didn't match Pod's node affinity/selector"], resolvable: false };
  }
  if (hostPortsClash(pod, podsOnNode)) {
    return {
      reasons: ["node(s) didn't have free ports for the requested pod ports"],
      resolvable: true,
    };
  }
  const shortages = resourceShortages(pod, node, podsOnNode);
  if (shortages.length > 0) return { reasons: shortages, resolvable: true };
  return undefined;
}

/** `v1helper.TolerationsTolerateTaint` for one toleration. */
export function tolerates(toleration: Json, taint: Json): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  const operator = toleration.operator ?? 'Equal';
  if (!toleration.key) return operator === 'Exists';
  if (toleration.key !== taint.key) return false;
  return operator === 'Exists' || (toleration.value ?? '') === (taint.value ?? '');
}

function matchesNodeSelection(pod: Readonly<KubeObject>, node: Readonly<KubeObject>): boolean {
  const labels = node.metadata.labels ?? {};
  const selector: Record<string, string> = pod.spec?.nodeSelector ?? {};
  if (!Object.entries(selector).every(([key, value]) => labels[key] === value)) return false;
  const terms: Json[] | undefined =
    pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return true;
  return terms.some((term) => nodeSelectorTermMatches(term, node));
}

function nodeSelectorTermMatches(term: Json, node: Readonly<KubeObject>): boolean {
  const expressions: Json[] = term.matchExpressions ?? [];
  const fields: Json[] = term.matchFields ?? [];
  if (expressions.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  return (
    expressions.every((e) => requirementMatches(e, labels[e.key])) &&
    fields.every((e) =>
      requirementMatches(e, e.key === 'metadata.name' ? node.metadata.name : undefined),
    )
  );
}

function requirementMatches(requirement: Json, value: string | undefined): boolean {
  const values: string[] = requirement.values ?? [];
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
      return value !== undefined && Number(value) > Number(values[0]);
    case 'Lt':
      return value !== undefined && Number(value) < Number(values[0]);
    default:
      return false;
  }
}

function hostPorts(pod: Readonly<KubeObject>): string[] {
  const containers: Json[] = pod.spec?.containers ?? [];
  return containers.flatMap((c) =>
    ((c.ports as Json[] | undefined) ?? [])
      .filter((p) => p.hostPort)
      .map((p) => `${p.protocol ?? 'TCP'}/${p.hostPort}`),
  );
}

function hostPortsClash(
  pod: Readonly<KubeObject>,
  podsOnNode: readonly Readonly<KubeObject>[],
): boolean {
  const wanted = hostPorts(pod);
  if (wanted.length === 0) return false;
  const taken = new Set(podsOnNode.flatMap(hostPorts));
  return wanted.some((port) => taken.has(port));
}

/** What the pod asks for: the larger of its containers' sum and its biggest init container. */
export function podRequests(pod: Readonly<KubeObject>): { cpu: number; memory: number } {
  const of = (c: Json, resource: string) =>
    parseQuantity(c.resources?.requests?.[resource] ?? c.resources?.limits?.[resource]) ?? 0;
  const containers: Json[] = pod.spec?.containers ?? [];
  const inits: Json[] = pod.spec?.initContainers ?? [];
  const total = (resource: string) =>
    Math.max(
      containers.reduce((sum, c) => sum + of(c, resource), 0),
      ...inits.map((c) => of(c, resource)),
    );
  return { cpu: total('cpu'), memory: total('memory') };
}

function resourceShortages(
  pod: Readonly<KubeObject>,
  node: Readonly<KubeObject>,
  podsOnNode: readonly Readonly<KubeObject>[],
): string[] {
  const allocatable: Json = node.status?.allocatable ?? {};
  const reasons: string[] = [];
  const maxPods = parseQuantity(allocatable.pods);
  if (maxPods !== undefined && podsOnNode.length + 1 > maxPods) reasons.push('Too many pods');
  const wanted = podRequests(pod);
  const used = podsOnNode.map(podRequests);
  for (const resource of ['cpu', 'memory'] as const) {
    const capacity = parseQuantity(allocatable[resource]);
    if (capacity === undefined || wanted[resource] === 0) continue;
    const inUse = used.reduce((sum, r) => sum + r[resource], 0);
    if (inUse + wanted[resource] > capacity + 1e-9) reasons.push(`Insufficient ${resource}`);
  }
  return reasons;
}

/**
 * The FailedScheduling message: a histogram of reasons over all nodes, then what preemption
 * concluded (`0/3 nodes are available: 1 node(s) had untolerated taint {…}, 2 … . preemption: …`).
 */
export function unschedulableMessage(
  nodeCount: number,
  failures: ReadonlyMap<string, NodeVerdict>,
): string {
  if (nodeCount === 0) return 'no nodes available to schedule pods';
  const histogram = (entries: string[]) => {
    const counts = new Map<string, number>();
    for (const entry of entries) counts.set(entry, (counts.get(entry) ?? 0) + 1);
    return [...counts]
      .map(([reason, count]) => `${count} ${reason}`)
      .sort()
      .join(', ');
  };
  const verdicts = [...failures.values()];
  const reasons = histogram(verdicts.flatMap((v) => v.reasons));
  const preemption = histogram(
    verdicts.map((v) =>
      v.resolvable
        ? 'No preemption victims found for incoming pod'
        : 'Preemption is not helpful for scheduling',
    ),
  );
  return `0/${nodeCount} nodes are available: ${reasons}. preemption: 0/${nodeCount} nodes are available: ${preemption}.`;
}
