import type { KubeObject, OwnerReference } from '../../api/kube-object.ts';
import { semanticallyEqual } from '../semantic-equality.ts';
import {
  headlessServiceLabel,
  isHeadless,
  type Pod,
  type Service,
  shouldPodBeInEndpoints,
} from './service-backend.ts';
import {
  type Endpoint,
  type EndpointPort,
  endpointKey,
  endpointPorts,
  podToEndpoint,
  portsKey,
} from './slice-endpoints.ts';
import { withTriggerTime } from './trigger-time-tracker.ts';

/**
 * The EndpointSlice controller's reconciler (k8s.io/endpointslice), as a pure function: from a
 * Service, the pods its selector matches and the slices it already has, the slices to create,
 * update and delete. Endpoints stay in the slice they are in; new ones fill slices that change
 * anyway, then the fullest slice they fit, then new slices of up to 100.
 */

export const sliceControllerName = 'endpointslice-controller.k8s.io';
export const serviceNameLabel = 'kubernetes.io/service-name';
export const sliceManagedByLabel = 'endpointslice.kubernetes.io/managed-by';
const defaultMaxEndpointsPerSlice = 100;

export interface SliceInputs {
  service: Service;
  /** Pods the Service's selector matches, in the Service's namespace. */
  pods: readonly Pod[];
  /** Labels of every node that exists, by node name (for zones, and to skip pods on gone nodes). */
  nodes: ReadonlyMap<string, Record<string, string> | undefined>;
  /** Slices labelled for this Service and managed by this controller. */
  existing: readonly Readonly<KubeObject>[];
  /** `endpoints.kubernetes.io/last-change-trigger-time` for slices written now. */
  triggerTime?: string | undefined;
  maxEndpointsPerSlice?: number;
}

export interface SliceChanges {
  /** New slices: `metadata.generateName` set, no name. */
  create: KubeObject[];
  update: KubeObject[];
  remove: Readonly<KubeObject>[];
}

export function reconcileEndpointSlices(inputs: SliceInputs): SliceChanges {
  const { service, existing } = inputs;
  const max = inputs.maxEndpointsPerSlice ?? defaultMaxEndpointsPerSlice;
  const remove: Readonly<KubeObject>[] = [];
  const create: KubeObject[] = [];
  const update: KubeObject[] = [];

  // The cluster is single-stack IPv4: slices of any other address type go.
  const existingByPorts = new Map<string, Readonly<KubeObject>[]>();
  const candidates: Readonly<KubeObject>[] = [];
  for (const slice of existing) {
    if (slice.addressType !== 'IPv4' || !ownedBy(slice, service)) {
      remove.push(slice);
      continue;
    }
    candidates.push(slice);
    const key = portsKey(slice.ports);
    existingByPorts.set(key, [...(existingByPorts.get(key) ?? []), slice]);
  }

  const desired = desiredEndpoints(inputs);
  for (const [key, group] of desired) {
    const changes = reconcileGroup(service, existingByPorts.get(key) ?? [], group, max);
    create.push(...changes.create);
    update.push(...changes.update);
    remove.push(...changes.remove);
  }
  for (const [key, slices] of existingByPorts) {
    if (!desired.has(key)) remove.push(...slices);
  }

  // A Service always has at least one slice: an empty placeholder when nothing else would exist.
  const removedCandidates = candidates.filter((slice) => remove.includes(slice)).length;
  if (removedCandidates === candidates.length && create.length === 0) {
    const placeholder = newSlice(service, []);
    const onlyRemoval = remove.length === 1 ? remove[0] : undefined;
    if (onlyRemoval && isEquivalentPlaceholder(onlyRemoval, placeholder)) remove.length = 0;
    else create.push(placeholder);
  }

  return finalize(service, create, update, remove, inputs.triggerTime);
}

/** Desired endpoints grouped by the exact ports they resolve to, keyed by `portsKey`. */
function desiredEndpoints(
  inputs: SliceInputs,
): Map<string, { ports: EndpointPort[]; endpoints: Map<string, Endpoint> }> {
  const { service, pods, nodes } = inputs;
  const groups = new Map<string, { ports: EndpointPort[]; endpoints: Map<string, Endpoint> }>();
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  for (const pod of [...pods].sort(byName)) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = endpointPorts(service, pod);
    const key = portsKey(ports);
    let group = groups.get(key);
    if (!group) {
      group = { ports, endpoints: new Map() };
      groups.set(key, group);
    }
    const nodeName: string | undefined = pod.spec?.nodeName || undefined;
    const nodeKnown = nodeName !== undefined && nodes.has(nodeName);
    // A pod on a node that no longer exists is left out, unless not-ready addresses are published.
    if (!nodeKnown && !publishNotReady) continue;
    const endpoint = podToEndpoint(pod, service, nodeKnown ? nodes.get(nodeName!) : undefined);
    if (endpoint.addresses.length > 0) group.endpoints.set(endpointKey(endpoint), endpoint);
  }
  return groups;
}

/** One group of slices sharing a port set: keep what is still wanted, then place the rest. */
function reconcileGroup(
  service: Service,
  existing: readonly Readonly<KubeObject>[],
  desired: { ports: EndpointPort[]; endpoints: Map<string, Endpoint> },
  max: number,
): SliceChanges {
  const remaining = new Map(desired.endpoints);
  const byName = new Map<string, KubeObject>();
  const unchanged: string[] = [];
  const toUpdate: string[] = [];
  const toDelete: Readonly<KubeObject>[] = [];

  for (const slice of existing) {
    const name = slice.metadata.name!;
    const kept: Endpoint[] = [];
    let endpointChanged = false;
    for (const endpoint of (slice.endpoints ?? []) as Endpoint[]) {
      const key = endpointKey(endpoint);
      const wanted = remaining.get(key);
      if (!wanted) continue;
      kept.push(wanted);
      if (!semanticallyEqual(wanted, endpoint)) endpointChanged = true;
      remaining.delete(key);
    }
    const labels = sliceLabels(slice.metadata.labels, service);
    const current = (slice.endpoints ?? []) as Endpoint[];
    if (endpointChanged || current.length !== kept.length) {
      if (kept.length === 0) {
        toDelete.push(slice);
      } else {
        byName.set(name, {
          ...structuredClone(slice),
          endpoints: kept,
          metadata: { ...structuredClone(slice.metadata), labels: labels.labels },
        });
        toUpdate.push(name);
      }
    } else if (labels.changed) {
      byName.set(name, {
        ...structuredClone(slice),
        metadata: { ...structuredClone(slice.metadata), labels: labels.labels },
      });
      toUpdate.push(name);
    } else {
      byName.set(name, structuredClone(slice) as KubeObject);
      unchanged.push(name);
    }
  }

  const takeNext = (): Endpoint => {
    const [key, endpoint] = remaining.entries().next().value as [string, Endpoint];
    remaining.delete(key);
    return endpoint;
  };

  // Slices being written anyway take new endpoints first, fullest first.
  if (remaining.size > 0 && toUpdate.length > 0) {
    const fullestFirst = toUpdate
      .map((name) => byName.get(name)!)
      .sort((a, b) => (b.endpoints?.length ?? 0) - (a.endpoints?.length ?? 0));
    for (const slice of fullestFirst) {
      slice.endpoints = [...(slice.endpoints ?? [])];
      while (remaining.size > 0 && slice.endpoints.length < max) slice.endpoints.push(takeNext());
    }
  }

  const create: KubeObject[] = [];
  while (remaining.size > 0) {
    let target: KubeObject | undefined;
    if (remaining.size < max && unchanged.length > 0) {
      target = sliceToFill(
        unchanged.map((name) => byName.get(name)!),
        remaining.size,
        max,
      );
    }
    if (!target) target = newSlice(service, desired.ports);
    target.endpoints = [...(target.endpoints ?? [])];
    while (remaining.size > 0 && target.endpoints.length < max) target.endpoints.push(takeNext());
    const name = target.metadata.name;
    if (name) {
      if (!toUpdate.includes(name)) toUpdate.push(name);
      unchanged.splice(unchanged.indexOf(name), 1);
    } else {
      create.push(target);
    }
  }

  return { create, update: toUpdate.map((name) => byName.get(name)!), remove: toDelete };
}

/** The unchanged slice that ends up closest to full once `count` endpoints are added to it. */
function sliceToFill(slices: KubeObject[], count: number, max: number): KubeObject | undefined {
  let best: KubeObject | undefined;
  let bestRoom = max;
  for (const slice of slices) {
    const room = max - (count + (slice.endpoints?.length ?? 0));
    if (room >= 0 && room < bestRoom) {
      bestRoom = room;
      best = slice;
      if (room === 0) break;
    }
  }
  return best;
}

/**
 * Turns creates into updates of slices that would otherwise be deleted (fewer writes, stable
 * names), stamps the trigger time, and creates nothing for a Service that is being deleted.
 */
function finalize(
  service: Service,
  create: KubeObject[],
  update: KubeObject[],
  remove: Readonly<KubeObject>[],
  triggerTime: string | undefined,
): SliceChanges {
  const creates = [...create];
  const updates = [...update];
  const removals = [...remove];
  for (let i = 0; i < removals.length && creates.length > 0; ) {
    const doomed = removals[i]!;
    const replacement = creates.at(-1)!;
    if (doomed.addressType === replacement.addressType && ownedBy(doomed, service)) {
      creates.pop();
      // The replacement's metadata wins, under the doomed slice's name (an unconditional update).
      const { generateName: _generateName, ...rest } = replacement.metadata;
      updates.push({
        ...replacement,
        metadata: {
          ...rest,
          name: doomed.metadata.name,
          ...(doomed.metadata.generateName ? { generateName: doomed.metadata.generateName } : {}),
        },
      });
      removals.splice(i, 1);
    } else {
      i++;
    }
  }
  const stamp = (slice: KubeObject): KubeObject => {
    const annotations = withTriggerTime(slice.metadata.annotations, triggerTime);
    const metadata = { ...slice.metadata };
    if (annotations) metadata.annotations = annotations;
    else delete metadata.annotations;
    return {
      ...slice,
      metadata,
      endpoints: nullIfEmpty(slice.endpoints),
      ports: nullIfEmpty(slice.ports),
    };
  };
  return {
    create: service.metadata.deletionTimestamp ? [] : creates.map(stamp),
    update: updates.map(stamp),
    remove: removals,
  };
}

/** A new slice for the Service with these ports, named by the API server from `<service>-`. */
function newSlice(service: Service, ports: EndpointPort[]): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${service.metadata.name}-`,
      namespace: service.metadata.namespace,
      labels: sliceLabels(undefined, service).labels,
      ownerReferences: [serviceOwnerReference(service)],
    },
    addressType: 'IPv4',
    endpoints: [],
    ports,
  };
}

function serviceOwnerReference(service: Service): OwnerReference {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    name: service.metadata.name!,
    uid: service.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}

/**
 * A slice carries its Service's labels, except the three the controller reserves for itself;
 * `changed` says whether the Service's own labels differ from what the slice has.
 */
function sliceLabels(
  current: Record<string, string> | undefined,
  service: Service,
): { labels: Record<string, string>; changed: boolean } {
  const reserved = new Set([serviceNameLabel, sliceManagedByLabel, headlessServiceLabel]);
  const unreserved = (labels: Record<string, string> | undefined) =>
    Object.fromEntries(Object.entries(labels ?? {}).filter(([key]) => !reserved.has(key)));
  const fromService = unreserved(service.metadata.labels);
  const changed = !semanticallyEqual(unreserved(current), fromService);
  const labels: Record<string, string> = { ...fromService };
  if (isHeadless(service)) labels[headlessServiceLabel] = '';
  labels[serviceNameLabel] = service.metadata.name!;
  labels[sliceManagedByLabel] = sliceControllerName;
  return { labels, changed };
}

function ownedBy(slice: Readonly<KubeObject>, service: Service): boolean {
  return (slice.metadata.ownerReferences ?? []).some(
    (ref) => ref.uid === service.metadata.uid && ref.kind === 'Service' && ref.apiVersion === 'v1',
  );
}

/** An existing slice that already is the placeholder we would create: keep it. */
function isEquivalentPlaceholder(slice: Readonly<KubeObject>, placeholder: KubeObject): boolean {
  return (
    slice.metadata.namespace === placeholder.metadata.namespace &&
    semanticallyEqual(slice.metadata.labels, placeholder.metadata.labels) &&
    slice.addressType === placeholder.addressType &&
    semanticallyEqual(slice.endpoints, []) &&
    semanticallyEqual(slice.ports, [])
  );
}

/** Stored empty lists read back as `null`, as they do from the real API server. */
function nullIfEmpty<T>(list: T[] | null | undefined): T[] | null {
  return list && list.length > 0 ? list : null;
}

function byName(a: Pod, b: Pod): number {
  const left = a.metadata.name ?? '';
  const right = b.metadata.name ?? '';
  return left < right ? -1 : left > right ? 1 : 0;
}
